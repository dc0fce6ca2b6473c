/**
 * Several model servers behind one interface: where each request goes, what happens when a server fails, and how
 * long a request waits.
 *
 * - Spreading: a request goes to the server with the fewest requests in flight from this process (least outstanding
 *   requests), ties to the least recently used.
 * - Conversation affinity: a follow-up goes back to the server that answered the conversation before, because that
 *   server holds the conversation's prefix (vLLM's prefix cache, llama-server's slot with `cache_prompt`) and evaluates
 *   only the new turn; another server would evaluate the whole conversation again. Like the local engine's sequence
 *   choice, affinity is honoured when that server can take the request now (fairness first), and never when it is down.
 * - A local concurrency limit per server: llama-server's slot count (/props total_slots), else the configured one
 *   (vLLM batches everything it is sent and does not report a limit). Requests beyond it wait here in a FIFO queue
 *   and learn their position, instead of waiting invisibly inside the server.
 * - Failures: a request that fails before its first token is tried again on another server (never after: the user
 *   would see text twice). A server that cannot be reached or times out leaves the rotation and is health-checked
 *   (/health, else /v1/models) with back-off until it answers, then used again. 429/503 with Retry-After makes the
 *   pool leave that server alone for that long.
 */
import type {ModelServer, ServerDescription} from "./modelServer";
import {ModelServer as Server} from "./modelServer";
import {DEFAULT_HEALTH_INTERVAL_MS, DEFAULT_SERVER_CONCURRENCY, DEFAULT_SERVER_TIMEOUT_MS, type ServerOptions} from "./serverConfig";
import {classifyServerError, ModelServerError} from "./serverErrors";

type MemberState = "unknown" | "up" | "down";

interface Member {
    server: ModelServer;
    state: MemberState;
    outstanding: number;
    capacity: number;
    description?: ServerDescription;
    lastError?: ModelServerError;
    /** 429/503 Retry-After: not used before this time. */
    coolUntil: number;
    /** Consecutive failed health checks (back-off). */
    failedChecks: number;
    nextCheckAt: number;
    checking?: Promise<void>;
    lastUsed: number;
}

interface Waiter {
    affinity?: Member;
    exclude: ReadonlySet<Member>;
    resolve(member: Member): void;
    reject(err: unknown): void;
    onPosition?: (position: number) => void;
    lastPosition?: number;
}

export interface ServerStatus {
    url: string;
    state: MemberState;
    outstanding: number;
    capacity: number;
    kind?: string;
    models: string[];
    error?: string;
}

export interface RunRequest {
    conversationId?: string;
    signal?: AbortSignal;
    onQueuePosition?: (position: number) => void;
    /** Called each time the request is sent to a server (again, after a failure before the first token). */
    onDispatch?: (server: ModelServer) => void;
}

/** A server asking to wait longer than this counts as unavailable rather than busy. */
const MAX_RETRY_AFTER_MS = 60_000;
const MAX_CHECK_BACKOFF_MS = 30_000;
const AFFINITY_ENTRIES = 10_000;

/** Which failure to report when no server works: the one the user can most directly fix first. */
const ERROR_PRIORITY: ModelServerError["kind"][] = ["auth", "unknown-model", "tls", "context", "protocol", "unsupported", "server",
    "overloaded", "timeout", "unreachable"];

export class PoolAbortError extends Error {
    constructor() {
        super("The request was cancelled while waiting for a model server.");
        this.name = "AbortError";
    }
}

export class ServerPool {
    private readonly members: Member[];
    private readonly waiters: Waiter[] = [];
    private readonly affinity = new Map<string, Member>();
    private readonly healthIntervalMs: number;
    private timer?: NodeJS.Timeout;
    private starting?: Promise<void>;
    private started = false;
    private disposed = false;
    private clock = 0;
    /** The served model every request uses. */
    model?: string;

