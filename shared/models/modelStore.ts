/**
 * The model folder: where downloaded models live, how a model reference maps to a file in it, and downloading.
 *
 * Layout (default folder: env MED42_MODELS_DIR, else $XDG_CACHE_HOME/med42-assist/models or
 * ~/.cache/med42-assist/models; %LOCALAPPDATA% on Windows):
 *   Llama3-Med42-8B.Q4_K_M.gguf             presets, under the file's name in its repository
 *   file.gguf                               http(s) URLs, under the URL's file name
 *   hf/USER/REPO/FILE.gguf                  hf: URIs (so two repositories never share a name)
 *   NAME.partial (+ .partial.json, .lock)   a download in progress or interrupted; resumed by the next pull
 */
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import {folderError, ModelFileError, ModelNotDownloadedError, ModelReferenceError} from "./errors";
import {downloadFile} from "./httpDownload";
import {hfFileUrl, matchesQuant, resolveHfQuant} from "./huggingFace";
import {formatModelReference, hfEndpoint, hubPathSegments, parseModelReference, type ModelReference} from "./modelReference";
import {MODEL_PRESETS, presetUrl, type ModelPreset} from "./presets";
import {med42CacheDir} from "../paths";

export interface ModelStoreOptions {
    /** The model folder; default: see defaultModelsDir(). */
    dir?: string;
}

export interface DownloadProgressOptions {
    signal?: AbortSignal;
    /** Bytes on disk so far (resumed bytes included) and the total when known. */
    onProgress?: (receivedBytes: number, totalBytes: number | undefined) => void;
}

export interface ResolveOptions extends DownloadProgressOptions {
    /** Download the model when it is not in the folder. Default false: a multi-GB download must be asked for. */
    download?: boolean;
}

export interface StoredModel {
    /** Path relative to the model folder, with forward slashes. */
    name: string;
    path: string;
    sizeBytes: number;
}

export interface ModelDescription {
    /** The reference in canonical form. */
    reference: string;
    kind: ModelReference["kind"];
    /** Human name, e.g. "Med42-v2 8B Q4_K_M". */
    name: string;
    /** Approximate size when known without the network (presets). */
    approxSizeBytes?: number;
    /** Where it downloads from (for `hf:user/repo:QUANT`, the repository page: the file is chosen at download). */
    url?: string;
    /** Where it is or will be stored; undefined for an `hf:` quant not yet downloaded (its file name is not known). */
    path?: string;
    /** The command that downloads it; undefined for local files. */
    pullCommand?: string;
}

export type ModelRef = string | ModelReference;

/** The default model folder (see the file comment). */
export function defaultModelsDir(): string {
    return med42CacheDir("models", "MED42_MODELS_DIR");
}

export class ModelStore {
    readonly dir: string;

    constructor(options: ModelStoreOptions = {}) {
        this.dir = path.resolve(options.dir ?? defaultModelsDir());
    }

    /** The local path of a model that is present and complete, else null. A local file is returned as is. */
    async locate(ref: ModelRef): Promise<string | null> {
        const r = toReference(ref);
        if (r.kind === "file") return (await isFile(r.path)) ? r.path : null;
        if (r.kind === "hf" && r.quant) return this.locateHfQuant(r.repo, r.quant);
        const target = this.targetPath(r);
        return target && (await isFile(target)) ? target : null;
    }

    /**
     * The local path of the model, downloading it first when `download` is set; otherwise a missing model throws
     * ModelNotDownloadedError (naming the `med42 pull` command and the size), a missing local file ModelFileError.
     */
    async resolve(ref: ModelRef, options: ResolveOptions = {}): Promise<string> {
        const r = toReference(ref);
        const found = await this.locate(r);
        if (found) return found;
        if (r.kind === "file") throw await localFileError(r.path);
        if (!options.download) {
            const d = this.describe(r);
            throw new ModelNotDownloadedError(d.reference, d.pullCommand!, d.approxSizeBytes, d.name);
        }
        return this.download(r, options);
    }

