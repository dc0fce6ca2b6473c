/**
 * The bot's start-up configuration from the environment (and command-line flags), validated so that a missing or
 * mistyped token is one clear line at start-up, never a stack trace.
 *
 * Environment: SLACK_BOT_TOKEN (xoxb-), SLACK_APP_TOKEN (xapp-, Socket Mode), SLACK_SIGNING_SECRET and PORT (HTTP
 * mode), SLACK_API_URL, MED42_MODEL, MED42_SERVER_URL (+ MED42_SERVER_API_KEY, MED42_SERVER_MODEL: the model runs on
 * those servers; see docs/deploy.md), MED42_DATABASE_URL (postgres://: the audit log and the state replicas share;
 * see docs/slack.md, "Running several replicas"), MED42_AUDIT_RETRY_SECONDS (how long an audit write waits for that
 * database), MED42_HEALTH_PORT (/healthz, /readyz, /metrics), and the
 * behaviour switches below.
 */
import type {BotSettings} from "./botContext";
import {ServerConfigError, type ServerOptions, serverOptionsFromEnv} from "../shared/engine/server/serverConfig";
import {StartupError} from "./startupError";
import type {AssistantOptions} from "../shared/assistant";
import {withoutUndefined} from "../shared/options";
import {isPostgresUrl} from "../shared/storage/databaseUrl";

export interface LaunchFlags {
    model?: string;
    http?: boolean;
    port?: string;
}

export interface SlackLaunchConfig {
    botToken: string;
    appToken?: string;
    http?: {signingSecret: string; port: number};
    slackApiUrl?: string;
    model?: string;
    /** The model servers (MED42_SERVER_URL); false: the local model named by --model; unset: none configured. */
    server?: ServerOptions | false;
    settings: Partial<BotSettings>;
    /** MED42_DATABASE_URL: the PostgreSQL database replicas share (audit log, de-duplication, thread memory). */
    databaseUrl?: string;
    /** MED42_HEALTH_PORT: where /healthz, /readyz and /metrics are served (0: any free port). */
    healthPort?: number;
    /**
     * MED42_AUDIT_RETRY_SECONDS (default 30): for how long an answer's audit write that cannot reach the database is
     * tried again before the answer fails (a short database restart loses nothing).
     */
    auditRetryMs: number;
}

/** How long an audit write waits for the database to come back, unless MED42_AUDIT_RETRY_SECONDS says otherwise. */
export const DEFAULT_AUDIT_RETRY_MS = 30_000;

const SETUP_HINT = "See docs/slack.md.";

/**
 * The bot's assistant: only what the launch configuration sets, so everything else (sampling, context size, threads,
 * policy file, audit log) keeps the core's defaults and their environment variables.
 */
export function assistantOptionsFrom(config: SlackLaunchConfig): AssistantOptions {
    return withoutUndefined({model: config.model, server: config.server});
}

