/**
 * The one core API used by the CLI, the VS Code extension and the Slack bot (implemented by `Med42Assistant` in
 * shared/assistant.ts). Front ends render these events; they never talk to node-llama-cpp or the policy directly.
 */
import type {ChatMessage, SamplingOptions, Surface, Usage} from "./types";
import type {Disclaimer, PolicyDecision} from "./policy/types";
import type {TranscriptEntry} from "./policy/conversationGuard";
import type {SummaryProgressListener} from "./summaryProgress";

/** The model's lifecycle, for status bars and "Download model" buttons. */
export type ModelState =
    | {status: "idle"; model: string}
    | {status: "not-downloaded"; model: string; sizeBytes?: number}
    | {status: "downloading"; model: string; receivedBytes: number; totalBytes?: number}
    | {status: "loading"; model: string}
    | {status: "ready"; model: string; path: string}
    | {status: "error"; model: string; message: string};

export interface AskRequest {
    /** The conversation so far; the last message is the user's question. */
    messages: ChatMessage[];
    surface: Surface;
    /** Used (hashed) in the audit log and for per-user limits. */
    userId?: string;
    /** Lets a follow-up turn reuse the KV cache of the sequence that served the conversation. */
    conversationId?: string;
    signal?: AbortSignal;
    sampling?: SamplingOptions;
    /** Overrides the system prompt for this request (tasks such as explain). Default: Med42's. */
    systemPrompt?: string;
    /**
     * The asker's locale ("en-GB"; a Slack user's own): picks the crisis and emergency numbers of this request, unless
     * the policy file sets a locale. Default, and for a locale with no resources: the assistant's (`locale` option).
     */
    locale?: string;
}

export interface SummarizeRequest {
    text: string;
    surface: Surface;
    userId?: string;
    /** Extra instruction, e.g. "for a discharge letter". */
    instruction?: string;
    /** The asker's locale: the numbers shown with self-harm or an emergency in a conversation (as AskRequest.locale). */
    locale?: string;
    signal?: AbortSignal;
    /**
     * Progress: passes done of passes expected (one per chunk of a long document, then the combining ones), the
     * share of the work done, and each chunk's summary as it is done. Also sent as "progress" events.
     */
    onProgress?: SummaryProgressListener;
}

export interface SummarizeConversationRequest extends Omit<SummarizeRequest, "text"> {
    /** The messages, oldest first, each with how the transcript names its writer. */
    conversation: TranscriptEntry[];
}

export type AnswerEvent =
    /** The policy's decision on the request, before any model call. */
    | {type: "decision"; decision: PolicyDecision}
    /** Waiting behind other requests; position 1 = next. */
    | {type: "queued"; position: number}
    /** The model started generating for this request. */
    | {type: "started"}
    /** A summary's progress (summaries only): passes done of expected, and the share of the work done (0 to 1). */
    | {type: "progress"; done: number; total: number; fraction: number}
    /** A chunk of model text. */
    | {type: "text"; text: string}
    /** Output screening replaced everything streamed so far with a policy message. */
    | {type: "replaced"; decision: PolicyDecision; text: string}
    /** An attachment is too long for the model's context: it is being summarised first (a map-reduce pass). */
    | {type: "condensing"; label: string; tokens: number}
    /** The attachment was replaced by its summary in what the model is given. */
    | {type: "condensed"; label: string; tokens: number; summaryTokens: number};

/** "interrupted": the model server failed mid-answer; the partial answer is kept and `interruption` says so. */
export type StopReason = "eos" | "maxTokens" | "abort" | "policy" | "interrupted";

export interface AnswerResult {
    /** Everything shown: the answer (or the policy message) followed by the disclaimer. */
    text: string;
    /** The model's own text ("" when the model was not called or its answer was replaced). */
    answer: string;
    disclaimer: Disclaimer;
    policy: PolicyDecision;
    usage: Usage;
    /** The resolved model file, or the model and server that answered. */
    model: string;
    stopReason: StopReason;
    /**
     * With stopReason "interrupted": why the answer stopped early, fit to show with it (it is also in `text`, before
     * the disclaimer). `answer` then holds the partial answer.
     */
    interruption?: string;
    /** Attachments summarised to fit the context (what the model was given instead of their full text). */
    condensed?: {label: string; tokens: number; summaryTokens: number}[];
}

/** Iterate for live events; `result` resolves when the request ends (rejects on errors such as a missing model). */
export interface AnswerStream extends AsyncIterable<AnswerEvent> {
    readonly result: Promise<AnswerResult>;
    /**
     * The disclaimer that goes under anything this request shows, known before the first event: when `result`
     * rejects after text was shown (the model crashed, the audit log could not be written), front ends still put it
     * under that text.
     */
    readonly disclaimer: Disclaimer;
}