    constructor(private readonly options: ServerOptions) {
        if (options.urls.length === 0) throw new Error("A server pool needs at least one URL.");
        const timeoutMs = options.timeoutMs ?? DEFAULT_SERVER_TIMEOUT_MS;
        this.healthIntervalMs = options.healthIntervalMs ?? DEFAULT_HEALTH_INTERVAL_MS;
        this.members = options.urls.map((url) => ({
            server: new Server(url, {apiKey: options.apiKey, timeoutMs}), state: "unknown", outstanding: 0,
            capacity: options.concurrency ?? DEFAULT_SERVER_CONCURRENCY, coolUntil: 0, failedChecks: 0, nextCheckAt: 0, lastUsed: 0
        }));
    }

    get servers(): ModelServer[] { return this.members.map((m) => m.server); }

    /** What every server is doing, for diagnostics and tests. */
    status(): ServerStatus[] {
        return this.members.map((m) => ({
            url: m.server.label, state: m.state, outstanding: m.outstanding, capacity: m.capacity, kind: m.description?.kind,
            models: m.description?.models.map((x) => x.id) ?? [], error: m.lastError?.message
        }));
    }

    /** Tokens one request may use: the smallest context any healthy server gives the model (undefined: unknown). */
    get contextSize(): number | undefined {
        const sizes = this.members.filter((m) => m.state === "up")
            .map((m) => m.description?.models.find((x) => x.id === this.model)?.contextSize)
            .filter((n): n is number => n !== undefined);
        return sizes.length > 0 ? Math.min(...sizes) : undefined;
    }

    /** A healthy server, for requests that need no slot (tokenizing). */
    anyHealthy(): ModelServer | undefined {
        return this.members.find((m) => m.state === "up")?.server;
    }

    /**
     * Connects: checks every server, reads what it serves, and picks the model (the configured one, else the first
     * the first healthy server lists). Rejects with the most actionable error when no server can be used. Idempotent;
     * after a failure the next call tries again.
     */
    start(signal?: AbortSignal): Promise<void> {
        if (this.disposed) return Promise.reject(new Error("The model server connection was closed."));
        if (this.started) return Promise.resolve();
        if (!this.starting) {
            this.starting = this.connect(signal).then(() => { this.started = true; });
            this.starting.catch(() => undefined).finally(() => { this.starting = undefined; });
        }
        return this.starting;
    }

    private async connect(signal?: AbortSignal): Promise<void> {
        await Promise.all(this.members.map((m) => this.check(m, signal)));
        if (signal?.aborted) throw new PoolAbortError();
        // The model: the configured one, else the first one the first healthy server (in the configured order) lists.
        this.model ??= this.options.model ?? this.members.find((m) => m.state === "up" && m.description?.models.length)?.description?.models[0]?.id;
        for (const m of this.members) {
            const problem = m.state === "up" && m.description ? this.modelProblem(m, m.description) : undefined;
            if (problem) this.markDown(m, problem, true);
        }
        if (!this.members.some((m) => m.state === "up")) throw this.noServerError();
        this.scheduleChecks();
    }

    /** Health check + description of one server; decides whether it is in the rotation. */
    private check(m: Member, signal?: AbortSignal): Promise<void> {
        if (m.checking) return m.checking;
        m.checking = (async () => {
            try {
                await m.server.health(signal);
                const description = await m.server.describe(signal);
                m.description = description;
                m.capacity = description.slots ?? this.options.concurrency ?? DEFAULT_SERVER_CONCURRENCY;
                const problem = this.modelProblem(m, description);
                if (problem) throw problem;
                m.failedChecks = 0;
                m.lastError = undefined;
                m.nextCheckAt = Date.now() + this.healthIntervalMs;
                if (m.state !== "up") { m.state = "up"; this.dispatch(); }
            } catch (err) {
                if (signal?.aborted) return;
                this.markDown(m, classifyServerError(err, m.server.label), true);
            } finally {
                m.checking = undefined;
            }
        })();
        return m.checking;
    }

