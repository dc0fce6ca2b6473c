/**
 * Resumable HTTP download of one file, possibly published as several byte-range parts (`X.gguf.part1of2`, ...),
 * into `TARGET.partial`, renamed to TARGET only when complete and checked.
 *
 * Why our own and not node-llama-cpp's downloader: the store needs exact, testable behaviour: resume with a Range
 * request from the partial file's size, a clean restart when a server ignores Range, the partial kept on cancel or
 * a broken connection, one clear message when offline, and a lock so two processes never append to the same file.
 *
 * Integrity: a file whose SHA-256 the source publishes (the Hub's API, or its X-Linked-Etag header for LFS files) is
 * hashed as it arrives and deleted when it does not match; a resume continues only bytes whose version was saved
 * with them (validator, SHA-256), never an unidentified partial file; redirects never leave HTTPS.
 */
import {createHash, type Hash} from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import {ModelDownloadError} from "./errors";
import {formatBytes} from "./formatBytes";

export interface DownloadPart {
    url: string;
    /** Size announced by the source (e.g. the Hub's API); lets progress show a total across parts. */
    sizeBytes?: number;
    /** SHA-256 of the part (lowercase hex) when the source publishes it; else taken from X-Linked-Etag if present. */
    sha256?: string;
}

export interface DownloadOptions {
    /** The file's parts in order; one part for an ordinary file. */
    parts: DownloadPart[];
    /** Final path; the download goes to `target + ".partial"` first. */
    target: string;
    signal?: AbortSignal;
    /** Bytes on disk so far (resumed bytes included) and the expected total when known. */
    onProgress?: (receivedBytes: number, totalBytes: number | undefined) => void;
    /** How messages name the model, e.g. "med42-8b". */
    label: string;
    /** The command that resumes or retries, e.g. "med42 pull med42-8b". */
    retryCommand: string;
}

export interface DownloadResult {
    path: string;
    sizeBytes: number;
}

const GGUF_MAGIC = Buffer.from("GGUF", "ascii");
/** TLS failures are not "offline": saying so would send the user looking in the wrong place. */
const TLS_ERROR_CODES = new Set([
    "CERT_HAS_EXPIRED", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "SELF_SIGNED_CERT_IN_CHAIN", "DEPTH_ZERO_SELF_SIGNED_CERT",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "ERR_TLS_CERT_ALTNAME_INVALID"
]);

/** No version in it: reading package.json by a relative path breaks once the code is bundled for VS Code. */
const userAgent = "med42-assist";

/** The error to throw when `signal` aborted the work: its reason when that is an Error, else an AbortError. */
export function abortReason(signal: AbortSignal): Error {
    return signal.reason instanceof Error ? signal.reason : new DOMException("The download was cancelled", "AbortError");
}

function errorCode(err: unknown): string | undefined {
    for (let e: any = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
        if (typeof e.code === "string") return e.code;
    }
    return undefined;
}

