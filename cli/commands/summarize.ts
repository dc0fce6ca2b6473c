/**
 * `med42 summarize FILE|-`: a clinician-oriented summary of a clinical document (map-reduce when it is long).
 */
import type {Command} from "commander";
import {Med42Assistant} from "../../shared/assistant";
import {checkAuditReachable} from "../../shared/audit/auditStore";
import {addModelOptions, type ModelFlags, toAssistantOptions} from "../assistantOptions";
import {CliError} from "../cliError";
import {showModelStatus} from "../modelStatus";
import {readTextArgument, withInterrupt} from "../readInput";
import {printAnswerStream} from "../renderAnswer";
import {SummaryProgressDisplay} from "../summaryProgress";
import type {AnswerStream} from "../../shared/assistantTypes";

interface SummarizeFlags extends ModelFlags { instruction?: string }

export function register(program: Command): void {
    addModelOptions(program.command("summarize")
        .alias("summarise")
        .description("summarize a clinical document (FILE, or - for stdin)")
        .argument("<file>", "text file to summarize, or - for stdin")
        .option("-i, --instruction <text>", "extra instruction, e.g. \"for a discharge letter\""))
        .action(async (file: string, flags: SummarizeFlags) => {
            const text = await readTextArgument(file);
            if (!text.trim()) throw new CliError(`${file === "-" ? "stdin" : file} is empty: nothing to summarize`, 2);
            const options = toAssistantOptions(flags);
            const assistant = new Med42Assistant(options);
            const status = showModelStatus(assistant);
            const progress = new SummaryProgressDisplay();
            try {
                // No summary without its audit record: a central audit log that cannot be reached stops it here.
                await checkAuditReachable(options.audit);
                await withInterrupt(async (signal) => {
                    const stream = assistant.summarize({
                        text, surface: "cli", instruction: flags.instruction, signal, onProgress: progress.update
                    });
                    await printAnswerStream(stopsProgress(stream, progress));
                });
            } finally {
                progress.stop();
                status.dispose();
                await assistant.dispose();
            }
        });
}

/** The same stream; the progress bar goes before the summary's first text and before anything printed at the end. */
function stopsProgress(stream: AnswerStream, progress: SummaryProgressDisplay): AnswerStream {
    return {
        result: stream.result,
        disclaimer: stream.disclaimer,
        async *[Symbol.asyncIterator]() {
            for await (const event of stream) {
                if (event.type === "text") progress.stop();
                yield event;
            }
            progress.stop();
        }
    };
}
