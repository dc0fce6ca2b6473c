/**
 * Runs a Llama-3 GGUF in-process with node-llama-cpp: one model, one context with several sequences, a fair FIFO
 * queue in front of them, and KV-cache reuse (a follow-up goes back to the sequence that holds its conversation;
 * a new conversation on any sequence reuses the already evaluated system prompt, which every sequence is primed
 * with at load time).
 */
import type {
    ChatHistoryItem, Llama, LlamaChat, LlamaContext, LlamaContextSequence, LlamaGrammar, LlamaModel, Llama3ChatWrapper, Token
} from "node-llama-cpp" with {"resolution-mode": "import"};
import {randomInt} from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type {ChatMessage} from "../types";
import {type ChatBackend, ContextTooSmallError, type GenerateRequest, type GenerateResult, InputTooLongError} from "./chatBackend";
import {finiteNumber} from "../options";
import {DEFAULT_SEQUENCES, MED42_CONTEXT_SIZE, MED42_SYSTEM_PROMPT} from "./defaults";
import {type GpuChoice, defaultThreads, getLlamaRuntime, importNodeLlamaCpp} from "./llamaRuntime";
import {LockstepBatcher, type LockstepStats, sequenceOrderedPrioritization} from "./lockstepBatcher";
import {QueueAbortedError, RequestQueue} from "./requestQueue";

export interface LlamaCppBackendOptions {
    /** The .gguf file, or a function that resolves it (e.g. downloads it first). */
    modelPath: string | ((signal?: AbortSignal) => Promise<string>);
    gpu?: GpuChoice;
    threads?: number;
    /** Tokens per conversation (per sequence). Default 8192, Med42-v2's trained context. */
    contextSize?: number;
    /** Conversations generated in parallel; more wait in the queue. */
    sequences?: number;
    /** Evaluated into every sequence at load so new conversations start warm. Default: Med42's system prompt. */
    primeSystemPrompt?: string | false;
    /** Memory-map the weights. Default: on for the CPU; node-llama-cpp's "auto" for GPUs (see defaultUseMmap). */
    useMmap?: boolean;
    /**
     * Decode the next token of all concurrent conversations in one batch (see LockstepBatcher). Default true;
     * false leaves the scheduling to node-llama-cpp (for comparisons).
     */
    lockstepBatching?: boolean;
    /** Called after the model file is known and before it is loaded (e.g. to validate it). */
    beforeLoad?: (modelPath: string, llama: Llama) => Promise<void>;
}

interface SequenceSlot {
    sequence: LlamaContextSequence;
    chat: LlamaChat;
    /** The conversation whose history this sequence holds. */
    conversationId?: string;
}

interface Loaded {
    llama: Llama;
    model: LlamaModel;
    context: LlamaContext;
    wrapper: Llama3ChatWrapper;
    slots: SequenceSlot[];
    queue: RequestQueue<SequenceSlot>;
    batcher?: LockstepBatcher;
    modelPath: string;
}

/**
 * The seed of one request: the one asked for, else a fresh random one. node-llama-cpp's own default is the current
 * second, so two answers to the same question within one second were the same text.
 */
export function requestSeed(seed: number | undefined): number {
    return seed ?? randomInt(0, 2 ** 31);
}

export class LlamaCppBackend implements ChatBackend {
    readonly contextSize: number;
    private loading?: Promise<Loaded>;
    private loaded?: Loaded;
    private disposed = false;
    private readonly grammars = new Map<string, Promise<LlamaGrammar>>();

    constructor(private readonly options: LlamaCppBackendOptions) {
        this.contextSize = finiteNumber("contextSize", options.contextSize ?? MED42_CONTEXT_SIZE, {integer: true, min: 1});
    }

    /** Conversations generated at the same time: the context's sequences. */
    get parallelSequences(): number { return Math.max(1, this.options.sequences ?? DEFAULT_SEQUENCES); }

    get modelDescription(): string {
        return this.loaded?.modelPath ?? (typeof this.options.modelPath === "string" ? this.options.modelPath : "(not resolved yet)");
    }

    /** The loaded model, for tools that need lower-level access (evaluation, benchmarks). */
    get model(): LlamaModel | undefined { return this.loaded?.model; }

    /** The context the conversations share, for tools that need lower-level access (benchmarks). */
    get context(): LlamaContext | undefined { return this.loaded?.context; }

    /** How well concurrent generations were kept in step (undefined without lockstep batching). */
    get batchingStats(): LockstepStats | undefined { return this.loaded?.batcher?.stats; }