/** What the Hugging Face Hub says about a file in the headers of its resolve answer (the hop before its CDN). */
interface HubFileInfo {
    /** SHA-256 of an LFS file's content, lowercase hex (X-Linked-Etag). */
    sha256?: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

/**
 * fetch() whose failures become one clear ModelDownloadError: an unreachable host says "are you offline?" and how to
 * go on without the network. Aborts are rethrown as the signal's reason. Redirects are followed (see
 * fetchFollowingRedirects).
 */
export async function fetchOrExplain(url: string, init: RequestInit & {signal?: AbortSignal}, context: {retryCommand: string}): Promise<Response> {
    return (await fetchFollowingRedirects(url, init, context)).response;
}

/**
 * Follows redirects itself (up to 10): a redirect from https to anything else is refused (the rest of the download
 * could be read and altered on the way, and most sources publish no checksum to catch it), and the Hub's headers
 * are read on every hop, since its CDN's final answer does not carry them.
 */
async function fetchFollowingRedirects(url: string, init: RequestInit & {signal?: AbortSignal},
    context: {retryCommand: string}): Promise<{response: Response; hub: HubFileInfo}> {
    const hub: HubFileInfo = {};
    let current = url;
    for (let hop = 0; ; hop++) {
        const res = await fetchOnce(current, init, context);
        hub.sha256 ??= linkedSha256(res.headers);
        const location = REDIRECT_STATUSES.has(res.status) ? res.headers.get("location") : null;
        if (location === null) return {response: res, hub};
        await res.body?.cancel();
        if (hop >= MAX_REDIRECTS)
            throw new ModelDownloadError(`${url} redirected more than ${MAX_REDIRECTS} times: check the URL`, "http", {status: res.status});
        current = redirectTarget(current, location);
    }
}

function redirectTarget(from: string, location: string): string {
    let target: URL;
    try { target = new URL(location, from); } catch {
        throw new ModelDownloadError(`${from} redirected to an invalid address (${location.slice(0, 200)})`, "http");
    }
    const fromHttps = new URL(from).protocol === "https:";
    if ((fromHttps && target.protocol !== "https:") || !/^https?:$/.test(target.protocol)) {
        throw new ModelDownloadError(`refusing a redirect from ${safeHost(from)} over HTTPS to ${target.protocol}//${target.host}: ` +
            "the download would leave HTTPS, where it could be altered on the way. Check the URL or the proxy", "insecure");
    }
    return target.toString();
}

/** X-Linked-Etag: the SHA-256 of an LFS file (quoted); other files carry a git blob id there, which is not one. */
function linkedSha256(headers: Headers): string | undefined {
    const m = /^(?:W\/)?"?([0-9a-f]{64})"?$/i.exec(headers.get("x-linked-etag")?.trim() ?? "");
    return m ? m[1].toLowerCase() : undefined;
}

async function fetchOnce(url: string, init: RequestInit & {signal?: AbortSignal}, context: {retryCommand: string}): Promise<Response> {
    try {
        return await fetch(url, {
            ...init,
            redirect: "manual",
            // Compressed transfer would make Content-Length and Range count compressed bytes.
            headers: {"Accept-Encoding": "identity", "User-Agent": userAgent, ...(init.headers as Record<string, string>)}
        });
    } catch (err) {
        if (init.signal?.aborted) throw abortReason(init.signal);
        // fetch() rejects only when no HTTP answer came back: DNS, refused or reset connections, timeouts, TLS.
        const host = safeHost(url);
        const code = errorCode(err);
        if (code && TLS_ERROR_CODES.has(code))
            throw new ModelDownloadError(`cannot make a secure connection to ${host} (${code}): check the system's ` +
                "certificates or proxy, or pass --model /path/to/file.gguf", "offline", {cause: err});
        throw new ModelDownloadError(
            `cannot reach ${host}: are you offline?${code ? ` (${code})` : ""} ` +
            `Connect and run \`${context.retryCommand}\` again, or pass --model /path/to/file.gguf`,
            "offline", {cause: err});
    }
}

function safeHost(url: string): string {
    try { return new URL(url).host; } catch { return url; }
}

/** A clear message for an HTTP error status. */
export function httpErrorMessage(status: number, statusText: string, what: string, url: string): string {
    const hint = status === 404 ? ": check the model name or URL"
        : status === 401 || status === 403 ? ": the file may be private or gated (it needs an account that accepted its licence)"
        : status === 429 ? ": too many requests, try again later"
        : status >= 500 ? ": the server has a problem, try again later"
        : "";
    return `${what} failed: HTTP ${status}${statusText ? ` ${statusText}` : ""} from ${url}${hint}`;
}

/** Downloads `parts` into `target` (see the file comment). Returns at once when `target` already exists. */
export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
    const {target, signal} = options;
    if (options.parts.length === 0) throw new Error("downloadFile needs at least one part");
    signal?.throwIfAborted();
    const existing = await statSize(target);
    if (existing !== undefined) return {path: target, sizeBytes: existing};

    await fsp.mkdir(path.dirname(target), {recursive: true});
    const partial = target + ".partial";
    const release = await acquireLock(target + ".partial.lock", options.label);
    try {
        const sizeBytes = await downloadParts(options, partial);
        await checkMagic(partial, options);
        await fsp.rename(partial, target);
        await fsp.rm(partsStatePath(partial), {force: true});
        return {path: target, sizeBytes};
    } finally {
        await release();
    }
}

