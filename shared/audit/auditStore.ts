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
import {PostgresAuditStore} from "./postgresAuditStore";

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
export function openAuditStore(location: string, options: AuditLogOptions & {applicationName?: string} = {}): AuditStore {
    return isPostgresUrl(location) ? new PostgresAuditStore(location, options) : new AuditLog(location, options);
}
