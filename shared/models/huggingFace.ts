/**
 * Resolving `hf:user/repo:QUANT` to files through the Hugging Face Hub API (`GET /api/models/{repo}?blobs=true`
 * lists the repository's files as `siblings`, with the SHA-256 and size of LFS files, and the commit as `sha`). A
 * quant may be published as one `.gguf` or, for big files, as raw byte-range parts `X.gguf.part1of2`,
 * `X.gguf.part2of2` that are joined by concatenation. Every part is downloaded from the commit the API answered
 * for, so the parts of one file never come from two versions of the repository.
 */
import {ModelDownloadError} from "./errors";
import type {DownloadPart} from "./httpDownload";
import {fetchOrExplain, httpErrorMessage} from "./httpDownload";
import {hubPathSegments} from "./modelReference";

export interface RemoteModelFile {
    /** The joined file's name, e.g. `Llama3-Med42-70B.Q6_K.gguf`. */
    fileName: string;
    parts: DownloadPart[];
}

interface Sibling { rfilename: string; size?: number; lfs?: {sha256?: string; size?: number} }

const PART_PATTERN = /^(.*\.gguf)\.part(\d+)of(\d+)$/i;
/** llama.cpp's gguf-split shards: each is a GGUF of its own, loaded from the first; not joined by concatenation. */
const SHARD_PATTERN = /-\d{5}-of-\d{5}\.gguf$/i;

/** The file's download URL at `revision` (a commit id pins its bytes; a branch follows it). */
export function hfFileUrl(endpoint: string, repo: string, filePath: string, revision = "main"): string {
    return `${endpoint}/${repo}/resolve/${encodeURIComponent(revision)}/${filePath.split("/").map(encodeURIComponent).join("/")}`;
}

/**
 * Whether a file name carries the quant tag as a whole word: `Q4_K` does not match `X.Q4_K_M.gguf`, and the tag
 * must sit between separators (`.` `-` `/` or the name's ends), case-insensitively.
 */
export function matchesQuant(fileName: string, quant: string): boolean {
    const base = fileName.replace(/\.gguf(\.part\d+of\d+)?$/i, "");
    const escaped = quant.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[./-])${escaped}$|(^|[./-])${escaped}[.-]`, "i").test(base);
}

/** Groups `.gguf` names into whole files (joining `.partXofY` sets); incomplete part sets are left out. */
export function groupGgufFiles(siblings: Sibling[]): {fileName: string; parts: Sibling[]}[] {
    const whole: {fileName: string; parts: Sibling[]}[] = [];
    const partSets = new Map<string, {count: number; parts: Map<number, Sibling>}>();
    for (const s of siblings) {
        const name = s.rfilename;
        const m = PART_PATTERN.exec(name);
        if (m) {
            const set = partSets.get(m[1]) ?? {count: Number(m[3]), parts: new Map()};
            set.parts.set(Number(m[2]), s);
            partSets.set(m[1], set);
        } else if (/\.gguf$/i.test(name)) {
            whole.push({fileName: name, parts: [s]});
        }
    }
    for (const [fileName, set] of partSets) {
        const ordered: Sibling[] = [];
        for (let i = 1; i <= set.count; i++) {
            const p = set.parts.get(i);
            if (!p) break;
            ordered.push(p);
        }
        if (ordered.length === set.count) whole.push({fileName, parts: ordered});
    }
    return whole;
}

/** Asks the Hub which file of `repo` carries `quant`. */
export async function resolveHfQuant(repo: string, quant: string, options: {endpoint: string; signal?: AbortSignal; retryCommand: string}): Promise<RemoteModelFile> {
    const apiUrl = `${options.endpoint}/api/models/${repo}?blobs=true`;
    const res = await fetchOrExplain(apiUrl, {signal: options.signal, headers: {Accept: "application/json"}}, options);
    if (!res.ok) {
        await res.body?.cancel();
        const message = res.status === 404 || res.status === 401
            ? `Hugging Face repository ${repo} was not found (HTTP ${res.status}): check the name (it may also be private or gated)`
            : httpErrorMessage(res.status, res.statusText, `looking up ${repo} on Hugging Face`, apiUrl);
        throw new ModelDownloadError(message, "resolve", {status: res.status});
    }
    let siblings: Sibling[];
    let revision = "main";
    try {
        const info = await res.json() as {sha?: unknown; siblings?: Sibling[]};
        siblings = (info.siblings ?? []).filter((s) => typeof s?.rfilename === "string");
        if (typeof info.sha === "string" && /^[0-9a-f]{40}$/i.test(info.sha)) revision = info.sha.toLowerCase();
    } catch (err) {
        if (options.signal?.aborted) throw err;
        throw new ModelDownloadError(`the Hugging Face API answered ${apiUrl} with something that is not JSON`, "resolve", {cause: err});
    }
    const files = groupGgufFiles(siblings);
    const matches = files.filter((f) => matchesQuant(f.fileName, quant) && !SHARD_PATTERN.test(f.fileName));
    if (matches.length === 1) {
        const file = matches[0];
        // A name with `..` or a backslash (a separator on Windows) could write outside the model folder.
        const segments = hubPathSegments(file.fileName);
        if (!segments || file.parts.some((p) => !hubPathSegments(p.rfilename) || p.rfilename.includes("\\")))
            throw new ModelDownloadError(`${repo} names its ${quant} file "${file.fileName}", which is not a safe file name ` +
                "(it has a backslash or a . or .. segment): download it yourself and pass --model", "resolve");
        return {
            fileName: segments[segments.length - 1],
            parts: file.parts.map((p) => ({
                url: hfFileUrl(options.endpoint, repo, p.rfilename, revision),
                sizeBytes: typeof p.size === "number" ? p.size : typeof p.lfs?.size === "number" ? p.lfs.size : undefined,
                sha256: typeof p.lfs?.sha256 === "string" && /^[0-9a-f]{64}$/i.test(p.lfs.sha256) ? p.lfs.sha256.toLowerCase() : undefined
            }))
        };
    }
    if (matches.length > 1) {
        throw new ModelDownloadError(`${repo} has several files for ${quant} (${matches.map((m) => m.fileName).join(", ")}): ` +
            `name one with hf:${repo}/FILE.gguf`, "resolve");
    }
    if (files.some((f) => matchesQuant(f.fileName, quant)))
        throw new ModelDownloadError(`${repo}'s ${quant} is split with gguf-split (-0000N-of-0000M.gguf shards), which ` +
            "med42-assist cannot download yet: download the shards yourself and pass --model with the first one", "resolve");
    const available = files.map((f) => f.fileName).join(", ");
    throw new ModelDownloadError(`${repo} has no .gguf file for ${quant}` +
        (available ? ` (files: ${available})` : " (it has no .gguf files)"), "resolve");
}
