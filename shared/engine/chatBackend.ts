/**
 * The seam between the core and whatever runs the model: llama.cpp in-process (LlamaCppBackend), or OpenAI-compatible
 * model servers such as vLLM, llama.cpp's llama-server or Ollama (ServerChatBackend, shared/engine/server/). The
 * front ends and the assistant's policy, disclaimer, screening and audit do not change with the backend.
 */
import type {ChatMessage, Usage} from "../types";

export interface ResolvedSampling {
    temperature: number;
    topK: number;
    topP: number;
    maxTokens: number;
    /** Undefined: a fresh random seed for each request. */
    seed?: number;
}

export interface GenerateRequest {
    systemPrompt: string;
    /** Conversation, oldest first; the last message is the user's. Trimmed by the backend to fit its context. */
    messages: ChatMessage[];
    sampling: ResolvedSampling;
    /** Routes follow-ups to the sequence that still holds the conversation's KV cache. */
    conversationId?: string;
    /**
     * Constrain the answer to JSON matching this schema (llama.cpp grammar sampling), e.g. for the policy's model
     * check. The schema uses the JSON-schema subset node-llama-cpp supports (objects, enums, strings, numbers, arrays).
     */
    jsonSchema?: Readonly<Record<string, unknown>>;
    signal?: AbortSignal;
    onQueuePosition?: (position: number) => void;
    onStart?: () => void;
    onText?: (text: string) => void;
    /**
     * Called for every batch of generated tokens, including tokens that print nothing (special tokens), so time to
     * first token and generation speed can be measured even when no text streams yet.
     */
    onToken?: (count: number) => void;
    /**
     * Called while the prompt is evaluated, with the prompt tokens evaluated so far (a few times a second at most): a
     * long prompt (a document to summarise) takes minutes on a CPU before the first token.
     */
    onPromptProgress?: (evaluatedTokens: number) => void;
}

export interface GenerateResult {
    text: string;
    /** "interrupted": a model server failed after the answer had started; `text` is the partial answer. */
    stopReason: "eos" | "maxTokens" | "abort" | "interrupted";
    /** Why the answer was interrupted, fit for users (with stopReason "interrupted"). */
    interruption?: string;
    /** Which model (and server) produced this answer, when it differs per request (a pool of servers). */
    model?: string;
    usage: Usage & {
        /** Prompt tokens actually evaluated (the rest came from the KV cache). */
        evaluatedPromptTokens: number;
    };
    /** Oldest messages dropped to fit the context. */
    droppedMessages: number;
}

export interface ChatBackend {
    /** Human-readable description of the model (file path or URL). */
    readonly modelDescription: string;
    /** Tokens the context holds per conversation. */
    readonly contextSize: number;
    /**
     * Requests it generates at the same time (the rest wait in its queue); undefined: one. Work made of independent
     * requests (a long document's parts) sends up to this many at once.
     */
    readonly parallelSequences?: number;
    /** Loads the model (idempotent); generate() calls it too. */
    load(signal?: AbortSignal): Promise<void>;
    generate(request: GenerateRequest): Promise<GenerateResult>;
    countTokens(text: string): Promise<number>;
    dispose(): Promise<void>;
}

/** The input does not fit in the context even with the history dropped. The message is fit for users. */
export class InputTooLongError extends Error {
    constructor(readonly inputTokens: number, readonly availableTokens: number) {
        super(`The message is too long for the model: it needs about ${inputTokens} tokens but only ` +
            `${availableTokens} are available (the context also keeps room for the answer). ` +
            "Shorten it, or summarize the text first.");
        this.name = "InputTooLongError";
    }
}

/** The context cannot hold the system prompt and the room kept for the answer, whatever the question. Fit for users. */
export class ContextTooSmallError extends Error {
    constructor(readonly contextSize: number, readonly systemPromptTokens: number, readonly answerTokens: number) {
        super(`The context size (${contextSize} tokens) is too small: the system prompt alone needs about ` +
            `${systemPromptTokens} tokens, and ${answerTokens} more are kept for the answer. Raise the context size ` +
            "(Med42-v2 was trained with 8192) or lower the answer's max tokens.");
        this.name = "ContextTooSmallError";
    }
}
