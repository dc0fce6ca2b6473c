/**
 * The app factory: checks the bot token, builds the Bolt App (Socket Mode by default, HTTP with a signing secret),
 * and wires the global middleware and the listeners. No behaviour lives here.
 *
 * @see https://docs.slack.dev/tools/bolt-js/concepts/socket-mode
 */
import {App, LogLevel, type Logger, webApi} from "@slack/bolt";
import type {Server} from "node:http";
import type {AddressInfo} from "node:net";
import {BotContext, DEFAULT_SETTINGS, type BotAssistant, type BotSettings} from "./botContext";
import {fetchBotIdentity} from "./botIdentity";
import {deliveryGuard, withholdEventsWhileStopping} from "./deliveryGuard";
import {registerListeners} from "./listeners";
import {createPinoLogger} from "./logger";
import {redactingLogger} from "./logRedaction";
import {slackErrorCode} from "./reliability/slackRetry";
import {StartupError} from "./startupError";
import {mergeDefined} from "../shared/options";
import type {PostgresDatabase} from "../shared/storage/postgresDatabase";
import {PostgresSlackState} from "./reliability/postgresSlackState";
import {PostgresAdmissions} from "./reliability/postgresAdmissions";
import {finishOrphanedAnswer} from "./reliability/orphanFinisher";
import {PostgresAuditStore} from "../shared/audit/postgresAuditStore";
import {slackUserLocaleLookup, UserLocales} from "./userLocales";

/** users.info is asked before an answer (an escalation among them): it must not hold one up for long. */
const USER_LOCALE_TIMEOUT_MS = 3_000;

export interface SlackBotOptions {
    assistant: BotAssistant;
    /** Bot User OAuth Token (xoxb-). */
    botToken: string;
    /** Socket Mode (the default): the app-level token (xapp-) with `connections:write`. */
    appToken?: string;
    /** HTTP mode instead of Socket Mode: Slack's signing secret and the port to listen on (0: any free port). */
    http?: {signingSecret: string; port: number};
    /** Web API base URL (SLACK_API_URL): enterprise proxies, the test suite. Socket Mode uses it too. */
    slackApiUrl?: string;
    settings?: Partial<BotSettings>;
    logger?: Logger;
    /** Web API retry policy for network errors (tests pass {retries: 0}). */
    retryConfig?: webApi.RetryOptions;
    /**
     * The PostgreSQL database replicas share (MED42_DATABASE_URL): de-duplication and thread memory live there, and
     * answers pause while it is unreachable. Without it, one process keeps them in memory. The caller closes it.
     */
    database?: PostgresDatabase;
}

export interface SlackBot {
    readonly app: App;
    readonly context: BotContext;
    /** Connects (Socket Mode) or starts listening (HTTP). */
    start(): Promise<void>;
    /** HTTP mode: the port listened on, once started. */
    readonly port: number | undefined;
    /**
     * Stops taking events, lets answers in flight finish within `graceMs` (default: settings.shutdownGraceMs), then
     * stops the rest. Resolves with the number of tasks that did not wrap up.
     */
    stop(options?: {graceMs?: number}): Promise<number>;
}

export async function createSlackBot(options: SlackBotOptions): Promise<SlackBot> {
    const settings: BotSettings = mergeDefined(DEFAULT_SETTINGS, options.settings);
    const logger = redactingLogger(options.logger ?? createPinoLogger(LogLevel.INFO));
    const clientOptions: webApi.WebClientOptions = {
        ...(options.slackApiUrl ? {slackApiUrl: options.slackApiUrl} : {}),
        // A 429 reaches our code (which waits as Retry-After says) instead of pausing every call of the client.
        rejectRateLimitedCalls: true,
        // Unset by default on purpose: the Socket Mode client then retries apps.connections.open for long outages.
        ...(options.retryConfig ? {retryConfig: options.retryConfig} : {})
    };
    if (!options.http && !options.appToken) {
        throw new StartupError("Socket Mode needs SLACK_APP_TOKEN (or use HTTP mode with SLACK_SIGNING_SECRET).");
    }

    const identity = await fetchBotIdentity(options.botToken, clientOptions);
    const app = new App({
        token: options.botToken,
        botId: identity.botId,
        botUserId: identity.botUserId,
        logger,
        // Without it Bolt sets its logger to INFO, whatever level the logger was made with (--log-level debug).
        logLevel: logger.getLevel(),
        clientOptions,
        ...(options.http
            ? {signingSecret: options.http.signingSecret, port: options.http.port}
            : {socketMode: true, appToken: options.appToken})
    });
    const db = options.database;
    const onSharedError = (what: string, err: unknown) => logger.warn(`Shared state unavailable (${what}), using this ` +
        `replica's memory: ${err instanceof Error ? err.message : err}`);
    const state = db ? new PostgresSlackState(db, onSharedError, settings.answerLeaseMs) : undefined;
    // Each user's own numbers, when the policy file sets no locale: their own client, with no retries and a short
    // timeout, since a failure only means the bot's locale is used.
    const userLocales = options.assistant.localeByRequest ? new UserLocales(slackUserLocaleLookup(new webApi.WebClient(options.botToken,
        {...clientOptions, retryConfig: {retries: 0}, timeout: USER_LOCALE_TIMEOUT_MS, logger})), logger) : undefined;
    const context = new BotContext(options.assistant, identity, settings, logger, {...(userLocales ? {userLocales} : {}),
        ...(db && state ? {database: db, state, admissions: new PostgresAdmissions(db, settings.rateLimit, state.replicaId, onSharedError)} : {})});
    if (db && state) {
        // Answers of replicas that died mid-way are finished here (each by one replica), and audited.
        const audit = new PostgresAuditStore(db);
        state.onOrphanedAnswer((orphan) => finishOrphanedAnswer(app.client, orphan,
            {disclaimer: options.assistant.disclaimer, audit, logger}));
    }
    withholdEventsWhileStopping(app, context);
    app.use(deliveryGuard(context));
    registerListeners(app, context);
    app.error(async (error) => {
        logger.error(`Unhandled error in a listener: ${slackErrorCode(error.original) ?? error.message}`);
    });

    let port: number | undefined;
    return {
        app,
        context,
        get port() { return port; },
        async start() {
            try {
                if (options.http) {
                    const server = await app.start(options.http.port) as Server;
                    port = (server.address() as AddressInfo).port;
                } else {
                    await app.start();
                }
            } catch (err) {
                const code = slackErrorCode(err);
                if (code === "invalid_auth" || code === "not_authed" || code === "not_allowed_token_type") {
                    throw new StartupError(`Slack rejected SLACK_APP_TOKEN (${code}). Create an app-level token ` +
                        "with the connections:write scope under Basic Information → App-Level Tokens.");
                }
                throw err;
            }
        },
        async stop(stopOptions = {}) {
            context.accepting = false;
            await app.stop().catch((err) => logger.warn(`Stopping the receiver: ${err}`));
            const unfinished = await context.drain(stopOptions.graceMs ?? settings.shutdownGraceMs);
            if (unfinished > 0 && context.state.kind === "postgres") {
                logger.warn(`${unfinished} answers did not finish within the shutdown grace period: handed back to the ` +
                    "other replicas, which finish them as interrupted");
            }
            // Closing the shared state hands back the answers still registered here (postgresSlackState.ts).
            await context.state.close();
            return unfinished;
        }
    };
}
