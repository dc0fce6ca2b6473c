/**
 * The audit schemas as the versions before the `language` and `resources_locale` columns created them: the tests of
 * opening (SQLite) and migrating (PostgreSQL) an existing log start from these (and from the released migrations,
 * which are never edited), not from today's CREATE TABLE.
 */

/** auditLog.ts's CREATE TABLE before the columns were added. */
export const PREVIOUS_SQLITE_SCHEMA = `CREATE TABLE IF NOT EXISTS audit (
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
    ref TEXT
);
CREATE INDEX IF NOT EXISTS audit_time ON audit(time);`;

/** How many PostgreSQL schema migrations there were before `language` and `resources_locale` (migration 7). */
export const PREVIOUS_POSTGRES_VERSION = 6;
