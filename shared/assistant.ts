/**
 * Med42Assistant: the one core API used by the CLI, the VS Code extension and the Slack bot.
 *
 * Every request goes through the same pipeline, so both front ends enforce the same policy:
 *   policy decision on the user's text (plus, when the policy file asks, the model's own verdict) → (escalate/refuse:
 *   policy message, no model call) → earlier turns the policy would not answer, and their policy messages, left out
 *   of the conversation (policy/conversationGuard.ts)
 *   → FIFO queue → model (streamed) → output screening on the accumulated text (a harmful answer is stopped and
 *   replaced by the refusal) → disclaimer attached by code → audit record.
 */
import type {
    AnswerEvent, AnswerResult, AnswerStream, AskRequest, ModelState, StopReason, SummarizeConversationRequest, SummarizeRequest
} from "./assistantTypes";
import type {ChatBackend, GenerateResult, ResolvedSampling} from "./engine/chatBackend";
import {MED42_CONTEXT_SIZE, MED42_SAMPLING, MED42_SYSTEM_PROMPT} from "./engine/defaults";
import {LlamaCppBackend} from "./engine/llamaCppBackend";
import type {GpuChoice} from "./engine/llamaRuntime";
import {EventChannel} from "./eventChannel";
import {summarize} from "./summarizer";
import type {Disclaimer, PolicyChecker, PolicyDecision} from "./policy/types";
import {PolicyEngine} from "./policy/policyEngine";
import {MODEL_CHECK_MAX_TOKENS, MODEL_CHECK_SCHEMA, MODEL_CHECK_SYSTEM_PROMPT, modelCheckUserMessage, parseModelVerdict} from "./policy/modelCheck";
import {loadPolicyFile} from "./policy/policyConfig";
import {guardHistory, guardTranscript, SUMMARY_NOT_A_REQUEST_RULE, withConversationRecord, withHistoryRecord} from "./policy/conversationGuard";
import {type AuditSink, AuditLog, defaultAuditDbPath} from "./audit/auditLog";
import {ModelStore} from "./models/modelStore";
import {defaultModelReference} from "./models/modelReference";
import {checkModelFile} from "./models/ggufCheck";
import type {ChatMessage, SamplingOptions, Surface} from "./types";

export interface AssistantOptions {
    /** Preset, .gguf path, hf: URI or http(s) URL. Default: env MED42_MODEL, else "med42-8b". */
    model?: string;
    /** Where downloaded models live. Default: env MED42_MODELS_DIR, else the user's cache folder. */
    modelsDir?: string;
    gpu?: GpuChoice;
    threads?: number;
    /** Tokens per conversation. Default 8192. */
    contextSize?: number;
    /** Conversations generated in parallel. Default 2. */
    sequences?: number;
    /**
     * Evaluate the system prompt into every sequence when the model loads (default true), so each new conversation
     * evaluates only its question. It pays off from the second conversation on; a process that asks one question
     * (`med42 ask`) evaluates the same tokens either way, in one batch instead of two without it.
     */
    primeSystemPrompt?: boolean;
    sampling?: SamplingOptions;
    /** Default: Med42's system prompt from the model card. */
    systemPrompt?: string;
    /** Institution policy JSON; default: env MED42_POLICY_FILE, else the built-in policy. */
    policyFile?: string;
    /** SQLite audit log path, or false for none. Default: env MED42_AUDIT_DB, else the user's data folder. */
    auditDb?: string | false;
    /** Download a missing model on first use (CLI, bot). The extension asks first. Default true. */
    autoDownload?: boolean;
    /** Injection points (tests, a future remote backend). */
    backend?: ChatBackend;
    policy?: PolicyChecker;
    audit?: AuditSink;
}

/** A running request that output screening or the user stopped. */
interface Screened {decision: PolicyDecision; message: string}