    /** Requests waiting for a sequence. */
    get waiting(): number { return this.loaded?.queue.waiting ?? 0; }

    load(signal?: AbortSignal): Promise<void> {
        return this.ensureLoaded(signal).then(() => undefined);
    }

    private ensureLoaded(signal?: AbortSignal): Promise<Loaded> {
        if (this.disposed) return Promise.reject(new Error("The model backend was disposed."));
        if (!this.loading) {
            this.loading = this.doLoad(signal).then((l) => (this.loaded = l));
            // A failed load (missing file, cancelled download) can be retried by the next request.
            this.loading.catch(() => { this.loading = undefined; });
        }
        return this.loading;
    }

    private async doLoad(signal?: AbortSignal): Promise<Loaded> {
        const modelPath = typeof this.options.modelPath === "string" ? this.options.modelPath : await this.options.modelPath(signal);
        const threads = this.options.threads ?? defaultThreads();
        const llama = await getLlamaRuntime({gpu: this.options.gpu, threads});
        await this.options.beforeLoad?.(modelPath, llama);
        const {Llama3ChatWrapper, LlamaChat} = await importNodeLlamaCpp();
        const useMmap = this.options.useMmap ?? defaultUseMmap(this.options.gpu);
        const model = await llama.loadModel({modelPath, useMmap, loadSignal: signal});
        const sequences = Math.max(1, this.options.sequences ?? DEFAULT_SEQUENCES);
        const contextSize = Math.min(this.contextSize, model.trainContextSize);
        let context: LlamaContext;
        try {
            context = await model.createContext({
                contextSize, sequences, createSignal: signal,
                // All the threads for every decode, never a share: node-llama-cpp splits a runtime's threads between
                // the contexts holding a reservation, and a context keeps its reservation until a timer after its last
                // decode, so a lone request that followed another context's work evaluated its prompt on half the
                // threads (docs/performance.md). With a minimum it waits for a busy context's decode instead.
                threads: {ideal: threads, min: threads},
                // Tokens of concurrent conversations in ascending sequence order: one model evaluation per step.
                batching: {itemPrioritizationStrategy: sequenceOrderedPrioritization}
            });
        } catch (err) {
            await model.dispose();
            throw err;
        }
        // Med42-v2 uses the Llama-3 chat format; never trust whatever template the file embeds.
        const wrapper = new Llama3ChatWrapper();
        const batcher = sequences > 1 && this.options.lockstepBatching !== false ? new LockstepBatcher() : undefined;
        const slots: SequenceSlot[] = [];
        for (let i = 0; i < sequences; i++) {
            const sequence = context.getSequence();
            batcher?.wrap(sequence);
            slots.push({sequence, chat: new LlamaChat({contextSequence: sequence, chatWrapper: wrapper})});
        }
        const loaded: Loaded = {llama, model, context, wrapper, slots, queue: new RequestQueue(slots), batcher, modelPath};
        const prime = this.options.primeSystemPrompt ?? MED42_SYSTEM_PROMPT;
        if (prime !== false) await this.primeSequences(loaded, prime);
        if (this.disposed) { await context.dispose(); await model.dispose(); throw new Error("The model backend was disposed."); }
        return loaded;
    }

    /**
     * Puts the evaluated system prompt into every sequence, so no conversation pays for it again. It is evaluated
     * once, in the first sequence; the others get a copy of that state (a KV-cache copy costs milliseconds, while
     * evaluating the prompt costs seconds to a minute per sequence on a CPU).
     */
    private async primeSequences(l: Loaded, systemPrompt: string): Promise<void> {
        const tokens = this.conversationPrefix(l, systemPrompt);
        const [first, ...rest] = l.slots;
        await first.sequence.evaluateWithoutGeneratingNewTokens(tokens);
        if (rest.length === 0) return;
        try {
            await copySequenceState(first.sequence, rest.map((s) => s.sequence));
        } catch {
            // No usable temporary folder: evaluate the prompt in the other sequences instead (slower, same state).
            await Promise.all(rest.map((s) => s.sequence.clearHistory()));
            await Promise.all(rest.map((s) => s.sequence.evaluateWithoutGeneratingNewTokens(tokens)));
        }
    }

