/**
 * `med42 models`: the models in the model folder with their sizes, the presets (downloaded or not), and any
 * interrupted downloads. `--json` prints the same as one JSON object.
 */
import {Command} from "commander";
import {CliError} from "../cliError";
import {ModelReferenceError} from "../../shared/models/errors";
import {formatBytes} from "../../shared/models/formatBytes";
import {defaultModelReference, parseModelReference} from "../../shared/models/modelReference";
import {ModelStore} from "../../shared/models/modelStore";
import {MODEL_PRESETS} from "../../shared/models/presets";
import {MODELS_DIR_HELP} from "./pull";

export function register(program: Command): void {
    program.command("models")
        .description("list downloaded models with their sizes, and the presets")
        .option("--models-dir <dir>", MODELS_DIR_HELP)
        .option("--json", "print one JSON object")
        .action(async (options: {modelsDir?: string; json?: boolean}) => {
            await listModels(options);
        });
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
    process.stdout.write(lines.join("\n") + "\n");
}
