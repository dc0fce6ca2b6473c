/**
 * Prints an AnswerStream to a terminal or pipe: model text as it streams, policy notices, then the disclaimer.
 */
import type {AnswerResult, AnswerStream} from "../shared/assistantTypes";

export async function printAnswerStream(stream: AnswerStream, out: NodeJS.WriteStream = process.stdout,
    err: NodeJS.WriteStream = process.stderr, prefix = ""): Promise<AnswerResult> {
    let printed = "";
    // The prefix (chat's "med42> ") goes right before the answer, after any loading or queue messages.
    let prefixed = false;
    const start = () => { if (!prefixed) { prefixed = true; out.write(prefix); } };
    for await (const ev of stream) {
        switch (ev.type) {
            case "decision":
                if (ev.decision.action === "answer" && ev.decision.notice) { start(); out.write(`${ev.decision.notice}\n\n`); }
                break;
            case "queued":
                if (err.isTTY) err.write(`Waiting for the model (position ${ev.position})…\n`);
                break;
            case "started":
                start();
                break;
            case "text":
                start();
                out.write(ev.text);
                printed += ev.text;
                break;
            case "replaced":
                // The streamed text was judged harmful: say so plainly, since a terminal cannot unprint it.
                out.write(`${printed ? "\n\n[The answer above was withdrawn by the safety policy.]\n\n" : ""}`);
                break;
        }
    }
    const result = await stream.result;
    start();
    const body = result.answer ? "" : result.text.slice(0, result.text.length - result.disclaimer.text.length).trimEnd();
    if (body) out.write(body);
    if (result.stopReason === "abort") out.write(printed ? "\n[stopped]" : "[stopped]");
    // A model server failed mid-answer: the partial answer stays, marked as cut off.
    if (result.interruption) out.write(`${printed ? "\n\n" : ""}${result.interruption}`);
    out.write(`\n\n${result.disclaimer.text}\n`);
    return result;
}
