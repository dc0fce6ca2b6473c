/**
 * The replicas' shared Slack state in PostgreSQL (tables slack_claims and slack_threads, schemaMigrations.ts v2).
 * A claim is one `INSERT … ON CONFLICT DO NOTHING`: PostgreSQL lets exactly one of any number of concurrent inserts
 * of a key succeed, so exactly one replica answers a message however often and wherever Slack delivers it.
 *
 * Stop across replicas: the replica writing an answer registers it in slack_answers; a Stop clicked on another
 * replica checks the asker there and sends `NOTIFY med42_stop, '<answer id>'`, which the writer LISTENs for.
 *
 * Leases: the writer renews its answers' `heartbeat_at` every third of the lease; every replica looks for answers
 * whose lease ran out every half lease and finishes them (orphanFinisher.ts). A replica that shuts down with answers
 * it could not finish within its grace period hands them back: their leases end at once and `NOTIFY med42_handback`
 * makes the other replicas look for them now, not half a lease later.
 *
 * A database outage stops every writer's renewals at once, so right after it every lease looks expired, the live ones
 * too. No replica judges leases until one whole lease after the outage: not within a lease of the database's own
 * (re)start (pg_postmaster_start_time), nor within a lease of this replica getting through to it again. A writer that
 * is alive renews within a third of a lease once the database is back; one that died meanwhile is finished a lease
 * later than usual. Answers handed back at shutdown are taken at once all the same.
 *
 * When the database cannot be reached, claims fall back to this process's memory (repeats reaching this replica are
 * still dropped) and the answer flow pauses answers anyway (no answer without its audit row): see answerFlow.ts.
 */
import * as os from "node:os";
import {randomBytes} from "node:crypto";
import type {PostgresDatabase} from "../../shared/storage/postgresDatabase";
import {type AnswerRegistration, CLAIM_TTL_MS, MemorySlackState, type OrphanedAnswer, type SlackSharedState, THREAD_TTL_MS} from "./sharedState";
import type {StopOutcome} from "./inFlightAnswers";

/** How long an answer's writer may go without renewing its lease before another replica finishes it. */
export const DEFAULT_ANSWER_LEASE_MS = 30_000;

/** The NOTIFY channel of Stop requests (payload: the answer id). */
const STOP_CHANNEL = "med42_stop";
/** The NOTIFY channel of answers handed back by a replica shutting down (payload: its replica id). */
const HANDBACK_CHANNEL = "med42_handback";

/** Old rows are deleted every this many claims (cheap: both tables are indexed by time). */
const PRUNE_EVERY = 500;

export class PostgresSlackState implements SlackSharedState {
    readonly kind = "postgres";
    /** Names this process in slack_claims (host, pid, a random suffix): which replica took which message. */
    readonly replicaId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    private readonly fallback = new MemorySlackState();
    private claims = 0;
    private listener?: {listening: Promise<void>; close(): Promise<void>};
    private handbackListener?: {listening: Promise<void>; close(): Promise<void>};
    private readonly stopHandlers: Array<(answerId: string) => void> = [];
    private readonly ownAnswers = new Set<string>();
    private orphanHandler?: (orphan: OrphanedAnswer) => Promise<void>;
    private sweeping = false;
    private sweepAgain = false;
    private readonly heartbeat: NodeJS.Timeout;
    private readonly sweep: NodeJS.Timeout;

    /** `leaseMs`: an answer whose writer has not renewed it for this long is finished by another replica. */
    constructor(private readonly db: PostgresDatabase, private readonly onError: (what: string, err: unknown) => void = () => undefined,
        private readonly leaseMs = DEFAULT_ANSWER_LEASE_MS) {
        this.heartbeat = setInterval(() => { void this.renewLeases(); }, Math.max(50, Math.floor(leaseMs / 3)));
        this.sweep = setInterval(() => { void this.sweepOrphans(); }, Math.max(50, Math.floor(leaseMs / 2)));
        this.heartbeat.unref();
        this.sweep.unref();
    }

