/**
 * The core's second backend: Med42 on OpenAI-compatible model servers (vLLM, llama-server, Ollama) instead of
 * in-process. The assistant around it is the same, so the policy, the disclaimer, output screening and the audit log
 * run locally exactly as with the local engine; a server only ever sees requests the policy let through, and its
 * text is screened before anyone sees it.
 *
 * Model-card fidelity over the wire: Med42's system prompt, temperature 0.4, top-p 0.75, top-k 150 (`top_k` is not
 * an OpenAI field: vLLM and llama-server honour it as an extra body field, Ollama's OpenAI endpoint ignores it; set
 * `PARAMETER top_k 150` in the Ollama Modelfile instead), max tokens, and stop on <|eot_id|> / <|end_of_text|>.
 * The server applies the chat template: Med42-v2's is Llama 3's (vLLM reads it from the model's tokenizer_config,
 * llama-server from the GGUF).
 */
import type OpenAI from "openai";
import type {ChatMessage} from "../../types";
import {type ChatBackend, type GenerateRequest, type GenerateResult, InputTooLongError, type ResolvedSampling} from "../chatBackend";
import {MED42_CONTEXT_SIZE, MED42_SAMPLING} from "../defaults";
import type {ModelServer} from "./modelServer";
import {describeServers, type ServerOptions} from "./serverConfig";
import {mergeDefined} from "../../options";
import {classifyServerError, ModelServerError} from "./serverErrors";
import {PoolAbortError, ServerPool} from "./serverPool";

export interface ServerChatBackendOptions extends ServerOptions {
    /** Tokens per request when the server does not report its context (Ollama). Default 8192. */
    contextSize?: number;
}

/** Med42-v2's end-of-turn and end-of-text tokens (the model card's stop tokens). */
export const MED42_STOP = ["<|eot_id|>", "<|end_of_text|>"];

/** The smallest question (in tokens) the server's context must leave room for besides the system prompt and answer. */
const MIN_QUESTION_TOKENS = 32;
/** Counting per message cannot see how tokens merge across turn boundaries: keep a little room. */
const SAFETY_TOKENS = 16;

/**
 * Without a tokenizer endpoint (Ollama): Llama 3's tokenizer averages about four bytes per token on English prose and
 * fewer on numbers, code and other scripts; three bytes per token errs on the long side, so history is dropped a
 * little early rather than the server rejecting (or, Ollama, silently truncating) the prompt.
 */
export function estimateTokens(text: string): number {
    return Math.ceil(Buffer.byteLength(text, "utf8") / 3);
}

/**
 * Special-token text in a message ("<|eot_id|>", "<|start_header_id|>") is made inert. The local engine tokenizes
 * message text as plain text; servers render the chat template to a string and parse special-token text in it, so a
 * message containing it could end its own turn and forge a system or assistant turn. A word joiner after "<" keeps the
 * text readable and the tokens ordinary.
 */
export function neutralizeSpecialTokens(text: string): string {
    return text.replace(/<\|(?=[A-Za-z0-9_]+\|>)/g, "<\u2060|");
}

/** The Llama-3 frame of one turn: <|start_header_id|>ROLE<|end_header_id|>\n\n ... <|eot_id|>. */
function turnFrame(role: string): string {
    return `<|start_header_id|>${role}<|end_header_id|>\n\n<|eot_id|>`;
}

/** A streamed chat request with the extra sampling field vLLM and llama-server read. */
type ChatRequest = OpenAI.Chat.ChatCompletionCreateParamsStreaming & {top_k: number};

export class ServerChatBackend implements ChatBackend {
    readonly pool: ServerPool;
    private readonly timeoutMs: number;
    /** Exact token counts by text (the server's tokenizer), so a follow-up does not re-count its history. */
    private readonly counts = new Map<string, number>();

    constructor(private readonly options: ServerChatBackendOptions) {
        this.pool = new ServerPool(options);
        this.timeoutMs = options.timeoutMs ?? 300_000;
    }

    get modelDescription(): string {
        return describeServers(this.options.urls, this.pool.model ?? this.options.model);
    }

    get contextSize(): number {
        return this.pool.contextSize ?? this.options.contextSize ?? MED42_CONTEXT_SIZE;
    }

    load(signal?: AbortSignal): Promise<void> {
        return this.pool.start(signal);
    }

    async countTokens(text: string): Promise<number> {
        await this.load();
        return await this.exactCount(text) ?? estimateTokens(text);
    }

