/**
 * The `med42` command-line tool: every subcommand lives in cli/commands/ and registers itself here.
 */
// First: the policy's patterns are compiled at their first run (its first decision: 0.1 s of CPU instead of 1 s).
import "../shared/regexpCompilation";
import {Command, CommanderError} from "commander";
import {CliError} from "./cliError";
import {ModelReferenceError} from "../shared/models/errors";
import {InvalidNumberError} from "../shared/options";
import {PolicyConfigError} from "../shared/policy/policyConfig";
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
        // Usage errors are printed by main() as one line; subcommands inherit this (configured before they exist).
        .configureOutput({outputError: () => undefined})
        .exitOverride();
    for (const register of commands) register(program);
    program.commands.forEach((c) => c.exitOverride());
    return program;
}

/** Commander's "error: unknown option '--x'\n(Did you mean --y?)" as one line. */
function usageLine(message: string): string {
    return message.replace(/^error:\s*/i, "").split("\n").map((l) => l.trim()).filter(Boolean).join(" ");
}

/** `med42 ask --help` when the arguments name a subcommand, else `med42 --help`. */
function helpCommand(program: Command, argv: string[]): string {
    const words = argv.slice(2);
    const sub = program.commands.find((c) => words.includes(c.name()) || c.aliases().some((a) => words.includes(a)));
    return sub ? `med42 ${sub.name()} --help` : "med42 --help";
}

/** Runs the CLI and returns the exit code; errors become one clear line on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
    const program = buildProgram();
    try {
        await program.parseAsync(argv);
        return typeof process.exitCode === "number" ? process.exitCode : 0;
    } catch (err) {
        if (err instanceof CommanderError) {
            // Help and version text are already printed; a usage error becomes one line naming the help to read.
            if (err.exitCode === 0 || err.code === "commander.help") return err.exitCode === 0 ? 0 : 2;
            process.stderr.write(`med42: ${usageLine(err.message)} (see \`${helpCommand(program, argv)}\`)\n`);
            return 2;
        }
        if (err instanceof CliError) {
            process.stderr.write(`med42: ${err.message}\n`);
            return err.exitCode;
        }
        // Configuration the user gave (a policy file, a model name, MED42_THREADS): exit 2 in every command.
        if (err instanceof PolicyConfigError || err instanceof ModelReferenceError || err instanceof InvalidNumberError) {
            process.stderr.write(`med42: ${err.message}\n`);
            return 2;
        }
        process.stderr.write(`med42: ${err instanceof Error ? err.message : String(err)}\n`);
        if (process.env.MED42_DEBUG) console.error(err);
        return 1;
    }
}
