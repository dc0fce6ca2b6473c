/**
 * What bot replicas must agree on, behind one interface: which deliveries and user messages were already taken (Slack
 * retries an event with the same `event_id`, possibly on another connection or replica; one user message can arrive
 * as `app_mention` and as `message`, with the same channel + ts) and which threads the bot answered in (follow-ups
 * there need no mention). In memory for one process (the default); in PostgreSQL (postgresSlackState.ts) when
 * several replicas share MED42_DATABASE_URL.
 *
 * @see https://docs.slack.dev/apis/events-api/#retries
 */
import {RecentKeys} from "./recentKeys";
import type {StopOutcome} from "./inFlightAnswers";

export interface SlackSharedState {
    readonly kind: "memory" | "postgres";
    /** True for the one caller (of every replica) that takes `key` first; false for every later one. */
    claim(key: string): Promise<boolean>;
    /** Remembers that the bot answered in this thread. */
    rememberThread(key: string): Promise<void>;
    /** Whether the bot answered in this thread (recently: a week). */
    knowsThread(key: string): Promise<boolean>;
    /**
     * This replica writes this answer (until answerEnded): a Stop on another replica finds it, and if this replica
     * dies, another finishes its message (see orphanFinisher.ts).
     */
    answerStarted(answer: AnswerRegistration): Promise<void>;
    /** The answer's control message ("Med42 is writing…" with Stop) was posted. */
    answerControlPosted(answerId: string, controlTs: string): Promise<void>;
    /** The answer is being streamed natively (chat.startStream) into this message. */
    answerStreamStarted(answerId: string, streamTs: string): Promise<void>;
    /** The answer's audit row is written (a finisher must not write another). */
    answerAudited(answerId: string): Promise<void>;
    answerEnded(answerId: string): Promise<void>;
    /** Calls `handler` with each answer whose writer stopped renewing its lease (each handed to one replica only). */
    onOrphanedAnswer(handler: (orphan: OrphanedAnswer) => Promise<void>): void;
    /**
     * A Stop for an answer this replica is not writing: asks the replica that writes it to stop (only the asker may).
     * "stopped" once asked; "not-found" when no replica writes it.
     */
    requestStop(answerId: string, byUserId: string): Promise<StopOutcome>;
    /** Calls `handler` with the answers other replicas were asked to stop (the asker was checked). */
    onStopRequested(handler: (answerId: string) => void): void;
    close(): Promise<void>;
}

export interface AnswerRegistration {
    answerId: string;
    userId: string;
    channel: string;
    threadTs: string;
    surface: string;
    /** Shown in a thread (an ephemeral answer cannot be finished by another replica). */
    threaded: boolean;
}

export interface OrphanedAnswer extends AnswerRegistration {
    controlTs: string | null;
    /** The message the answer was streamed into (chat.startStream), when streaming. */
    streamTs: string | null;
    /** The writer already wrote the answer's audit row. */
    audited: boolean;
    startedAt: Date;
}

/** How long a claim is kept: longer than Slack retries an event (three retries within about an hour). */
export const CLAIM_TTL_MS = 30 * 60_000 * 4;
/** How long a thread stays "answered" for follow-ups without a mention. */
export const THREAD_TTL_MS = 7 * 24 * 3_600_000;

/** One process: bounded, expiring sets. */
export class MemorySlackState implements SlackSharedState {
    readonly kind = "memory";
    private readonly seen = new RecentKeys({ttlMs: CLAIM_TTL_MS, maxEntries: 20_000});
    private readonly threads = new RecentKeys({ttlMs: THREAD_TTL_MS, maxEntries: 50_000});

    async claim(key: string): Promise<boolean> { return this.seen.addIfNew(key); }
    async rememberThread(key: string): Promise<void> { this.threads.add(key); }
    async knowsThread(key: string): Promise<boolean> { return this.threads.has(key); }
    // One process: every answer is in this process's InFlightAnswers, which the Stop button asks first.
    async answerStarted(): Promise<void> { /* nothing shared */ }
    async answerControlPosted(): Promise<void> { /* nothing shared */ }
    async answerStreamStarted(): Promise<void> { /* nothing shared */ }
    async answerAudited(): Promise<void> { /* nothing shared */ }
    async answerEnded(): Promise<void> { /* nothing shared */ }
    onOrphanedAnswer(): void { /* no other replica can die */ }
    async requestStop(): Promise<StopOutcome> { return "not-found"; }
    onStopRequested(): void { /* nothing comes from elsewhere */ }
    async close(): Promise<void> { /* nothing held */ }
}