/**
 * What a resume needs besides the partial file: which parts are complete (their sizes, in order), so it knows where
 * in which part the file ends, and what identifies the version of the unfinished part's bytes: its validator (strong
 * ETag or Last-Modified), sent as If-Range so a file that changed on the server is downloaded afresh instead of being
 * spliced onto old bytes, and its published SHA-256, compared with the one the source names now.
 * Stored as `NAME.partial.json`. A partial file without it, or without either identity, is downloaded again from
 * the start: nothing says which version its bytes belong to.
 */
interface DownloadState extends PartIdentity { urls: string[]; completedSizes: number[] }

interface PartIdentity { validator?: string; sha256?: string }

const partsStatePath = (partial: string) => partial + ".json";

async function readState(partial: string, urls: string[]): Promise<DownloadState | null> {
    try {
        const state = JSON.parse(await fsp.readFile(partsStatePath(partial), "utf8")) as DownloadState;
        if (JSON.stringify(state.urls) === JSON.stringify(urls) && Array.isArray(state.completedSizes) &&
            state.completedSizes.every((n) => Number.isInteger(n) && n >= 0)) return state;
    } catch { /* none or unreadable */ }
    return null;
}

function writeState(partial: string, state: DownloadState): Promise<void> {
    return fsp.writeFile(partsStatePath(partial), JSON.stringify(state));
}

async function downloadParts(options: DownloadOptions, partial: string): Promise<number> {
    const {parts} = options;
    const urls = parts.map((p) => p.url);
    const partialSize = (await statSize(partial)) ?? 0;
    let state = await readState(partial, urls);
    if (state && (state.completedSizes.length >= parts.length || sum(state.completedSizes) > partialSize)) state = null;
    // Nothing says which version the bytes on disk are (nor, for several parts, where each ends): start over.
    if (!state && partialSize > 0) await truncate(partial, 0);
    const completed = state?.completedSizes ?? [];
    let saved: PartIdentity = {validator: state?.validator, sha256: state?.sha256};
    let base = sum(completed);
    const announcedTotal = parts.every((p) => p.sizeBytes !== undefined) ? sum(parts.map((p) => p.sizeBytes!)) : undefined;
    for (let i = completed.length; i < parts.length; i++) {
        const offset = ((await statSize(partial)) ?? 0) - base;
        const partSize = await downloadPart({
            options, part: parts[i], partial, base, announcedTotal, saved,
            saveIdentity: (identity) => writeState(partial, {urls, completedSizes: completed, ...identity})
        }, offset);
        completed.push(partSize);
        base += partSize;
        saved = {};
        await writeState(partial, {urls, completedSizes: completed});
    }
    return base;
}

interface PartContext {
    options: DownloadOptions;
    part: DownloadPart;
    partial: string;
    /** Bytes of earlier parts at the start of the partial file. */
    base: number;
    announcedTotal: number | undefined;
    /** What identifies the version of this part's bytes already on disk, as saved with them. */
    saved: PartIdentity;
    saveIdentity: (identity: PartIdentity) => Promise<void>;
}

/** A validator usable with If-Range: a strong ETag, else Last-Modified. */
function validatorOf(res: Response): string | undefined {
    const etag = res.headers.get("etag");
    if (etag && !etag.startsWith("W/")) return etag;
    return res.headers.get("last-modified") ?? undefined;
}

/**
 * Downloads one part into `partial`, which holds `ctx.base` bytes of earlier parts plus `offset` bytes of this one.
 * Returns the part's size.
 */
