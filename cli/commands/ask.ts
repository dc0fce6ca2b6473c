/**
 * `med42 ask "question"`: one question, streamed answer, then the disclaimer; `--json` for tools.
 */
import type {Command} from "commander";
import {Med42Assistant} from "../../shared/assistant";
import type {AssistantOptions} from "../../shared/assistant";
import {checkAuditBeforeAnswer} from "../../shared/audit/auditStore";
import {addModelOptions, type ModelFlags, toAssistantOptions} from "../assistantOptions";
import {CliError} from "../cliError";
import {showModelStatus} from "../modelStatus";
import {readStdin, withInterrupt} from "../readInput";
import {printAnswerStream} from "../renderAnswer";
import {jsonForTerminal} from "../../shared/terminalText";

interface AskFlags extends ModelFlags { json?: boolean }

/**
 * One question per process: one sequence, and the system prompt evaluated with the question (as a bare
 * node-llama-cpp script does) instead of primed into two sequences at load, which cost a second KV cache, a state
 * copy and the prompt split over more, smaller batches for nothing (docs/performance.md, issue 17).
 */
export function askAssistantOptions(flags: ModelFlags): AssistantOptions {
    return {...toAssistantOptions(flags), sequences: 1, primeSystemPrompt: false};
}

export function register(program: Command): void {
    addModelOptions(program.command("ask")
        .description("ask Med42 one question (use - to read the question from stdin)")
        .argument("[question...]", "the question")
        .option("--json", "print one JSON object at the end instead of streaming"))
        .addHelpText("after", "\nExamples:\n  med42 ask \"What is hypertension?\"\n  echo \"What is gout?\" | med42 ask - --json")
        .action(async (words: string[], flags: AskFlags) => {
            let question = words.join(" ");
            if (question === "-") question = await readStdin();
            if (!question.trim()) throw new CliError("no question given (see med42 ask --help)", 2);
            const options = askAssistantOptions(flags);
            const assistant = new Med42Assistant(options);
            const status = showModelStatus(assistant);
            try {
                // No answer without its audit record: a central audit log that cannot be reached stops it here,
                // except for an escalation (crisis resources are never withheld; its failed audit is reported after it).
                await checkAuditBeforeAnswer(options.audit, () => assistant.decide(question.trim(), "cli"));
                await withInterrupt(async (signal) => {
                    const stream = assistant.ask({messages: [{role: "user", content: question.trim()}], surface: "cli", signal});
                    if (flags.json) {
                        const r = await stream.result;
                        process.stdout.write(jsonForTerminal({
                            text: r.text, answer: r.answer, disclaimer: r.disclaimer.text,
                            policy: {action: r.policy.action, category: r.policy.category, rules: r.policy.rules},
                            usage: r.usage, model: r.model, stopReason: r.stopReason
                        }) + "\n");
                    } else {
                        await printAnswerStream(stream);
                    }
                });
            } finally {
                status.dispose();
                await assistant.dispose();
            }
        });
}
