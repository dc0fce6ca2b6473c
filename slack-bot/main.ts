/**
 * `med42-slack`: runs the Slack bot with the local model. Socket Mode by default (no public URL: hospitals run it
 * inside their network), HTTP mode with --http. SIGTERM/SIGINT stop it gracefully within a bound.
 */
// First: the policy's patterns are compiled at their first run (its first decision: 0.1 s of CPU instead of 1 s).
import "../shared/regexpCompilation";
import {Command, CommanderError} from "commander";
import {LogLevel} from "@slack/bolt";
import {Med42Assistant} from "../shared/assistant";
import {PolicyConfigError} from "../shared/policy/policyConfig";
import {systemLocale} from "../shared/policy/defaultPolicy";
import {createSlackBot} from "./app";
import {assistantOptionsFrom, readSlackConfig} from "./config";
import {createPinoLogger} from "./logger";
import {StartupError} from "./startupError";
import {PostgresDatabase} from "../shared/storage/postgresDatabase";
import {type HealthServer, startHealthServer} from "./health/healthServer";
import {PostgresAuditStore} from "../shared/audit/postgresAuditStore";

export interface MainIo {
    env: NodeJS.ProcessEnv;
    stderr: NodeJS.WritableStream;
    /** Resolves when the bot should stop (default: SIGTERM or SIGINT). */
    shutdownRequested?: Promise<string>;
}

/** Extra time beyond the answers' grace period before the process gives up on a clean exit. */
const EXIT_MARGIN_MS = 10_000;

