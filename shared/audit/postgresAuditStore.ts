/**
 * The audit log in PostgreSQL: the same columns as the SQLite log (schemaMigrations.ts: version 1, and version 7 for
 * `language` and `resources_locale`), written by every replica and editor that shares MED42_DATABASE_URL. The salt of
 * the user-id hashes is MED42_AUDIT_SALT when set, else one random salt kept in the database (med42_settings), so
 * every replica hashes a user the same way.
 *
 * Writes are asynchronous: `record` resolves once the row is committed and rejects when the database cannot be
 * reached, which fails the request (the core raises AuditWriteError): no answer without its audit row. With
 * `writeRetryMs` (the Slack bot: MED42_AUDIT_RETRY_SECONDS) a write that fails because the database cannot be reached
 * is tried again, with backoff, for that long before it fails: an answer caught by a short database restart waits for
 * its row instead of being lost. A statement the server rejects (a constraint, a type) fails at once.
 */
import {randomBytes} from "node:crypto";
import type {Writable} from "node:stream";
import type {PoolClient} from "pg";
import type {AuditEntry, AuditListOptions, AuditLogOptions, AuditRecord} from "./auditLog";
import {storedAuditValues, writeAuditCsv} from "./auditLog";
import type {AuditStore} from "./auditStore";
import {MIN_SALT_LENGTH, saltFromEnv} from "./userHash";
import {PostgresDatabase} from "../storage/postgresDatabase";
import {isConnectionError} from "../storage/connectionErrors";

const EXPORT_BATCH = 1000;
/** Backoff between write attempts while the database cannot be reached: doubling from the first to the last. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 2_000;

export interface PostgresAuditOptions extends AuditLogOptions {
    applicationName?: string;
    /** For how long a write that cannot reach the database is tried again (default 0: it fails at once). */
    writeRetryMs?: number;
    /** Told about each failed attempt that will be tried again (for the log). */
    onWriteRetry?: (err: unknown, attempt: number, waitMs: number) => void;
}

interface Row {
    id: string; time: Date; kind: "decision" | "feedback"; surface: string; user_hash: string | null; action: string | null;
    category: string | null; rules: string[]; latency_ms: number; model: string | null; stop_reason: string | null;
    excerpt: string | null; feedback: string | null; ref: string | null; language: string | null; resources_locale: string | null;
}

const INSERT = `INSERT INTO audit (time, kind, surface, user_hash, action, category, rules, latency_ms, model, stop_reason,
    excerpt, feedback, ref, language, resources_locale) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`;

export class PostgresAuditStore implements AuditStore {
    readonly kind = "postgres";
    readonly db: PostgresDatabase;
    private readonly ownsDb: boolean;
    private salt?: Promise<string>;
    private readonly envSalt?: string;
    private readonly writeRetryMs: number;
    private readonly onWriteRetry?: PostgresAuditOptions["onWriteRetry"];

    /** `database`: a URL (this store opens and closes its pool) or a database shared with other users of it. */
    constructor(database: string | PostgresDatabase, options: PostgresAuditOptions = {}) {
        this.envSalt = options.salt ?? saltFromEnv(process.env);
        this.writeRetryMs = Math.max(0, options.writeRetryMs ?? 0);
        this.onWriteRetry = options.onWriteRetry;
        this.ownsDb = typeof database === "string";
        this.db = typeof database === "string" ? new PostgresDatabase(database, {applicationName: options.applicationName}) : database;
    }

    get location(): string { return this.db.description; }

    /** Connects and migrates (what the first write would do): start-up checks call it to fail early. */
    async open(): Promise<void> {
        await this.db.ready();
        await this.userSalt();
    }

    async record(entry: AuditEntry): Promise<void> {
        const deadline = Date.now() + this.writeRetryMs;
        for (let attempt = 1, waitMs = RETRY_FIRST_MS; ; attempt++, waitMs = Math.min(waitMs * 2, RETRY_MAX_MS)) {
            try {
                const v = storedAuditValues(entry, await this.userSalt());
                await this.db.query(INSERT, [v.time, v.kind, v.surface, v.userHash, v.action, v.category, JSON.stringify(v.rules),
                    v.latencyMs, v.model, v.stopReason, v.excerpt, v.feedback, v.ref, v.language, v.resourcesLocale]);
                return;
            } catch (err) {
                const left = deadline - Date.now();
                if (!isConnectionError(err) || left <= 0) throw err;
                const wait = Math.min(waitMs, left);
                this.onWriteRetry?.(err, attempt, wait);
                await new Promise((resolve) => setTimeout(resolve, wait));
            }
        }
    }