    async claim(key: string): Promise<boolean> {
        try {
            const r = await this.db.query("INSERT INTO slack_claims (key, replica) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
                [key, this.replicaId]);
            if (++this.claims % PRUNE_EVERY === 0) this.prune();
            return r.rowCount === 1;
        } catch (err) {
            this.onError(`claiming ${key}`, err);
            return this.fallback.claim(key);
        }
    }

    async rememberThread(key: string): Promise<void> {
        await this.fallback.rememberThread(key);
        try {
            await this.db.query(`INSERT INTO slack_threads (key) VALUES ($1)
                ON CONFLICT (key) DO UPDATE SET last_answer_at = now()`, [key]);
        } catch (err) {
            this.onError(`remembering thread ${key}`, err);
        }
    }

    async knowsThread(key: string): Promise<boolean> {
        try {
            const r = await this.db.query("SELECT 1 FROM slack_threads WHERE key = $1 AND last_answer_at > now() - $2 * interval '1 millisecond'",
                [key, THREAD_TTL_MS]);
            return r.rowCount > 0;
        } catch (err) {
            this.onError(`looking up thread ${key}`, err);
            return this.fallback.knowsThread(key);
        }
    }

    async answerStarted(a: AnswerRegistration): Promise<void> {
        this.ownAnswers.add(a.answerId);
        try {
            await this.db.query(`INSERT INTO slack_answers (answer_id, replica, user_id, channel, thread_ts, surface, threaded)
                VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (answer_id) DO NOTHING`,
            [a.answerId, this.replicaId, a.userId, a.channel, a.threadTs, a.surface, a.threaded]);
        } catch (err) {
            this.onError(`registering answer ${a.answerId}`, err);
        }
    }

    async answerControlPosted(answerId: string, controlTs: string): Promise<void> {
        try {
            await this.db.query("UPDATE slack_answers SET control_ts = $2 WHERE answer_id = $1", [answerId, controlTs]);
        } catch (err) {
            this.onError(`recording the control message of ${answerId}`, err);
        }
    }

    async answerStreamStarted(answerId: string, streamTs: string): Promise<void> {
        try {
            await this.db.query("UPDATE slack_answers SET stream_ts = $2 WHERE answer_id = $1", [answerId, streamTs]);
        } catch (err) {
            this.onError(`recording the stream of ${answerId}`, err);
        }
    }

    async answerAudited(answerId: string): Promise<void> {
        try {
            await this.db.query("UPDATE slack_answers SET audited = true WHERE answer_id = $1", [answerId]);
        } catch (err) {
            this.onError(`recording that ${answerId} was audited`, err);
        }
    }

    onOrphanedAnswer(handler: (orphan: OrphanedAnswer) => Promise<void>): void {
        this.orphanHandler = handler;
        // Another replica handing its answers back: look for them now.
        this.handbackListener ??= this.db.listen(HANDBACK_CHANNEL, (replica) => {
            if (replica !== this.replicaId) void this.sweepOrphans();
        });
    }

    async answerEnded(answerId: string): Promise<void> {
        this.ownAnswers.delete(answerId);
        try {
            await this.db.query("DELETE FROM slack_answers WHERE answer_id = $1", [answerId]);
        } catch (err) {
            this.onError(`unregistering answer ${answerId}`, err);
        }
    }

    async requestStop(answerId: string, byUserId: string): Promise<StopOutcome> {
        try {
            const r = await this.db.query<{user_id: string}>("SELECT user_id FROM slack_answers WHERE answer_id = $1", [answerId]);
            if (r.rowCount === 0) return "not-found";
            if (r.rows[0].user_id !== byUserId) return "not-owner";
            await this.db.query("SELECT pg_notify($1, $2)", [STOP_CHANNEL, answerId]);
            return "stopped";
        } catch (err) {
            this.onError(`asking another replica to stop ${answerId}`, err);
            return "not-found";
        }
    }

    onStopRequested(handler: (answerId: string) => void): void {
        this.listener ??= this.db.listen(STOP_CHANNEL, (payload) => { this.stopHandlers.forEach((h) => h(payload)); });
        this.stopHandlers.push(handler);
    }

    /** Resolves once this replica listens for Stop requests (the first time). */
    get listening(): Promise<void> { return this.listener?.listening ?? Promise.resolve(); }

