/**
 * Options shared by every command that runs the model, and the conversion to AssistantOptions.
 */
import {type Command, Option} from "commander";
import type {AssistantOptions} from "../shared/assistant";
import {parseServerUrls, ServerConfigError, serverOptionsFromEnv} from "../shared/engine/server/serverConfig";
import {CliError} from "./cliError";
import {envThreads} from "../shared/engine/llamaRuntime";
import {withoutUndefined} from "../shared/options";
import {isPostgresUrl} from "../shared/storage/databaseUrl";
import {PostgresAuditStore} from "../shared/audit/postgresAuditStore";
import {systemLocale} from "../shared/policy/defaultPolicy";

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
    /** Model server URL(s), comma-separated (env MED42_SERVER_URL). */
    server?: string;
    /** Served model name (env MED42_SERVER_MODEL). */
    serverModel?: string;
}

export const SERVER_HELP = "run the model on an OpenAI-compatible server (vLLM, llama-server, Ollama) instead of in this process; " +
    "several URLs comma-separated (env MED42_SERVER_URL; API key only from env MED42_SERVER_API_KEY)";
export const SERVER_MODEL_HELP = "the served model name (env MED42_SERVER_MODEL; default: the first the server lists)";

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
        .option("--no-audit", "do not write the audit log")
        .option("--server <url>", SERVER_HELP)
        .option("--server-model <name>", SERVER_MODEL_HELP);
}

/**
 * The model servers to use: --server, else MED42_SERVER_URL; false (the local engine) when an explicit --model names a
 * local model, which overrides a server set in the environment. --server and --model together are a usage error.
 */
export function serverFromFlags(f: Pick<ModelFlags, "server" | "serverModel" | "model">, env: NodeJS.ProcessEnv = process.env): AssistantOptions["server"] {
    if (f.server !== undefined && f.model !== undefined)
        throw new CliError("--server and --model exclude each other: --model picks a local model; on a server use --server-model", 2);
    if (f.model !== undefined) {
        if (f.serverModel !== undefined) throw new CliError("--server-model needs a server (--server or MED42_SERVER_URL)", 2);
        return false;
    }
    try {
        const urls = f.server !== undefined ? parseServerUrls(f.server, "--server") : undefined;
        const server = serverOptionsFromEnv(env, {urls, model: f.serverModel});
        if (!server && f.serverModel !== undefined) throw new CliError("--server-model needs a server (--server or MED42_SERVER_URL)", 2);
        // None configured: left out, the core's own default (no server: the local engine).
        return server;
    } catch (err) {
        if (err instanceof ServerConfigError) throw new CliError(err.message, 2);
        throw err;
    }
}

/** A flag's number: blank or non-numeric text is a usage error (Number("") would silently be 0). */
function num(value: string | undefined, flag: string, rule: {min: number; max?: number; integer: boolean}): number | undefined {
    if (value === undefined) return undefined;
    const n = value.trim() === "" ? NaN : Number(value);
    const inRange = Number.isFinite(n) && n >= rule.min && (rule.max === undefined || n <= rule.max);
    if (!inRange || (rule.integer && !Number.isInteger(n))) {
        const what = rule.integer ? `an integer of at least ${rule.min}` : `a number between ${rule.min} and ${rule.max}`;
        throw new CliError(`${flag} must be ${what} (got "${value}")`, 2);
    }
    return n;
}

const int = (value: string | undefined, flag: string, min: number) => num(value, flag, {min, integer: true});

/**
 * AssistantOptions from the flags: only what the user set, so every other option keeps the core's default (the model
 * card's sampling, 8192 tokens of context, physical cores, env MED42_THREADS/MED42_POLICY_FILE/MED42_AUDIT_DB).
 */
export function toAssistantOptions(f: ModelFlags): AssistantOptions {
    const sampling = withoutUndefined({
        maxTokens: int(f.maxTokens, "--max-tokens", 1),
        temperature: num(f.temperature, "--temperature", {min: 0, max: 2, integer: false}),
        seed: int(f.seed, "--seed", 0)
    });
    return withoutUndefined<AssistantOptions>({
        model: f.model,
        modelsDir: f.modelsDir,
        gpu: f.gpu as AssistantOptions["gpu"],
        threads: f.threads !== undefined ? int(f.threads, "--threads", 1) : checkThreadsVariable(),
        contextSize: int(f.contextSize, "--context-size", 256),
        sampling: Object.keys(sampling).length > 0 ? sampling : undefined,
        policyFile: f.policyFile,
        // Whose emergency and crisis numbers escalations show: the system locale (LC_ALL, LC_MESSAGES, LANG),
        // unless the policy file sets one.
        locale: systemLocale(),
        auditDb: f.audit === false ? false : undefined,
        ...(f.audit === false ? {} : centralAuditStore()),
        server: serverFromFlags(f)
    });
}

/**
 * MED42_DATABASE_URL (postgres://…): the shared PostgreSQL audit log instead of the local SQLite one, handed to the
 * assistant (which closes it). Unset: nothing, the core's SQLite default.
 */
export function centralAuditStore(env: NodeJS.ProcessEnv = process.env): Pick<AssistantOptions, "audit" | "auditOwned"> {
    const url = env.MED42_DATABASE_URL?.trim();
    if (!url) return {};
    if (!isPostgresUrl(url)) throw new CliError("MED42_DATABASE_URL must be a postgres:// or postgresql:// URL", 2);
    return {audit: new PostgresAuditStore(url, {applicationName: "med42"}), auditOwned: true};
}

/**
 * Without --threads the core reads MED42_THREADS; checked here first so a bad value is a usage error (exit 2) that
 * names the variable. Returns undefined: the core keeps reading the variable itself.
 */
export function checkThreadsVariable(): undefined {
    try {
        envThreads();
    } catch (err) {
        throw new CliError((err as Error).message, 2);
    }
    return undefined;
}
