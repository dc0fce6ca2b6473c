/**
 * Prints an AnswerStream to a terminal or pipe: policy notices and messages, model text as it streams, then the
 * disclaimer, always last. Everything printed is filtered of terminal controls (shared/terminalText.ts), on a
 * terminal and in a pipe alike, so model text cannot hide the disclaimer, print over it or act on the terminal. When
 * the request fails after something was printed, the disclaimer still follows it before the error is reported.
 */
import type {AnswerResult, AnswerStream} from "../shared/assistantTypes";
import {stripTerminalControls, TerminalTextFilter} from "../shared/terminalText";

export async function printAnswerStream(stream: AnswerStream, out: NodeJS.WriteStream = process.stdout,
    err: NodeJS.WriteStream = process.stderr, prefix = ""): Promise<AnswerResult> {
    let printed = "";
    let shown = false;
    // The prefix (chat's "med42> ") goes right before the answer, after any loading or queue messages.
    let prefixed = false;
    const start = () => { if (!prefixed) { prefixed = true; out.write(prefix); } };
    // Model text streams through one filter (a sequence split across chunks is held back until it is complete);
    // it is flushed before anything else is printed, so an unfinished sequence cannot swallow the next message.
    const modelText = new TerminalTextFilter();
    const write = (text: string) => {
        if (!text) return;
        out.write(text);
        shown = true;
    };
    const writeModel = (text: string) => {
        const safe = modelText.push(text);
        write(safe);
        printed += safe;
    };
    const endModel = () => {
        const safe = modelText.flush();
        write(safe);
        printed += safe;
    };
    const writeMessage = (text: string) => {
        endModel();
        write(stripTerminalControls(text));
    };
    let result: AnswerResult;
    try {
        for await (const ev of stream) {
            switch (ev.type) {
                case "decision":
                    if (ev.decision.action === "answer" && ev.decision.notice) { start(); writeMessage(`${ev.decision.notice}\n\n`); }
                    // An escalation or refusal is printed as soon as it is decided: nothing that fails later can hide it.
                    else if (ev.decision.action !== "answer") { start(); writeMessage(ev.decision.message ?? ""); }
                    break;
                case "queued":
                    if (err.isTTY) err.write(`Waiting for the model (position ${ev.position})…\n`);
                    break;
                case "started":
                    start();
                    break;
                case "text":
                    start();
                    writeModel(ev.text);
                    break;
                case "replaced":
                    // The streamed text was judged harmful: say so plainly, since a terminal cannot unprint it.
                    writeMessage(`${printed ? "\n\n[The answer above was withdrawn by the safety policy.]\n\n" : ""}${ev.text}`);
                    break;
            }
        }
        result = await stream.result;
    } catch (error) {
        // Whatever reached the screen keeps the disclaimer under it; the caller reports the error after it.
        endModel();
        if (shown) out.write(`\n\n${stripTerminalControls(stream.disclaimer.text)}\n`);
        throw error;
    }
    start();
    endModel();
    if (result.stopReason === "abort") out.write(printed ? "\n[stopped]" : "[stopped]");
    // A model server failed mid-answer: the partial answer stays, marked as cut off.
    if (result.interruption) out.write(`${printed ? "\n\n" : ""}${stripTerminalControls(result.interruption)}`);
    out.write(`\n\n${stripTerminalControls(result.disclaimer.text)}\n`);
    return result;
}