export function readSlackConfig(env: NodeJS.ProcessEnv, flags: LaunchFlags = {}): SlackLaunchConfig {
    const botToken = botTokenFrom(env.SLACK_BOT_TOKEN);
    const httpMode = flags.http === true || env.MED42_SLACK_MODE?.trim().toLowerCase() === "http";
    const config: SlackLaunchConfig = {botToken, settings: settingsFrom(env), auditRetryMs: auditRetryFrom(env.MED42_AUDIT_RETRY_SECONDS),
        ...withoutUndefined({
        databaseUrl: databaseUrlFrom(env.MED42_DATABASE_URL),
        healthPort: env.MED42_HEALTH_PORT?.trim() ? healthPortFrom(env.MED42_HEALTH_PORT.trim()) : undefined,
        model: flags.model ?? (env.MED42_MODEL?.trim() || undefined), slackApiUrl: apiUrlFrom(env.SLACK_API_URL),
        // --model names a local model, which overrides a server set in the environment.
        server: flags.model ? false : serverFrom(env)})};
    if (httpMode) {
        config.http = {signingSecret: signingSecretFrom(env.SLACK_SIGNING_SECRET),
            port: portFrom(flags.port ?? env.PORT ?? env.MED42_SLACK_PORT ?? "3000")};
    } else {
        const appToken = env.SLACK_APP_TOKEN?.trim();
        if (!appToken) {
            throw new StartupError("SLACK_APP_TOKEN is not set. Socket Mode (the default) needs an app-level token " +
                "(xapp-...) with connections:write, from Basic Information → App-Level Tokens" +
                (env.SLACK_SIGNING_SECRET ? "; or run with --http to use SLACK_SIGNING_SECRET. " : ". ") + SETUP_HINT);
        }
        if (!/^xapp-[A-Za-z0-9-]+$/.test(appToken)) {
            throw new StartupError(`SLACK_APP_TOKEN does not look like an app-level token (${describe(appToken)}); ` +
                `it starts with xapp-. ${SETUP_HINT}`);
        }
        config.appToken = appToken;
    }
    return config;
}

function databaseUrlFrom(raw: string | undefined): string | undefined {
    const url = raw?.trim();
    if (!url) return undefined;
    if (!isPostgresUrl(url)) {
        throw new StartupError("MED42_DATABASE_URL must be a postgres:// or postgresql:// URL (the database the " +
            "replicas share; see docs/slack.md).");
    }
    return url;
}

function auditRetryFrom(raw: string | undefined): number {
    const value = raw?.trim();
    if (!value) return DEFAULT_AUDIT_RETRY_MS;
    const seconds = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || seconds > 3600) {
        throw new StartupError("MED42_AUDIT_RETRY_SECONDS must be a number of seconds from 0 to 3600: how long an " +
            `answer waits for its audit row while the database cannot be reached (got "${value}").`);
    }
    return Math.round(seconds * 1000);
}

function healthPortFrom(raw: string): number {
    const port = Number(raw);
    if (!/^\d+$/.test(raw) || port > 65535) throw new StartupError(`MED42_HEALTH_PORT must be a port number (got "${raw}").`);
    return port;
}

function botTokenFrom(raw: string | undefined): string {
    const token = raw?.trim();
    if (!token) {
        throw new StartupError("SLACK_BOT_TOKEN is not set. Create the app from slack-bot/manifest.json, install it " +
            `to your workspace and copy the Bot User OAuth Token (xoxb-...). ${SETUP_HINT}`);
    }
    if (!/^xoxb-[A-Za-z0-9-]+$/.test(token)) {
        throw new StartupError(`SLACK_BOT_TOKEN does not look like a bot token (${describe(token)}); ` +
            `use the Bot User OAuth Token, which starts with xoxb-. ${SETUP_HINT}`);
    }
    return token;
}

function signingSecretFrom(raw: string | undefined): string {
    const secret = raw?.trim();
    if (!secret) {
        throw new StartupError("HTTP mode needs SLACK_SIGNING_SECRET (Basic Information → App Credentials → " +
            `Signing Secret). ${SETUP_HINT}`);
    }
    if (!/^[0-9a-f]{32,}$/i.test(secret)) {
        throw new StartupError("SLACK_SIGNING_SECRET does not look like a signing secret (32 hexadecimal " +
            `characters, from Basic Information → App Credentials). ${SETUP_HINT}`);
    }
    return secret;
}

function serverFrom(env: NodeJS.ProcessEnv): ServerOptions | undefined {
    try {
        return serverOptionsFromEnv(env);
    } catch (err) {
        if (err instanceof ServerConfigError) throw new StartupError(`${err.message} See docs/deploy.md.`);
        throw err;
    }
}

function portFrom(raw: string): number {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new StartupError(`The port must be a number from 0 to 65535 (got "${raw}").`);
    }
    return port;
}

