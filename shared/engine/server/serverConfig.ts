/**
 * How the core finds its model server(s): the same settings on every entry point.
 *
 *   MED42_SERVER_URL        one or several base URLs, comma-separated (http://gpu1:8000,http://gpu2:8000)
 *   MED42_SERVER_API_KEY    the key the server expects (vLLM/llama-server --api-key); never put it on a command line
 *   MED42_SERVER_MODEL      the served model name; default: the first model the server lists
 *   MED42_SERVER_TIMEOUT    seconds without any answer (or without the next piece of a streamed answer) before a
 *                           server counts as hung; default 300 (a CPU llama-server may take minutes on a long prompt)
 *   MED42_SERVER_CONCURRENCY requests this process sends to one server at once when the server does not say how many
 *                           slots it has (vLLM, Ollama); llama-server's own slot count wins. Default 16.
 */
import {withoutUndefined} from "../../options";

export interface ServerOptions {
    /** Base URLs: http(s)://host:port, with or without a trailing /v1. */
    urls: string[];
    apiKey?: string;
    /** Served model name; default: the first one the server lists. */
    model?: string;
    /** No answer (or no next piece of a stream) for this long: the server is hung. Default 300 s. */
    timeoutMs?: number;
    /** Requests in flight per server when the server does not report its slots. Default 16. */
    concurrency?: number;
    /** How often servers are health-checked. Default 15 s (a failed server is re-checked sooner, with back-off). */
    healthIntervalMs?: number;
}

export const DEFAULT_SERVER_TIMEOUT_MS = 300_000;
export const DEFAULT_SERVER_CONCURRENCY = 16;
export const DEFAULT_HEALTH_INTERVAL_MS = 15_000;

/** A configuration mistake, fit to show as is. */
export class ServerConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ServerConfigError";
    }
}

/** The server root (for /health, /tokenize, /props) and the OpenAI API base (root + /v1) of a configured URL. */
export interface ServerAddress {
    /** As shown to users: the URL without credentials or a trailing slash. */
    label: string;
    root: string;
    api: string;
}

export function serverAddress(raw: string, source = "the server URL"): ServerAddress {
    const value = raw.trim();
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new ServerConfigError(`${source}: "${value}" is not a URL; use http(s)://host:port, e.g. http://gpu1:8000.`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
        throw new ServerConfigError(`${source}: "${value}" must start with http:// or https://.`);
    if (url.username || url.password)
        throw new ServerConfigError(`${source}: put the API key in MED42_SERVER_API_KEY (or VS Code's secret storage), not in the URL.`);
    url.search = "";
    url.hash = "";
    // Accept both the server root and the OpenAI base: the health, tokenizer and slot endpoints live at the root.
    const root = url.href.replace(/\/+$/, "").replace(/\/v1$/, "");
    return {label: root, root, api: `${root}/v1`};
}

/** Comma- or whitespace-separated URLs, validated; duplicates removed. */
export function parseServerUrls(raw: string, source = "MED42_SERVER_URL"): string[] {
    const urls = raw.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
    if (urls.length === 0) throw new ServerConfigError(`${source} is empty: give at least one http(s)://host:port.`);
    const seen = new Set<string>();
    const out: string[] = [];
    for (const u of urls) {
        const {root} = serverAddress(u, source);
        if (!seen.has(root)) { seen.add(root); out.push(root); }
    }
    return out;
}

function positiveNumber(name: string, raw: string | undefined, scale = 1): number | undefined {
    const value = raw?.trim();
    if (!value) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new ServerConfigError(`${name} must be a positive number (got "${value}").`);
    return Math.round(n * scale);
}

/**
 * Warnings for a configuration that sends the API key in clear text: an http:// server beyond this machine. Allowed
 * (a hospital network may terminate TLS elsewhere), but said at start-up on every entry point.
 */
export function cleartextKeyWarnings(server: ServerOptions): string[] {
    if (!server.apiKey) return [];
    return server.urls.filter((u) => {
        const url = new URL(u);
        return url.protocol === "http:" && !isLoopbackHost(url.hostname);
    }).map((u) => `The model server's API key and every question are sent to ${u} unencrypted (http://): ` +
        "use https:// for a server beyond this machine.");
}

function isLoopbackHost(host: string): boolean {
    const h = host.replace(/^\[|\]$/g, "").toLowerCase();
    return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The server settings from the environment, with explicit values (CLI flags, VS Code settings) taking precedence.
 * Undefined when no URL is configured anywhere: then the local engine runs.
 */
export function serverOptionsFromEnv(env: NodeJS.ProcessEnv, overrides: Partial<ServerOptions> = {}): ServerOptions | undefined {
    const explicit = withoutUndefined(overrides);
    const urlsRaw = env.MED42_SERVER_URL?.trim();
    const urls = explicit.urls && explicit.urls.length > 0 ? explicit.urls : urlsRaw ? parseServerUrls(urlsRaw) : undefined;
    if (!urls) return undefined;
    const fromEnv = withoutUndefined<ServerOptions>({
        urls,
        apiKey: env.MED42_SERVER_API_KEY?.trim() || undefined,
        model: env.MED42_SERVER_MODEL?.trim() || undefined,
        timeoutMs: positiveNumber("MED42_SERVER_TIMEOUT", env.MED42_SERVER_TIMEOUT, 1000),
        concurrency: positiveNumber("MED42_SERVER_CONCURRENCY", env.MED42_SERVER_CONCURRENCY)
    });
    return {...fromEnv, ...explicit, urls} as ServerOptions;
}

/** One line naming the server(s) and model, for status bars, logs and the audit log. */
export function describeServers(urls: readonly string[], model?: string): string {
    return `${model ? `${model} on ` : ""}${urls.join(", ")}`;
}