export class Med42Assistant {
    readonly policy: PolicyChecker;
    private readonly audit?: AuditSink;
    private readonly ownsAudit: boolean;
    private readonly store: ModelStore;
    private modelRef: string;
    private backend?: ChatBackend;
    private state: ModelState;
    private readonly listeners = new Set<(s: ModelState) => void>();
    private readonly systemPrompt: string;
    private downloading?: Promise<string>;
    /** The backend whose model is in memory (the state is "ready" while it is the current one). */
    private loadedBackend?: ChatBackend;
    private loadsInFlight = 0;
    private disposed = false;

    constructor(private readonly options: AssistantOptions = {}) {
        const policyFile = options.policyFile ?? (process.env.MED42_POLICY_FILE || undefined);
        this.policy = options.policy ?? new PolicyEngine(policyFile ? loadPolicyFile(policyFile) : undefined);
        if (options.audit) { this.audit = options.audit; this.ownsAudit = false; }
        else if (options.auditDb === false) { this.ownsAudit = false; }
        else { this.audit = new AuditLog(options.auditDb ?? defaultAuditDbPath()); this.ownsAudit = true; }
        this.store = new ModelStore({dir: options.modelsDir});
        this.modelRef = options.model ?? defaultModelReference();
        this.systemPrompt = options.systemPrompt ?? MED42_SYSTEM_PROMPT;
        this.backend = options.backend;
        this.state = {status: "idle", model: this.modelRef};
    }

    get disclaimer(): Disclaimer { return this.policy.disclaimer; }
    get modelState(): ModelState { return this.state; }
    get model(): string { return this.modelRef; }

    onModelStateChange(listener: (s: ModelState) => void): {dispose(): void} {
        this.listeners.add(listener);
        return {dispose: () => { this.listeners.delete(listener); }};
    }

    private setState(s: ModelState): void {
        this.state = s;
        for (const l of this.listeners) {
            try { l(s); } catch { /* a listener's failure must not break generation */ }
        }
    }

    /** Checks whether the model is on disk (without loading it) and updates the state: for "Download" buttons. */
    async refreshModelState(): Promise<ModelState> {
        const busy = () => this.downloading !== undefined || this.loadsInFlight > 0;
        if (busy()) return this.state;
        if (this.backend && this.backend === this.loadedBackend) {
            this.setState({status: "ready", model: this.modelRef, path: this.backend.modelDescription});
            return this.state;
        }
        const ref = this.modelRef;
        let next: ModelState;
        try {
            const path = await this.store.locate(ref);
            next = path ? {status: "idle", model: ref}
                : {status: "not-downloaded", model: ref, sizeBytes: this.store.describe(ref).approxSizeBytes};
        } catch (err) {
            next = {status: "error", model: ref, message: errorMessage(err)};
        }
        // A load, download or model switch that started while we looked is more recent than what we found.
        if (!busy() && ref === this.modelRef && !(this.backend && this.backend === this.loadedBackend)) this.setState(next);
        return this.state;
    }

    /** The policy decision alone; never loads a model. */
    decide(text: string, surface: Surface): PolicyDecision {
        return this.policy.decide(text, surface);
    }

    recordFeedback(f: {userId?: string; surface: Surface; value: "up" | "down"; ref?: string}): void {
        this.audit?.record({
            time: new Date(), kind: "feedback", surface: f.surface, userId: f.userId, feedback: f.value, ref: f.ref,
            action: null, category: null, rules: [], latencyMs: 0, model: this.modelRef
        });
    }

    /** Downloads the model if it is missing; resolves to the local file. */
    downloadModel(opts: {signal?: AbortSignal} = {}): Promise<string> {
        if (this.downloading) return this.downloading;
        const ref = this.modelRef;
        this.downloading = (async () => {
            try {
                const existing = await this.store.locate(ref);
                if (existing) return existing;
                this.setState({status: "downloading", model: ref, receivedBytes: 0});
                const path = await this.store.download(ref, {
                    signal: opts.signal,
                    onProgress: (receivedBytes: number, totalBytes?: number) => this.setState({status: "downloading", model: ref, receivedBytes, totalBytes})
                });
                this.setState({status: "idle", model: ref});
                return path;
            } catch (err) {
                if (opts.signal?.aborted) await this.refreshModelState();
                else this.setState({status: "error", model: ref, message: errorMessage(err)});
                throw err;
            } finally {
                this.downloading = undefined;
            }
        })();
        return this.downloading;
    }

