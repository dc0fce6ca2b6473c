/**
 * `med42 models`: the models in the model folder with their sizes, the presets (downloaded or not), and any
 * interrupted downloads. `--json` prints the same as one JSON object. `--server URL` lists what model servers serve
 * instead (their health, kind, slots and each model's context).
 */
import {Command} from "commander";
import {CliError} from "../cliError";
import {ModelReferenceError} from "../../shared/models/errors";
import {formatBytes} from "../../shared/models/formatBytes";
import {defaultModelReference, parseModelReference} from "../../shared/models/modelReference";
import {ModelStore} from "../../shared/models/modelStore";
import {MODEL_PRESETS} from "../../shared/models/presets";
import {MODELS_DIR_HELP} from "./pull";
import {ModelServer, type ServerDescription} from "../../shared/engine/server/modelServer";
import {DEFAULT_SERVER_TIMEOUT_MS, parseServerUrls, ServerConfigError, serverOptionsFromEnv} from "../../shared/engine/server/serverConfig";
import {classifyServerError} from "../../shared/engine/server/serverErrors";

export function register(program: Command): void {
    program.command("models")
        .description("list downloaded models with their sizes, and the presets")
        .option("--models-dir <dir>", MODELS_DIR_HELP)
        .option("--json", "print one JSON object")
        .option("--server <url>", "list what model server(s) serve instead (comma-separated; API key from env MED42_SERVER_API_KEY)")
        .addHelpText("after", "\nExamples:\n  med42 models\n  med42 models --server http://gpu1:8000 --json")
        .action(async (options: {modelsDir?: string; json?: boolean; server?: string}) => {
            if (options.server !== undefined) await listServerModels(options.server, options.json === true);
            else await listModels(options);
        });
}

interface ServerListing {
    url: string;
    healthy: boolean;
    error?: string;
    kind?: ServerDescription["kind"];
    slots?: number;
    models: ServerDescription["models"];
}

/** Each server's health and served models; exit code 1 when any server could not be read. */
async function listServerModels(raw: string, json: boolean): Promise<void> {
    let urls: string[];
    try {
        urls = parseServerUrls(raw, "--server");
    } catch (err) {
        if (err instanceof ServerConfigError) throw new CliError(err.message, 2);
        throw err;
    }
    const config = serverOptionsFromEnv(process.env, {urls})!;
    const listings = await Promise.all(urls.map(async (url): Promise<ServerListing> => {
        const server = new ModelServer(url, {apiKey: config.apiKey, timeoutMs: Math.min(config.timeoutMs ?? DEFAULT_SERVER_TIMEOUT_MS, 30_000)});
        try {
            await server.health();
            const d = await server.describe();
            return {url: server.label, healthy: true, kind: d.kind, slots: d.slots, models: d.models};
        } catch (err) {
            return {url: server.label, healthy: false, error: classifyServerError(err, server.label).message, models: []};
        }
    }));
    const chosen = config.model ?? listings.find((l) => l.models.length > 0)?.models[0]?.id;
    if (json) {
        process.stdout.write(JSON.stringify({default: chosen ?? null, servers: listings}, null, 2) + "\n");
    } else {
        const lines: string[] = [];
        for (const l of listings) {
            if (!l.healthy) { lines.push(`${l.url}: ${l.error}`, ""); continue; }
            lines.push(`${l.url} (${l.kind}${l.slots ? `, ${l.slots} slots` : ""}):`);
            if (l.models.length === 0) lines.push("  (no models)");
            for (const m of l.models) {
                lines.push(`  ${m.id}${m.id === chosen ? " (used)" : ""}${m.contextSize ? `  context ${m.contextSize} tokens` : ""}`);
            }
            lines.push("");
        }
        if (chosen && config.model && !listings.some((l) => l.models.some((m) => m.id === chosen)))
            lines.push(`MED42_SERVER_MODEL=${chosen} is not served by any of them.`);
        process.stdout.write(lines.join("\n").trimEnd() + "\n");
    }
    if (listings.some((l) => !l.healthy)) process.exitCode = 1;
}

async function listModels(options: {modelsDir?: string; json?: boolean}): Promise<void> {
    const store = new ModelStore({dir: options.modelsDir});
    const [models, partial] = await Promise.all([store.list(), store.listPartial()]);
    const defaultRef = defaultModelReference();
    let defaultPresetId: string | undefined;
    try {
        const r = parseModelReference(defaultRef);
        if (r.kind === "preset") defaultPresetId = r.preset.id;
    } catch (err) {
        if (!(err instanceof ModelReferenceError)) throw err;
        throw new CliError(`MED42_MODEL: ${err.message}`, 2);
    }

    const presets = MODEL_PRESETS.map((p) => {
        const file = store.describe(p.id).path!;
        const downloaded = models.find((m) => m.path === file);
        const unfinished = partial.find((m) => m.path === file + ".partial");
        return {
            id: p.id, displayName: p.displayName, approxSizeBytes: p.approxSizeBytes, default: p.id === defaultPresetId,
            downloaded: downloaded !== undefined, path: file, sizeBytes: downloaded?.sizeBytes, partialBytes: unfinished?.sizeBytes
        };
    });
    const presetPaths = new Set(presets.map((p) => p.path));
    const others = models.filter((m) => !presetPaths.has(m.path));
    const otherPartial = partial.filter((m) => !presetPaths.has(m.path.slice(0, -".partial".length)));

    if (options.json) {
        process.stdout.write(JSON.stringify({dir: store.dir, default: defaultRef, presets, models, partial}, null, 2) + "\n");
        return;
    }
    const lines = [`Model folder: ${store.dir}`, "", "Presets:"];
    for (const p of presets) {
        const status = p.downloaded ? `${formatBytes(p.sizeBytes!)}  downloaded`
            : p.partialBytes !== undefined ? `${formatBytes(p.partialBytes)} of about ${formatBytes(p.approxSizeBytes)}  ` +
                `partial: \`med42 pull ${p.id}\` resumes it`
            : `about ${formatBytes(p.approxSizeBytes)}  not downloaded`;
        lines.push(`  ${(p.id + (p.default ? " (default)" : "")).padEnd(22)} ${p.displayName.padEnd(22)} ${status}`);
    }
    if (!defaultPresetId) lines.push("", `Default model (MED42_MODEL): ${defaultRef}`);
    lines.push("", "Other downloaded models:");
    if (others.length === 0) lines.push("  (none)");
    const width = Math.max(0, ...others.map((m) => m.name.length));
    for (const m of others) lines.push(`  ${m.name.padEnd(width)}  ${formatBytes(m.sizeBytes)}`);
    if (otherPartial.length > 0) {
        lines.push("", "Interrupted downloads (pull the same model again to resume):");
        for (const m of otherPartial) lines.push(`  ${m.name}  ${formatBytes(m.sizeBytes)} so far`);
    }
    if (process.env.MED42_SERVER_URL?.trim())
        lines.push("", `A model server is configured (MED42_SERVER_URL): the model runs there. \`med42 models --server ${process.env.MED42_SERVER_URL.trim()}\` lists what it serves.`);
    process.stdout.write(lines.join("\n") + "\n");
}
