/**
 * Owns the extension's one Med42Assistant: created on first use from the settings (never at activation, and
 * creating it loads no model), switched to another model when the model setting changes, rebuilt when another
 * engine setting changes, and disposed with the extension. Every running request registers its AbortController
 * here so Stop, a model switch and deactivation can end it.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import type {AssistantOptions, Med42Assistant} from "../shared/assistant";
import type {ModelState} from "../shared/assistantTypes";
import {findPreset} from "../shared/models/presets";
import {formatBytes} from "../shared/models/formatBytes";
import type {Disclaimer} from "../shared/policy/types";
import {forVsCode} from "./errorText";
import type {ModelInfo, SetupInfo} from "./protocol";
import {assistantIdentity, CONFIG_SECTION, readSettings, serverApiKeySecret, toAssistantOptions, type ExtensionSettings} from "./settings";
import type {AssistantOptions as CoreOptions} from "../shared/assistant";
import {describeServers} from "../shared/engine/server/serverConfig";
import {describeSetup} from "./setupInfo";
import {centralAuditUrl, checkCentralAudit, openCentralAudit, withCentralAudit} from "./centralAudit";
import type {AuditStore} from "../shared/audit/auditStore";
import {describePostgresUrl, isPostgresUrl} from "../shared/storage/databaseUrl";

/** The core is loaded on first use, not at activation (it pulls in the policy engine, the audit log and more). */
function loadCore(): typeof import("../shared/assistant") {
    return require("../shared/assistant") as typeof import("../shared/assistant");
}

export function currentSettings(): ExtensionSettings {
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    return readSettings((key) => config.get(key));
}

