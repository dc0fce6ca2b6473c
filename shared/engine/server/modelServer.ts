/**
 * One OpenAI-compatible model server (vLLM, llama.cpp's llama-server, Ollama, ...), spoken to through the official
 * `openai` client: chat completions and the model list under /v1, and the servers' own endpoints at the root
 * (/health, llama-server's /props, /tokenize) through a second client on the root, so every request shares the same
 * authentication, timeouts and error types.
 *
 * The client is built with every credential explicit: left alone it would read OPENAI_API_KEY, OPENAI_ORG_ID and
 * OPENAI_BASE_URL from the environment and could send a user's OpenAI key to the hospital's server. It never retries
 * by itself (maxRetries 0): the pool decides where a failed request goes next.
 */
import type OpenAI from "openai";
import {openaiModule} from "./openaiModule";
import {type ServerAddress, serverAddress} from "./serverConfig";
import {classifyServerError, ModelServerError} from "./serverErrors";

export type ServerKind = "llama.cpp" | "vllm" | "ollama" | "openai-compatible";

export interface ServedModel {
    id: string;
    /** Tokens one request may use, when the server says (vLLM max_model_len, llama-server n_ctx per slot). */
    contextSize?: number;
}

export interface ServerDescription {
    kind: ServerKind;
    models: ServedModel[];
    /** Requests the server runs at once (llama-server --parallel); undefined when it does not say. */
    slots?: number;
}

/** Health checks answer fast or the server counts as down. */
const HEALTH_TIMEOUT_MS = 5_000;

export interface ModelServerOptions {
    apiKey?: string;
    /** No answer for this long (headers, or the next streamed piece): the server is hung. */
    timeoutMs: number;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function positiveInt(v: unknown): number | undefined {
    return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined;
}

function makeClient(baseURL: string, apiKey: string | undefined, timeout: number): OpenAI {
    return new (openaiModule())({
        baseURL, timeout, maxRetries: 0,
        // Explicit, so nothing is read from OPENAI_* variables. Without a key no Authorization header is sent at all
        // (the client insists on some key; null in defaultHeaders removes the header it would make from it).
        apiKey: apiKey || "unused", organization: null, project: null, adminAPIKey: null,
        defaultHeaders: apiKey ? undefined : {Authorization: null},
        // The client would print malformed stream lines to the console; the error it throws says enough.
        logLevel: "off"
    });
}

/** The error codes of a kept-alive connection the server had already closed when it was reused. */
const STALE_CONNECTION = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);
const MAX_STALE_RETRIES = 8;

function isStaleConnection(err: unknown): boolean {
    if (!(err instanceof openaiModule().APIConnectionError) || err instanceof openaiModule().APIConnectionTimeoutError) return false;
    for (let e: any = err, depth = 0; e && depth < 6; e = e.cause, depth++) if (STALE_CONNECTION.has(e.code)) return true;
    return false;
}

export class ModelServer {
    readonly address: ServerAddress;
    /** The OpenAI API (base .../v1). */
    readonly api: OpenAI;
    /** The server's root, for its own endpoints. */
    private readonly root: OpenAI;
    kind?: ServerKind;
    /** How this server tokenizes, found on first use: undefined = not tried, null = no tokenizer endpoint. */
    private tokenizer?: "llama.cpp" | "vllm" | null;

    constructor(url: string, readonly options: ModelServerOptions) {
        this.address = serverAddress(url);
        this.api = makeClient(this.address.api, options.apiKey, options.timeoutMs);
        this.root = makeClient(this.address.root, options.apiKey, options.timeoutMs);
    }

    get label(): string { return this.address.label; }

    /**
     * Runs a request, again when it failed on a kept-alive connection the server had already closed (llama-server
     * closes idle connections after 5 s; VS Code's fetch reuses them later than Node's own would). Such a request never
     * reached the server, so sending it again duplicates nothing; each failure discards one stale connection, and
     * there are at most as many as requests were in flight together.
     */
    async send<T>(request: () => Promise<T>): Promise<T> {
        for (let attempt = 1; ; attempt++) {
            try {
                return await request();
            } catch (err) {
                if (!isStaleConnection(err) || attempt >= MAX_STALE_RETRIES) throw err;
            }
        }
    }

    private fail(err: unknown): never {
        throw classifyServerError(err, this.label);
    }

