/**
 * A scripted stand-in for the model, for tests that need exact (adversarial) model output: random test weights
 * cannot be made to write an escape sequence or a forged marker. It streams its chunks through the real ChatBackend
 * seam, so everything around the model (policy, screening, disclaimer, audit, front ends) is the real code.
 */
import type {ChatBackend, GenerateRequest, GenerateResult} from "../../shared/engine/chatBackend";

export interface ScriptOptions {
    /** Throw this error after the chunks were streamed (a model crash mid-answer). */
    failWith?: Error;
    /** Wait this long between chunks (lets a front end deliver some before the end). */
    delayMs?: number;
    /** After the chunks, wait until the request is stopped (an answer that only Stop can end). */
    untilStopped?: boolean;
}

export class ScriptedBackend implements ChatBackend {
    readonly modelDescription = "scripted-model.gguf";
    readonly contextSize = 8192;
    readonly requests: GenerateRequest[] = [];

    constructor(private readonly chunks: string[], private readonly options: ScriptOptions = {}) {}

    async load(): Promise<void> {}
    async countTokens(text: string): Promise<number> { return text.length; }
    async dispose(): Promise<void> {}

    async generate(req: GenerateRequest): Promise<GenerateResult> {
        this.requests.push(req);
        req.onStart?.();
        let text = "";
        for (const chunk of this.chunks) {
            if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
            if (req.signal?.aborted) return result(text, "abort", this.chunks.length);
            text += chunk;
            req.onText?.(chunk);
        }
        if (this.options.untilStopped && req.signal) {
            if (!req.signal.aborted) await new Promise((resolve) => req.signal!.addEventListener("abort", resolve, {once: true}));
            return result(text, "abort", this.chunks.length);
        }
        if (this.options.failWith) throw this.options.failWith;
        return result(text, "eos", this.chunks.length);
    }
}

function result(text: string, stopReason: GenerateResult["stopReason"], tokens: number): GenerateResult {
    return {text, stopReason, droppedMessages: 0, usage: {promptTokens: 10, completionTokens: tokens, evaluatedPromptTokens: 10}};
}
