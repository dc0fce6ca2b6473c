/**
 * The per-user limit and the cap on answers at once, counted across replicas in PostgreSQL (slack_admissions,
 * schemaMigrations.ts v4). Each admission is one transaction under a transaction-level advisory lock, so two
 * replicas admitting at the same moment see each other's rows: a user gets `perUser` questions per window in all.
 *
 * An admitted question whose replica died is never finished: it stops counting towards the cap after ACTIVE_LEASE_MS.
 * When the database cannot be reached, this replica counts alone (its answers pause anyway: answerFlow.ts).
 */
import type {PostgresDatabase} from "../../shared/storage/postgresDatabase";
import type {Admissions} from "./admissions";
import {LocalAdmissions} from "./admissions";
import type {Admission, RateLimitOptions} from "./userRateLimiter";

/** How long an unfinished admission counts towards the cap (longer than any answer: the model's own limits). */
export const ACTIVE_LEASE_MS = 15 * 60_000;
/** The advisory lock key that serialises admissions ("admit" in ASCII). */
const ADMISSION_LOCK_KEY = 0x61646d6974;
const PRUNE_EVERY = 200;

export class PostgresAdmissions implements Admissions {
    private readonly fallback: LocalAdmissions;
    private active = 0;
    private admitted = 0;

    constructor(private readonly db: PostgresDatabase, private readonly options: RateLimitOptions, private readonly replicaId: string,
        private readonly onError: (what: string, err: unknown) => void = () => undefined) {
        this.fallback = new LocalAdmissions(options);
    }

    get activeCount(): number { return this.active + this.fallback.activeCount; }

    async admit(userId: string): Promise<Admission> {
        let outcome: Exclude<Admission, {admitted: true}> | {admitted: true; id: string};
        try {
            outcome = await this.db.transaction(async (client) => {
                await client.query("SELECT pg_advisory_xact_lock($1)", [ADMISSION_LOCK_KEY]);
                const recent = await client.query<{n: string; oldest_ms: string | null}>(`SELECT count(*) AS n,
                        (extract(epoch FROM clock_timestamp() - min(admitted_at)) * 1000)::bigint AS oldest_ms
                    FROM slack_admissions WHERE user_id = $1 AND admitted_at > clock_timestamp() - $2 * interval '1 millisecond'`,
                    [userId, this.options.windowMs]);
                if (Number(recent.rows[0].n) >= this.options.perUser) {
                    const age = Number(recent.rows[0].oldest_ms ?? 0);
                    return {admitted: false, reason: "user-limit", retryAfterMs: Math.max(1, this.options.windowMs - age)} as const;
                }
                const active = await client.query<{n: string}>(`SELECT count(*) AS n FROM slack_admissions
                    WHERE finished_at IS NULL AND admitted_at > clock_timestamp() - $1 * interval '1 millisecond'`, [ACTIVE_LEASE_MS]);
                if (Number(active.rows[0].n) >= this.options.maxActive) return {admitted: false, reason: "busy"} as const;
                const row = await client.query<{id: string}>("INSERT INTO slack_admissions (user_id, replica) VALUES ($1, $2) RETURNING id",
                    [userId, this.replicaId]);
                return {admitted: true, id: row.rows[0].id} as const;
            });
        } catch (err) {
            this.onError("admitting a question", err);
            return this.fallback.admit(userId);
        }
        if (!outcome.admitted) return outcome;
        const id = outcome.id;
        this.active++;
        if (++this.admitted % PRUNE_EVERY === 0) this.prune();
        let released = false;
        return {admitted: true, release: () => {
            if (released) return;
            released = true;
            this.active--;
            void this.db.query("UPDATE slack_admissions SET finished_at = clock_timestamp() WHERE id = $1", [id])
                .catch((err) => this.onError("finishing an admission", err));
        }};
    }

    private prune(): void {
        void this.db.query("DELETE FROM slack_admissions WHERE admitted_at < clock_timestamp() - $1 * interval '1 millisecond'",
            [Math.max(this.options.windowMs, ACTIVE_LEASE_MS)]).catch((err) => this.onError("pruning admissions", err));
    }
}