    /** The server's count (cached), or undefined without a tokenizer endpoint. */
    private async exactCount(text: string, signal?: AbortSignal): Promise<number | undefined> {
        const cached = this.counts.get(text);
        if (cached !== undefined) return cached;
        const server = this.pool.anyHealthy();
        const n = server ? await server.countTokens(text, this.pool.model!, signal) : undefined;
        if (n !== undefined) {
            if (this.counts.size > 2000) this.counts.delete(this.counts.keys().next().value!);
            this.counts.set(text, n);
        }
        return n;
    }

    /**
     * Tokens of the prompt the server will build. First an upper bound that needs no request (a byte-level BPE token
     * covers at least one byte); only when that does not fit is the prompt counted by the server's tokenizer, else
     * estimated.
     */
    private async promptTokens(systemPrompt: string, messages: ChatMessage[], budget: number, signal?: AbortSignal): Promise<{tokens: number; exact: boolean}> {
        const turns = [{role: "system", content: systemPrompt}, ...messages];
        const bytes = (s: string) => Buffer.byteLength(s, "utf8");
        // BOS + each turn's frame and text + the assistant header the answer follows.
        const upper = 1 + turns.reduce((n, t) => n + bytes(t.role) + 5 + bytes(t.content.trim()), 0) + bytes("assistant") + 4;
        if (upper + SAFETY_TOKENS <= budget) return {tokens: upper, exact: true};
        let total = 1;
        let exact = true;
        const count = async (text: string, special: boolean) => {
            const n = await this.exactCount(text, signal);
            if (n !== undefined) return n;
            exact = false;
            return special ? 5 : estimateTokens(text);
        };
        for (const t of turns) total += await count(turnFrame(t.role), true) + await count(neutralizeSpecialTokens(t.content.trim()), false);
        total += (await count(turnFrame("assistant"), true)) - 1; // the header without its <|eot_id|>
        return {tokens: total + SAFETY_TOKENS, exact};
    }

    /** Drops the oldest turns until the prompt and the answer fit; the system prompt always stays. */
    private async fitHistory(req: GenerateRequest): Promise<{messages: ChatMessage[]; promptTokens: number; dropped: number}> {
        const context = this.contextSize;
        const budget = context - req.sampling.maxTokens;
        const system = await this.promptTokens(req.systemPrompt, [], budget - MIN_QUESTION_TOKENS, req.signal);
        if (budget - system.tokens < MIN_QUESTION_TOKENS) {
            throw new ModelServerError("context", `The model server gives each request a context of ${context} tokens: too small for ` +
                `Med42's system prompt (about ${system.tokens} tokens) and an answer of up to ${req.sampling.maxTokens} tokens. ` +
                "Give the server a larger context (llama-server: -c is divided among its --parallel slots, so use -c " +
                `${Math.max(8192, system.tokens + req.sampling.maxTokens + 1024)} per slot; vLLM: --max-model-len 8192) or lower the answer length (--max-tokens).`,
                this.options.urls.join(", "));
        }
        let messages = req.messages;
        let dropped = 0;
        for (;;) {
            const {tokens} = await this.promptTokens(req.systemPrompt, messages, budget, req.signal);
            if (tokens <= budget) return {messages, promptTokens: tokens, dropped};
            if (messages.length <= 1) throw new InputTooLongError(tokens, Math.max(0, budget));
            const cut = messages[0].role === "user" && messages[1]?.role === "assistant" && messages.length > 2 ? 2 : 1;
            messages = messages.slice(cut);
            dropped += cut;
        }
    }

