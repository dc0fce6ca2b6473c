/**
 * `med42 pull [model]`: downloads a model into the model folder, with a progress bar on a terminal (plain lines
 * otherwise). Ctrl+C cancels and keeps the partial file; the next pull resumes it.
 * Exit codes: 0 downloaded (or already there), 1 download failed, 2 bad model name, 130 cancelled.
 */
import {Command} from "commander";
import {SingleBar} from "cli-progress";
import {CliError} from "../cliError";
import {ModelDownloadError, ModelFileError, ModelReferenceError} from "../../shared/models/errors";
import {formatBytes} from "../../shared/models/formatBytes";
import {checkModelFile} from "../../shared/models/ggufCheck";
import {defaultModelReference, parseModelReference, type ModelReference} from "../../shared/models/modelReference";
import {ModelStore} from "../../shared/models/modelStore";
import {MODEL_PRESETS} from "../../shared/models/presets";

export const MODELS_DIR_HELP = "model folder (default: $MED42_MODELS_DIR, else ~/.cache/med42-assist/models)";

export function register(program: Command): void {
    program.command("pull")
        .description("download a model into the model folder (an interrupted download is resumed)")
        .argument("[model]", "preset, hf:user/repo:QUANT, hf:user/repo/file.gguf or http(s) URL (default: $MED42_MODEL or med42-8b)")
        .option("--models-dir <dir>", MODELS_DIR_HELP)
        .addHelpText("after", "\nPresets:\n" + MODEL_PRESETS.map((p) =>
            `  ${p.id.padEnd(12)} ${p.displayName.padEnd(22)} about ${formatBytes(p.approxSizeBytes)}`).join("\n") +
            "\n\nCtrl+C cancels and keeps the partial download; run the same command again to resume it.")
        .action(async (model: string | undefined, options: {modelsDir?: string}) => {
            await pull(model ?? defaultModelReference(), options);
        });
}

async function pull(model: string, options: {modelsDir?: string}): Promise<void> {
    let ref: ModelReference;
    try {
        ref = parseModelReference(model);
    } catch (err) {
        if (err instanceof ModelReferenceError) throw new CliError(err.message, 2);
        throw err;
    }
    if (ref.kind === "file") throw new CliError(`${ref.path} is a local file, there is nothing to download: use it with --model ${model}`, 2);

    const store = new ModelStore({dir: options.modelsDir});
    const existing = await store.locate(ref);
    if (existing) {
        process.stderr.write(`${model} is already downloaded\n`);
        process.stdout.write(existing + "\n");
        return;
    }
    const description = store.describe(ref);
    process.stderr.write(`Downloading ${description.name}` +
        (description.approxSizeBytes ? ` (about ${formatBytes(description.approxSizeBytes)})` : "") +
        ` into ${store.dir}\n`);

    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.once("SIGINT", onInterrupt);
    const progress = process.stderr.isTTY ? new BarProgress() : new LineProgress();
    let file: string;
    try {
        file = await store.download(ref, {signal: controller.signal, onProgress: (received, total) => progress.update(received, total)});
    } catch (err) {
        progress.stop();
        if (controller.signal.aborted) {
            throw new CliError(`download cancelled; the partial file is kept: run \`${description.pullCommand}\` to resume`, 130);
        }
        if (err instanceof ModelDownloadError || err instanceof ModelReferenceError) throw new CliError(err.message, 1);
        throw err;
    } finally {
        process.off("SIGINT", onInterrupt);
    }
    progress.stop();

    // The store checked size and GGUF magic; also make sure it is a model the engine can run.
    try {
        await checkModelFile(file, {checkMemory: false});
    } catch (err) {
        if (err instanceof ModelFileError) throw new CliError(`downloaded ${file}, but it cannot be used: ${err.message}`, 1);
        throw err;
    }
    process.stderr.write(`Saved ${file}\n`);
    process.stdout.write(file + "\n");
}

interface ProgressReporter {
    update(received: number, total: number | undefined): void;
    stop(): void;
}

/** Download speed over the last few seconds, ignoring bytes that were already on disk (a resume). */
class SpeedMeter {
    private samples: {t: number; bytes: number}[] = [];

    add(bytes: number): void {
        const t = Date.now();
        this.samples.push({t, bytes});
        while (this.samples.length > 2 && t - this.samples[0].t > 5000) this.samples.shift();
    }

    /** Bytes per second, or undefined before there is enough to tell. */
    get bytesPerSecond(): number | undefined {
        if (this.samples.length < 2) return undefined;
        const first = this.samples[0], last = this.samples[this.samples.length - 1];
        const seconds = (last.t - first.t) / 1000;
        return seconds > 0.2 ? (last.bytes - first.bytes) / seconds : undefined;
    }

    speedText(): string {
        const s = this.bytesPerSecond;
        return s === undefined ? "-- /s" : `${formatBytes(s)}/s`;
    }
}

function formatEta(seconds: number | undefined): string {
    if (seconds === undefined || !Number.isFinite(seconds)) return "--";
    const s = Math.round(seconds);
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return h > 0 ? `${h}h${String(m).padStart(2, "0")}m` : m > 0 ? `${m}m${String(sec).padStart(2, "0")}s` : `${sec}s`;
}

/** A cli-progress bar on a terminal: percent, size, speed, ETA. */
class BarProgress implements ProgressReporter {
    private bar?: SingleBar;
    private readonly speed = new SpeedMeter();

    update(received: number, total: number | undefined): void {
        this.speed.add(received);
        const rate = this.speed.bytesPerSecond;
        const payload = {
            size: total ? `${formatBytes(received)} / ${formatBytes(total)}` : formatBytes(received),
            speed: this.speed.speedText(),
            etaText: total && rate ? formatEta((total - received) / rate) : "--"
        };
        if (!this.bar) {
            this.bar = new SingleBar({
                format: total ? "{bar} {percentage}% | {size} | {speed} | ETA {etaText}" : "{size} | {speed}",
                stream: process.stderr,
                hideCursor: true,
                barsize: 30
            });
            this.bar.start(total ?? 1, total ? received : 0, payload);
        } else if (total) {
            this.bar.update(received, payload);
        } else {
            this.bar.update(payload);
        }
    }

    stop(): void {
        this.bar?.stop();
        this.bar = undefined;
    }
}

/** Plain lines for logs and pipes: one per 10% (or per 10 s when the size is unknown). */
class LineProgress implements ProgressReporter {
    private readonly speed = new SpeedMeter();
    private lastStep?: number;
    private lastLine = 0;

    update(received: number, total: number | undefined): void {
        this.speed.add(received);
        if (total) {
            const step = Math.floor((received / total) * 10);
            if (this.lastStep === undefined) { this.lastStep = step; if (received === 0) return; }
            if (step <= this.lastStep) return;
            this.lastStep = step;
            const pct = Math.floor((received / total) * 100);
            process.stderr.write(`downloaded ${pct}% (${formatBytes(received)} of ${formatBytes(total)}, ${this.speed.speedText()})\n`);
        } else if (Date.now() - this.lastLine >= 10_000) {
            this.lastLine = Date.now();
            process.stderr.write(`downloaded ${formatBytes(received)} (${this.speed.speedText()})\n`);
        }
    }

    stop(): void { /* lines need no cleanup */ }
}