    /**
     * The tokens every new conversation starts with: the system prompt and the header of the user's first turn
     * (what two conversations with different first questions have in common), so a new conversation evaluates its
     * question alone.
     */
    private conversationPrefix(l: Loaded, systemPrompt: string): Token[] {
        const a = this.renderTokens(l, systemPrompt, [{role: "user", content: "a"}]);
        const b = this.renderTokens(l, systemPrompt, [{role: "user", content: "b"}]);
        let n = 0;
        while (n < a.length && n < b.length && a[n] === b[n]) n++;
        return a.slice(0, n);
    }

    private renderTokens(l: Loaded, systemPrompt: string, messages: ChatMessage[]): Token[] {
        const history = toChatHistory(systemPrompt, messages);
        const {contextText} = l.wrapper.generateContextState({chatHistory: history});
        return contextText.tokenize(l.model.tokenizer);
    }

    async countTokens(text: string): Promise<number> {
        const l = await this.ensureLoaded();
        return l.model.tokenize(text).length;
    }

    /** Drops the oldest turns until the prompt plus room for the answer fits; the system prompt always stays. */
    private fitHistory(l: Loaded, req: GenerateRequest): {messages: ChatMessage[]; promptTokens: number; dropped: number} {
        const maxTokens = finiteNumber("sampling.maxTokens", req.sampling.maxTokens, {integer: true, min: 1});
        const budget = finiteNumber("the prompt's token budget", l.context.contextSize - maxTokens);
        let messages = req.messages;
        let dropped = 0;
        for (;;) {
            const promptTokens = this.renderTokens(l, req.systemPrompt, messages).length + 8; // + assistant header
            if (promptTokens <= budget) return {messages, promptTokens, dropped};
            if (messages.length <= 1) {
                // When the system prompt alone leaves no room, the question is not the problem: say what is.
                const fixedTokens = this.renderTokens(l, req.systemPrompt, [{role: "user", content: ""}]).length + 8;
                if (fixedTokens >= budget) throw new ContextTooSmallError(l.context.contextSize, fixedTokens, maxTokens);
                throw new InputTooLongError(promptTokens, Math.max(0, budget));
            }
            // Drop a whole exchange (user + assistant) so the history keeps alternating.
            const cut = messages[0].role === "user" && messages[1]?.role === "assistant" && messages.length > 2 ? 2 : 1;
            messages = messages.slice(cut);
            dropped += cut;
        }
    }

    async generate(req: GenerateRequest): Promise<GenerateResult> {
        if (req.messages.length === 0 || req.messages[req.messages.length - 1].role !== "user")
            throw new Error("A request needs a conversation that ends with the user's message.");
        const aborted = (): GenerateResult => ({
            text: "", stopReason: "abort", droppedMessages: 0,
            usage: {promptTokens: 0, completionTokens: 0, evaluatedPromptTokens: 0}
        });
        if (req.signal?.aborted) return aborted();
        const l = await this.ensureLoaded(req.signal);
        const fit = this.fitHistory(l, req);
        const preferred = req.conversationId != null
            ? l.slots.findIndex((s) => s.conversationId === req.conversationId) : -1;
        let lease;
        try {
            lease = await l.queue.acquire({preferred: preferred >= 0 ? preferred : undefined, signal: req.signal, onPosition: req.onQueuePosition});
        } catch (err) {
            if (err instanceof QueueAbortedError) return aborted();
            throw err;
        }
        const slot = lease.slot;
        try {
            slot.conversationId = req.conversationId;
            const meter = slot.sequence.tokenMeter;
            const inBefore = meter.usedInputTokens;
            const outBefore = meter.usedOutputTokens;
            const grammar = req.jsonSchema ? await this.grammarFor(l, req.jsonSchema) : undefined;
            req.onStart?.();
            const promptProgress = req.onPromptProgress && watchPromptProgress(meter, inBefore, req.onPromptProgress);
            let text = "";
            let stopReason: GenerateResult["stopReason"];
            try {
                const response = await slot.chat.generateResponse(toChatHistory(req.systemPrompt, fit.messages), {
                    signal: req.signal,
                    stopOnAbortSignal: true,
                    maxTokens: req.sampling.maxTokens,
                    temperature: req.sampling.temperature,
                    topK: req.sampling.topK,
                    topP: req.sampling.topP,
                    seed: requestSeed(req.sampling.seed),
                    grammar,
                    onTextChunk: (chunk) => { text += chunk; req.onText?.(chunk); },
                    onToken: (req.onToken || promptProgress) && ((tokens) => { promptProgress?.stop(); req.onToken?.(tokens.length); })
                });
                text = response.response;
                stopReason = response.metadata.stopReason === "abort" ? "abort"
                    : response.metadata.stopReason === "maxTokens" ? "maxTokens" : "eos";
            } catch (err) {
                // Aborted before the first token: node-llama-cpp throws even with stopOnAbortSignal.
                if (!req.signal?.aborted) throw err;
                stopReason = "abort";
            } finally {
                promptProgress?.stop();
            }
            // node-llama-cpp meters a token as output when its logits are computed (the prompt's last token and every
            // sampled token fed back), as input otherwise: the prompt cost the input tokens plus its last token.
            const completionTokens = meter.usedOutputTokens - outBefore;
            const evaluatedPromptTokens = meter.usedInputTokens - inBefore + (completionTokens > 0 ? 1 : 0);
            return {
                text, stopReason, droppedMessages: fit.dropped,
                usage: {promptTokens: fit.promptTokens, completionTokens, evaluatedPromptTokens}
            };
        } finally {
            lease.release();
        }
    }