    /** Loads the model now (downloading it first when allowed) instead of on the first request. */
    async loadModel(opts: {signal?: AbortSignal} = {}): Promise<void> {
        await this.ensureLoaded(this.getBackend(), opts.signal);
    }

    /** Switches to another model: the loaded one is disposed and the next request loads the new one. */
    async setModel(ref: string): Promise<void> {
        const old = this.options.backend ? undefined : this.backend;
        this.modelRef = ref;
        if (!this.options.backend) this.backend = undefined;
        this.setState({status: "idle", model: ref});
        await old?.dispose();
        await this.refreshModelState();
    }

    private getBackend(): ChatBackend {
        if (this.disposed) throw new Error("The assistant was disposed.");
        if (this.backend) return this.backend;
        const ref = this.modelRef;
        const contextSize = this.options.contextSize ?? MED42_CONTEXT_SIZE;
        const backend = new LlamaCppBackend({
            gpu: this.options.gpu, threads: this.options.threads, contextSize, sequences: this.options.sequences,
            primeSystemPrompt: this.options.primeSystemPrompt === false ? false : this.systemPrompt,
            modelPath: async (signal) => {
                const local = await this.store.locate(ref);
                if (local) return local;
                if (this.options.autoDownload === false) return this.store.resolve(ref, {download: false});
                return this.downloadModel({signal});
            },
            beforeLoad: async (path, llama) => {
                this.setState({status: "loading", model: ref});
                await checkModelFile(path, {contextSize, llama});
            }
        });
        this.backend = backend;
        return backend;
    }

    /** Loads through the backend, keeping the model state in step (ready, or error with the reason). */
    private async ensureLoaded(backend: ChatBackend, signal?: AbortSignal): Promise<void> {
        if (backend === this.loadedBackend) return;
        this.loadsInFlight++;
        try {
            await backend.load(signal);
            if (this.backend === backend) {
                this.loadedBackend = backend;
                this.setState({status: "ready", model: this.modelRef, path: backend.modelDescription});
            }
        } catch (err) {
            if (this.backend === backend && !signal?.aborted) this.setState({status: "error", model: this.modelRef, message: errorMessage(err)});
            throw err;
        } finally {
            this.loadsInFlight--;
            // A cancelled load leaves no model in memory: go back to the resting state (idle or not downloaded).
            if (signal?.aborted && this.loadsInFlight === 0 && this.backend === backend && backend !== this.loadedBackend)
                await this.refreshModelState();
        }
    }

    private sampling(overrides?: SamplingOptions): ResolvedSampling {
        return {...MED42_SAMPLING, ...this.options.sampling, ...overrides} as ResolvedSampling;
    }

    ask(req: AskRequest): AnswerStream {
        const last = req.messages[req.messages.length - 1];
        // The newest message is decided as a question; the earlier turns follow the history rule
        // (policy/conversationGuard.ts): what the policy would not answer, and its policy messages, never reach the model.
        let history: ChatMessage[] = [];
        const withHistory = (decision: PolicyDecision): PolicyDecision => {
            if (decision.action !== "answer") return decision;
            const guarded = guardHistory(req.messages.slice(0, -1), req.surface, this.policy);
            history = guarded.messages;
            return withHistoryRecord(decision, guarded);
        };
        return this.run(req.surface, req.userId, req.signal, last?.role === "user" ? last.content : "", withHistory, true,
            (backend, hooks) => {
                if (!last || last.role !== "user") throw new Error("Ask needs a conversation that ends with a user message.");
                return backend.generate({
                    systemPrompt: req.systemPrompt ?? this.systemPrompt, messages: [...history, {role: "user", content: last.content}],
                    sampling: this.sampling(req.sampling), conversationId: req.conversationId, ...hooks
                });
            });
    }