function workspaceFolder(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

export function errorMessage(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}

/**
 * The core's messages are written for every surface (they name `med42 pull` for the CLI); in VS Code a missing model
 * is fixed from the chat view, so say that instead.
 */
export function userMessage(err: unknown, info?: ModelInfo): string {
    if (err instanceof Error && err.name === "ModelNotDownloadedError") {
        return `The model ${info?.label ?? ""} is not downloaded yet: click Download in the Med42 view${info?.size ? ` (${info.size})` : ""}, ` +
            "choose a model file you already have, or run Med42: Select Model.";
    }
    return forVsCode(errorMessage(err));
}

/** The model state with its message (if any) worded for VS Code. */
function forView(s: ModelState): ModelState {
    return s.status === "error" ? {...s, message: forVsCode(s.message)} : s;
}

/** How a model reference is shown to the user. */
export function describeModel(ref: string, state?: ModelState): ModelInfo {
    const preset = findPreset(ref);
    if (preset) {
        const bytes = state?.status === "not-downloaded" && state.sizeBytes ? state.sizeBytes : preset.approxSizeBytes;
        return {label: preset.displayName, size: formatBytes(bytes)};
    }
    const size = state?.status === "not-downloaded" && state.sizeBytes ? formatBytes(state.sizeBytes) : undefined;
    // A model on a server: "NAME on http://host:port" (or the URLs alone before the server named its model).
    if (/^(hf:|https?:)/i.test(ref) || / on https?:\/\//.test(ref)) return {label: ref, size};
    return {label: path.basename(ref), size};
}

export class AssistantHost implements vscode.Disposable {
    private assistant?: Med42Assistant;
    private identity?: string;
    private modelRef?: string;
    private stateSubscription?: {dispose(): void};
    private state: ModelState;
    private readonly requests = new Set<AbortController>();
    private download?: AbortController;
    private readonly stateEmitter = new vscode.EventEmitter<ModelState>();
    /** Fires on every model state change, also when the assistant is replaced. */
    readonly onDidChangeModelState = this.stateEmitter.event;
    private readonly busyEmitter = new vscode.EventEmitter<boolean>();
    /** Fires when the first request starts or the last one ends (for the Stop button's context key). */
    readonly onDidChangeBusy = this.busyEmitter.event;
    private readonly disposables: vscode.Disposable[] = [this.stateEmitter, this.busyEmitter];
    private auditWarningShown = false;
    /** Start-up warnings already shown in this window (each once). */
    private readonly warningsShown = new Set<string>();
    /** Why the audit log could not be opened, when the assistant runs without it. */
    auditProblem?: string;
    /** The central audit log (PostgreSQL) of the current assistant, when it has one; every request checks it first. */
    private centralAudit?: AuditStore;
    /** Why the policy file cannot be used: no assistant is made (nothing is answered) until it is fixed. */
    policyProblem?: string;
    private readonly policyProblemEmitter = new vscode.EventEmitter<string>();
    /** Fires when the policy file (setting or MED42_POLICY_FILE) cannot be used, with the reason. */
    readonly onPolicyProblem = this.policyProblemEmitter.event;
    /**
     * What failed last, so Retry repeats it: a failed download is downloaded again (the user asked for it), anything
     * else is checked again and loaded.
     */
    lastFailure?: "download";
    /** Whether anything asked for the assistant yet (a failed creation is then retried when the settings change). */
    private wanted = false;
    /** Serializes settings changes so two quick edits cannot interleave a dispose and a create. */
    private reconfiguring: Promise<void> = Promise.resolve();

    /** The model server's API key from SecretStorage, for the configured server URL (see serverApiKeySecret). */
    private serverKey?: string;

    constructor(private readonly log: vscode.LogOutputChannel, private readonly secrets?: vscode.SecretStorage) {
        this.state = {status: "idle", model: this.configuredModel()};
        // Requests wait for settled(): the key is read before the first assistant is made.
        this.reconfiguring = this.loadServerKey().catch((err) => this.log.error(`server API key: ${errorMessage(err)}`));
        this.disposables.push(this.policyProblemEmitter, vscode.workspace.onDidChangeConfiguration((e) => {
            if (e.affectsConfiguration(CONFIG_SECTION)) void this.reload();
        }));
        if (secrets) this.disposables.push(secrets.onDidChange((e) => { if (e.key.startsWith("med42.server.apiKey:")) void this.reload(); }));
    }

    /** Reads the settings and the server key again and applies them (queued after pending changes). */
    reload(): Promise<void> {
        this.reconfiguring = this.reconfiguring.then(() => this.loadServerKey()).then(() => this.applySettings())
            .catch((err) => this.log.error(`settings: ${errorMessage(err)}`));
        return this.reconfiguring;
    }

    private async loadServerKey(): Promise<void> {
        const id = serverApiKeySecret(currentSettings().serverUrl);
        this.serverKey = id && this.secrets ? await this.secrets.get(id) ?? undefined : undefined;
    }

    /**
     * The core's options from the settings, with the server's API key from SecretStorage and the central audit log
     * from MED42_DATABASE_URL when no audit setting is made. Without a med42.locale setting, VS Code's display language
     * picks the crisis resources.
     */
    private options(): CoreOptions {
        return withCentralAudit(this.engineOptions());
    }

    /** The options from the settings alone (what the model and the server are; no audit from the environment). */
    private engineOptions(): CoreOptions {
        const settings = currentSettings();
        return toAssistantOptions({...settings, locale: settings.locale || vscode.env.language}, workspaceFolder(), this.serverKey);
    }

    /** Whether the model runs on a model server (med42.server.url, else MED42_SERVER_URL). */
    get usesServer(): boolean {
        try {
            return this.engineOptions().server !== undefined || !!process.env.MED42_SERVER_URL?.trim();
        } catch {
            return true;
        }
    }

    get modelState(): ModelState {
        return this.state;
    }

    get modelInfo(): ModelInfo {
        return describeModel(this.state.model, this.state);
    }

    /** Whether the assistant exists (tests check that activation alone created nothing). */
    get created(): boolean {
        return this.assistant !== undefined;
    }

    /** Resolves once pending settings changes have been applied. */
    settled(): Promise<void> {
        return this.reconfiguring;
    }

    get disclaimer(): Disclaimer | undefined {
        try {
            return this.acquire().disclaimer;
        } catch {
            return undefined;
        }
    }

    private configuredModel(): string {
        try {
            const o = this.engineOptions();
            if (o.server) return describeServers(o.server.urls, o.server.model);
            return o.model ?? "med42-8b";
        } catch (err) {
            return currentSettings().serverUrl || errorMessage(err);
        }
    }

    private setState(s: ModelState): void {
        this.state = forView(s);
        if (s.status !== "error") this.lastFailure = undefined;
        this.stateEmitter.fire(this.state);
    }

    /** The assistant, created on first call; throws a user-fit Error when the settings cannot make one. */
    acquire(): Med42Assistant {
        if (this.assistant) return this.assistant;
        this.wanted = true;
        let options: CoreOptions | undefined;
        let assistant: Med42Assistant;
        try {
            options = this.options();
            assistant = this.construct(options);
        } catch (err) {
            const message = errorMessage(err);
            this.log.error(`could not start the assistant: ${message}`);
            const policy = err instanceof Error && err.name === "PolicyConfigError";
            const newProblem = policy && message !== this.policyProblem;
            this.policyProblem = policy ? message : undefined;
            this.setState({status: "error", model: options?.model ?? this.state.model, message});
            // Never a silent fallback to the built-in policy: the user is told, once per problem.
            if (newProblem) this.policyProblemEmitter.fire(message);
            throw new Error(message);
        }
        this.policyProblem = undefined;
        this.assistant = assistant;
        this.identity = assistantIdentity(options);
        this.modelRef = options.model;
        this.stateSubscription = assistant.onModelStateChange((s) => {
            if (this.assistant === assistant) this.setState(s);
        });
        this.setState(assistant.modelState);
        void this.refresh(assistant);
        this.log.info(`assistant created for model ${assistant.model}`);
        for (const warning of assistant.serverWarnings) {
            this.log.warn(warning);
            if (!this.warningsShown.has(warning)) {
                this.warningsShown.add(warning);
                void vscode.window.showWarningMessage(`Med42: ${warning}`);
            }
        }
        return assistant;
    }

    private construct(options: AssistantOptions): Med42Assistant {
        this.auditProblem = undefined;
        this.centralAudit = undefined;
        const central = centralAuditUrl(options);
        if (central) {
            // Never a fallback to no audit: without its central audit log the assistant answers nothing.
            const store = openCentralAudit(central, isPostgresUrl(currentSettings().auditDatabase));
            try {
                const assistant = new (loadCore().Med42Assistant)({...options, auditDb: undefined, audit: store, auditOwned: true});
                this.centralAudit = store;
                this.log.info(`audit log: ${store.location}`);
                return assistant;
            } catch (err) {
                void Promise.resolve(store.close()).catch(() => undefined);
                throw err;
            }
        }
        try {
            return new (loadCore().Med42Assistant)(options);
        } catch (err) {
            if (options.auditDb === false) throw err;
            // The audit log's native SQLite module may not load in this editor's runtime. If the assistant works
            // without it, keep working rather than lock the user out, and say so clearly; else report the first error.
            let assistant: Med42Assistant;
            try {
                assistant = new (loadCore().Med42Assistant)({...options, auditDb: false});
            } catch {
                throw err;
            }
            this.auditProblem = errorMessage(err);
            this.log.warn(`audit log unavailable: ${this.auditProblem}`);
            if (!this.auditWarningShown) {
                this.auditWarningShown = true;
                void vscode.window.showWarningMessage(`Med42: the audit log could not be opened, so requests from VS Code are not audited (${errorMessage(err)}).`);
            }
            return assistant;
        }
    }

    /**
     * Before a request reaches the model: the central audit log must answer (one round trip), else the request fails
     * with CentralAuditUnavailableError, as the bot pauses its answers. Nothing to check for a local log. A question
     * the policy escalates (`question`: its text) is let through even then: crisis resources are never withheld, and
     * the failed audit write is reported under the escalation.
     */
    async checkAudit(question?: {text: string; assistant: Pick<Med42Assistant, "decide">}): Promise<void> {
        if (!this.centralAudit) return;
        try {
            const outage = await checkCentralAudit(this.centralAudit,
                () => question ? question.assistant.decide(question.text, "vscode") : {action: "answer"});
            if (outage) this.log.error(`${errorMessage(outage)} (an escalation is shown anyway)`);
        } catch (err) {
            this.log.error(errorMessage(err));
            throw err;
        }
    }

    /** Which policy file and audit database are in force, and where their settings are read (for the view). */
    get setup(): SetupInfo {
        let options: CoreOptions;
        try {
            options = this.options();
        } catch {
            // An invalid server setting (shown as the model state): the policy and audit settings still apply.
            options = toAssistantOptions({...currentSettings(), serverUrl: ""}, workspaceFolder());
        }
        const {defaultAuditDbPath} = require("../shared/audit/auditLog") as typeof import("../shared/audit/auditLog");
        return describeSetup({
            remote: vscode.env.remoteName !== undefined,
            policyFile: options.policyFile ?? "",
            // The setting (a URL is shown without a password); MED42_DATABASE_URL is an environment source below.
            auditDatabase: options.auditDb === false ? "off" : isPostgresUrl(currentSettings().auditDatabase)
                ? describePostgresUrl(currentSettings().auditDatabase) : currentSettings().auditDatabase ? options.auditDb ?? "" : "",
            env: {MED42_POLICY_FILE: process.env.MED42_POLICY_FILE, MED42_AUDIT_DB: process.env.MED42_AUDIT_DB,
                MED42_DATABASE_URL: process.env.MED42_DATABASE_URL?.trim() ? describePostgresUrl(process.env.MED42_DATABASE_URL.trim()) : undefined},
            defaultAuditDatabase: defaultAuditDbPath({...process.env, MED42_AUDIT_DB: undefined}),
            policyError: this.policyProblem,
            auditProblem: this.assistant ? this.auditProblem : undefined,
            locale: this.assistant?.policy.locale,
            localeSetting: currentSettings().locale,
            displayLanguage: vscode.env.language
        });
    }

    private async refresh(assistant: Med42Assistant): Promise<void> {
        try {
            await assistant.refreshModelState();
        } catch (err) {
            this.log.error(`model state: ${errorMessage(err)}`);
        }
    }

    /** Registers a running request so stopAll() and model switches can end it; call the returned function when done. */
    track(controller: AbortController): () => void {
        this.requests.add(controller);
        if (this.requests.size === 1) this.busyEmitter.fire(true);
        return () => {
            if (this.requests.delete(controller) && this.requests.size === 0) this.busyEmitter.fire(false);
        };
    }

    get busy(): boolean {
        return this.requests.size > 0;
    }

    /** Stops every running request (chat answers and summaries). */
    stopAll(): number {
        const n = this.requests.size;
        for (const c of [...this.requests]) c.abort();
        return n;
    }

    async downloadModel(): Promise<string | undefined> {
        const assistant = this.acquire();
        this.download?.abort();
        const controller = new AbortController();
        this.download = controller;
        try {
            return await assistant.downloadModel({signal: controller.signal});
        } catch (err) {
            if (controller.signal.aborted) return undefined;
            if (this.state.status === "error") this.lastFailure = "download";
            throw err;
        } finally {
            if (this.download === controller) this.download = undefined;
        }
    }

    cancelDownload(): void {
        this.download?.abort();
    }

    /** From an error: check the model again and load it if it is there. */
    async retry(): Promise<void> {
        let assistant: Med42Assistant;
        try {
            assistant = this.acquire();
        } catch {
            // The settings still cannot make an assistant; try from scratch (e.g. a fixed policy file).
            await this.replace();
            assistant = this.acquire();
        }
        const state = await assistant.refreshModelState();
        if (state.status === "idle") await assistant.loadModel();
    }

    /** Applies changed settings: a new model is switched in place, other engine settings rebuild the assistant. */
    private async applySettings(): Promise<void> {
        let options: CoreOptions;
        try {
            options = this.options();
        } catch (err) {
            // An invalid server URL: show it now; the next request reports it too.
            await this.replace();
            this.setState({status: "error", model: currentSettings().serverUrl, message: errorMessage(err)});
            return;
        }
        if (!this.assistant) {
            if (this.wanted) {
                // The last try failed (e.g. an unreadable policy file): try again with the changed settings.
                try { this.acquire(); } catch { /* shown as the model state */ }
                return;
            }
            // Nothing created yet: the next acquire() reads the settings; keep the shown state current.
            this.setState({status: "idle", model: this.configuredModel()});
            return;
        }
        if (assistantIdentity(options) !== this.identity) {
            this.log.info("engine settings changed: restarting the assistant");
            await this.replace();
            this.acquire();
            return;
        }
        if (options.model !== this.modelRef) {
            const ref = options.model ?? "med42-8b";
            this.log.info(`model setting changed: switching to ${ref}`);
            this.stopAll();
            this.cancelDownload();
            this.modelRef = options.model;
            await this.assistant.setModel(ref);
        }
    }

    /** Disposes the current assistant (stopping its requests); the next acquire() makes a new one. */
    private async replace(): Promise<void> {
        const old = this.assistant;
        this.assistant = undefined;
        this.identity = undefined;
        this.stateSubscription?.dispose();
        this.stopAll();
        this.cancelDownload();
        this.setState({status: "idle", model: this.configuredModel()});
        if (old) await old.dispose().catch((err) => this.log.error(`dispose: ${errorMessage(err)}`));
    }

    async disposeAsync(): Promise<void> {
        await this.replace();
        for (const d of this.disposables) d.dispose();
    }

    dispose(): void {
        void this.disposeAsync();
    }
}