    /**
     * Downloads the model into the folder and returns its path (at once when it is already there). An interrupted
     * or cancelled download keeps `NAME.partial`, which the next call resumes. Cancelling rejects with the signal's
     * reason (an AbortError).
     */
    async download(ref: ModelRef, options: DownloadProgressOptions = {}): Promise<string> {
        const r = toReference(ref);
        if (r.kind === "file") {
            if (await isFile(r.path)) return r.path;
            throw await localFileError(r.path);
        }
        const existing = await this.locate(r);
        if (existing) return existing;
        const d = this.describe(r);
        const common = {label: d.reference, retryCommand: d.pullCommand!, signal: options.signal, onProgress: options.onProgress};
        if (r.kind === "hf" && r.quant) {
            const endpoint = hfEndpoint();
            const remote = await resolveHfQuant(r.repo, r.quant, {endpoint, signal: options.signal, retryCommand: d.pullCommand!});
            const preset = presetForFile(r.repo, remote.fileName);
            const target = preset ? path.join(this.dir, preset.fileName) : path.join(this.hfDir(r.repo), hubFileName(remote.fileName, r.raw));
            return (await downloadFile({...common, parts: remote.parts, target: this.inside(target, r.raw)})).path;
        }
        const target = this.inside(this.targetPath(r)!, r.raw);
        const url = d.url!;
        const parts = [{url, sizeBytes: undefined}];
        return (await downloadFile({...common, parts, target})).path;
    }

    /** Complete models in the folder, by name. */
    async list(): Promise<StoredModel[]> {
        return (await this.walk()).filter((m) => /\.gguf$/i.test(m.name)).sort((a, b) => a.name.localeCompare(b.name));
    }

    /** Interrupted or running downloads (`name` is the model file they will become). */
    async listPartial(): Promise<StoredModel[]> {
        return (await this.walk())
            .filter((m) => m.name.endsWith(".partial"))
            .map((m) => ({...m, name: m.name.slice(0, -".partial".length)}))
            .sort((a, b) => a.name.localeCompare(b.name));
    }

    /** What a reference names, known without the network. */
    describe(ref: ModelRef): ModelDescription {
        const r = toReference(ref);
        const reference = formatModelReference(r);
        const pullCommand = `med42 pull ${quoteArg(reference)}${this.dir === path.resolve(defaultModelsDir()) ? "" : ` --models-dir ${quoteArg(this.dir)}`}`;
        switch (r.kind) {
            case "preset":
                return {reference, kind: r.kind, name: r.preset.displayName, approxSizeBytes: r.preset.approxSizeBytes,
                    url: presetUrl(r.preset, hfEndpoint()), path: this.targetPath(r)!, pullCommand};
            case "hf": {
                const preset = r.quant ? MODEL_PRESETS.find((p) => p.repo === r.repo && p.quant.toLowerCase() === r.quant!.toLowerCase())
                    : presetForFile(r.repo, path.posix.basename(r.filePath!));
                if (r.quant) {
                    return {reference, kind: r.kind, name: preset?.displayName ?? `${r.repo} ${r.quant}`, approxSizeBytes: preset?.approxSizeBytes,
                        url: `${hfEndpoint()}/${r.repo}`, path: preset ? path.join(this.dir, preset.fileName) : undefined, pullCommand};
                }
                return {reference, kind: r.kind, name: preset?.displayName ?? `${r.repo}/${r.filePath}`, approxSizeBytes: preset?.approxSizeBytes,
                    url: hfFileUrl(hfEndpoint(), r.repo, r.filePath!), path: this.targetPath(r)!, pullCommand};
            }
            case "url":
                return {reference, kind: r.kind, name: urlFileName(r.url), url: r.url, path: this.targetPath(r)!, pullCommand};
            case "file":
                return {reference, kind: r.kind, name: path.basename(r.path), path: r.path};
        }
    }

    /** Where a reference is stored; null for `hf:user/repo:QUANT`, whose file name only the Hub knows. */
    private targetPath(r: ModelReference): string | null {
        switch (r.kind) {
            case "preset": return path.join(this.dir, r.preset.fileName);
            case "file": return r.path;
            case "url": return path.join(this.dir, urlFileName(r.url));
            case "hf": {
                if (r.quant) return null;
                const fileName = hubFileName(r.filePath!, r.raw);
                const preset = presetForFile(r.repo, fileName);
                return preset ? path.join(this.dir, preset.fileName) : path.join(this.hfDir(r.repo), fileName);
            }
        }
    }