    /** Resolves once this replica listens for answers handed back by others. */
    get listeningForHandbacks(): Promise<void> { return this.handbackListener?.listening ?? Promise.resolve(); }

    /**
     * Stops renewing this replica's leases and looking for orphans, and stops listening. Answers still registered
     * here (a shutdown could not finish them in time) are handed back: another replica finishes them now.
     */
    async close(): Promise<void> {
        clearInterval(this.heartbeat);
        clearInterval(this.sweep);
        await this.handBack();
        await this.listener?.close();
        await this.handbackListener?.close();
        this.listener = undefined;
        this.handbackListener = undefined;
    }

    /** Ends the leases of this replica's answers now and tells the other replicas. */
    private async handBack(): Promise<void> {
        if (this.ownAnswers.size === 0) return;
        const answers = [...this.ownAnswers];
        this.ownAnswers.clear();
        try {
            await this.db.query("UPDATE slack_answers SET heartbeat_at = '-infinity' WHERE answer_id = ANY($1) AND replica = $2",
                [answers, this.replicaId]);
            await this.db.query("SELECT pg_notify($1, $2)", [HANDBACK_CHANNEL, this.replicaId]);
        } catch (err) {
            this.onError(`handing back ${answers.length} unfinished answers`, err);
        }
    }

    /** Renews the leases of the answers this replica writes. */
    private async renewLeases(): Promise<void> {
        if (this.ownAnswers.size === 0) return;
        await this.db.query("UPDATE slack_answers SET heartbeat_at = now() WHERE answer_id = ANY($1)", [[...this.ownAnswers]])
            .catch((err) => this.onError("renewing answer leases", err));
    }

    /**
     * Takes the answers whose lease ran out (one DELETE … RETURNING: each goes to exactly one replica) and hands them
     * to the finisher. Not this replica's own (its answers are alive while it runs this).
     */
    private async sweepOrphans(): Promise<void> {
        if (!this.orphanHandler) return;
        if (this.sweeping) { this.sweepAgain = true; return; } // a hand-back came in during a sweep
        this.sweeping = true;
        this.sweepAgain = false;
        // Just back from an outage: every lease looks expired (see the top of this file); give the writers a lease.
        // Answers handed back (heartbeat -infinity) are taken at once all the same: their writer let go of them.
        const justBack = this.db.reconnectedAt !== undefined && Date.now() - this.db.reconnectedAt < this.leaseMs;
        try {
            const r = await this.db.query<{answer_id: string; user_id: string; channel: string | null; thread_ts: string | null;
                surface: string | null; threaded: boolean; control_ts: string | null; stream_ts: string | null; audited: boolean;
                started_at: Date}>(
                `DELETE FROM slack_answers WHERE replica <> $2 AND (heartbeat_at = '-infinity' OR
                   heartbeat_at < now() - $1 * interval '1 millisecond' AND NOT $3
                   AND pg_postmaster_start_time() < now() - $1 * interval '1 millisecond')
                 RETURNING answer_id, user_id, channel, thread_ts, surface, threaded, control_ts, stream_ts, audited, started_at`,
                [this.leaseMs, this.replicaId, justBack]);
            for (const row of r.rows) {
                await this.orphanHandler({answerId: row.answer_id, userId: row.user_id, channel: row.channel ?? "",
                    threadTs: row.thread_ts ?? "", surface: row.surface ?? "slack-channel", threaded: row.threaded,
                    controlTs: row.control_ts, streamTs: row.stream_ts, audited: row.audited, startedAt: row.started_at}).catch((err) => this.onError(`finishing orphaned answer ${row.answer_id}`, err));
            }
        } catch (err) {
            this.onError("looking for orphaned answers", err);
        } finally {
            this.sweeping = false;
        }
        if (this.sweepAgain) await this.sweepOrphans();
    }

    private prune(): void {
        void this.db.query("DELETE FROM slack_claims WHERE claimed_at < now() - $1 * interval '1 millisecond'", [CLAIM_TTL_MS])
            .then(() => this.db.query("DELETE FROM slack_threads WHERE last_answer_at < now() - $1 * interval '1 millisecond'", [THREAD_TTL_MS]))
            .catch((err) => this.onError("pruning old claims", err));
    }
}
