/**
 * A bot replica in this process, built as `med42-slack` builds one: its own core, database pool and Bolt app, on the
 * fake Slack (Socket Mode, or HTTP with a signing secret) and a shared PostgreSQL. Bolt acknowledges an event before
 * its listeners run, so each replica counts the events still in Bolt's hands (`processing`): a test waits for those
 * to reach 0, not for a time. The replica tests (Socket Mode, HTTP behind a balancer, on a model server) share it.
 */
import type {Med42Assistant} from "../../shared/assistant";
import {PostgresAuditStore} from "../../shared/audit/postgresAuditStore";
import {PostgresDatabase} from "../../shared/storage/postgresDatabase";
import {createSlackBot, type SlackBot} from "../../slack-bot/app";
import type {BotSettings} from "../../slack-bot/botContext";
import type {PostgresSlackState} from "../../slack-bot/reliability/postgresSlackState";
import {memoryLogger} from "../slack/botHarness";
import type {FakeSlack} from "./fakeSlack";

export interface InProcessReplica {
    bot: SlackBot;
    assistant: Med42Assistant;
    database: PostgresDatabase;
    /** The replica's log lines (debug lines start with "debug"). */
    logs: string[];
    /** Events Bolt has taken and not finished with. */
    processing: number;
}

export interface InProcessReplicaOptions {
    fake: FakeSlack;
    databaseUrl: string;
    /** The core, given the replica's audit store on its database pool. */
    assistant: (audit: PostgresAuditStore) => Med42Assistant;
    /** HTTP mode (Events API) on a free port, instead of Socket Mode. */
    http?: {signingSecret: string};
    settings?: Partial<BotSettings>;
    /** Names the pool's connections in pg_stat_activity. */
    applicationName?: string;
}

/** Starts a replica and resolves once it listens for other replicas' Stop clicks and hand-backs. */
export async function startInProcessReplica(options: InProcessReplicaOptions): Promise<InProcessReplica> {
    const {fake} = options;
    const database = new PostgresDatabase(options.databaseUrl, {applicationName: options.applicationName ?? "med42-slack test replica"});
    const assistant = options.assistant(new PostgresAuditStore(database));
    const logger = memoryLogger();
    const bot = await createSlackBot({
        assistant, botToken: fake.botToken, slackApiUrl: fake.apiUrl, retryConfig: {retries: 0}, logger, database,
        ...(options.http ? {http: {signingSecret: options.http.signingSecret, port: 0}} : {appToken: fake.appToken}),
        settings: {shutdownGraceMs: 5_000, nativeStreaming: false, updateIntervalMs: 0, ...options.settings}
    });
    const replica: InProcessReplica = {bot, assistant, database, logs: logger.lines, processing: 0};
    const processEvent = bot.app.processEvent.bind(bot.app);
    bot.app.processEvent = async (event) => {
        replica.processing++;
        try { return await processEvent(event); } finally { replica.processing--; }
    };
    await bot.start();
    await (bot.context.state as PostgresSlackState).listening;
    return replica;
}

/** Stops each replica (bot, core, pool); with `printLogs` (a failed test) prints their logs first, debug left out. */
export async function stopInProcessReplicas(replicas: readonly InProcessReplica[], printLogs = false): Promise<void> {
    if (printLogs) for (const r of replicas) console.log(r.logs.filter((l) => !l.startsWith("debug")).join("\n"));
    for (const r of replicas) {
        await r.bot.stop({graceMs: 5_000});
        await r.assistant.dispose();
        await r.database.close();
    }
}