    private hfDir(repo: string): string {
        return path.join(this.dir, "hf", ...repo.split("/"));
    }

    /** `target`, checked to lie inside the model folder (a download never writes anywhere else). */
    private inside(target: string, reference: string): string {
        const relative = path.relative(this.dir, target);
        if (!relative || relative.split(/[\\/]/)[0] === ".." || path.isAbsolute(relative))
            throw new ModelReferenceError(`"${reference}" would be stored outside the model folder ${this.dir}`, reference);
        return target;
    }

    private async locateHfQuant(repo: string, quant: string): Promise<string | null> {
        const preset = MODEL_PRESETS.find((p) => p.repo === repo && p.quant.toLowerCase() === quant.toLowerCase());
        if (preset) {
            const p = path.join(this.dir, preset.fileName);
            if (await isFile(p)) return p;
        }
        let names: string[];
        try { names = await fsp.readdir(this.hfDir(repo)); } catch { return null; }
        const matches = names.filter((n) => /\.gguf$/i.test(n) && matchesQuant(n, quant)).sort();
        for (const name of matches) {
            const p = path.join(this.hfDir(repo), name);
            if (await isFile(p)) return p;
        }
        return null;
    }

    private async walk(): Promise<StoredModel[]> {
        const out: StoredModel[] = [];
        const visit = async (dir: string): Promise<void> => {
            let entries: fs.Dirent[];
            try { entries = await fsp.readdir(dir, {withFileTypes: true}); } catch { return; }
            for (const e of entries) {
                const p = path.join(dir, e.name);
                if (e.isDirectory()) await visit(p);
                else if (e.isFile()) {
                    const stat = await fsp.stat(p).catch(() => undefined);
                    if (stat) out.push({name: path.relative(this.dir, p).split(path.sep).join("/"), path: p, sizeBytes: stat.size});
                }
            }
        };
        await visit(this.dir);
        return out;
    }
}

function toReference(ref: ModelRef): ModelReference {
    return typeof ref === "string" ? parseModelReference(ref) : ref;
}

/** The local name of a Hub file: its last path segment, `/` and `\` both separators; `.` and `..` refused. */
function hubFileName(filePath: string, reference: string): string {
    const segments = hubPathSegments(filePath);
    if (!segments) throw new ModelReferenceError(`"${reference}": the file path must not contain . or .. segments`, reference);
    return segments[segments.length - 1];
}

function presetForFile(repo: string, fileName: string): ModelPreset | undefined {
    return MODEL_PRESETS.find((p) => p.repo === repo && p.fileName === fileName);
}

/** A safe local file name from a URL's last path segment, ending in .gguf. */
function urlFileName(url: string): string {
    let name = "";
    try { name = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? ""); } catch { /* keep empty */ }
    name = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "");
    if (!name) name = "model";
    if (/\.gguf\.part\d+of\d+$/i.test(name)) throw new ModelReferenceError(`${url} is one part of a split model: ` +
        "name the whole file with hf:user/repo:QUANT, or join the parts yourself and pass --model", url);
    return /\.gguf$/i.test(name) ? name : `${name}.gguf`;
}

/** A local model file that is not there (also how the model state reports it: never as a download). */
export function missingFileError(file: string): ModelFileError {
    return new ModelFileError(`model file not found: ${file}: check the path, or download a model with \`med42 pull\``, file, "missing");
}

/** Why a local model path is not a file: a folder, or nothing there. */
async function localFileError(file: string): Promise<ModelFileError> {
    const isFolder = await fsp.stat(file).then((s) => s.isDirectory(), () => false);
    if (isFolder) return folderError(file);
    return missingFileError(file);
}

async function isFile(p: string): Promise<boolean> {
    try { return (await fsp.stat(p)).isFile(); } catch { return false; }
}

function quoteArg(s: string): string {
    return /^[A-Za-z0-9._:/@%+=,-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, "\\$1")}"`;
}
