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
import type {ServerChatBackend} from "./engine/server/serverChatBackend";
import {cleartextKeyWarnings, describeServers, type ServerOptions, serverOptionsFromEnv} from "./engine/server/serverConfig";
import type {GpuChoice} from "./engine/llamaRuntime";
import {EventChannel} from "./eventChannel";
import {summarize} from "./summarizer";
import {documentTooLarge, questionTooLarge, withinHistoryLimit} from "./inputLimits";
import type {Disclaimer, PolicyChecker, PolicyDecision} from "./policy/types";
import {PolicyEngine} from "./policy/policyEngine";
import {MODEL_CHECK_MAX_TOKENS, MODEL_CHECK_SCHEMA, MODEL_CHECK_SYSTEM_PROMPT, modelCheckUserMessage, parseModelVerdict} from "./policy/modelCheck";
import {loadPolicyFile} from "./policy/policyConfig";
import {guardHistory, guardTranscript, SUMMARY_NOT_A_REQUEST_RULE, withConversationRecord, withHistoryRecord} from "./policy/conversationGuard";
import {detectLanguage} from "./policy/language";
import {type AuditSink, AuditLog, defaultAuditDbPath} from "./audit/auditLog";
import {isPostgresUrl} from "./storage/databaseUrl";
import {missingFileError, ModelStore} from "./models/modelStore";
import {defaultModelReference} from "./models/modelReference";
import {checkModelFile} from "./models/ggufCheck";
import {finiteNumber, mergeDefined, withoutUndefined} from "./options";
import type {ChatMessage, MessageAttachment, SamplingOptions, Surface} from "./types";
import {attachmentBlock, composeConversation, composeUserMessage} from "./attachments";

