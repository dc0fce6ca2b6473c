/**
 * How much text one request may bring, checked by the core before the policy or the model sees it, so every surface
 * has the same limits. The policy and the model's tokenizer read everything they are given, synchronously for the
 * policy: without a bound, one pasted megabyte would hold the Slack bot or the VS Code extension host for everyone.
 * Documented in docs/policy.md ("Input limits").
 */
import type {ChatMessage} from "./types";

/** A question (the last user message): about 8,000 tokens, the whole of Med42-v2's default context. */
export const MAX_QUESTION_CHARS = 32_000;
/**
 * The earlier turns sent with a question: more than any context Med42 runs with holds (the backend drops the oldest
 * turns that do not fit anyway); older turns are left out before the policy or the model reads them.
 */
export const MAX_HISTORY_CHARS = 128_000;
/** A document to summarise: about 500,000 tokens, 60-odd map-reduce passes with the default context. */
export const MAX_DOCUMENT_CHARS = 2_000_000;

/** A request over a limit; the message says what to do instead, fit to show as it is. */
export class InputTooLargeError extends Error {
    constructor(readonly what: "question" | "document", readonly length: number, readonly limit: number) {
        super(what === "question"
            ? `The question is too long (${length.toLocaleString("en-US")} characters; the limit is ` +
                `${limit.toLocaleString("en-US")}). Shorten it, or summarize a long text instead of asking about all of it.`
            : `The text to summarize is too long (${length.toLocaleString("en-US")} characters; the limit is ` +
                `${limit.toLocaleString("en-US")}). Summarize it in parts.`);
        this.name = "InputTooLargeError";
    }
}

/** The error for a question over MAX_QUESTION_CHARS, or undefined. */
export function questionTooLarge(text: string): InputTooLargeError | undefined {
    return text.length > MAX_QUESTION_CHARS ? new InputTooLargeError("question", text.length, MAX_QUESTION_CHARS) : undefined;
}

/** The error for a document over MAX_DOCUMENT_CHARS, or undefined. */
export function documentTooLarge(text: string): InputTooLargeError | undefined {
    return text.length > MAX_DOCUMENT_CHARS ? new InputTooLargeError("document", text.length, MAX_DOCUMENT_CHARS) : undefined;
}

/**
 * The conversation with its earlier turns cut to the newest MAX_HISTORY_CHARS (whole turns; it still starts with a
 * user turn). The last message is kept whatever its length: the question has its own limit.
 */
export function withinHistoryLimit(messages: readonly ChatMessage[]): ChatMessage[] {
    const kept: ChatMessage[] = messages.length > 0 ? [messages[messages.length - 1]] : [];
    let used = 0;
    for (let i = messages.length - 2; i >= 0; i--) {
        used += messages[i].content.length;
        if (used > MAX_HISTORY_CHARS) break;
        kept.unshift(messages[i]);
    }
    while (kept.length > 1 && kept[0].role !== "user") kept.shift();
    return kept;
}