    /**
     * Healthy = /health answers 2xx (vLLM, llama-server: 503 while loading the model). Servers without /health
     * (Ollama) are healthy when they list their models.
     */
    async health(signal?: AbortSignal): Promise<void> {
        const options = {signal, timeout: Math.min(HEALTH_TIMEOUT_MS, this.options.timeoutMs)};
        try {
            await this.send(() => this.root.get("/health", options));
        } catch (err) {
            if (err instanceof openaiModule().NotFoundError) {
                try { await this.send(() => this.api.get("/models", options)); return; } catch (e) { this.fail(e); }
            }
            this.fail(err);
        }
    }

    /** The served models, the server's kind and (llama-server) its slots and per-slot context. */
    async describe(signal?: AbortSignal): Promise<ServerDescription> {
        let list: unknown;
        try {
            list = await this.send(() => this.api.get("/models", {signal}));
        } catch (err) {
            this.fail(err);
        }
        const data = isObject(list) && Array.isArray(list.data) ? list.data.filter(isObject) : undefined;
        if (!data) throw new ModelServerError("protocol", `The model server at ${this.label} answered /v1/models with something that is not a model list: ` +
            "is this an OpenAI-compatible server (vLLM, llama-server, Ollama)?", this.label);
        const owner = String(data[0]?.owned_by ?? "");
        const kind: ServerKind = owner === "llamacpp" ? "llama.cpp" : owner === "vllm" ? "vllm"
            : owner === "library" || owner === "ollama" ? "ollama" : "openai-compatible";
        this.kind = kind;
        const models = data.filter((m) => typeof m.id === "string").map((m): ServedModel => ({
            id: m.id as string,
            // vLLM: max_model_len; llama-server: meta.n_ctx is the context of one slot.
            contextSize: positiveInt(m.max_model_len) ?? (isObject(m.meta) ? positiveInt(m.meta.n_ctx) : undefined)
        }));
        let slots: number | undefined;
        if (kind === "llama.cpp") {
            try {
                const props = await this.send(() => this.root.get("/props", {signal})) as Json;
                slots = positiveInt(props.total_slots);
                const n = isObject(props.default_generation_settings) ? positiveInt(props.default_generation_settings.n_ctx) : undefined;
                if (n) for (const m of models) m.contextSize ??= n;
            } catch {
                // An older llama-server without /props: the configured concurrency applies.
            }
        }
        return {kind, models, slots};
    }

    /**
     * Token count of `text` as the server's tokenizer sees it (special-token text parsed, as in a chat prompt), or
     * undefined when the server has no tokenizer endpoint (Ollama) or it fails: the caller estimates instead.
     */
    async countTokens(text: string, model: string, signal?: AbortSignal): Promise<number | undefined> {
        if (this.tokenizer === null) return undefined;
        const dialects: Array<"llama.cpp" | "vllm"> = this.tokenizer ? [this.tokenizer]
            : this.kind === "vllm" ? ["vllm"] : this.kind === "llama.cpp" ? ["llama.cpp"] : ["llama.cpp", "vllm"];
        for (const dialect of dialects) {
            try {
                const body = dialect === "llama.cpp" ? {content: text, add_special: false, parse_special: true}
                    : {model, prompt: text, add_special_tokens: false};
                const r = await this.send(() => this.root.post("/tokenize", {body, signal})) as Json;
                const count = typeof r.count === "number" ? r.count : Array.isArray(r.tokens) ? r.tokens.length : undefined;
                if (count !== undefined) { this.tokenizer = dialect; return count; }
            } catch (err) {
                if (signal?.aborted) throw err;
                const e = classifyServerError(err, this.label);
                // The server is in trouble: let the request itself find out and report it.
                if (e.kind !== "protocol") return undefined;
            }
        }
        this.tokenizer = null;
        return undefined;
    }

    /** The tokens of `text` (special-token text parsed), for eval; undefined without a tokenizer endpoint. */
    async tokenize(text: string, model: string, signal?: AbortSignal): Promise<number[] | undefined> {
        const dialects: Array<"llama.cpp" | "vllm"> = this.kind === "vllm" ? ["vllm"] : this.kind === "llama.cpp" ? ["llama.cpp"] : ["llama.cpp", "vllm"];
        for (const dialect of dialects) {
            const body = dialect === "llama.cpp" ? {content: text, add_special: false, parse_special: true}
                : {model, prompt: text, add_special_tokens: false};
            try {
                const r = await this.send(() => this.root.post("/tokenize", {body, signal})) as Json;
                if (Array.isArray(r.tokens) && r.tokens.every((t) => typeof t === "number")) return r.tokens as number[];
            } catch (err) {
                const e = classifyServerError(err, this.label);
                if (e.kind !== "protocol") throw e;
            }
        }
        return undefined;
    }
}
