/**
 * `med42 audit --migrate-to postgres://…`: copies a SQLite audit log into PostgreSQL in one transaction. The rows are
 * copied as stored (hashes, redacted excerpts, times); the copy commits only when the PostgreSQL count grew by exactly
 * the SQLite count, and a log is copied once (a marker keyed by its salt refuses a second copy that would double it).
 * When the PostgreSQL log is still empty it takes over the SQLite salt, so users keep their hashes across the move.
 */
import {createHash} from "node:crypto";
import type {AuditLog} from "./auditLog";
import {PostgresAuditStore} from "./postgresAuditStore";

export interface MigrationReport {
    copied: number;
    targetBefore: number;
    targetAfter: number;
    /** The PostgreSQL log took over the SQLite salt (it had no rows yet and MED42_AUDIT_SALT is unset). */
    saltAdopted: boolean;
}

export async function migrateAuditLog(source: AuditLog, url: string): Promise<MigrationReport> {
    const target = new PostgresAuditStore(url, {applicationName: "med42 audit --migrate-to"});
    try {
        await target.open();
        const marker = `sqlite_import:${createHash("sha256").update(source.hashSalt).digest("hex").slice(0, 32)}`;
        const expected = source.count();
        const saltAdopted = await target.adoptSalt(source.hashSalt);
        return await target.db.transaction(async (client) => {
            // One copy at a time; the marker row is taken first, so a second run (or a concurrent one) stops here.
            const taken = await client.query(`INSERT INTO med42_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
                [marker, JSON.stringify({from: source.location, at: new Date().toISOString(), rows: expected})]);
            if ((taken.rowCount ?? 0) === 0) {
                const prior = await client.query<{value: string}>("SELECT value FROM med42_settings WHERE key = $1", [marker]);
                throw new Error(`this audit log was already copied there (${prior.rows[0]?.value ?? "earlier"}); copying it again would double its entries`);
            }
            await client.query("LOCK TABLE audit IN EXCLUSIVE MODE"); // writers wait: the counts below are exact
            const count = async () => Number((await client.query<{n: string}>("SELECT count(*) AS n FROM audit")).rows[0].n);
            const targetBefore = await count();
            const copied = await target.importRecords(source.records(), client);
            const targetAfter = await count();
            if (copied !== expected || targetAfter - targetBefore !== expected) {
                throw new Error(`count mismatch: ${expected} entries in SQLite, ${copied} read, ${targetAfter - targetBefore} added`);
            }
            return {copied, targetBefore, targetAfter, saltAdopted};
        });
    } finally {
        await target.close();
    }
}
