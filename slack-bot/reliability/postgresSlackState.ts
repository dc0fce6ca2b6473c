/**
 * The replicas' shared Slack state in PostgreSQL (tables slack_claims and slack_threads, schemaMigrations.ts v2).
 * A claim is one `INSERT … ON CONFLICT DO NOTHING`: PostgreSQL lets exactly one of any number of concurrent inserts
 * of a key succeed, so exactly one replica answers a message however often and wherever Slack delivers it.
 *
 * Stop across replicas: the replica writing an answer registers it in slack_answers; a Stop clicked on another
 * replica checks the asker there and sends `NOTIFY med42_stop, '<answer id>'`, which the writer LISTENs for.
 *
 * When the database cannot be reached, claims fall back to this process's memory (repeats reaching this replica are
 * still dropped) and the answer flow pauses answers anyway (no answer without its audit row): see answerFlow.ts.
 */
import * as os from "node:os";
import {randomBytes} from "node:crypto";
import type {PostgresDatabase} from "../../shared/storage/postgresDatabase";
import {CLAIM_TTL_MS, MemorySlackState, type SlackSharedState, THREAD_TTL_MS} from "./sharedState";
import type {StopOutcome} from "./inFlightAnswers";

/** The NOTIFY channel of Stop requests (payload: the answer id). */
const STOP_CHANNEL = "med42_stop";

/** Old rows are deleted every this many claims (cheap: both tables are indexed by time). */
const PRUNE_EVERY = 500;

export class PostgresSlackState implements SlackSharedState {
    readonly kind = "postgres";
    /** Names this process in slack_claims (host, pid, a random suffix): which replica took which message. */
    readonly replicaId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    private readonly fallback = new MemorySlackState();
    private claims = 0;
    private listener?: {listening: Promise<void>; close(): Promise<void>};
    private readonly stopHandlers: Array<(answerId: string) => void> = [];

    constructor(private readonly db: PostgresDatabase, private readonly onError: (what: string, err: unknown) => void = () => undefined) {}

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

    async answerStarted(answerId: string, userId: string): Promise<void> {
        try {
            await this.db.query("INSERT INTO slack_answers (answer_id, replica, user_id) VALUES ($1, $2, $3) ON CONFLICT (answer_id) DO NOTHING",
                [answerId, this.replicaId, userId]);
        } catch (err) {
            this.onError(`registering answer ${answerId}`, err);
        }
    }

    async answerEnded(answerId: string): Promise<void> {
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

    async close(): Promise<void> {
        await this.listener?.close();
        this.listener = undefined;
    }

    private prune(): void {
        void this.db.query("DELETE FROM slack_claims WHERE claimed_at < now() - $1 * interval '1 millisecond'", [CLAIM_TTL_MS])
            .then(() => this.db.query("DELETE FROM slack_threads WHERE last_answer_at < now() - $1 * interval '1 millisecond'", [THREAD_TTL_MS]))
            .catch((err) => this.onError("pruning old claims", err));
    }
}