    /** The error when a server does not serve the pool's model (undefined while no model is chosen yet). */
    private modelProblem(m: Member, description: ServerDescription): ModelServerError | undefined {
        const model = this.model ?? this.options.model;
        if (!model || description.models.some((x) => x.id === model)) return undefined;
        return new ModelServerError("unknown-model", `The model server at ${m.server.label} does not serve "${model}"; ` +
            `it serves ${description.models.map((x) => `"${x.id}"`).join(", ") || "nothing"}. ` +
            "Set MED42_SERVER_MODEL to one of them (`med42 models --server URL` lists them).", m.server.label);
    }

    private markDown(m: Member, err: ModelServerError, fromCheck = false): void {
        const wasUp = m.state === "up";
        m.state = "down";
        m.lastError = err;
        m.failedChecks = fromCheck && !wasUp ? m.failedChecks + 1 : 0;
        m.nextCheckAt = Date.now() + Math.min(MAX_CHECK_BACKOFF_MS, 1000 * 2 ** m.failedChecks);
        this.scheduleChecks();
        // Nobody left to serve the queue: tell the waiting requests now rather than let them wait forever.
        if (this.started && this.members.every((x) => x.state === "down")) {
            const error = this.noServerError();
            for (const w of this.waiters.splice(0)) w.reject(error);
        }
    }

    /** Reported by a request that failed after its first token: the server may be gone. */
    reportFailure(server: ModelServer, err: ModelServerError): void {
        const m = this.members.find((x) => x.server === server);
        if (m && err.serverIsDown) this.markDown(m, err);
    }

    private scheduleChecks(): void {
        if (this.disposed) return;
        if (this.timer) clearTimeout(this.timer);
        const next = Math.min(...this.members.map((m) => m.nextCheckAt), ...this.members.filter((m) => m.coolUntil > Date.now()).map((m) => m.coolUntil));
        this.timer = setTimeout(() => {
            this.timer = undefined;
            const now = Date.now();
            for (const m of this.members) if (m.nextCheckAt <= now && !m.checking) void this.check(m);
            this.dispatch();
            this.scheduleChecks();
        }, Math.max(50, next - Date.now()));
        // Health checks never keep a CLI process alive.
        this.timer.unref();
    }

    /** One error for "no server can be used": the most actionable cause, with every server's reason when several. */
    private noServerError(): ModelServerError {
        const errors = this.members.map((m) => m.lastError).filter((e): e is ModelServerError => e !== undefined);
        const rank = (e: ModelServerError) => ERROR_PRIORITY.indexOf(e.kind);
        const best = [...errors].sort((a, b) => rank(a) - rank(b))[0]
            ?? new ModelServerError("unreachable", "No model server is available.");
        if (this.members.length === 1) return best;
        const lines = this.members.map((m) => `  ${m.server.label}: ${m.lastError?.message ?? m.state}`);
        return new ModelServerError(best.kind, `None of the ${this.members.length} model servers can be used:\n${lines.join("\n")}`, undefined,
            {retryAfterMs: best.details.retryAfterMs, status: best.details.status, cause: best});
    }

    /**
     * Runs `attempt` on a server, waiting in the queue for a free one. When it throws a retryable error (which it may
     * only do before its first token), the request goes to another server (or the same one after its Retry-After).
     */
    async run<T>(req: RunRequest, attempt: (server: ModelServer) => Promise<T>): Promise<T> {
        await this.start(req.signal);
        const tried = new Set<Member>();
        const maxAttempts = this.members.length + 2;
        for (let attempts = 1; ; attempts++) {
            if (this.members.every((m) => m.state === "down")) {
                // Everything failed recently: look again right away (a restarted server) before giving up.
                await Promise.all(this.members.map((m) => this.check(m, req.signal)));
                if (req.signal?.aborted) throw new PoolAbortError();
                if (this.members.every((m) => m.state === "down")) throw this.noServerError();
            }
            const member = await this.acquire(req, tried);
            try {
                if (req.conversationId !== undefined) this.remember(req.conversationId, member);
                req.onDispatch?.(member.server);
                const result = await attempt(member.server);
                return result;
            } catch (err) {
                if (req.signal?.aborted) throw err;
                const e = classifyServerError(err, member.server.label);
                if (!e.retryable) throw e;
                tried.add(member);
                if (e.serverIsDown) this.markDown(member, e);
                else if (e.kind === "overloaded") {
                    const wait = e.details.retryAfterMs ?? 1000;
                    if (wait > MAX_RETRY_AFTER_MS && this.members.length === 1) throw e;
                    member.coolUntil = Date.now() + Math.min(wait, MAX_RETRY_AFTER_MS);
                    member.lastError = e;
                    this.scheduleChecks();
                }
                if (attempts >= maxAttempts) throw e;
                // Only a server that said when to come back (Retry-After) is asked again; otherwise another one must take
                // the request (a hung server asked three times would keep the user waiting three timeouts).
                if (e.kind !== "overloaded" && !this.members.some((m) => !tried.has(m) && m.state !== "down")) throw e;
            } finally {
                this.release(member);
            }
        }
    }

