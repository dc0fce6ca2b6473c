/**
 * What can go wrong with a model server, as errors a user can act on: each says which server, what happened and what
 * to do. The pool uses `kind` to decide whether a request may be tried on another server (only before its first
 * token) and whether the server is taken out of rotation.
 */
import type OpenAI from "openai";
import {openaiModule} from "./openaiModule";

export type ServerErrorKind =
    /** Nothing answers at the address (refused, unknown host, reset). */
    | "unreachable"
    /** The HTTPS connection could not be verified (certificate, wrong protocol). */
    | "tls"
    /** No answer (or no next piece of the stream) within the timeout. */
    | "timeout"
    /** 401/403: missing or wrong API key. */
    | "auth"
    /** The configured model is not served there. */
    | "unknown-model"
    /** The request does not fit in the server's context. */
    | "context"
    /** 429 or 503: the server asks to come back later (Retry-After). */
    | "overloaded"
    /** 5xx: the server failed on this request. */
    | "server"
    /** An answer that is not the OpenAI-compatible API (malformed stream, wrong URL). */
    | "protocol"
    /** The server lacks something this feature needs (e.g. prompt log-probabilities for eval). */
    | "unsupported";

export class ModelServerError extends Error {
    constructor(readonly kind: ServerErrorKind, message: string, readonly server?: string,
        readonly details: {retryAfterMs?: number; status?: number; cause?: unknown} = {}) {
        super(message, details.cause !== undefined ? {cause: details.cause} : undefined);
        this.name = "ModelServerError";
    }

    /** Whether the same request may go to another server (or the same one later), when no token was shown yet. */
    get retryable(): boolean {
        return this.kind === "unreachable" || this.kind === "timeout" || this.kind === "overloaded" ||
            this.kind === "server" || this.kind === "protocol";
    }

    /** Whether the server should leave the rotation until a health check finds it well again. */
    get serverIsDown(): boolean {
        return this.kind === "unreachable" || this.kind === "timeout" || this.kind === "tls";
    }
}

/** TLS failures are not "unreachable": saying so would send the user looking in the wrong place. */
const TLS_ERROR_CODES = new Set([
    "CERT_HAS_EXPIRED", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "SELF_SIGNED_CERT_IN_CHAIN", "DEPTH_ZERO_SELF_SIGNED_CERT",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "ERR_TLS_CERT_ALTNAME_INVALID", "CERT_NOT_YET_VALID", "ERR_SSL_WRONG_VERSION_NUMBER",
    "EPROTO"
]);

function errorCode(err: unknown): string | undefined {
    for (let e: any = err, depth = 0; e && depth < 6; e = e.cause, depth++) {
        if (typeof e.code === "string") return e.code;
    }
    return undefined;
}

/** The message of the deepest cause (fetch's own "fetch failed" says nothing). */
function innermostMessage(err: unknown): string | undefined {
    let message: string | undefined;
    for (let e: any = err, depth = 0; e && depth < 6; e = e.cause, depth++) {
        if (typeof e.message === "string" && e.message) message = e.message;
    }
    return message;
}

/** Retry-After as milliseconds: `retry-after-ms`, seconds, or an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
    const ms = Number(headers?.get("retry-after-ms"));
    if (headers?.get("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
    const raw = headers?.get("retry-after")?.trim();
    if (!raw) return undefined;
    const seconds = Number(raw);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(raw);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The server's own message from an error body: OpenAI's {error: {message}} or vLLM's/others' {message}. */
function serverMessage(err: InstanceType<typeof OpenAI.APIError>): string {
    const body = err.error as {message?: unknown; error?: {message?: unknown}} | undefined;
    const m = body?.message ?? body?.error?.message;
    return typeof m === "string" && m.trim() ? m.trim() : err.message;
}

const CONTEXT_PATTERN = /exceed_context_size|context length|context size|maximum context|too many tokens|prompt is too long|n_ctx/i;

/**
 * One ModelServerError from whatever the OpenAI client, fetch or the stream threw, worded for the server at `label`.
 * `what` names the request ("the answer", "the model list") for messages.
 */
