/**
 * The audit log: every policy decision and every feedback vote, in SQLite (see sqliteDriver.ts), with identifiers kept
 * out. User ids are stored only as salted SHA-256 hashes (a per-install salt kept beside the database), excerpts are
 * redacted by the PHI guard before they are written, and the model is stored by file name only (a path can carry a
 * user name); a model on a server is stored with its server ("m42-health/Llama3-Med42-8B on http://gpu1:8000").
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {openSqlite, type SqliteDatabase, type SqliteStatement} from "./sqliteDriver";
import {stringify} from "csv-stringify/sync";
import type {Writable} from "node:stream";
import {finished} from "node:stream/promises";
import type {Surface} from "../types";
import type {PolicyAction, PolicyCategory} from "../policy/types";
import {redactPhi} from "../policy/phi";
import {hashUserId, loadOrCreateSalt, saltFromEnv} from "./userHash";
import type {AuditStore} from "./auditStore";

/** What the core hands the audit log (raw user id; it is hashed here and never stored). */
export interface AuditEntry {
    time?: Date;
    kind: "decision" | "feedback";
    surface: Surface;
    /** The raw user id (Slack user, OS user); only its salted hash is stored. */
    userId?: string;
    action: PolicyAction | null;
    category: PolicyCategory | null;
    rules: readonly string[];
    latencyMs: number;
    /** Model file (path or name); only the file name is stored. */
    model?: string;
    stopReason?: string;
    /** A short excerpt of the request; redacted and clipped before storage. */
    excerpt?: string;
    /** Feedback value ("up" / "down"). */
    feedback?: string;
    /** Links feedback to the answer it rates (e.g. a message timestamp); redacted like the excerpt. */
    ref?: string;
    /** The language the policy detected in the message (PolicyDecision.language.code: "ar", "en", "und"). */
    language?: string;
    /**
     * The locale whose crisis and emergency resources the request's policy shows (PolicyChecker.locale, e.g. "ar-AE"):
     * the numbers an escalation gave, or would have given.
     */
    resourcesLocale?: string;
}

/** A stored row, as listed and exported. */
export interface AuditRecord {
    id: number;
    time: string;
    kind: "decision" | "feedback";
    surface: string;
    userHash: string | null;
    action: string | null;
    category: string | null;
    rules: string[];
    latencyMs: number;
    model: string | null;
    stopReason: string | null;
    excerpt: string | null;
    feedback: string | null;
    ref: string | null;
    language: string | null;
    resourcesLocale: string | null;
}

/**
 * Where decisions go; the core depends on this, tests can pass a fake. A store that writes over the network
 * (PostgreSQL) returns a promise: the request waits for it, and its rejection fails the request.
 */
export interface AuditSink {
    record(entry: AuditEntry): void | Promise<void>;
}

/** The columns as stored: the user id hashed, the excerpt and ref redacted and clipped, the model by name only. */
export interface StoredAuditValues {
    time: string; kind: AuditEntry["kind"]; surface: string; userHash: string | null; action: string | null;
    category: string | null; rules: string[]; latencyMs: number; model: string | null; stopReason: string | null;
    excerpt: string | null; feedback: string | null; ref: string | null; language: string | null; resourcesLocale: string | null;
}

export interface AuditLogOptions {
    /**
     * Salt for user-id hashes. Default: env MED42_AUDIT_SALT (at least 32 characters), else a random salt kept in
     * `<db>.salt` (0600).
     */
    salt?: string;
}

export interface AuditListOptions {
    /** Most recent first; default 50. */
    limit?: number;
    /** Only entries at or after this time. */
    since?: Date;
}

const EXCERPT_MAX = 200;
export const AUDIT_COLUMNS = ["id", "time", "kind", "surface", "userHash", "action", "category", "rules", "latencyMs", "model", "stopReason", "excerpt", "feedback", "ref",
    "language", "resourcesLocale"] as const;

/** env MED42_AUDIT_DB, else the per-user data folder (XDG on Linux, Application Support on macOS, LOCALAPPDATA on Windows). */
export function defaultAuditDbPath(env: NodeJS.ProcessEnv = process.env): string {
    if (env.MED42_AUDIT_DB) return env.MED42_AUDIT_DB;
    const home = os.homedir();
    let base: string;
    if (process.platform === "win32") base = env.LOCALAPPDATA ?? path.join(home, "AppData", "Local");
    else if (process.platform === "darwin") base = path.join(home, "Library", "Application Support");
    else base = env.XDG_DATA_HOME ?? path.join(home, ".local", "share");
    return path.join(base, "med42-assist", "audit.sqlite");
}

interface Row {
    id: number; time: string; kind: "decision" | "feedback"; surface: string; user_hash: string | null; action: string | null;
    category: string | null; rules: string; latency_ms: number; model: string | null; stop_reason: string | null;
    excerpt: string | null; feedback: string | null; ref: string | null; language: string | null; resources_locale: string | null;
}