    summarize(req: SummarizeRequest): AnswerStream {
        // Summarising a document transforms the user's own text: only the identifier guard stands before the model
        // (an emergency described in a record is not the writer's emergency). Output screening still applies.
        const summaryDecision = (d: PolicyDecision): PolicyDecision =>
            d.action === "answer" || d.category === "phi" ? d
                : {...d, action: "answer", category: null, message: undefined, rules: [...d.rules, SUMMARY_NOT_A_REQUEST_RULE]};
        return this.summarizeText(req, req.text, summaryDecision);
    }

    /**
     * Summarises a conversation (a Slack thread): unlike a document, its messages are people's own words, so
     * self-harm or an emergency in one of them is surfaced with the summary (resources, category in the audit log)
     * and requests for harm are left out with a visible placeholder (policy/conversationGuard.ts, guardTranscript).
     */
    summarizeConversation(req: SummarizeConversationRequest): AnswerStream {
        const guarded = guardTranscript(req.conversation, req.surface, this.policy);
        return this.summarizeText(req, guarded.text, (whole) => withConversationRecord(whole, guarded));
    }

    private summarizeText(req: Omit<SummarizeRequest, "text">, text: string, adjust: (d: PolicyDecision) => PolicyDecision): AnswerStream {
        return this.run(req.surface, req.userId, req.signal, text, adjust, false,
            (backend, hooks, progress) => summarize({
                backend, systemPrompt: this.systemPrompt, text, instruction: req.instruction, sampling: this.sampling(),
                onProgress: (done, total, p) => {
                    progress(done, total, p.fraction);
                    req.onProgress?.(done, total, p);
                },
                ...hooks
            }));
    }

    /**
     * The optional model check (policy file `modelCheck`): the loaded model classifies the message, its output held
     * to one category by a JSON-schema grammar, greedy and short; the policy decides what the verdict changes.
     */
    private async checkWithModel(decision: PolicyDecision, text: string, surface: Surface, signal?: AbortSignal): Promise<PolicyDecision> {
        const backend = this.getBackend();
        await this.ensureLoaded(backend, signal);
        const r = await backend.generate({
            systemPrompt: MODEL_CHECK_SYSTEM_PROMPT, messages: [{role: "user", content: modelCheckUserMessage(text)}],
            sampling: {temperature: 0, topK: 1, topP: 1, maxTokens: MODEL_CHECK_MAX_TOKENS}, jsonSchema: MODEL_CHECK_SCHEMA, signal,
        });
        return this.policy.applyModelVerdict!(decision, r.stopReason === "eos" ? parseModelVerdict(r.text) : null, surface);
    }

