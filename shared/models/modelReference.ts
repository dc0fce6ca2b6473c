/**
 * Model references: how users name a model on every surface (CLI `--model`, VS Code setting, Slack bot config).
 *
 *   med42-8b | med42-8b-q8 | med42-70b          a preset (see presets.ts)
 *   ./models/x.gguf, /abs/x.gguf, ~/x.gguf     a local GGUF file, used in place
 *   hf:user/repo:Q4_K_M                        the repository's .gguf whose name carries that quant tag
 *   hf:user/repo/path/file.gguf                one file of a Hugging Face repository
 *   https://host/path/file.gguf                any http(s) URL
 */
import * as os from "node:os";
import * as path from "node:path";
import {fileURLToPath} from "node:url";
import {ModelReferenceError} from "./errors";
import {DEFAULT_PRESET_ID, MODEL_PRESETS, findPreset, type ModelPreset} from "./presets";

export type ModelReference =
    | {kind: "preset"; raw: string; preset: ModelPreset}
    | {kind: "file"; raw: string; path: string}
    /** Exactly one of `quant` and `filePath` is set. */
    | {kind: "hf"; raw: string; repo: string; quant?: string; filePath?: string}
    | {kind: "url"; raw: string; url: string};

export const DEFAULT_HF_ENDPOINT = "https://huggingface.co";

/** The model used when none is named: env MED42_MODEL, else the default preset. */
export function defaultModelReference(): string {
    const env = process.env.MED42_MODEL?.trim();
    return env ? env : DEFAULT_PRESET_ID;
}

/** Base URL of the Hugging Face Hub; env MED42_HF_ENDPOINT points it at a mirror (or, in tests, a loopback server). */
export function hfEndpoint(): string {
    const env = process.env.MED42_HF_ENDPOINT?.trim();
    if (!env) return DEFAULT_HF_ENDPOINT;
    if (!/^https?:\/\//i.test(env)) throw new ModelReferenceError(`MED42_HF_ENDPOINT must be an http(s) URL, got "${env}"`, env);
    return env.replace(/\/+$/, "");
}

const REPO_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const QUANT_TAG = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function usage(): string {
    return `use a preset (${MODEL_PRESETS.map((p) => p.id).join(", ")}), a path to a .gguf file, ` +
        "hf:user/repo:QUANT (e.g. hf:mradermacher/Llama3-Med42-8B-GGUF:Q4_K_M), hf:user/repo/file.gguf, or an http(s) URL";
}

export function parseModelReference(ref: string): ModelReference {
    const raw = ref;
    const text = ref.trim();
    if (!text) throw new ModelReferenceError(`empty model name: ${usage()}`, raw);

    const preset = findPreset(text);
    if (preset) return {kind: "preset", raw, preset};

    if (/^hf:/i.test(text)) return parseHf(text.slice(3), raw);

    if (/^https?:\/\//i.test(text)) {
        let url: URL;
        try { url = new URL(text); } catch { throw new ModelReferenceError(`"${text}" is not a valid URL`, raw); }
        // A Hub page link (/blob/) serves HTML; the file itself is under /resolve/.
        if (url.hostname === "huggingface.co") url.pathname = url.pathname.replace(/^(\/[^/]+\/[^/]+)\/blob\//, "$1/resolve/");
        return {kind: "url", raw, url: url.toString()};
    }
    if (/^file:\/\//i.test(text)) {
        try { return {kind: "file", raw, path: fileURLToPath(text)}; } catch {
            throw new ModelReferenceError(`"${text}" is not a valid file URL`, raw);
        }
    }
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text))
        throw new ModelReferenceError(`unsupported URL scheme in "${text}": only http(s) downloads are supported`, raw);

    const looksLikePath = /\.gguf$/i.test(text) || /[\\/]/.test(text) || text.startsWith(".") || text.startsWith("~");
    if (looksLikePath) {
        const expanded = text === "~" || text.startsWith("~/") || text.startsWith("~\\") ? path.join(os.homedir(), text.slice(1)) : text;
        return {kind: "file", raw, path: path.resolve(expanded)};
    }
    throw new ModelReferenceError(`unknown model "${text}": ${usage()}`, raw);
}

function parseHf(rest: string, raw: string): ModelReference {
    let body = rest.replace(/^\/+/, "");
    let quant: string | undefined;
    const colon = body.lastIndexOf(":");
    if (colon >= 0) {
        quant = body.slice(colon + 1);
        body = body.slice(0, colon);
        if (!QUANT_TAG.test(quant)) throw new ModelReferenceError(`"${raw}": "${quant}" is not a quantisation tag (e.g. Q4_K_M)`, raw);
    }
    // A backslash is a separator too: on Windows it would be one in the stored file's path.
    const parts = body.split(/[\\/]/).filter((p) => p.length > 0);
    if (parts.length < 2 || !REPO_PART.test(parts[0]) || !REPO_PART.test(parts[1]))
        throw new ModelReferenceError(`"${raw}" does not name a Hugging Face repository: write hf:user/repo:QUANT or hf:user/repo/file.gguf`, raw);
    const repo = `${parts[0]}/${parts[1]}`;
    const filePath = parts.length > 2 ? parts.slice(2).join("/") : undefined;
    if (filePath && quant) throw new ModelReferenceError(`"${raw}": give either a file path or a :QUANT tag, not both`, raw);
    if (filePath) {
        if (parts.slice(2).some((p) => p === "." || p === ".."))
            throw new ModelReferenceError(`"${raw}": the file path must not contain . or .. segments`, raw);
        if (!/\.gguf$/i.test(filePath)) throw new ModelReferenceError(`"${raw}": the file must be a .gguf file`, raw);
        return {kind: "hf", raw, repo, filePath};
    }
    if (!quant) throw new ModelReferenceError(`"${raw}": add a quantisation tag or a file, e.g. hf:${repo}:Q4_K_M or hf:${repo}/file.gguf`, raw);
    return {kind: "hf", raw, repo, quant};
}

/**
 * The segments of a path inside a Hub repository, splitting on `/` and on `\` (a separator on Windows), or null when
 * one is empty, `.` or `..`: such a name could resolve outside the model folder once joined to it.
 */
export function hubPathSegments(filePath: string): string[] | null {
    const segments = filePath.split(/[\\/]/);
    return segments.every((s) => s.length > 0 && s !== "." && s !== "..") ? segments : null;
}

/** The reference in canonical form, for messages and `med42 pull` suggestions. */
export function formatModelReference(ref: ModelReference): string {
    switch (ref.kind) {
        case "preset": return ref.preset.id;
        case "file": return ref.path;
        case "hf": return ref.quant ? `hf:${ref.repo}:${ref.quant}` : `hf:${ref.repo}/${ref.filePath}`;
        case "url": return ref.url;
    }
}