    async generate(request: GenerateRequest): Promise<GenerateResult> {
        // A sampling value left undefined by a caller means the model card's default, never "unset".
        const req: GenerateRequest = {...request, sampling: mergeDefined<ResolvedSampling>({...MED42_SAMPLING}, request.sampling)};
        if (req.messages.length === 0 || req.messages[req.messages.length - 1].role !== "user")
            throw new Error("A request needs a conversation that ends with the user's message.");
        const aborted = (text = ""): GenerateResult => ({
            text, stopReason: "abort", droppedMessages: 0, usage: {promptTokens: 0, completionTokens: 0, evaluatedPromptTokens: 0}
        });
        if (req.signal?.aborted) return aborted();
        try {
            await this.load(req.signal);
        } catch (err) {
            if (req.signal?.aborted) return aborted();
            throw err;
        }
        const fit = await this.fitHistory(req);
        const s = req.sampling;
        const body: ChatRequest = {
            model: this.pool.model!,
            messages: [{role: "system", content: neutralizeSpecialTokens(req.systemPrompt)},
                ...fit.messages.map((m) => ({role: m.role, content: neutralizeSpecialTokens(m.content)}))],
            stream: true as const,
            stream_options: {include_usage: true},
            max_tokens: s.maxTokens,
            temperature: s.temperature,
            top_p: s.topP,
            // Not an OpenAI field: vLLM and llama-server read it; Ollama's OpenAI endpoint ignores it.
            top_k: s.topK,
            ...(s.seed !== undefined ? {seed: s.seed} : {}),
            stop: MED42_STOP,
            // The policy's model check: vLLM and llama-server hold the output to the schema (structured outputs).
            ...(req.jsonSchema ? {response_format: {type: "json_schema", json_schema: {name: "med42_output", schema: {...req.jsonSchema}}}} : {})
        };
        let started = false;
        try {
            return await this.pool.run({
                conversationId: req.conversationId, signal: req.signal, onQueuePosition: req.onQueuePosition,
                onDispatch: () => { if (!started) { started = true; req.onStart?.(); } }
            }, (server) => this.streamOnce(server, body, req, fit));
        } catch (err) {
            if (req.signal?.aborted || err instanceof PoolAbortError) return aborted();
            throw err;
        }
    }

    /**
     * One streamed answer from one server. Throws (so the pool may try another server) only while no text was
     * produced; after that a failure ends the answer as "interrupted", keeping the text.
     */
    private async streamOnce(server: ModelServer, body: ChatRequest, req: GenerateRequest,
        fit: {promptTokens: number; dropped: number}): Promise<GenerateResult> {
        const controller = new AbortController();
        const onAbort = () => controller.abort();
        req.signal?.addEventListener("abort", onAbort, {once: true});
        let timedOut = false;
        let watchdog: NodeJS.Timeout | undefined;
        // No answer, or no next piece of it, for timeoutMs: the server is hung; closing the stream frees its slot.
        const arm = () => {
            clearTimeout(watchdog);
            watchdog = setTimeout(() => { timedOut = true; controller.abort(); }, this.timeoutMs);
        };
        let text = "";
        let finishReason: string | null | undefined;
        let usage: OpenAI.CompletionUsage | undefined;
        let chunks = 0;
        let failure: ModelServerError | undefined;
        const timeoutError = () => new ModelServerError("timeout", `The model server at ${server.label} sent nothing for ` +
            `${Math.round(this.timeoutMs / 1000)} s (MED42_SERVER_TIMEOUT).`, server.label);
        try {
            arm();
            const stream = await server.send(() => server.api.chat.completions.create(body, {signal: controller.signal, timeout: this.timeoutMs}));
            for await (const chunk of stream) {
                arm();
                if (chunk.usage) usage = chunk.usage;
                const choice = chunk.choices?.[0];
                const delta = choice?.delta?.content;
                if (delta) {
                    text += delta;
                    chunks++;
                    req.onText?.(delta);
                    req.onToken?.(1);
                }
                if (choice?.finish_reason) finishReason = choice.finish_reason;
            }
        } catch (err) {
            if (!req.signal?.aborted) failure = timedOut ? timeoutError() : classifyServerError(err, server.label);
        } finally {
            clearTimeout(watchdog);
            req.signal?.removeEventListener("abort", onAbort);
        }
        // The client ends the loop quietly when the stream is aborted (by the user or the watchdog).
        if (!failure && !req.signal?.aborted) {
            if (timedOut) failure = timeoutError();
            else if (!finishReason) failure = new ModelServerError("protocol", `The answer stream from the model server at ${server.label} ` +
                "ended before the answer was finished.", server.label);
        }
        if (failure && !text) throw failure;
        if (failure) this.pool.reportFailure(server, failure);
        const promptTokens = usage?.prompt_tokens ?? fit.promptTokens;
        const result: GenerateResult = {
            text,
            stopReason: req.signal?.aborted ? "abort" : failure ? "interrupted" : finishReason === "length" ? "maxTokens" : "eos",
            droppedMessages: fit.dropped,
            usage: {
                promptTokens,
                completionTokens: usage?.completion_tokens ?? chunks,
                // What the server did not take from its prefix cache (vLLM, llama-server report cached_tokens).
                evaluatedPromptTokens: promptTokens - (usage?.prompt_tokens_details?.cached_tokens ?? 0)
            },
            model: describeServers([server.label], this.pool.model)
        };
        if (failure) result.interruption = failure.message;
        return result;
    }

    async dispose(): Promise<void> {
        this.pool.dispose();
    }
}