async function downloadPart(ctx: PartContext, offset: number): Promise<number> {
    const {options, part, partial, base} = ctx;
    const {signal, label, retryCommand} = options;
    if (offset > 0 && !ctx.saved.validator && !ctx.saved.sha256) {
        // Bytes of an unknown version: continuing them could splice two versions of the file.
        await truncate(partial, base);
        offset = 0;
    }
    const headers: Record<string, string> = {};
    if (offset > 0) {
        headers.Range = `bytes=${offset}-`;
        if (ctx.saved.validator) headers["If-Range"] = ctx.saved.validator;
    }
    const {response: res, hub} = await fetchFollowingRedirects(part.url, {headers, signal}, {retryCommand});
    const expectedSha256 = part.sha256 ?? hub.sha256;
    const restart = async () => {
        await truncate(partial, base);
        return downloadPart({...ctx, saved: {}}, 0);
    };
    if (offset > 0 && ctx.saved.sha256 && expectedSha256 && ctx.saved.sha256 !== expectedSha256) {
        // The source now publishes another version than the one on disk.
        await res.body?.cancel();
        return restart();
    }

    if (res.status === 416 && offset > 0) {
        // Range not satisfiable: either this part is already complete or the partial file is longer than the source.
        await res.body?.cancel();
        const total = /\/(\d+)\s*$/.exec(res.headers.get("content-range") ?? "")?.[1];
        if (total === undefined || Number(total) !== offset) return restart();
        if (expectedSha256 && await sha256Of(partial, base, offset) !== expectedSha256) return restart();
        return offset;
    }
    if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw new ModelDownloadError(httpErrorMessage(res.status, res.statusText, `downloading ${label}`, part.url), "http",
            {status: res.status, partialPath: offset + base > 0 ? partial : undefined});
    }

    let start = 0;
    let partTotal: number | undefined;
    if (res.status === 206) {
        const m = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)/i.exec(res.headers.get("content-range") ?? "");
        if (!m || Number(m[1]) !== offset) {
            // A range we did not ask for: restart this part cleanly rather than write bytes in the wrong place.
            await res.body.cancel();
            return restart();
        }
        start = offset;
        partTotal = m[3] === "*" ? undefined : Number(m[3]);
    } else {
        // 200: the whole part, from byte 0: the server ignores Range, or the file changed (If-Range). Drop this
        // part's old bytes.
        const length = res.headers.get("content-length");
        partTotal = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
    }
    await truncate(partial, base + start);
    const validator = validatorOf(res);
    if (start === 0 || validator !== ctx.saved.validator || expectedSha256 !== ctx.saved.sha256)
        await ctx.saveIdentity({validator, sha256: expectedSha256});
    const total = ctx.announcedTotal ?? (options.parts.length === 1 && partTotal !== undefined ? partTotal : undefined);
    const remaining = total !== undefined ? total - (base + start) : partTotal !== undefined ? partTotal - start : undefined;
    await checkDiskSpace(partial, remaining, res, options);

    let received = start;
    // The bytes already on disk are hashed first, so a resumed part is checked whole.
    const hash = expectedSha256 ? await hashOf(partial, base, start) : undefined;
    const file = await fsp.open(partial, "a");
    try {
        options.onProgress?.(base + received, total);
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            await file.write(chunk);
            hash?.update(chunk);
            received += chunk.byteLength;
            options.onProgress?.(base + received, total);
        }
        await file.datasync();
    } catch (err) {
        if (signal?.aborted) throw abortReason(signal);
        throw new ModelDownloadError(
            `download of ${label} was interrupted after ${formatBytes(base + received)}` +
            `${total ? ` of ${formatBytes(total)}` : ""} (${(err as Error).message}): ` +
            `run \`${retryCommand}\` again to resume`, "interrupted", {partialPath: partial, cause: err});
    } finally {
        await file.close();
    }
    if (partTotal !== undefined && received !== partTotal) {
        if (received > partTotal) await truncate(partial, base);
        throw new ModelDownloadError(
            `download of ${label} ended early: got ${formatBytes(received)} of ${formatBytes(partTotal)} from ${part.url}: ` +
            `run \`${retryCommand}\` again to resume`, "incomplete", {partialPath: partial});
    }
    const actual = hash?.digest("hex");
    if (actual !== undefined && actual !== expectedSha256) {
        // A resumed part may hold bad bytes from before: one fresh download of it settles that.
        if (start > 0) return restart();
        await fsp.rm(partial, {force: true});
        await fsp.rm(partsStatePath(partial), {force: true});
        const which = options.parts.length > 1 ? ` (part ${options.parts.indexOf(part) + 1} of ${options.parts.length})` : "";
        throw new ModelDownloadError(`the download of ${label}${which} is corrupt or was altered: its SHA-256 is ${actual}, ` +
            `but the source publishes ${expectedSha256}. It was deleted: run \`${retryCommand}\` to download it again`, "checksum");
    }
    return received;
}