    async list(options: AuditListOptions = {}): Promise<AuditRecord[]> {
        const limit = Math.max(1, Math.min(options.limit ?? 50, 1_000_000));
        const r = options.since
            ? await this.db.query<Row>("SELECT * FROM audit WHERE time >= $1 ORDER BY id DESC LIMIT $2", [options.since, limit])
            : await this.db.query<Row>("SELECT * FROM audit ORDER BY id DESC LIMIT $1", [limit]);
        return r.rows.map(toRecord);
    }

    async count(): Promise<number> {
        const r = await this.db.query<{n: string}>("SELECT count(*) AS n FROM audit");
        return Number(r.rows[0].n);
    }

    exportCsv(target: Writable | string, options: {since?: Date} = {}): Promise<number> {
        return writeAuditCsv(target, this.rowsFrom(options.since));
    }

    /**
     * Copies already-stored rows (from the SQLite log) in one transaction (`client`'s, else a new one): hashes, redactions and times are kept as
     * they are. Resolves with how many were written.
     */
    async importRecords(records: Iterable<AuditRecord>, client?: PoolClient): Promise<number> {
        const copy = async (c: PoolClient) => {
            let n = 0;
            for (const r of records) {
                await c.query(INSERT, [r.time, r.kind, r.surface, r.userHash, r.action, r.category, JSON.stringify(r.rules),
                    r.latencyMs, r.model, r.stopReason, r.excerpt, r.feedback, r.ref, r.language, r.resourcesLocale]);
                n++;
            }
            return n;
        };
        return client ? copy(client) : this.db.transaction(copy);
    }

    /**
     * Makes `salt` the database's salt when it has no audit rows yet (copying a SQLite log keeps its users' hashes
     * comparable with new ones). False when rows exist or MED42_AUDIT_SALT decides the salt.
     */
    async adoptSalt(salt: string): Promise<boolean> {
        if (this.envSalt || salt.trim().length < MIN_SALT_LENGTH) return false;
        const adopted = await this.db.transaction(async (client) => {
            await client.query("LOCK TABLE audit IN EXCLUSIVE MODE");
            const rows = await client.query("SELECT 1 FROM audit LIMIT 1");
            if ((rows.rowCount ?? 0) > 0) return false;
            await client.query(`INSERT INTO med42_settings (key, value) VALUES ('audit_salt', $1)
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [salt.trim()]);
            return true;
        });
        if (adopted) this.salt = Promise.resolve(salt.trim());
        return adopted;
    }

    async close(): Promise<void> {
        if (this.ownsDb) await this.db.close();
    }

    private userSalt(): Promise<string> {
        if (this.envSalt) return Promise.resolve(this.envSalt);
        this.salt ??= (async () => {
            // The first replica's random salt wins; the others read it.
            await this.db.query(`INSERT INTO med42_settings (key, value) VALUES ('audit_salt', $1) ON CONFLICT (key) DO NOTHING`,
                [randomBytes(32).toString("hex")]);
            const r = await this.db.query<{value: string}>("SELECT value FROM med42_settings WHERE key = 'audit_salt'");
            return r.rows[0].value;
        })().catch((err) => {
            this.salt = undefined;
            throw err;
        });
        return this.salt;
    }

    private async *rowsFrom(since?: Date): AsyncIterableIterator<AuditRecord> {
        let after = "0";
        for (;;) {
            const r = since
                ? await this.db.query<Row>("SELECT * FROM audit WHERE id > $1 AND time >= $2 ORDER BY id LIMIT $3", [after, since, EXPORT_BATCH])
                : await this.db.query<Row>("SELECT * FROM audit WHERE id > $1 ORDER BY id LIMIT $2", [after, EXPORT_BATCH]);
            for (const row of r.rows) yield toRecord(row);
            if (r.rows.length < EXPORT_BATCH) return;
            after = r.rows[r.rows.length - 1].id;
        }
    }
}

function toRecord(row: Row): AuditRecord {
    return {
        id: Number(row.id), time: row.time.toISOString(), kind: row.kind, surface: row.surface, userHash: row.user_hash,
        action: row.action, category: row.category, rules: Array.isArray(row.rules) ? row.rules : [], latencyMs: row.latency_ms,
        model: row.model, stopReason: row.stop_reason, excerpt: row.excerpt, feedback: row.feedback, ref: row.ref,
        language: row.language, resourcesLocale: row.resources_locale,
    };
}
