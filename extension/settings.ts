/**
 * The extension's settings (`med42.*`, declared in package.json `contributes.configuration`) and how they map to the
 * core's AssistantOptions. Pure: reads through a getter, so unit tests need no VS Code.
 */
import * as os from "node:os";
import * as path from "node:path";
import type {AssistantOptions} from "../shared/assistant";
import type {GpuChoice} from "../shared/engine/llamaRuntime";
import {parseServerUrls} from "../shared/engine/server/serverConfig";
import {isPostgresUrl} from "../shared/storage/databaseUrl";
import type {SamplingOptions} from "../shared/types";

export const CONFIG_SECTION = "med42";

export type InsertMode = "ask" | "below" | "replace" | "newDocument";
export const GPU_CHOICES: readonly GpuChoice[] = ["auto", "cpu", "cuda", "vulkan", "metal"];
export const INSERT_MODES: readonly InsertMode[] = ["ask", "below", "replace", "newDocument"];

export interface ExtensionSettings {
    model: string;
    modelsFolder: string;
    gpu: GpuChoice;
    threads: number;
    contextSize: number;
    sampling: SamplingOptions;
    policyFile: string;
    auditDatabase: string;
    insertMode: InsertMode;
    /** Model server URL(s), comma-separated; empty: env MED42_SERVER_URL, else the local engine. */
    serverUrl: string;
    /** Served model name; empty: env MED42_SERVER_MODEL, else the first the server lists. */
    serverModel: string;
    /** The crisis resources' locale ("en-GB"); empty: VS Code's display language. */
    locale: string;
}

/** Reads one key of the `med42` section (WorkspaceConfiguration.get in the extension). */
export type SettingGetter = <T>(key: string) => T | undefined;

function str(get: SettingGetter, key: string, fallback = ""): string {
    const v = get<unknown>(key);
    return typeof v === "string" ? v.trim() : fallback;
}

function num(get: SettingGetter, key: string): number | undefined {
    const v = get<unknown>(key);
    return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function readSettings(get: SettingGetter): ExtensionSettings {
    const gpu = str(get, "gpu", "auto") as GpuChoice;
    const insertMode = str(get, "summary.insertMode", "ask") as InsertMode;
    const sampling: SamplingOptions = {};
    const temperature = num(get, "sampling.temperature");
    const topK = num(get, "sampling.topK");
    const topP = num(get, "sampling.topP");
    const maxTokens = num(get, "sampling.maxTokens");
    const seed = num(get, "sampling.seed");
    if (temperature !== undefined) sampling.temperature = temperature;
    if (topK !== undefined) sampling.topK = Math.round(topK);
    if (topP !== undefined) sampling.topP = topP;
    if (maxTokens !== undefined && maxTokens > 0) sampling.maxTokens = Math.round(maxTokens);
    if (seed !== undefined) sampling.seed = Math.round(seed);
    return {
        model: str(get, "model"),
        modelsFolder: str(get, "modelsFolder"),
        gpu: GPU_CHOICES.includes(gpu) ? gpu : "auto",
        threads: Math.max(0, Math.round(num(get, "threads") ?? 0)),
        contextSize: Math.max(0, Math.round(num(get, "contextSize") ?? 0)),
        sampling,
        policyFile: str(get, "policyFile"),
        auditDatabase: str(get, "auditDatabase"),
        insertMode: INSERT_MODES.includes(insertMode) ? insertMode : "ask",
        serverUrl: str(get, "server.url"),
        serverModel: str(get, "server.model"),
        locale: str(get, "locale")
    };
}

/**
 * Where the model server's API key lives in VS Code's SecretStorage: bound to the exact server URL(s) it was set for,
 * so a workspace that points med42.server.url elsewhere never receives it. Undefined for an invalid URL setting.
 */
export function serverApiKeySecret(serverUrl: string): string | undefined {
    try {
        return `med42.server.apiKey:${parseServerUrls(serverUrl, "med42.server.url").join(",")}`;
    } catch {
        return undefined;
    }
}

/** `~` and workspace-relative paths, so a setting like `models/x.gguf` means the same file whatever the cwd. */
export function resolveUserPath(p: string, workspaceFolder?: string): string {
    if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) return path.join(os.homedir(), p.slice(1));
    if (path.isAbsolute(p)) return p;
    return path.resolve(workspaceFolder ?? os.homedir(), p);
}

/** A model setting names a local file (resolved like a path) unless it is a preset, an hf: URI or a URL. */
export function resolveModelSetting(model: string, workspaceFolder?: string): string | undefined {
    if (!model) return undefined;
    const isUri = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(model) && !/^[A-Za-z]:[\\/]/.test(model);
    const isPath = !isUri && (/\.gguf$/i.test(model) || /[\\/]/.test(model) || model.startsWith(".") || model.startsWith("~"));
    return isPath ? resolveUserPath(model, workspaceFolder) : model;
}

/**
 * Everything the core needs to build a Med42Assistant; the extension never downloads without the user's click.
 * `serverApiKey` comes from SecretStorage (see serverApiKeySecret), never from settings. Throws on an invalid server URL.
 */
export function toAssistantOptions(s: ExtensionSettings, workspaceFolder?: string, serverApiKey?: string): AssistantOptions {
    const options: AssistantOptions = {autoDownload: false, gpu: s.gpu};
    const model = resolveModelSetting(s.model, workspaceFolder);
    if (model) options.model = model;
    if (s.modelsFolder) options.modelsDir = resolveUserPath(s.modelsFolder, workspaceFolder);
    if (s.threads > 0) options.threads = s.threads;
    if (s.contextSize > 0) options.contextSize = s.contextSize;
    if (Object.keys(s.sampling).length > 0) options.sampling = {...s.sampling};
    if (s.policyFile) options.policyFile = resolveUserPath(s.policyFile, workspaceFolder);
    if (s.locale) options.locale = s.locale;
    if (s.auditDatabase.toLowerCase() === "off") options.auditDb = false;
    // A postgres:// URL is the central audit log (AssistantHost opens it), never a path.
    else if (isPostgresUrl(s.auditDatabase)) options.auditDb = s.auditDatabase;
    else if (s.auditDatabase) options.auditDb = resolveUserPath(s.auditDatabase, workspaceFolder);
    if (s.serverUrl) {
        options.server = {urls: parseServerUrls(s.serverUrl, "med42.server.url")};
        if (s.serverModel) options.server.model = s.serverModel;
        if (serverApiKey) options.server.apiKey = serverApiKey;
    }
    return options;
}

/**
 * What, when changed, needs a new assistant (the loaded model is released and loads again on next use): everything
 * but the model, which is switched in place with setModel.
 */
export function assistantIdentity(o: AssistantOptions): string {
    const {model: _model, ...rest} = o;
    return stableStringify(rest);
}

function stableStringify(v: unknown): string {
    if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "undefined";
    if (Array.isArray(v)) return `[${v.map(stableStringify).join(",")}]`;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableStringify(x)}`).join(",")}}`;
}