    /** Remembers which server holds a conversation's prefix (bounded, least recently used forgotten first). */
    private remember(conversationId: string, member: Member): void {
        this.affinity.delete(conversationId);
        this.affinity.set(conversationId, member);
        if (this.affinity.size > AFFINITY_ENTRIES) this.affinity.delete(this.affinity.keys().next().value!);
    }

    private acquire(req: RunRequest, exclude: ReadonlySet<Member>): Promise<Member> {
        if (this.disposed) return Promise.reject(new Error("The model server connection was closed."));
        if (req.signal?.aborted) return Promise.reject(new PoolAbortError());
        const affinity = req.conversationId !== undefined ? this.affinity.get(req.conversationId) : undefined;
        return new Promise<Member>((resolve, reject) => {
            const onAbort = () => {
                const i = this.waiters.indexOf(waiter);
                if (i >= 0) {
                    this.waiters.splice(i, 1);
                    reject(new PoolAbortError());
                    this.reportPositions();
                }
            };
            const waiter: Waiter = {
                affinity, exclude, onPosition: req.onQueuePosition,
                resolve: (m) => { req.signal?.removeEventListener("abort", onAbort); resolve(m); },
                reject: (e) => { req.signal?.removeEventListener("abort", onAbort); reject(e); }
            };
            req.signal?.addEventListener("abort", onAbort, {once: true});
            this.waiters.push(waiter);
            this.dispatch();
            this.reportPositions();
        });
    }

    private release(m: Member): void {
        m.outstanding--;
        m.lastUsed = ++this.clock;
        this.dispatch();
    }

    /** Hands free servers to waiting requests, in arrival order. */
    private dispatch(): void {
        let changed = false;
        for (let i = 0; i < this.waiters.length;) {
            const w = this.waiters[i];
            const m = this.pick(w);
            if (!m) { i++; continue; }
            this.waiters.splice(i, 1);
            m.outstanding++;
            changed = true;
            w.resolve(m);
        }
        if (changed) this.reportPositions();
    }

    private pick(w: Waiter): Member | undefined {
        const now = Date.now();
        const free = (m: Member) => m.state === "up" && m.coolUntil <= now && m.outstanding < m.capacity;
        // A server this request already failed on is used again only when no other server is in the rotation.
        const others = this.members.filter((m) => !w.exclude.has(m));
        const pool = others.some((m) => m.state === "up") ? others : this.members;
        const candidates = pool.filter(free);
        if (candidates.length === 0) return undefined;
        if (w.affinity && candidates.includes(w.affinity)) return w.affinity;
        return candidates.reduce((best, m) => m.outstanding < best.outstanding ||
            (m.outstanding === best.outstanding && m.lastUsed < best.lastUsed) ? m : best);
    }

    private reportPositions(): void {
        this.waiters.forEach((w, i) => {
            if (w.lastPosition !== i + 1) {
                w.lastPosition = i + 1;
                w.onPosition?.(i + 1);
            }
        });
    }

    /** Requests waiting for a server. */
    get waiting(): number { return this.waiters.length; }

    dispose(): void {
        this.disposed = true;
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        for (const w of this.waiters.splice(0)) w.reject(new Error("The model server connection was closed."));
    }
}