/**
 * Columns added after the first release, with their SQL type: a log created by an older version gets them when it is
 * opened (ensureColumns). Older rows keep NULL there.
 */
const ADDED_COLUMNS: ReadonlyArray<readonly [name: string, type: string]> = [["language", "TEXT"], ["resources_locale", "TEXT"]];

/** The SQLite audit log: the zero-setup default (see auditStore.ts for the choice between stores). */
export class AuditLog implements AuditStore {
    readonly kind = "sqlite";
    private readonly db: SqliteDatabase;
    private readonly salt: string;
    private readonly insert: SqliteStatement;
    private closed = false;

    constructor(readonly dbPath: string, options: AuditLogOptions = {}) {
        const inMemory = dbPath === ":memory:";
        if (!inMemory) prepareOwnerOnlyFiles(dbPath);
        // Before the database is opened: a bad salt must not leave it open.
        this.salt = options.salt ?? saltFromEnv(process.env) ?? loadOrCreateSalt(inMemory ? undefined : `${dbPath}.salt`);
        this.db = openSqlite(dbPath);
        this.db.exec("PRAGMA journal_mode = WAL");
        this.db.exec(`CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            time TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('decision', 'feedback')),
            surface TEXT NOT NULL,
            user_hash TEXT,
            action TEXT,
            category TEXT,
            rules TEXT NOT NULL,
            latency_ms REAL NOT NULL,
            model TEXT,
            stop_reason TEXT,
            excerpt TEXT,
            feedback TEXT,
            ref TEXT,
            language TEXT,
            resources_locale TEXT
        );
        CREATE INDEX IF NOT EXISTS audit_time ON audit(time);`);
        try {
            this.ensureColumns();
        } catch (err) {
            this.db.close(); // a log that cannot be brought up to date is not left open
            throw err;
        }
        this.insert = this.db.prepare(`INSERT INTO audit (time, kind, surface, user_hash, action, category, rules, latency_ms,
            model, stop_reason, excerpt, feedback, ref, language, resources_locale) VALUES (@time, @kind, @surface, @userHash,
            @action, @category, @rules, @latencyMs, @model, @stopReason, @excerpt, @feedback, @ref, @language, @resourcesLocale)`);
    }

    /**
     * A log written by an older version lacks the columns added since: they are added here, NULL in its rows. Checked
     * again inside a write transaction, so that two programs opening the same old file at once add each column once
     * (the second waits for the first's lock, then finds it there). Older programs still writing to the file are
     * unaffected: their inserts name their columns.
     */
    private ensureColumns(): void {
        const missing = () => {
            const present = new Set((this.db.prepare("PRAGMA table_info(audit)").all() as Array<{name: string}>).map((c) => c.name));
            return ADDED_COLUMNS.filter(([name]) => !present.has(name));
        };
        if (missing().length === 0) return;
        this.db.exec("BEGIN IMMEDIATE");
        try {
            for (const [name, type] of missing()) this.db.exec(`ALTER TABLE audit ADD COLUMN ${name} ${type}`);
            this.db.exec("COMMIT");
        } catch (err) {
            this.db.exec("ROLLBACK");
            throw err;
        }
    }

    /** The SQLite implementation in use in this runtime. */
    get driver(): string { return this.db.driver; }

    /** The database file. */
    get location(): string { return this.dbPath; }

    /** The salt of this log's user hashes (copying the log to PostgreSQL carries it over). */
    get hashSalt(): string { return this.salt; }

    record(entry: AuditEntry): void {
        if (this.closed) throw new Error("the audit log is closed");
        const values = storedAuditValues(entry, this.salt);
        this.insert.run({...values, rules: JSON.stringify(values.rules)});
    }

    count(): number {
        return (this.db.prepare("SELECT count(*) AS n FROM audit").all() as Array<{n: number}>)[0].n;
    }

    /** Every stored row, oldest first (for copying the log to another store). */
    *records(): IterableIterator<AuditRecord> {
        for (const row of this.db.prepare("SELECT * FROM audit ORDER BY id").iterate() as IterableIterator<Row>) yield toRecord(row);
    }

    /** Most recent entries first. */
    list(options: AuditListOptions = {}): AuditRecord[] {
        const limit = Math.max(1, Math.min(options.limit ?? 50, 1_000_000));
        const rows = options.since
            ? this.db.prepare("SELECT * FROM audit WHERE time >= ? ORDER BY id DESC LIMIT ?").all(options.since.toISOString(), limit)
            : this.db.prepare("SELECT * FROM audit ORDER BY id DESC LIMIT ?").all(limit);
        return (rows as Row[]).map(toRecord);
    }