    /** One grammar per schema, built once (building one parses the schema into GBNF). */
    private grammarFor(l: Loaded, schema: Readonly<Record<string, unknown>>): Promise<LlamaGrammar> {
        const key = JSON.stringify(schema);
        let g = this.grammars.get(key);
        if (!g) {
            g = l.llama.createGrammarForJsonSchema(schema as never) as Promise<LlamaGrammar>;
            this.grammars.set(key, g);
            g.catch(() => this.grammars.delete(key));
        }
        return g;
    }

    async dispose(): Promise<void> {
        this.disposed = true;
        const l = this.loaded ?? await this.loading?.catch(() => undefined);
        this.loaded = undefined;
        this.loading = undefined;
        if (!l) return;
        l.queue.dispose();
        l.batcher?.dispose();
        for (const s of l.slots) s.chat.dispose({disposeSequence: false});
        await l.context.dispose();
        await l.model.dispose();
    }
}

/**
 * The load mode that costs the least memory per backend (measured with `npm run bench`, see docs/performance.md).
 * CPU: llama.cpp re-lays out (repacks) most weights into private memory either way; with mmap the token embeddings
 * are read from the mapped file and the mapped pages of repacked tensors stay reclaimable page cache, so the
 * private memory (what other programs lose) is smaller by about the embeddings' size, although RSS looks larger.
 * GPU: node-llama-cpp's "auto" (mmap, unless turning it off lets more layers fit in VRAM); not measured here.
 */
export function defaultUseMmap(gpu: GpuChoice | undefined): boolean | undefined {
    return gpu === "cpu" ? true : undefined;
}

/**
 * Reports the prompt tokens a sequence has evaluated, every PROMPT_PROGRESS_MS while its prompt is evaluated:
 * node-llama-cpp counts a batch's tokens on the sequence's token meter when it hands the batch to llama.cpp, and
 * has no progress callback of its own. The caller stops it at the first generated token.
 */
function watchPromptProgress(meter: {readonly usedInputTokens: number}, inBefore: number,
    report: (evaluatedTokens: number) => void): {stop(): void} {
    let last = 0;
    const timer = setInterval(() => {
        const evaluated = meter.usedInputTokens - inBefore;
        if (evaluated > last) {
            last = evaluated;
            report(evaluated);
        }
    }, PROMPT_PROGRESS_MS);
    timer.unref?.();
    return {stop: () => clearInterval(timer)};
}

const PROMPT_PROGRESS_MS = 500;

/**
 * Copies a sequence's evaluated state (its KV cache and tokens) into other sequences of the same context.
 * node-llama-cpp exposes this only through a state file: it lives in a private temporary folder for the copy's
 * duration and holds only what the source sequence holds (at load: the system prompt).
 */
async function copySequenceState(source: LlamaContextSequence, targets: LlamaContextSequence[]): Promise<void> {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "med42-state-"));
    try {
        const file = path.join(dir, "sequence.state");
        await source.saveStateToFile(file);
        for (const target of targets) await target.loadStateFromFile(file, {acceptRisk: true});
    } finally {
        await fs.promises.rm(dir, {recursive: true, force: true});
    }
}

function toChatHistory(systemPrompt: string, messages: ChatMessage[]): ChatHistoryItem[] {
    const history: ChatHistoryItem[] = [{type: "system", text: systemPrompt}];
    for (const m of messages) {
        if (m.role === "user") history.push({type: "user", text: m.content});
        else history.push({type: "model", response: [m.content]});
    }
    // LlamaChat generates the reply of the final model item.
    history.push({type: "model", response: []});
    return history;
}