export function classifyServerError(err: unknown, label: string): ModelServerError {
    if (err instanceof ModelServerError) return err;
    if (err instanceof openaiModule().APIConnectionTimeoutError) {
        return new ModelServerError("timeout", `The model server at ${label} did not answer in time.`, label, {cause: err});
    }
    if (err instanceof openaiModule().APIConnectionError || (err instanceof TypeError && /fetch failed|terminated|other side closed/i.test(err.message))) {
        const code = errorCode(err);
        if (code && TLS_ERROR_CODES.has(code)) {
            return new ModelServerError("tls", `Cannot make a secure connection to the model server at ${label} (${code}). ` +
                "Check that the URL's scheme matches the server (http:// or https://) and that its certificate is valid; " +
                "for a certificate from your organisation's own CA, point NODE_EXTRA_CA_CERTS at that CA's PEM file.", label, {cause: err});
        }
        if (err instanceof TypeError && !code) {
            return new ModelServerError("unreachable", `The connection to the model server at ${label} was cut off (${err.message}).`, label, {cause: err});
        }
        const why = code ?? innermostMessage(err) ?? "no connection";
        return new ModelServerError("unreachable", `Cannot reach the model server at ${label} (${why}). ` +
            "Check that it is running and that the URL (MED42_SERVER_URL, --server or the med42.server.url setting) is right.", label, {cause: err});
    }
    if (err instanceof openaiModule().APIError && err.status !== undefined) {
        const status = err.status;
        const message = serverMessage(err);
        if (status === 401 || status === 403) {
            return new ModelServerError("auth", `The model server at ${label} refused the API key (HTTP ${status}: ${message}). ` +
                "Set the key the server expects: MED42_SERVER_API_KEY, or \"Med42: Set Model Server API Key\" in VS Code.", label, {status, cause: err});
        }
        if (status === 429 || status === 503) {
            const wait = retryAfterMs(err.headers);
            return new ModelServerError("overloaded", `The model server at ${label} is busy (HTTP ${status}: ${message})` +
                (wait !== undefined ? `; it asks to retry in ${Math.ceil(wait / 1000)} s.` : "."), label, {status, retryAfterMs: wait, cause: err});
        }
        if (CONTEXT_PATTERN.test(message) && status === 400) {
            return new ModelServerError("context", `The request does not fit in the context of the model server at ${label} ` +
                `(${message}). Shorten the conversation or start a new one, or give the server a larger context ` +
                "(llama-server: -c is shared by its --parallel slots; vLLM: --max-model-len).", label, {status, cause: err});
        }
        if (status === 404 && /model/i.test(message)) {
            return new ModelServerError("unknown-model", `The model server at ${label} does not serve that model (${message}). ` +
                "`med42 models --server URL` lists what it serves; set MED42_SERVER_MODEL to one of them.", label, {status, cause: err});
        }
        if (status === 404 || status === 405) {
            return new ModelServerError("protocol", `The model server at ${label} has no OpenAI-compatible API there (HTTP ${status}). ` +
                "Give the server's base URL, e.g. http://host:8000 or http://host:8000/v1.", label, {status, cause: err});
        }
        if (status >= 500) {
            return new ModelServerError("server", `The model server at ${label} failed (HTTP ${status}: ${message}).`, label, {status, cause: err});
        }
        return new ModelServerError("protocol", `The model server at ${label} rejected the request (HTTP ${status}: ${message}).`, label, {status, cause: err});
    }
    if (err instanceof openaiModule().APIError) {
        // An error event inside the stream (status undefined): the server failed mid-request.
        return new ModelServerError("server", `The model server at ${label} reported an error: ${serverMessage(err)}.`, label, {cause: err});
    }
    if (err instanceof SyntaxError) {
        return new ModelServerError("protocol", `The model server at ${label} sent a malformed answer stream (${err.message}).`, label, {cause: err});
    }
    const message = err instanceof Error ? err.message : String(err);
    return new ModelServerError("protocol", `Unexpected answer from the model server at ${label}: ${message}`, label, {cause: err});
}