/** Tokens kept free around the attachments for the chat format (as the summarizer keeps for its prompts). */
const ATTACHMENT_OVERHEAD_TOKENS = 160;

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
    /**
     * The user's locale ("en-GB", or a language such as "en"): picks the crisis and emergency resources where the
     * policy has them (policy.locale says which are in force). Default: the policy file's locale, else en-US.
     */
    locale?: string;
    /** SQLite audit log path, or false for none. Default: env MED42_AUDIT_DB, else the user's data folder. */
    auditDb?: string | false;
    /** Download a missing model on first use (CLI, bot). The extension asks first. Default true. */
    autoDownload?: boolean;
    /**
     * Run the model on OpenAI-compatible model servers (vLLM, llama-server, Ollama) instead of in this process.
     * Default: env MED42_SERVER_URL (and MED42_SERVER_API_KEY, MED42_SERVER_MODEL); false: always the local engine.
     * With a server nothing loads a local model and nothing is downloaded; `model`, `gpu`, `threads` do not apply.
     */
    server?: ServerOptions | false;
    /** Injection points (tests). */
    backend?: ChatBackend;
    policy?: PolicyChecker;
    audit?: AuditSink;
    /** dispose() closes `audit` too (an entry point hands its store over). Default false. */
    auditOwned?: boolean;
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
    /** The model servers, when the model runs on servers instead of in this process. */
    readonly server?: ServerOptions;

    private readonly options: AssistantOptions;

    constructor(options: AssistantOptions = {}) {
        // An explicit undefined (an unset flag or setting) means "the default", never "nothing".
        this.options = options = withoutUndefined(options);
        checkEngineNumbers(options);
        const policyFile = options.policyFile ?? (process.env.MED42_POLICY_FILE || undefined);
        this.policy = options.policy ?? new PolicyEngine(policyFile ? loadPolicyFile(policyFile) : undefined,
            options.locale ? {locale: options.locale} : {});
        if (options.audit) { this.audit = options.audit; this.ownsAudit = options.auditOwned === true; }
        else if (options.auditDb === false) { this.ownsAudit = false; }
        else {
            const auditDb = options.auditDb ?? defaultAuditDbPath();
            // PostgreSQL stores are opened by the entry points (CLI, bot: openAuditStore) and passed as `audit`.
            if (isPostgresUrl(auditDb)) throw new Error("a postgres:// audit database is opened by the entry point and passed as `audit`");
            this.audit = new AuditLog(auditDb);
            this.ownsAudit = true;
        }
        this.store = new ModelStore({dir: options.modelsDir});
        this.server = options.server === false ? undefined : options.server ?? serverOptionsFromEnv(process.env);
        this.modelRef = this.server ? describeServers(this.server.urls, this.server.model) : options.model ?? defaultModelReference();
        this.systemPrompt = options.systemPrompt ?? MED42_SYSTEM_PROMPT;
        this.backend = options.backend;
        this.state = {status: "idle", model: this.modelRef};
    }

    get disclaimer(): Disclaimer { return this.policy.disclaimer; }
    /** The disclaimer in the language of a message (translations where the policy has them), known before asking. */
    disclaimerFor(text: string): Disclaimer { return this.policy.disclaimerFor?.(text) ?? this.policy.disclaimer; }
    /** Every disclaimer answers may carry, one per language: to recognise the bot's own messages given back. */
    get disclaimers(): readonly Disclaimer[] { return this.policy.disclaimers ?? [this.policy.disclaimer]; }
    /** Allowed policy settings that weaken a protection (PHI in Slack channels): entry points log them at start-up. */
    get policyWarnings(): readonly string[] { return this.policy.warnings ?? []; }
    /** Settings that expose data in transit (an API key sent to an http:// server beyond this machine), for start-up. */
    get serverWarnings(): readonly string[] { return this.server ? cleartextKeyWarnings(this.server) : []; }
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
        // A server has nothing to download: idle until connected.
        if (this.server) { this.setState({status: "idle", model: ref}); return this.state; }
        let next: ModelState;
        try {
            const path = await this.store.locate(ref);
            const described = path ? undefined : this.store.describe(ref);
            // A local file that is not there cannot be downloaded: it is an error that names the path.
            next = !described ? {status: "idle", model: ref}
                : described.kind === "file" ? {status: "error", model: ref, message: missingFileError(described.path!).message}
                : {status: "not-downloaded", model: ref, sizeBytes: described.approxSizeBytes};
        } catch (err) {
            next = {status: "error", model: ref, message: errorMessage(err)};
        }
        // A load, download or model switch that started while we looked is more recent than what we found.
        if (!busy() && ref === this.modelRef && !(this.backend && this.backend === this.loadedBackend)) this.setState(next);
        return this.state;
    }

    /**
     * Whether a request's `locale` can change the crisis and emergency numbers: false when the policy file sets the
     * locale (the institution's wins) or the policy checker has one set of resources. A front end looks a user's
     * locale up (Slack: users.info) only when it can.
     */
    get localeByRequest(): boolean {
        return this.policy.forLocale !== undefined && this.policy.locale?.from !== "policy-file";
    }

    /** The policy for one request: with the resources of its locale where the checker can switch them. */
    private policyFor(locale: string | undefined): PolicyChecker {
        return locale?.trim() && this.policy.forLocale ? this.policy.forLocale(locale) : this.policy;
    }

    /** The policy decision alone; never loads a model. */
    decide(text: string, surface: Surface): PolicyDecision {
        return this.policy.decide(text, surface);
    }

    /** Resolves once the vote is stored; rejects (AuditWriteError) when the audit log cannot record it. */
    async recordFeedback(f: {userId?: string; surface: Surface; value: "up" | "down"; ref?: string}): Promise<void> {
        try {
            await this.audit?.record({
                time: new Date(), kind: "feedback", surface: f.surface, userId: f.userId, feedback: f.value, ref: f.ref,
                action: null, category: null, rules: [], latencyMs: 0, model: this.modelRef
            });
        } catch (err) {
            throw new AuditWriteError(err);
        }
    }

    /** Downloads the model if it is missing; resolves to the local file. */
    downloadModel(opts: {signal?: AbortSignal} = {}): Promise<string> {
        if (this.server) return Promise.reject(new Error(`The model runs on a model server (${this.modelRef}): there is nothing to download.`));
        if (this.downloading) return this.downloading;
        const ref = this.modelRef;
        this.downloading = (async () => {
            try {
                const existing = await this.store.locate(ref);
                if (existing) return existing;
                // A local path has nothing to download: say what is wrong with it (missing, a folder).
                if (this.store.describe(ref).kind === "file") return await this.store.resolve(ref, {download: false});
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
        // With a server the local model setting does not apply (the served model is MED42_SERVER_MODEL).
        if (this.server) return;
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
        if (this.server) {
            // The context comes from the server itself when it says (vLLM, llama-server); contextSize is the fallback.
            // Loaded here, not with this module: the OpenAI client library it uses cost every start of a process that
            // runs the model itself (`med42 ask`) ~70 ms (docs/performance.md).
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const {ServerChatBackend: Backend} = require("./engine/server/serverChatBackend") as {ServerChatBackend: typeof ServerChatBackend};
            this.backend = new Backend({...this.server, contextSize: this.options.contextSize});
            return this.backend;
        }
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
            if (this.server) this.setState({status: "loading", model: this.modelRef});
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

    /** Model-card sampling, then the assistant's options, then the request's: an undefined value never overrides. */
    private sampling(overrides?: SamplingOptions): ResolvedSampling {
        return checkSampling(mergeDefined<ResolvedSampling>({...MED42_SAMPLING}, this.options.sampling, overrides));
    }

    ask(req: AskRequest): AnswerStream {
        // Limits first: neither the policy nor the model reads more than they allow (shared/inputLimits.ts).
        const newest = req.messages[req.messages.length - 1];
        const tooLarge = questionTooLarge(newest?.content ?? "")
            ?? (newest?.attachments ?? []).map((a) => documentTooLarge(a.text)).find((e) => e !== undefined);
        if (tooLarge) return rejectedStream(tooLarge, this.disclaimerFor(newest?.content ?? ""));
        req = {...req, messages: withinHistoryLimit(req.messages)};
        // Attachments are part of their message (shared/attachments.ts): the policy decides on the question with its
        // attached text, and the history rule on earlier turns with theirs.
        const messages = composeConversation(req.messages);
        const asked = req.messages[req.messages.length - 1];
        const last = messages[messages.length - 1];
        // The newest message is decided as a question; the earlier turns follow the history rule
        // (policy/conversationGuard.ts): what the policy would not answer, and its policy messages, never reach the model.
        let history: ChatMessage[] = [];
        const policy = this.policyFor(req.locale);
        const withHistory = (decision: PolicyDecision): PolicyDecision => {
            if (decision.action !== "answer") return decision;
            const guarded = guardHistory(messages.slice(0, -1), req.surface, policy);
            history = guarded.messages;
            // The notice is in the language of the question it comes with.
            return withHistoryRecord(decision, guarded, policy.conversationNotices?.(decision.language?.code));
        };
        const condensed: NonNullable<AnswerResult["condensed"]> = [];
        return this.run(policy, req.surface, req.userId, req.signal, last?.role === "user" ? last.content : "", withHistory, true,
            async (backend, {emit, ...hooks}) => {
                if (!last || last.role !== "user") throw new Error("Ask needs a conversation that ends with a user message.");
                const sampling = this.sampling(req.sampling);
                const systemPrompt = req.systemPrompt ?? this.systemPrompt;
                const content = asked.attachments?.length
                    ? await this.fitAttachments(backend, systemPrompt, asked.content, asked.attachments, sampling, {...hooks, emit}, condensed)
                    : last.content;
                return backend.generate({
                    systemPrompt, messages: [...history, {role: "user", content}], sampling, conversationId: req.conversationId, ...hooks
                });
            }, condensed);
    }

    /**
     * The question with its attachments, fitted to the context: attachments that do not fit beside the question and
     * the room for the answer are summarised (map-reduce, shared/summarizer.ts), largest first, never cut. The user is
     * told through `condensing` / `condensed` events; what does not fit even then fails as too long.
     */
    private async fitAttachments(backend: ChatBackend, systemPrompt: string, question: string, attachments: readonly MessageAttachment[],
        sampling: ResolvedSampling, hooks: {signal: AbortSignal; onQueuePosition: (p: number) => void; emit: (e: AnswerEvent) => void},
        condensed: NonNullable<AnswerResult["condensed"]>): Promise<string> {
        await backend.load(hooks.signal);
        const parts = attachments.map((a) => ({...a}));
        const fixed = (await backend.countTokens(systemPrompt)) + (await backend.countTokens(question)) + ATTACHMENT_OVERHEAD_TOKENS;
        const budget = backend.contextSize - sampling.maxTokens - fixed;
        const sizes = await Promise.all(parts.map((a) => backend.countTokens(attachmentBlock(a))));
        let total = sizes.reduce((a, b) => a + b, 0);
        const largestFirst = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a]);
        for (const i of largestFirst) {
            if (total <= budget || hooks.signal.aborted) break;
            const label = parts[i].label;
            hooks.emit({type: "condensing", label, tokens: sizes[i]});
            const r = await summarize({
                backend, systemPrompt: this.systemPrompt, text: parts[i].text, sampling, signal: hooks.signal, onQueuePosition: hooks.onQueuePosition,
                instruction: `It was attached to this question, which the summary must help answer: ${question}`
            });
            if (hooks.signal.aborted) break;
            parts[i] = {label: `${label} (a summary: the whole text did not fit the model's context)`, text: r.text.trim()};
            const summaryTokens = await backend.countTokens(attachmentBlock(parts[i]));
            condensed.push({label, tokens: sizes[i], summaryTokens});
            hooks.emit({type: "condensed", label, tokens: sizes[i], summaryTokens});
            total += summaryTokens - sizes[i];
            sizes[i] = summaryTokens;
        }
        return composeUserMessage(question, parts);
    }

    summarize(req: SummarizeRequest): AnswerStream {
        const tooLarge = documentTooLarge(req.text);
        if (tooLarge) return rejectedStream(tooLarge, this.policy.disclaimer);
        // Summarising a document transforms the user's own text: only the identifier guard stands before the model
        // (an emergency described in a record is not the writer's emergency). Output screening still applies.
        const summaryDecision = (d: PolicyDecision): PolicyDecision =>
            d.action === "answer" || d.category === "phi" ? d
                : {...d, action: "answer", category: null, message: undefined, rules: [...d.rules, SUMMARY_NOT_A_REQUEST_RULE]};
        return this.summarizeText(this.policy, req, req.text, summaryDecision);
    }

    /**
     * Summarises a conversation (a Slack thread): unlike a document, its messages are people's own words, so
     * self-harm or an emergency in one of them is surfaced with the summary (resources, category in the audit log)
     * and requests for harm are left out with a visible placeholder (policy/conversationGuard.ts, guardTranscript).
     */
    summarizeConversation(req: SummarizeConversationRequest): AnswerStream {
        // The same limit as a document, before the policy reads any message of it.
        const tooLarge = documentTooLarge(req.conversation.map((e) => e.content).join("\n"));
        if (tooLarge) return rejectedStream(tooLarge, this.policy.disclaimer);
        // Self-harm or an emergency in the thread is shown with the numbers of the asker's locale.
        const policy = this.policyFor(req.locale);
        const guarded = guardTranscript(req.conversation, req.surface, policy);
        // The notices are in the language people wrote in (the transcript sent on has English labels and placeholders).
        const language = detectLanguage(req.conversation.map((e) => e.content).join("\n")).code;
        return this.summarizeText(policy, req, guarded.text, (whole) => withConversationRecord(whole, guarded,
            policy.conversationNotices?.(language)));
    }

    private summarizeText(policy: PolicyChecker, req: Omit<SummarizeRequest, "text">, text: string,
        adjust: (d: PolicyDecision) => PolicyDecision): AnswerStream {
        return this.run(policy, req.surface, req.userId, req.signal, text, adjust, false,
            (backend, {emit: _emit, ...hooks}, progress) => summarize({
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
    private async checkWithModel(policy: PolicyChecker, decision: PolicyDecision, text: string, surface: Surface,
        signal?: AbortSignal): Promise<PolicyDecision> {
        const backend = this.getBackend();
        await this.ensureLoaded(backend, signal);
        const r = await backend.generate({
            systemPrompt: MODEL_CHECK_SYSTEM_PROMPT, messages: [{role: "user", content: modelCheckUserMessage(text)}],
            sampling: {temperature: 0, topK: 1, topP: 1, maxTokens: MODEL_CHECK_MAX_TOKENS}, jsonSchema: MODEL_CHECK_SCHEMA, signal,
        });
        // A complete JSON verdict counts even when the token limit, not the end-of-turn token, ended it (a server's
        // schema grammar may spend tokens on whitespace); a stopped check counts as no verdict.
        return policy.applyModelVerdict!(decision, r.stopReason !== "abort" ? parseModelVerdict(r.text) : null, surface);
    }

    /** The shared pipeline of ask and summarize; `policy`: the request's (its locale's resources). */
    private run(policy: PolicyChecker, surface: Surface, userId: string | undefined, signal: AbortSignal | undefined, userText: string,
        adjust: (d: PolicyDecision) => PolicyDecision, modelCheck: boolean,
        generate: (backend: ChatBackend, hooks: {signal: AbortSignal; onQueuePosition: (p: number) => void;
            onStart: () => void; onText: (t: string) => void; emit: (e: AnswerEvent) => void},
            progress: (done: number, total: number, fraction: number) => void) => Promise<GenerateResult>,
        condensed?: AnswerResult["condensed"]): AnswerStream {
        const channel = new EventChannel<AnswerEvent>();
        const started = Date.now();
        // In the language of the message: the policy's message and the answer are in it too.
        const disclaimer = this.disclaimerFor(userText);
        const result = (async (): Promise<AnswerResult> => {
            let decision = adjust(policy.decide(userText, surface));
            // Async: a network audit store (PostgreSQL) resolves once the row is committed; the answer waits for it.
            const finish = async (r: Omit<AnswerResult, "disclaimer" | "model" | "text">, shown: string, model?: string): Promise<AnswerResult> => {
                const out: AnswerResult = {
                    ...r, disclaimer, model: model ?? this.backend?.modelDescription ?? this.modelRef,
                    text: withDisclaimer(shown, disclaimer)
                };
                if (condensed?.length) out.condensed = [...condensed];
                try {
                    await this.audit?.record({
                        time: new Date(), kind: "decision", surface, userId, action: out.policy.action, category: out.policy.category,
                        rules: out.policy.rules, latencyMs: Date.now() - started, model: out.model, stopReason: out.stopReason,
                        ...auditedLanguage(out.policy, decision, policy)
                    });
                } catch (err) {
                    throw new AuditWriteError(err);
                }
                return out;
            };
            if (modelCheck && decision.action === "answer" && policy.modelCheck && policy.applyModelVerdict) {
                try {
                    decision = await this.checkWithModel(policy, decision, userText, surface, signal);
                } catch (err) {
                    if (signal?.aborted) {
                        channel.push({type: "decision", decision});
                        return await finish({answer: "", policy: decision, usage: {promptTokens: 0, completionTokens: 0}, stopReason: "abort"}, "");
                    }
                    throw err;
                }
            }
            channel.push({type: "decision", decision});
            if (decision.action !== "answer") {
                return await finish({answer: "", policy: decision, usage: {promptTokens: 0, completionTokens: 0}, stopReason: "policy"},
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
                    emit: (e) => channel.push(e),
                    onQueuePosition: (position) => channel.push({type: "queued", position}),
                    onStart: () => channel.push({type: "started"}),
                    onText: (text) => {
                        if (screened) return;
                        streamed += text;
                        const check = policy.screenOutput(streamed, surface);
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
                    const check = policy.screenOutput(r.text, surface);
                    if (check.action !== "answer") screened = {decision: check, message: check.message ?? ""};
                }
                const usage = {promptTokens: r.usage.promptTokens, completionTokens: r.usage.completionTokens};
                if (screened) {
                    channel.push({type: "replaced", decision: screened.decision, text: screened.message});
                    return await finish({answer: "", policy: screened.decision, usage, stopReason: "policy"}, screened.message);
                }
                const stopReason: StopReason = r.stopReason;
                let shown = decision.notice ? `${decision.notice}\n\n${r.text}` : r.text;
                // A server failed mid-answer: what came is kept, marked as cut off, and still gets the disclaimer.
                const interruption = r.stopReason === "interrupted" ? interruptionNotice(r.interruption) : undefined;
                if (interruption) shown = `${shown.trimEnd()}\n\n${interruption}`;
                return await finish({answer: r.text, policy: decision, usage, stopReason, ...(interruption ? {interruption} : {})}, shown, r.model);
            } catch (err) {
                if (err instanceof AuditWriteError) throw err;
                // Stopped while the model was still loading or downloading: an ordinary stop, not an error.
                if (signal?.aborted) {
                    return await finish({answer: "", policy: decision, usage: {promptTokens: 0, completionTokens: 0}, stopReason: "abort"}, "");
                }
                // A request that failed (model crash, load error) is audited too; the model's error is what the caller gets.
                try {
                    await this.audit?.record({
                        time: new Date(), kind: "decision", surface, userId, action: decision.action, category: decision.category,
                        rules: decision.rules, latencyMs: Date.now() - started, model: this.backend?.modelDescription ?? this.modelRef,
                        stopReason: "error", ...auditedLanguage(decision, decision, policy)
                    });
                } catch { /* the original error matters more than the audit's */ }
                throw err;
            } finally {
                signal?.removeEventListener("abort", onAbort);
            }
        })();
        result.then(() => channel.close(), () => channel.close());
        // Callers that only iterate must not crash the process with an unhandled rejection; awaiting `result` still throws.
        result.catch(() => undefined);
        return {result, disclaimer, [Symbol.asyncIterator]: () => channel[Symbol.asyncIterator]()};
    }

    async dispose(): Promise<void> {
        this.disposed = true;
        await this.backend?.dispose();
        this.backend = undefined;
        if (this.ownsAudit) await (this.audit as {close?(): unknown} | undefined)?.close?.();
        this.listeners.clear();
    }
}

/** Numbers that size the engine and its token budgets: a NaN here would make every budget NaN, so it fails now. */
function checkEngineNumbers(o: AssistantOptions): void {
    if (o.threads !== undefined) finiteNumber("threads", o.threads, {integer: true, min: 1});
    if (o.contextSize !== undefined) finiteNumber("contextSize", o.contextSize, {integer: true, min: 1});
    if (o.sequences !== undefined) finiteNumber("sequences", o.sequences, {integer: true, min: 1});
    if (o.sampling) checkSampling(mergeDefined<ResolvedSampling>({...MED42_SAMPLING}, o.sampling));
}

function checkSampling(s: ResolvedSampling): ResolvedSampling {
    finiteNumber("sampling.temperature", s.temperature, {min: 0});
    finiteNumber("sampling.topK", s.topK, {integer: true, min: 0});
    finiteNumber("sampling.topP", s.topP, {min: 0, max: 1});
    finiteNumber("sampling.maxTokens", s.maxTokens, {integer: true, min: 1});
    if (s.seed !== undefined) finiteNumber("sampling.seed", s.seed, {integer: true, min: 0});
    return s;
}

/**
 * The audit row's language and resources: the language the policy detected in the user's message (a decision that
 * replaced the answer after output screening carries none of its own, so the message's decision says it), and the
 * locale whose crisis and emergency resources the request's policy shows (the request's own locale where it had one,
 * a Slack user's; else the checker's: VS Code's setting or display language, the system locale, the policy file's).
 */
function auditedLanguage(shown: PolicyDecision, message: PolicyDecision, policy: PolicyChecker): {language?: string; resourcesLocale?: string} {
    return {language: (shown.language ?? message.language)?.code, resourcesLocale: policy.locale?.locale};
}

/** What an answer cut off by a failing model server says about itself. */
export function interruptionNotice(reason?: string): string {
    return `[The answer was cut off: ${reason ?? "the model server stopped answering"} It may be incomplete; ask again.]`;
}

/** A request refused before it started (over an input limit): no events, and `result` rejects with the reason. */
function rejectedStream(err: Error, disclaimer: Disclaimer): AnswerStream {
    const result = Promise.reject(err);
    result.catch(() => undefined); // awaiting `result` still throws
    return {result, disclaimer, async *[Symbol.asyncIterator]() { /* nothing happened */ }};
}

/** Appends the disclaimer in plain text; a prompt cannot remove it because it never passes through the model. */
export function withDisclaimer(shown: string, disclaimer: Disclaimer): string {
    const body = shown.trimEnd();
    return body ? `${body}\n\n${disclaimer.text}` : disclaimer.text;
}

/**
 * The audit log could not record a request (disk full, database locked). The request fails loudly, since every
 * decision must be auditable; what was already shown stays, and front ends put the stream's disclaimer under it.
 */
export class AuditWriteError extends Error {
    constructor(cause: unknown) {
        super(`The request could not be recorded in the audit log: ${errorMessage(cause)}`, {cause});
        this.name = "AuditWriteError";
    }
}

export function errorMessage(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}

