/**
 * The audit store: where every policy decision and feedback vote is kept. Two implementations behind one interface:
 * SQLite (auditLog.ts), the zero-setup default, one file per machine; and PostgreSQL (postgresAuditStore.ts), one
 * audit trail for several bot replicas, editors and CLIs, chosen with MED42_DATABASE_URL=postgres://… (or a
 * postgres:// URL wherever an audit database is asked for). Both store the same columns, identifiers kept out.
 */
import type {Writable} from "node:stream";
import type {AuditListOptions, AuditLogOptions, AuditRecord, AuditSink} from "./auditLog";
import {AuditLog, defaultAuditDbPath} from "./auditLog";
import {isPostgresUrl} from "../storage/postgresDatabase";
import {type PostgresAuditOptions, PostgresAuditStore} from "./postgresAuditStore";

export interface AuditStore extends AuditSink {
    readonly kind: "sqlite" | "postgres";
    /** The file, or the database URL without its password. */
    readonly location: string;
    /** Most recent entries first. */
    list(options?: AuditListOptions): AuditRecord[] | Promise<AuditRecord[]>;
    /** All entries (or those since `since`), oldest first, as CSV; resolves with how many. */
    exportCsv(target: Writable | string, options?: {since?: Date}): Promise<number>;
    count(): number | Promise<number>;
    close(): void | Promise<void>;
}

/**
 * The store in force when nothing is given explicitly: MED42_DATABASE_URL (PostgreSQL) when set, else the SQLite
 * file (MED42_AUDIT_DB, else the per-user data folder).
 */
export function defaultAuditLocation(env: NodeJS.ProcessEnv = process.env): string {
    const url = env.MED42_DATABASE_URL?.trim();
    if (url) {
        if (!isPostgresUrl(url)) throw new Error("MED42_DATABASE_URL must be a postgres:// or postgresql:// URL");
        return url;
    }
    return defaultAuditDbPath(env);
}

/** Opens the store at `location`: a postgres:// URL, else a SQLite file. */
export function openAuditStore(location: string, options: AuditLogOptions & PostgresAuditOptions = {}): AuditStore {
    return isPostgresUrl(location) ? new PostgresAuditStore(location, options) : new AuditLog(location, options);
}

/**
 * The central audit log cannot be reached: the request pauses before the model is asked (no answer without its audit
 * record), as the Slack bot pauses its answers. The database is named without its password.
 */
export class AuditUnavailableError extends Error {
    constructor(location: string, cause: unknown) {
        super(`Med42 has paused answers: the central audit log (${location}) cannot be reached ` +
            `(${cause instanceof Error ? cause.message : String(cause)}), and no answer is given without its audit record. ` +
            "Ask again once the database is back; nothing needs restarting.");
        this.name = "AuditUnavailableError";
    }
}

/**
 * Before a request reaches the model: one round trip to a PostgreSQL audit store (connecting and migrating first when
 * needed); rejects with AuditUnavailableError when it fails. Other sinks (a local SQLite file) pass at once.
 */
export async function checkAuditReachable(sink: AuditSink | undefined): Promise<void> {
    if (!(sink instanceof PostgresAuditStore)) return;
    try {
        await sink.open();
        await sink.db.query("SELECT 1");
    } catch (err) {
        throw new AuditUnavailableError(sink.location, err);
    }
}

/**
 * The pause before the model, with its one exception: while the central audit log cannot be reached a request is not
 * answered (AuditUnavailableError), unless the policy escalates it (an emergency, self-harm). Withholding emergency
 * numbers from someone in crisis because a database is down would be the greater harm, and an escalation needs no
 * model: its message comes from the policy. Its audit write is still attempted and fails loudly afterwards
 * (AuditWriteError), so the gap is reported, never silent. Resolves with the outage it let through, if any.
 * `decide` is called only during an outage (the policy runs again in the request itself).
 */
export async function checkAuditBeforeAnswer(sink: AuditSink | undefined, decide: () => {action: string}):
    Promise<AuditUnavailableError | undefined> {
    try {
        await checkAuditReachable(sink);
        return undefined;
    } catch (err) {
        if (err instanceof AuditUnavailableError && passesAuditOutage(decide())) return err;
        throw err;
    }
}

/** The exception to the pause (checkAuditBeforeAnswer): an escalation is shown while the audit log is unreachable. */
export function passesAuditOutage(decision: {action: string}): boolean {
    return decision.action === "escalate";
}