    /** The shared pipeline of ask and summarize. */
    private run(surface: Surface, userId: string | undefined, signal: AbortSignal | undefined, userText: string,
        adjust: (d: PolicyDecision) => PolicyDecision, modelCheck: boolean,
        generate: (backend: ChatBackend, hooks: {signal: AbortSignal; onQueuePosition: (p: number) => void;
            onStart: () => void; onText: (t: string) => void},
            progress: (done: number, total: number, fraction: number) => void) => Promise<GenerateResult>): AnswerStream {
        const channel = new EventChannel<AnswerEvent>();
        const started = Date.now();
        const result = (async (): Promise<AnswerResult> => {
            let decision = adjust(this.policy.decide(userText, surface));
            const disclaimer = this.policy.disclaimer;
            const finish = (r: Omit<AnswerResult, "disclaimer" | "model" | "text">, shown: string): AnswerResult => {
                const out: AnswerResult = {
                    ...r, disclaimer, model: this.backend?.modelDescription ?? this.modelRef,
                    text: withDisclaimer(shown, disclaimer)
                };
                this.audit?.record({
                    time: new Date(), kind: "decision", surface, userId, action: out.policy.action, category: out.policy.category,
                    rules: out.policy.rules, latencyMs: Date.now() - started, model: out.model, stopReason: out.stopReason
                });
                return out;
            };
            if (modelCheck && decision.action === "answer" && this.policy.modelCheck && this.policy.applyModelVerdict) {
                try {
                    decision = await this.checkWithModel(decision, userText, surface, signal);
                } catch (err) {
                    if (signal?.aborted) {
                        channel.push({type: "decision", decision});
                        return finish({answer: "", policy: decision, usage: {promptTokens: 0, completionTokens: 0}, stopReason: "abort"}, "");
                    }
                    throw err;
                }
            }
            channel.push({type: "decision", decision});
            if (decision.action !== "answer") {
                return finish({answer: "", policy: decision, usage: {promptTokens: 0, completionTokens: 0}, stopReason: "policy"},
                    decision.message ?? "");
            }
            const backend = this.getBackend();
            // Stops generation when the user aborts or when screening replaces the answer.
            const stop = new AbortController();
            const onAbort = () => stop.abort();
            signal?.addEventListener("abort", onAbort, {once: true});
            if (signal?.aborted) stop.abort(); // "abort" never fires for a signal aborted before we listened
            let streamed = "";
            let screened: Screened | undefined;
            try {
                await this.ensureLoaded(backend, signal);
                const r = await generate(backend, {
                    signal: stop.signal,
                    onQueuePosition: (position) => channel.push({type: "queued", position}),
                    onStart: () => channel.push({type: "started"}),
                    onText: (text) => {
                        if (screened) return;
                        streamed += text;
                        const check = this.policy.screenOutput(streamed, surface);
                        if (check.action !== "answer") {
                            screened = {decision: {...check, rules: [...check.rules]}, message: check.message ?? ""};
                            stop.abort();
                            return;
                        }
                        channel.push({type: "text", text});
                    }
                }, (done, total, fraction) => channel.push({type: "progress", done, total, fraction}));
                if (!screened && r.text) {
                    // Chunks can split a phrase: screen the whole answer once more.
                    const check = this.policy.screenOutput(r.text, surface);
                    if (check.action !== "answer") screened = {decision: check, message: check.message ?? ""};
                }
                const usage = {promptTokens: r.usage.promptTokens, completionTokens: r.usage.completionTokens};
                if (screened) {
                    channel.push({type: "replaced", decision: screened.decision, text: screened.message});
                    return finish({answer: "", policy: screened.decision, usage, stopReason: "policy"}, screened.message);
                }
                const stopReason: StopReason = r.stopReason;
                const shown = decision.notice ? `${decision.notice}\n\n${r.text}` : r.text;
                return finish({answer: r.text, policy: decision, usage, stopReason}, shown);
            } catch (err) {
                // Stopped while the model was still loading or downloading: an ordinary stop, not an error.
                if (signal?.aborted) {
                    return finish({answer: "", policy: decision, usage: {promptTokens: 0, completionTokens: 0}, stopReason: "abort"}, "");
                }
                throw err;
            } finally {
                signal?.removeEventListener("abort", onAbort);
            }
        })();
        result.then(() => channel.close(), () => channel.close());
        // Callers that only iterate must not crash the process with an unhandled rejection; awaiting `result` still throws.
        result.catch(() => undefined);
        return {result, [Symbol.asyncIterator]: () => channel[Symbol.asyncIterator]()};
    }

    async dispose(): Promise<void> {
        this.disposed = true;
        await this.backend?.dispose();
        this.backend = undefined;
        if (this.ownsAudit) (this.audit as AuditLog | undefined)?.close();
        this.listeners.clear();
    }
}

/** Appends the disclaimer in plain text; a prompt cannot remove it because it never passes through the model. */
export function withDisclaimer(shown: string, disclaimer: Disclaimer): string {
    const body = shown.trimEnd();
    return body ? `${body}\n\n${disclaimer.text}` : disclaimer.text;
}

export function errorMessage(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}