/** A SHA-256 hash fed with `length` bytes of `file` from `start`. */
async function hashOf(file: string, start: number, length: number): Promise<Hash> {
    const hash = createHash("sha256");
    if (length === 0) return hash;
    const fd = await fsp.open(file, "r");
    try {
        const buffer = Buffer.alloc(Math.min(length, 1 << 20));
        for (let done = 0; done < length;) {
            const {bytesRead} = await fd.read(buffer, 0, Math.min(buffer.length, length - done), start + done);
            if (bytesRead === 0) throw new Error(`${file} is shorter than expected`);
            hash.update(buffer.subarray(0, bytesRead));
            done += bytesRead;
        }
    } finally {
        await fd.close();
    }
    return hash;
}

async function sha256Of(file: string, start: number, length: number): Promise<string> {
    return (await hashOf(file, start, length)).digest("hex");
}

/** Fails early, before filling the disk, when the rest of the download cannot fit. */
async function checkDiskSpace(partial: string, neededBytes: number | undefined, res: Response, options: DownloadOptions): Promise<void> {
    if (neededBytes === undefined || neededBytes <= 0) return;
    let free: number;
    try {
        const s = await fsp.statfs(path.dirname(partial));
        free = s.bavail * s.bsize;
    } catch {
        return; // statfs unsupported here: let the writes tell
    }
    if (neededBytes <= free) return;
    await res.body?.cancel();
    throw new ModelDownloadError(`not enough disk space for ${options.label}: it needs ${formatBytes(neededBytes)} more, ` +
        `${path.dirname(partial)} has ${formatBytes(free)} free: free some space or choose another folder with --models-dir`,
    "disk", {partialPath: (await statSize(partial)) ? partial : undefined});
}

async function checkMagic(partial: string, options: DownloadOptions): Promise<void> {
    const head = Buffer.alloc(4);
    const fd = await fsp.open(partial, "r");
    let n: number;
    try { ({bytesRead: n} = await fd.read(head, 0, 4, 0)); } finally { await fd.close(); }
    if (n === 4 && head.equals(GGUF_MAGIC)) return;
    await fsp.rm(partial, {force: true});
    await fsp.rm(partsStatePath(partial), {force: true});
    const start = head.subarray(0, n).toString("latin1").replace(/[^\x20-\x7e]/g, "?");
    throw new ModelDownloadError(
        `${options.parts[0].url} did not return a GGUF model file (it starts with "${start}"): check the model name or URL`,
        "not-gguf");
}

/**
 * A lock file holding our pid, so two processes (say the CLI and VS Code) never append to the same partial file.
 * A lock left by a process that no longer runs is taken over.
 */
async function acquireLock(lockPath: string, label: string): Promise<() => Promise<void>> {
    for (let attempt = 0; attempt < 2; attempt++) {
        try {
            const fd = await fsp.open(lockPath, "wx");
            await fd.writeFile(String(process.pid));
            await fd.close();
            return () => fsp.rm(lockPath, {force: true});
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
            const pid = Number((await fsp.readFile(lockPath, "utf8").catch(() => "")).trim());
            if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
                throw new ModelDownloadError(
                    `${label} is already being downloaded (process ${pid}${pid === process.pid ? ", this one" : ""}): ` +
                    `wait for it to finish, or remove ${lockPath} if that download is gone`, "busy");
            }
            await fsp.rm(lockPath, {force: true});
        }
    }
    throw new ModelDownloadError(`cannot lock ${lockPath} for the download of ${label}`, "busy");
}

function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === "EPERM";
    }
}

async function statSize(file: string): Promise<number | undefined> {
    try { return (await fsp.stat(file)).size; } catch { return undefined; }
}

async function truncate(file: string, size: number): Promise<void> {
    if (!fs.existsSync(file)) {
        if (size === 0) return;
        throw new Error(`cannot truncate missing ${file}`);
    }
    if ((await fsp.stat(file)).size !== size) await fsp.truncate(file, size);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
