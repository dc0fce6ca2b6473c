/**
 * Options shared by every command that runs the model, and the conversion to AssistantOptions.
 */
import {type Command, Option} from "commander";
import type {AssistantOptions} from "../shared/assistant";
import {CliError} from "./cliError";

export interface ModelFlags {
    model?: string;
    modelsDir?: string;
    gpu?: string;
    threads?: string;
    contextSize?: string;
    maxTokens?: string;
    temperature?: string;
    seed?: string;
    policyFile?: string;
    audit?: boolean;
}

export function addModelOptions(cmd: Command): Command {
    return cmd
        .option("-m, --model <ref>", "model: preset (med42-8b, med42-8b-q8, med42-70b), .gguf path, hf: URI or URL (env MED42_MODEL)")
        .option("--models-dir <dir>", "where downloaded models are kept (env MED42_MODELS_DIR)")
        .addOption(new Option("--gpu <kind>", "GPU backend").choices(["auto", "cpu", "cuda", "vulkan", "metal"]))
        .option("--threads <n>", "CPU threads (default: physical cores; env MED42_THREADS)")
        .option("--context-size <tokens>", "context size per conversation (default 8192)")
        .option("--max-tokens <n>", "most tokens to generate (default 512)")
        .option("--temperature <t>", "sampling temperature (default 0.4)")
        .option("--seed <n>", "sampling seed, for repeatable answers")
        .option("--policy-file <file>", "institution policy JSON")
        .option("--no-audit", "do not write the audit log");
}

function int(value: string | undefined, flag: string, min: number): number | undefined {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new CliError(`${flag} must be an integer of at least ${min} (got "${value}")`, 2);
    return n;
}

export function toAssistantOptions(f: ModelFlags): AssistantOptions {
    const temperature = f.temperature === undefined ? undefined : Number(f.temperature);
    if (temperature !== undefined && !(temperature >= 0 && temperature <= 2))
        throw new CliError(`--temperature must be a number between 0 and 2 (got "${f.temperature}")`, 2);
    return {
        model: f.model,
        modelsDir: f.modelsDir,
        gpu: f.gpu as AssistantOptions["gpu"],
        threads: int(f.threads, "--threads", 1),
        contextSize: int(f.contextSize, "--context-size", 256),
        sampling: {maxTokens: int(f.maxTokens, "--max-tokens", 1), temperature, seed: int(f.seed, "--seed", 0)},
        policyFile: f.policyFile,
        auditDb: f.audit === false ? false : undefined
    };
}
