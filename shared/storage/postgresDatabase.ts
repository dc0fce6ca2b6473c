/**
 * The shared PostgreSQL database (MED42_DATABASE_URL=postgres://…) that several bot replicas, the CLI and editors use
 * for one audit trail and the Slack state replicas share. A connection pool whose schema is brought up to date on first
 * use: versioned migrations (schemaMigrations.ts), applied under a PostgreSQL advisory lock so that replicas starting
 * at the same moment migrate once and the others wait, then find nothing left to do.
 *
 * A database that cannot be reached makes every query fail quickly (a connection timeout, a query timeout) rather
 * than hang: callers turn that into "paused" (the bot) or a clear error (the CLI). The pool reconnects by itself
 * when the database is back; a failed migration is tried again on the next use.
 */
import type {Client, Pool, PoolClient, QueryResultRow} from "pg";
import {MIGRATIONS, type Migration} from "./schemaMigrations";
import {describePostgresUrl, isPostgresUrl} from "./databaseUrl";
import {isConnectionError} from "./connectionErrors";

export {describePostgresUrl, isPostgresUrl};

/** The advisory lock key that serialises migrations (any fixed 64-bit number; "med42" in ASCII). */
const MIGRATION_LOCK_KEY = 0x6d6564_3432;

export interface PostgresOptions {
    /** Shown in pg_stat_activity (e.g. "med42-slack"). */
    applicationName?: string;
    /** How long a new connection may take (default 5 s). */
    connectTimeoutMs?: number;
    /** How long one statement may take (default 15 s). */
    queryTimeoutMs?: number;
    /** Most connections this process opens (default 5). */
    maxConnections?: number;
}

/**
 * The pg driver, loaded when a PostgreSQL database is first used: every `med42` command imports this module (through
 * the audit store), and loading the driver cost each start ~80 ms, on the SQLite audit log too (docs/performance.md).
 */
function pg(): typeof import("pg") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("pg") as typeof import("pg");
}

export class PostgresDatabase {
    private readonly pool: Pool;
    private migrated?: Promise<void>;
    private closed = false;
    /** The last connection or query error (cleared by a success): what health checks report. */
    lastError?: Error;
    /**
     * When this process last got through again after the database could not be reached (Date.now()); unset until an
     * outage has been seen. Leases judged right after an outage are stale for everyone: see postgresSlackState.ts.
     */
    reconnectedAt?: number;
    private unreachable = false;

    constructor(readonly url: string, options: PostgresOptions = {}) {
        if (!isPostgresUrl(url)) throw new Error(`not a PostgreSQL URL: ${describePostgresUrl(url)}`);
        this.pool = new (pg().Pool)({
            connectionString: url,
            application_name: options.applicationName ?? "med42",
            connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
            query_timeout: options.queryTimeoutMs ?? 15_000,
            max: options.maxConnections ?? 5,
            idleTimeoutMillis: 30_000,
        });
        // An idle connection that the server drops (restart, network) is reported here; without a listener the
        // process would crash. The next query opens a new connection.
        this.pool.on("error", (err) => { this.lastError = err; });
    }

    /** The URL without its password. */
    get description(): string { return describePostgresUrl(this.url); }

    /** Connects and applies pending migrations once; a failure is retried by the next call. */
    ready(): Promise<void> {
        if (this.closed) return Promise.reject(new Error("the database connection is closed"));
        this.migrated ??= this.migrate().catch((err) => {
            this.migrated = undefined;
            throw err;
        });
        return this.migrated;
    }

    async query<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<{rows: R[]; rowCount: number}> {
        await this.ready();
        return this.track(async () => {
            const r = await this.pool.query<R>(sql, params);
            return {rows: r.rows, rowCount: r.rowCount ?? 0};
        });
    }

    /** Runs `work` in one transaction on one connection. */
    async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
        await this.ready();
        return this.track(async () => {
            const client = await this.pool.connect();
            try {
                await client.query("BEGIN");
                const out = await work(client);
                await client.query("COMMIT");
                return out;
            } catch (err) {
                await client.query("ROLLBACK").catch(() => undefined);
                throw err;
            } finally {
                client.release();
            }
        });
    }

    /** One round trip to the server (and the schema in place): for readiness probes. */
    async ping(): Promise<boolean> {
        try {
            await this.query("SELECT 1");
            return true;
        } catch {
            return false;
        }
    }

    /**
     * LISTEN on `channel` on a connection of its own, reconnecting (every `retryMs`) after it drops; `handler` gets
     * each notification's payload. Notifications sent while the connection was down are lost (PostgreSQL keeps none).
     */
    listen(channel: string, handler: (payload: string) => void, retryMs = 1_000): {listening: Promise<void>; close(): Promise<void>} {
        if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
        let client: Client | undefined;
        let stopped = false;
        let timer: NodeJS.Timeout | undefined;
        let resolveListening!: () => void;
        const listening = new Promise<void>((resolve) => { resolveListening = resolve; });
        const connect = async () => {
            if (stopped) return;
            const c = new (pg().Client)({connectionString: this.url, application_name: "med42 listener", connectionTimeoutMillis: 5_000});
            client = c;
            let retried = false;
            const retry = () => {
                if (retried || stopped) return;
                retried = true;
                c.end().catch(() => undefined);
                timer = setTimeout(() => { void connect(); }, retryMs);
            };
            c.on("error", retry);
            c.on("end", retry);
            c.on("notification", (n) => { if (n.channel === channel) handler(n.payload ?? ""); });
            try {
                await c.connect();
                await c.query(`LISTEN ${channel}`);
                resolveListening();
            } catch {
                retry();
            }
        };
        void connect();
        return {
            listening,
            close: async () => {
                stopped = true;
                clearTimeout(timer);
                await client?.end().catch(() => undefined);
            },
        };
    }

    /** The applied schema versions, oldest first. */
    async schemaVersions(): Promise<number[]> {
        const r = await this.query<{version: number}>("SELECT version FROM med42_schema_migrations ORDER BY version");
        return r.rows.map((row) => row.version);
    }

    async close(): Promise<void> {
        if (this.closed) return;
        this.closed = true;
        await this.pool.end();
    }

    private async track<T>(work: () => Promise<T>): Promise<T> {
        try {
            const out = await work();
            this.lastError = undefined;
            if (this.unreachable) {
                this.unreachable = false;
                this.reconnectedAt = Date.now();
            }
            return out;
        } catch (err) {
            this.lastError = err as Error;
            if (isConnectionError(err)) this.unreachable = true;
            throw err;
        }
    }

    private async migrate(): Promise<void> {
        await this.track(async () => {
            const client = await this.pool.connect();
            try {
                // Session-level lock: held across the migrations' transactions, released below (or when the
                // connection dies).
                await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
                try {
                    await client.query(`CREATE TABLE IF NOT EXISTS med42_schema_migrations (
                        version integer PRIMARY KEY,
                        name text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now())`);
                    const done = new Set((await client.query<{version: number}>("SELECT version FROM med42_schema_migrations")).rows.map((r) => r.version));
                    for (const migration of MIGRATIONS) {
                        if (!done.has(migration.version)) await apply(client, migration);
                    }
                } finally {
                    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
                }
            } finally {
                client.release();
            }
        });
    }
}

async function apply(client: PoolClient, migration: Migration): Promise<void> {
    await client.query("BEGIN");
    try {
        await client.query(migration.sql);
        await client.query("INSERT INTO med42_schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
        await client.query("COMMIT");
    } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new Error(`schema migration ${migration.version} (${migration.name}) failed: ${(err as Error).message}`);
    }
}
