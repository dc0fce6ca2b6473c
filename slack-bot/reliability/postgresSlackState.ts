/**
 * The replicas' shared Slack state in PostgreSQL (tables slack_claims and slack_threads, schemaMigrations.ts v2).
 * A claim is one `INSERT … ON CONFLICT DO NOTHING`: PostgreSQL lets exactly one of any number of concurrent inserts
 * of a key succeed, so exactly one replica answers a message however often and wherever Slack delivers it.
 *
 * When the database cannot be reached, claims fall back to this process's memory (repeats reaching this replica are
 * still dropped) and the answer flow pauses answers anyway (no answer without its audit row): see answerFlow.ts.
 */
import * as os from "node:os";
import {randomBytes} from "node:crypto";
import type {PostgresDatabase} from "../../shared/storage/postgresDatabase";
import {CLAIM_TTL_MS, MemorySlackState, type SlackSharedState, THREAD_TTL_MS} from "./sharedState";

/** Old rows are deleted every this many claims (cheap: both tables are indexed by time). */
const PRUNE_EVERY = 500;

export class PostgresSlackState implements SlackSharedState {
    readonly kind = "postgres";
    /** Names this process in slack_claims (host, pid, a random suffix): which replica took which message. */
    readonly replicaId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    private readonly fallback = new MemorySlackState();
    private claims = 0;

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

    async close(): Promise<void> { /* the database belongs to the caller */ }

    private prune(): void {
        void this.db.query("DELETE FROM slack_claims WHERE claimed_at < now() - $1 * interval '1 millisecond'", [CLAIM_TTL_MS])
            .then(() => this.db.query("DELETE FROM slack_threads WHERE last_answer_at < now() - $1 * interval '1 millisecond'", [THREAD_TTL_MS]))
            .catch((err) => this.onError("pruning old claims", err));
    }
}
