/**
 * The `med42` command-line tool: every subcommand lives in cli/commands/ and registers itself here.
 */
// First: the policy's patterns are compiled at their first run (its first decision: 0.1 s of CPU instead of 1 s).
import "../shared/regexpCompilation";
import {Command, CommanderError} from "commander";
import {CliError} from "./cliError";
import {register as registerAsk} from "./commands/ask";
import {register as registerAudit} from "./commands/audit";
import {register as registerChat} from "./commands/chat";
import {register as registerEval} from "./commands/eval";
import {register as registerModels} from "./commands/models";
import {register as registerPolicy} from "./commands/policy";
import {register as registerPull} from "./commands/pull";
import {register as registerSummarize} from "./commands/summarize";

type Register = (program: Command) => void;

/** Subcommand modules, in the order `--help` lists them. */
const commands: Register[] = [
    registerAsk,
    registerChat,
    registerSummarize,
    registerPull,
    registerModels,
    registerEval,
    registerPolicy,
    registerAudit,
];

export function buildProgram(): Command {
    const program = new Command("med42")
        .description("Med42-v2 clinical assistant, running locally through llama.cpp.\n" +
            "Not for clinical use: answers may be incorrect or harmful; verify with authoritative sources.")
        .version(require("../../package.json").version)
        .showHelpAfterError("(run with --help for usage)")
        .exitOverride();
    for (const register of commands) register(program);
    program.commands.forEach((c) => c.exitOverride());
    return program;
}

/** Runs the CLI and returns the exit code; errors become one clear line on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
    const program = buildProgram();
    try {
        await program.parseAsync(argv);
        return typeof process.exitCode === "number" ? process.exitCode : 0;
    } catch (err) {
        if (err instanceof CommanderError) {
            // Commander already printed the message (or the help/version text).
            return err.exitCode === 0 ? 0 : 2;
        }
        if (err instanceof CliError) {
            process.stderr.write(`med42: ${err.message}\n`);
            return err.exitCode;
        }
        process.stderr.write(`med42: ${err instanceof Error ? err.message : String(err)}\n`);
        if (process.env.MED42_DEBUG) console.error(err);
        return 1;
    }
}