function apiUrlFrom(raw: string | undefined): string | undefined {
    const value = raw?.trim();
    if (!value) return undefined;
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new StartupError(`SLACK_API_URL is not a URL (got "${value}"); e.g. https://slack.com/api/`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new StartupError(`SLACK_API_URL must be an http(s) URL (got "${value}").`);
    }
    return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

function settingsFrom(env: NodeJS.ProcessEnv): Partial<BotSettings> {
    const settings: Partial<BotSettings> = {};
    const followUps = env.MED42_SLACK_FOLLOW_UPS?.trim();
    if (followUps) settings.followUpsWithoutMention = booleanFrom("MED42_SLACK_FOLLOW_UPS", followUps);
    const streaming = env.MED42_SLACK_STREAMING?.trim();
    if (streaming) settings.nativeStreaming = booleanFrom("MED42_SLACK_STREAMING", streaming);
    const visibility = env.MED42_SLACK_COMMAND_VISIBILITY?.trim();
    if (visibility) {
        if (visibility !== "ephemeral" && visibility !== "channel") {
            throw new StartupError(`MED42_SLACK_COMMAND_VISIBILITY must be "ephemeral" or "channel" (got "${visibility}").`);
        }
        settings.commandVisibility = visibility;
    }
    const limit = env.MED42_SLACK_USER_LIMIT?.trim();
    if (limit) {
        const m = /^(\d+)\/(\d+)$/.exec(limit);
        if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
            throw new StartupError(`MED42_SLACK_USER_LIMIT must be QUESTIONS/SECONDS, e.g. 6/60 (got "${limit}").`);
        }
        settings.rateLimit = {perUser: Number(m[1]), windowMs: Number(m[2]) * 1000,
            maxActive: positiveInt("MED42_SLACK_MAX_ACTIVE", env.MED42_SLACK_MAX_ACTIVE, 16)};
    } else if (env.MED42_SLACK_MAX_ACTIVE) {
        settings.rateLimit = {perUser: 6, windowMs: 60_000,
            maxActive: positiveInt("MED42_SLACK_MAX_ACTIVE", env.MED42_SLACK_MAX_ACTIVE, 16)};
    }
    const lease = env.MED42_SLACK_ANSWER_LEASE?.trim();
    if (lease) {
        const seconds = Number(lease);
        if (!/^\d+(\.\d+)?$/.test(lease) || seconds < 1) {
            throw new StartupError(`MED42_SLACK_ANSWER_LEASE must be a number of seconds, at least 1 (got "${lease}").`);
        }
        settings.answerLeaseMs = Math.round(seconds * 1000);
    }
    const grace = env.MED42_SLACK_SHUTDOWN_GRACE?.trim();
    if (grace) {
        const seconds = Number(grace);
        if (!/^\d+(\.\d+)?$/.test(grace)) {
            throw new StartupError(`MED42_SLACK_SHUTDOWN_GRACE must be a number of seconds, e.g. 20 (got "${grace}").`);
        }
        settings.shutdownGraceMs = Math.round(seconds * 1000);
    }
    return settings;
}

function booleanFrom(name: string, value: string): boolean {
    if (/^(1|true|yes|on)$/i.test(value)) return true;
    if (/^(0|false|no|off)$/i.test(value)) return false;
    throw new StartupError(`${name} must be 1 or 0 (got "${value}").`);
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
    if (raw === undefined || raw.trim() === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new StartupError(`${name} must be a positive whole number (got "${raw}").`);
    return n;
}

/** Names the kind of a wrong token without printing it. */
function describe(token: string): string {
    if (token.startsWith("xoxp-")) return "it is a user token, xoxp-";
    if (token.startsWith("xoxb-")) return "it is a bot token, xoxb-";
    if (token.startsWith("xapp-")) return "it is an app-level token, xapp-";
    if (/\s/.test(token)) return "it contains spaces";
    return "it has no xoxb-/xapp- prefix";
}
