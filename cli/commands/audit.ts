/**
 * `med42 audit`: recent entries of the audit log (decisions and feedback, identifiers redacted), or a CSV export.
 *   med42 audit [--limit 20] [--since 2026-01-01]
 *   med42 audit --csv audit.csv      (or --csv - for stdout)
 *   med42 audit --migrate-to postgres://…   (copies the SQLite log into PostgreSQL, counts checked)
 * The store: --db (a SQLite file or a postgres:// URL), else MED42_DATABASE_URL, else the SQLite default.
 */
import * as fs from "node:fs";
import type {Command} from "commander";
import {AuditLog, type AuditRecord, defaultAuditDbPath} from "../../shared/audit/auditLog";
import {type AuditStore, defaultAuditLocation, openAuditStore} from "../../shared/audit/auditStore";
import {describePostgresUrl, isPostgresUrl} from "../../shared/storage/databaseUrl";
import {migrateAuditLog} from "../../shared/audit/auditMigration";
import {CliError} from "../cliError";

interface AuditFlags {
    limit: string;
    since?: string;
    csv?: string;
    db?: string;
    migrateTo?: string;
}

export function register(program: Command): void {
    program.command("audit")
        .description("list recent audit-log entries (policy decisions, feedback) or export them as CSV")
        .option("-n, --limit <n>", "how many recent entries to list", "20")
        .option("--since <date>", "only entries at or after this date/time (ISO 8601, e.g. 2026-01-31)")
        .option("--csv <file>", "export all entries (or those since --since) as CSV to FILE, or - for stdout")
        .option("--db <file-or-url>", "audit database: a SQLite file or a postgres:// URL (default: env MED42_DATABASE_URL, " +
            "else env MED42_AUDIT_DB, else the user data folder)")
        .option("--migrate-to <url>", "copy the SQLite audit log (--db or the default) into the PostgreSQL database at URL, " +
            "checking the counts")
        .action(async (flags: AuditFlags) => {
            if (flags.migrateTo !== undefined) {
                await migrate(flags);
                return;
            }
            let dbPath: string;
            try {
                dbPath = flags.db ?? defaultAuditLocation();
            } catch (err) {
                throw new CliError((err as Error).message, 2);
            }
            const shown = isPostgresUrl(dbPath) ? describePostgresUrl(dbPath) : dbPath;
            const limit = Number(flags.limit);
            if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive integer (got "${flags.limit}")`, 2);
            let since: Date | undefined;
            if (flags.since !== undefined) {
                since = new Date(flags.since);
                if (Number.isNaN(since.getTime())) throw new CliError(`--since must be a date such as 2026-01-31 (got "${flags.since}")`, 2);
            }
            if (!isPostgresUrl(dbPath) && dbPath !== ":memory:" && !fs.existsSync(dbPath)) {
                if (flags.csv === undefined) {
                    process.stdout.write(`no audit log yet at ${dbPath}\n`);
                    return;
                }
                throw new CliError(`no audit log at ${dbPath}`, 1);
            }
            let log: AuditStore;
            try {
                log = openAuditStore(dbPath, {applicationName: "med42 audit"});
                await log.count(); // connects (PostgreSQL): an unreachable database is said here, in one line
            } catch (err) {
                await (log! as AuditStore | undefined)?.close();
                throw new CliError(`cannot open the audit log ${shown}: ${(err as Error).message}`, 1);
            }
            try {
                if (flags.csv !== undefined) {
                    if (flags.csv !== "-" && fs.existsSync(flags.csv) && fs.statSync(flags.csv).isDirectory()) {
                        throw new CliError(`${flags.csv} is a folder; give a file name for --csv`, 2);
                    }
                    let count: number;
                    try {
                        count = await log.exportCsv(flags.csv === "-" ? process.stdout : flags.csv, {since});
                    } catch (err) {
                        // `med42 audit --csv - | head`: the reader left; nothing to report.
                        if (flags.csv === "-" && (err as NodeJS.ErrnoException).code === "EPIPE") return;
                        throw exportError(flags.csv, err);
                    }
                    if (flags.csv !== "-") process.stderr.write(`wrote ${count} entries to ${flags.csv}\n`);
                    return;
                }
                const records = await log.list({limit, since});
                process.stdout.write(records.length === 0 ? "no entries\n" : formatTable(records));
            } finally {
                await log.close();
            }
        });
}

/** `--migrate-to URL`: the SQLite log (--db or the default file) copied into PostgreSQL, counts verified. */
async function migrate(flags: AuditFlags): Promise<void> {
    const url = flags.migrateTo!.trim();
    if (!isPostgresUrl(url)) throw new CliError(`--migrate-to needs a postgres:// URL (got "${flags.migrateTo}")`, 2);
    const source = flags.db ?? defaultAuditDbPath();
    if (isPostgresUrl(source)) throw new CliError("--migrate-to copies a SQLite audit log: give its file with --db", 2);
    if (!fs.existsSync(source)) throw new CliError(`no audit log at ${source}`, 1);
    let log: AuditLog;
    try {
        log = new AuditLog(source);
    } catch (err) {
        throw new CliError(`cannot open the audit log ${source}: ${(err as Error).message}`, 1);
    }
    try {
        const r = await migrateAuditLog(log, url);
        process.stderr.write(`copied ${r.copied} entries from ${source} to ${describePostgresUrl(url)} ` +
            `(${r.targetBefore} there before, ${r.targetAfter} now)\n`);
        if (!r.saltAdopted) {
            process.stderr.write("note: the PostgreSQL log already had entries (or MED42_AUDIT_SALT is set), so users' hashes " +
                "from before and after the move differ; see docs/audit.md\n");
        }
    } catch (err) {
        throw new CliError(`migration failed, nothing was copied: ${(err as Error).message}`, 1);
    } finally {
        log.close();
    }
}

/** A failed export as one line: a path the user gave that cannot be written is a usage error (2), the rest 1. */
function exportError(file: string, err: unknown): CliError {
    const code = (err as NodeJS.ErrnoException).code;
    const target = file === "-" ? "stdout" : file;
    if (code === "ENOENT" || code === "ENOTDIR") return new CliError(`cannot write ${target}: its folder does not exist`, 2);
    if (code === "EACCES" || code === "EPERM") return new CliError(`cannot write ${target}: permission denied`, 2);
    if (code === "EISDIR") return new CliError(`${target} is a folder; give a file name for --csv`, 2);
    return new CliError(`cannot write ${target}: ${(err as Error).message}`, 1);
}

function formatTable(records: readonly AuditRecord[]): string {
    const rows = records.map((r) => [
        r.time.replace("T", " ").replace(/\.\d+Z$/, "Z"), r.surface, r.kind,
        r.kind === "feedback" ? `feedback:${r.feedback ?? ""}` : `${r.action ?? ""}${r.category ? `/${r.category}` : ""}`,
        r.rules.join(",") || "-", r.language ?? "-", r.resourcesLocale ?? "-", `${Math.round(r.latencyMs)}ms`,
        r.userHash ? r.userHash.slice(0, 12) : "-",
    ]);
    // language: what the policy detected in the message; resources: whose crisis and emergency numbers it showed.
    const header = ["time", "surface", "kind", "decision", "rules", "language", "resources", "latency", "user"];
    const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i].length))));
    const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i] ? c.slice(0, widths[i] - 1) + "…" : c.padEnd(widths[i]))).join("  ").trimEnd();
    return [line(header), ...rows.map(line)].join("\n") + "\n";
}
