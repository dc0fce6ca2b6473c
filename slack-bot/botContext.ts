/**
 * What every listener shares: the assistant (the core), the bot's identity, its settings and the reliability
 * state (de-duplication, rate limits, answers in flight). Built once by the app factory.
 */
import type {Logger} from "@slack/bolt";
import type {Med42Assistant} from "../shared/assistant";
import type {Surface} from "../shared/types";
import type {Disclaimer} from "../shared/policy/types";
import {InFlightAnswers} from "./reliability/inFlightAnswers";
import {BotMetrics} from "./health/botMetrics";
import {MemorySlackState, type SlackSharedState} from "./reliability/sharedState";
import type {RateLimitOptions} from "./reliability/userRateLimiter";
import {type Admissions, LocalAdmissions} from "./reliability/admissions";
import type {UserLocales} from "./userLocales";

/** The part of the core the bot uses (tests may wrap the real assistant, e.g. to slow it down). */
export type BotAssistant = Pick<Med42Assistant, "ask" | "summarizeConversation" | "decide" | "recordFeedback" | "disclaimer">
    & Partial<Pick<Med42Assistant, "disclaimerFor" | "disclaimers" | "localeByRequest">>;

/** The disclaimer in the language of a question (the policy's translation where it has one). */
export function disclaimerFor(assistant: BotAssistant, text: string): Disclaimer {
    return assistant.disclaimerFor?.(text) ?? assistant.disclaimer;
}

/** Every disclaimer the bot's answers may carry (one per language), to recognise its own messages in a thread. */
export function allDisclaimers(assistant: BotAssistant): readonly Disclaimer[] {
    return assistant.disclaimers ?? [assistant.disclaimer];
}

export interface BotSettings {
    /** Answer replies in a thread the bot answered, without a new mention (needs the message.channels event). */
    followUpsWithoutMention: boolean;
    /** `/med42` answers: only to the asker (default) or in a thread of the channel. */
    commandVisibility: "ephemeral" | "channel";
    /** Tokens of earlier thread messages given to the model as the conversation. */
    historyTokenBudget: number;
    rateLimit: RateLimitOptions;
    /** Try Slack's native streaming before falling back to chat.update. */
    nativeStreaming: boolean;
    /** Least time between two chat.update calls on one message. */
    updateIntervalMs: number;
    /** On shutdown: how long answers in flight may take to finish before they are stopped. */
    shutdownGraceMs: number;
    /**
     * With a shared database: an answer whose replica has not renewed its lease for this long is finished by another
     * replica as interrupted.
     */
    answerLeaseMs: number;
}

export const DEFAULT_SETTINGS: BotSettings = {
    followUpsWithoutMention: true,
    commandVisibility: "ephemeral",
    historyTokenBudget: 2048,
    rateLimit: {perUser: 6, windowMs: 60_000, maxActive: 16},
    nativeStreaming: true,
    updateIntervalMs: 1000,
    shutdownGraceMs: 20_000,
    answerLeaseMs: 30_000
};

export interface BotIdentity {
    botUserId: string;
    botId: string;
    teamId?: string;
}

/**
 * The shared database, when replicas share one (MED42_DATABASE_URL): answers pause while it cannot be reached,
 * since no answer may go out without its audit row.
 */
export interface AuditDatabase {
    /** One round trip: true when the database answers. */
    ping(): Promise<boolean>;
    /** The URL without its password, for messages. */
    readonly description: string;
}

export class BotContext {
    /** Deliveries and messages already taken, threads answered: in memory, or shared by replicas in PostgreSQL. */
    readonly state: SlackSharedState;
    /** The shared audit database, when there is one. */
    readonly database?: AuditDatabase;
    readonly answers = new InFlightAnswers();
    /** The per-user limit and the cap on answers at once (across replicas with a shared database). */
    readonly admissions: Admissions;
    /** Answers, policy decisions, queue depth and latency, for /metrics. */
    readonly metrics: BotMetrics;
    /** Each user's own Slack locale (their crisis numbers), when the policy file leaves the locale open. */
    readonly userLocales?: UserLocales;
    /** False once shutdown began: new events are ignored. */
    accepting = true;
    /** Work started by listeners (which return at once so Slack gets its ack quickly). */
    private readonly tasks = new Set<Promise<void>>();

    constructor(readonly assistant: BotAssistant, readonly identity: BotIdentity, readonly settings: BotSettings,
        readonly logger: Logger, shared: {state?: SlackSharedState; database?: AuditDatabase; admissions?: Admissions;
            userLocales?: UserLocales} = {}) {
        this.admissions = shared.admissions ?? new LocalAdmissions(settings.rateLimit);
        this.metrics = new BotMetrics(() => this.admissions.activeCount);
        this.state = shared.state ?? new MemorySlackState();
        // A Stop clicked on another replica for an answer written here.
        this.state.onStopRequested((answerId) => {
            if (this.answers.abort(answerId)) logger.info("Stopped an answer at another replica's request");
        });
        if (shared.database) this.database = shared.database;
        if (shared.userLocales) this.userLocales = shared.userLocales;
    }

    /** The asker's own locale for a request (undefined: the bot's locale stands). */
    async localeOf(userId: string): Promise<string | undefined> {
        return this.userLocales?.localeOf(userId);
    }

    /** Work in progress (answers, summaries, notices). */
    get pendingTasks(): number { return this.tasks.size; }

    /** Shutdown waits for `work` too (a delivery being handled: it may still spawn an answer); its errors are the caller's. */
    holdShutdownFor(work: Promise<unknown>): void {
        const task: Promise<void> = work.then(() => undefined, () => undefined).finally(() => this.tasks.delete(task));
        this.tasks.add(task);
    }

    /** Runs `work` in the background, tracked for shutdown; its errors are logged, never thrown. */
    spawn(what: string, work: () => Promise<void>): void {
        const task: Promise<void> = work()
            .catch((err) => this.logger.error(`${what} failed: ${err instanceof Error ? err.message : err}`))
            .finally(() => this.tasks.delete(task));
        this.tasks.add(task);
    }

    /**
     * Stops taking new work, waits up to `graceMs` for work in progress, then stops the answers still being written
     * (they post what they have) and waits up to `abortGraceMs` more. Resolves with the number of tasks left.
     */
    async drain(graceMs: number, abortGraceMs = 5_000): Promise<number> {
        this.accepting = false;
        // Work started by work in progress (a delivery spawning its answer) is waited for too.
        const deadline = Date.now() + graceMs;
        while (this.tasks.size > 0 && Date.now() < deadline) await settledWithin([...this.tasks], deadline - Date.now());
        if (this.tasks.size === 0) return 0;
        this.answers.abortAll();
        await settledWithin([...this.tasks], abortGraceMs);
        return this.tasks.size;
    }
}

async function settledWithin(tasks: Promise<unknown>[], ms: number): Promise<boolean> {
    if (tasks.length === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
    try {
        return await Promise.race([Promise.allSettled(tasks).then(() => true as const), timeout]);
    } finally {
        clearTimeout(timer);
    }
}

/** A DM with the bot is private; everything else (channels, group DMs) is read by several people. */
export function surfaceOf(channelId: string, channelType?: string): Surface {
    if (channelType) return channelType === "im" ? "slack-dm" : "slack-channel";
    return channelId.startsWith("D") ? "slack-dm" : "slack-channel";
}