    /** Writes all entries (oldest first, or those since `since`) as CSV to a stream, or to a file path. */
    async exportCsv(target: Writable | string, options: {since?: Date} = {}): Promise<number> {
        // The query starts when the writer first reads (after its file opened): a failed open leaves no query running.
        const db = this.db;
        function* rows(): IterableIterator<AuditRecord> {
            const found = options.since
                ? db.prepare("SELECT * FROM audit WHERE time >= ? ORDER BY id").iterate(options.since.toISOString())
                : db.prepare("SELECT * FROM audit ORDER BY id").iterate();
            for (const row of found as IterableIterator<Row>) yield toRecord(row);
        }
        return writeAuditCsv(target, rows());
    }

    close(): void {
        if (this.closed) return;
        this.closed = true;
        this.db.close();
    }
}

/**
 * Writes records as CSV (header first) to a stream, or to a file path; resolves with the number of records. Every
 * store exports through this, so their CSV is the same.
 */
export async function writeAuditCsv(target: Writable | string, records: Iterable<AuditRecord> | AsyncIterable<AuditRecord>): Promise<number> {
    // Open the file first: a stream reports a failed open (no such folder, permission denied) only as a later
    // "error" event, which a finished export would never see.
    const stream = typeof target === "string" ? fs.createWriteStream(target, {fd: fs.openSync(target, "w")}) : target;
    let failed: Error | undefined;
    const onError = (err: Error) => { failed ??= err; };
    stream.on("error", onError);
    const write = (chunk: string) => new Promise<void>((resolve, reject) => {
        if (failed) { reject(failed); return; }
        if (stream.write(chunk)) resolve();
        else { stream.once("drain", resolve); stream.once("error", reject); }
    });
    let count = 0;
    await write(stringify([AUDIT_COLUMNS as unknown as string[]]));
    // A failed write ends the loop by throwing, which closes the query (for...of calls return()).
    for await (const r of records) {
        await write(stringify([AUDIT_COLUMNS.map((c) => (c === "rules" ? r.rules.join(" ") : r[c] ?? ""))]));
        count++;
    }
    if (typeof target === "string") {
        stream.end();
        await finished(stream).catch((err: Error) => { failed ??= err; });
    }
    stream.off("error", onError);
    if (failed) throw failed;
    return count;
}

/** What is stored for `entry`, identifiers kept out (the same in every store). */
export function storedAuditValues(entry: AuditEntry, salt: string): StoredAuditValues {
    return {
        time: (entry.time ?? new Date()).toISOString(),
        kind: entry.kind,
        surface: entry.surface,
        userHash: entry.userId ? hashUserId(entry.userId, salt) : null,
        action: entry.action,
        category: entry.category,
        rules: [...entry.rules],
        latencyMs: Number.isFinite(entry.latencyMs) ? entry.latencyMs : 0,
        model: entry.model ? auditModelName(entry.model) : null,
        stopReason: entry.stopReason ?? null,
        excerpt: entry.excerpt ? clip(redactPhi(entry.excerpt)) : null,
        feedback: entry.feedback ?? null,
        ref: entry.ref ? clip(redactPhi(entry.ref)) : null,
        language: entry.language ?? null,
        resourcesLocale: entry.resourcesLocale ?? null,
    };
}

/**
 * The audit log holds who asked what (hashed, redacted, but still sensitive): its folder is created 0700, and the
 * database, its WAL and shared-memory files and the salt are made 0600 before SQLite opens them (SQLite gives the WAL
 * and SHM files it creates the database file's mode). Existing files are tightened too; an existing folder is left
 * as it is (it may be shared, like /var/lib). No-op on Windows, where files inherit the folder's ACL.
 */
function prepareOwnerOnlyFiles(dbPath: string): void {
    fs.mkdirSync(path.dirname(path.resolve(dbPath)), {recursive: true, mode: 0o700});
    if (process.platform === "win32") return;
    fs.closeSync(fs.openSync(dbPath, "a", 0o600));
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`, `${dbPath}.salt`]) {
        try {
            if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
        }
    }
}

function clip(text: string): string {
    const oneLine = text.replace(/\s+/g, " ").trim();
    return oneLine.length > EXCERPT_MAX ? `${oneLine.slice(0, EXCERPT_MAX - 1)}…` : oneLine;
}

function toRecord(row: Row): AuditRecord {
    let rules: string[] = [];
    try { rules = JSON.parse(row.rules) as string[]; } catch { rules = []; }
    return {
        id: row.id, time: row.time, kind: row.kind, surface: row.surface, userHash: row.user_hash, action: row.action,
        category: row.category, rules, latencyMs: row.latency_ms, model: row.model, stopReason: row.stop_reason,
        excerpt: row.excerpt, feedback: row.feedback, ref: row.ref, language: row.language ?? null,
        resourcesLocale: row.resources_locale ?? null,
    };
}

/** A local model file by its name only; a served model with the server that answered (URLs never hold credentials). */
function auditModelName(model: string): string {
    return / on https?:\/\//.test(model) ? model : path.basename(model);
}