export async function main(argv: string[], io: MainIo = {env: process.env, stderr: process.stderr}): Promise<number> {
    const program = new Command("med42-slack")
        .description("Med42 Slack bot: answers mentions, DMs and /med42 with the local Med42-v2 model, or with a model " +
            "server (MED42_SERVER_URL: vLLM, llama-server, Ollama; see docs/deploy.md).\n" +
            "Not for clinical use: answers may be incorrect or harmful; verify with authoritative sources.")
        .option("--model <ref>", "model preset, .gguf path, hf: URI or URL (default: MED42_MODEL, else med42-8b)")
        .option("--http", "HTTP mode (SLACK_SIGNING_SECRET) instead of Socket Mode")
        .option("--port <port>", "HTTP mode: port to listen on (default: PORT, else 3000)")
        .option("--log-level <level>", "debug, info, warn or error", "info")
        .showHelpAfterError("(run with --help for usage)")
        .exitOverride();
    try {
        program.parse(argv);
    } catch (err) {
        if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
        throw err;
    }
    const flags = program.opts<{model?: string; http?: boolean; port?: string; logLevel: string}>();
    const say = (line: string) => io.stderr.write(`med42-slack: ${line}\n`);

    let config;
    try {
        config = readSlackConfig(io.env, flags);
    } catch (err) {
        if (err instanceof StartupError) { say(err.message); return 2; }
        throw err;
    }
    const level = Object.values(LogLevel).includes(flags.logLevel as LogLevel) ? flags.logLevel as LogLevel : LogLevel.INFO;
    const logger = createPinoLogger(level, io.stderr);
    if (level === LogLevel.DEBUG) {
        logger.warn("Debug logging is on: Slack payloads are logged with every text people wrote replaced by " +
            "[redacted N chars], but ids, channels and timestamps remain. Keep these logs as private as the messages.");
    }
    // Replicas share one PostgreSQL database: the audit log and the Slack state live there.
    const database = config.databaseUrl ? new PostgresDatabase(config.databaseUrl, {applicationName: "med42-slack"}) : undefined;
    let assistant: Med42Assistant;
    try {
        // An answer caught by a short database restart waits for its audit row (MED42_AUDIT_RETRY_SECONDS), not lost.
        const audit = database ? new PostgresAuditStore(database, {writeRetryMs: config.auditRetryMs,
            onWriteRetry: (err, attempt, waitMs) => logger.warn(`Audit write failed (attempt ${attempt}), trying again in ` +
                `${waitMs} ms: ${err instanceof Error ? err.message : err}`)}) : undefined;
        // The bot's system locale picks the emergency and crisis numbers unless the policy file sets a locale.
        assistant = new Med42Assistant({...assistantOptionsFrom(config), policyFile: io.env.MED42_POLICY_FILE || undefined,
            locale: systemLocale(io.env), ...(audit ? {audit} : {})});
        if (audit) {
            // Migrated now, so the first question does not wait; an unreachable database is not fatal: answers pause
            // (and /readyz says so) until it is back.
            await audit.open().then(() => logger.info(`Audit log and shared state in ${database!.description}`),
                (err) => logger.error(`The database ${database!.description} cannot be used yet (answers are paused ` +
                    `until it can): ${err instanceof Error ? err.message : err}`));
        }
    } catch (err) {
        // A bad policy file (its message names the file, the field and the rule) or audit salt: said in one line.
        await database?.close();
        if (err instanceof PolicyConfigError) { say(err.message); return 2; }
        say(`could not start: ${err instanceof Error ? err.message : String(err)}`);
        return 2;
    }
    for (const warning of [...assistant.policyWarnings, ...assistant.serverWarnings]) logger.warn(warning);
    let bot;
    try {
        bot = await createSlackBot({assistant, botToken: config.botToken, appToken: config.appToken,
            http: config.http, slackApiUrl: config.slackApiUrl, settings: config.settings, logger, database});
        await bot.start();
    } catch (err) {
        await assistant.dispose().catch(() => undefined);
        await database?.close().catch(() => undefined);
        if (err instanceof StartupError) { say(err.message); return 2; }
        say(`could not start: ${err instanceof Error ? err.message : String(err)}`);
        if (io.env.MED42_DEBUG) console.error(err);
        return 1;
    }
    logger.info(config.http ? `Listening for Slack requests on port ${bot.port}` : "Connected to Slack (Socket Mode)");
    let health: HealthServer | undefined;
    if (config.healthPort !== undefined) {
        try {
            health = await startHealthServer(bot.context, {port: config.healthPort});
            logger.info(`Health and metrics on port ${health.port}: /healthz, /readyz, /metrics`);
        } catch (err) {
            say(`could not serve health checks on MED42_HEALTH_PORT=${config.healthPort}: ${err instanceof Error ? err.message : err}`);
            await bot.stop({graceMs: 0});
            await assistant.dispose().catch(() => undefined);
            await database?.close().catch(() => undefined);
            return 2;
        }
    }
    // Load (and if needed download) the model now, or connect to the model servers, so the first question does not wait.
    let stopping = false;
    if (assistant.server) logger.info(`The model runs on ${assistant.model}`);
    assistant.loadModel().then(() => {
        if (assistant.server) logger.info(`Connected to the model server: ${assistant.modelState.status === "ready" ? assistant.modelState.path : assistant.model}`);
    }, (err) => {
        if (!stopping) logger.error(`The model ${assistant.server ? "server could not be used" : "could not be loaded"}: ${err instanceof Error ? err.message : err}`);
    });

    const signals = listenForSignals(say);
    const reason = await (io.shutdownRequested ?? signals.received);
    stopping = true;
    const graceMs = bot.context.settings.shutdownGraceMs;
    logger.info(`${reason}: finishing answers in progress (up to ${Math.round(graceMs / 1000)} s), then exiting`);
    const forceExit = setTimeout(() => {
        say("shutdown took too long; exiting anyway");
        process.exit(1);
    }, graceMs + EXIT_MARGIN_MS);
    forceExit.unref();
    try {
        const unfinished = await bot.stop({graceMs});
        if (unfinished > 0 && !io.shutdownRequested) {
            // Handed back (see app.ts), but still waiting on Slack or the model: those calls must not keep the process
            // alive once everything else is closed.
            setTimeout(() => process.exit(1), 1_000).unref();
        }
        await health?.close();
        await assistant.dispose();
        await database?.close();
        return unfinished === 0 ? 0 : 1;
    } finally {
        clearTimeout(forceExit);
        signals.dispose();
    }
}

/**
 * Resolves on the first SIGTERM or SIGINT; a second one forces the exit. The handlers stay installed until the
 * shutdown is over: a library's signal-exit hook re-raises the signal (killing the process) when it finds no
 * other listener.
 */
function listenForSignals(say: (line: string) => void): {received: Promise<string>; dispose(): void} {
    let resolveFirst!: (signal: string) => void;
    const received = new Promise<string>((resolve) => { resolveFirst = resolve; });
    let count = 0;
    const on = (signal: NodeJS.Signals) => {
        if (++count === 1) resolveFirst(signal);
        else {
            say(`${signal} again: exiting without waiting for answers in progress`);
            process.exit(1);
        }
    };
    process.on("SIGTERM", on);
    process.on("SIGINT", on);
    return {received, dispose: () => { process.off("SIGTERM", on); process.off("SIGINT", on); }};
}
