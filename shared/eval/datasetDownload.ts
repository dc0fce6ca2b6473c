/**
 * Fetching benchmark files over HTTP: into the dataset cache (written to NAME.partial, renamed when complete, so an
 * interrupted download never leaves a truncated file that looks finished) or, for a `--file URL`, into memory.
 * Failures become one message that names the URL and says how to go on without the network (--file).
 */
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import {Readable, Transform} from "node:stream";
import {pipeline} from "node:stream/promises";
import {med42CacheDir} from "../paths";

export class DatasetDownloadError extends Error {
    constructor(message: string, readonly url: string, options?: {cause?: unknown}) {
        super(message, options);
        this.name = "DatasetDownloadError";
    }
}

export type ProgressCallback = (receivedBytes: number, totalBytes: number | undefined) => void;

export interface FetchOptions {
    signal?: AbortSignal;
    onProgress?: ProgressCallback;
}

/** The dataset cache: env MED42_DATASETS_DIR, else $XDG_CACHE_HOME/med42-assist/datasets (%LOCALAPPDATA% on Windows). */
export function defaultDatasetsDir(): string {
    return med42CacheDir("datasets", "MED42_DATASETS_DIR");
}

function abortReason(signal: AbortSignal): Error {
    return signal.reason instanceof Error ? signal.reason : new DOMException("The download was cancelled", "AbortError");
}

async function request(url: string, signal?: AbortSignal): Promise<Response> {
    let response: Response;
    try {
        response = await fetch(url, {redirect: "follow", signal, headers: {"Accept-Encoding": "identity"}});
    } catch (err) {
        if (signal?.aborted) throw abortReason(signal);
        const cause = (err as {cause?: {code?: string; message?: string}}).cause;
        const why = cause?.code ?? cause?.message ?? (err as Error).message;
        throw new DatasetDownloadError(`could not download ${url} (${why}): are you offline? ` +
            "Pass --file PATH with a local copy of the dataset instead", url, {cause: err});
    }
    if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new DatasetDownloadError(`could not download ${url}: the server answered HTTP ${response.status}` +
            (response.status === 404 ? " (not found)" : ""), url);
    }
    return response;
}

function totalOf(response: Response): number | undefined {
    const length = Number(response.headers.get("content-length"));
    return Number.isFinite(length) && length > 0 ? length : undefined;
}

function counting(total: number | undefined, onProgress?: ProgressCallback): Transform {
    let received = 0;
    return new Transform({
        transform(chunk: Buffer, _encoding, callback) {
            received += chunk.length;
            onProgress?.(received, total);
            callback(null, chunk);
        }
    });
}

/** Downloads `url` to `target` (via `target.partial`); returns the target path. */
export async function downloadToFile(url: string, target: string, options: FetchOptions = {}): Promise<string> {
    await fsp.mkdir(path.dirname(target), {recursive: true});
    const response = await request(url, options.signal);
    const partial = `${target}.partial`;
    const total = totalOf(response);
    try {
        await pipeline(
            Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>),
            counting(total, options.onProgress),
            fs.createWriteStream(partial),
            {signal: options.signal}
        );
    } catch (err) {
        await fsp.rm(partial, {force: true});
        if (options.signal?.aborted) throw abortReason(options.signal);
        throw new DatasetDownloadError(`the download of ${url} broke off (${(err as Error).message}); run the command again`, url, {cause: err});
    }
    const size = (await fsp.stat(partial)).size;
    if (total != null && size !== total) {
        await fsp.rm(partial, {force: true});
        throw new DatasetDownloadError(`the download of ${url} is incomplete (${size} of ${total} bytes); run the command again`, url);
    }
    await fsp.rename(partial, target);
    return target;
}

/** Fetches a (small) file into memory, for `--file URL`. */
export async function fetchText(url: string, options: FetchOptions = {}): Promise<string> {
    const response = await request(url, options.signal);
    const total = totalOf(response);
    const chunks: Buffer[] = [];
    try {
        await pipeline(
            Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>),
            counting(total, options.onProgress),
            async function* (source: AsyncIterable<Buffer>) { for await (const chunk of source) chunks.push(chunk); },
            {signal: options.signal}
        );
    } catch (err) {
        if (options.signal?.aborted) throw abortReason(options.signal);
        throw new DatasetDownloadError(`the download of ${url} broke off (${(err as Error).message})`, url, {cause: err});
    }
    return Buffer.concat(chunks).toString("utf8");
}
