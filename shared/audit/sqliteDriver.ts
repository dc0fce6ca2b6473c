/**
 * The SQLite the audit log writes through. better-sqlite3 is a native addon built for the Node.js that installed it
 * (Node 20 for the CLI and the bot); an editor's extension host runs another Node (Electron's, or Node 24 in
 * code-server), where that addon cannot load. There, Node's own `node:sqlite` (Node 22.5+) does the same job.
 * Both expose the small synchronous API below, so the audit log does not care which one it got.
 */
export interface SqliteStatement {
    run(params?: Record<string, unknown>): unknown;
    all(...params: unknown[]): unknown[];
    iterate(...params: unknown[]): IterableIterator<unknown>;
}

export interface SqliteDatabase {
    /** Which implementation is in use ("better-sqlite3" or "node:sqlite"). */
    readonly driver: string;
    exec(sql: string): void;
    prepare(sql: string): SqliteStatement;
    close(): void;
}

/** How long a write waits for another connection's lock before failing with SQLITE_BUSY (better-sqlite3's default). */
export const BUSY_TIMEOUT_MS = 5000;

/** Opens `file` with better-sqlite3 when it loads in this runtime, else with node:sqlite; says why when neither does. */
export function openSqlite(file: string): SqliteDatabase {
    const problems: string[] = [];
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const Better = require("better-sqlite3") as typeof import("better-sqlite3");
        const db = new Better(file, {timeout: BUSY_TIMEOUT_MS});
        return {driver: "better-sqlite3", exec: (sql) => { db.exec(sql); }, prepare: (sql) => db.prepare(sql), close: () => db.close()};
    } catch (err) {
        if (!isLoadError(err)) throw err;
        problems.push(`better-sqlite3: ${(err as Error).message.split("\n")[0]}`);
    }
    try {
        // node:sqlite is absent from Node 20's type definitions: load it dynamically by name.
        const {DatabaseSync} = require("node:sqlite") as {DatabaseSync: new (file: string) => NodeSqliteDatabase};
        const db = new DatabaseSync(file);
        // node:sqlite waits for no lock by default: a second writer (the CLI, another window) would fail at once with
        // SQLITE_BUSY. Wait as long as better-sqlite3 does by default.
        db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
        return {driver: "node:sqlite", exec: (sql) => db.exec(sql), prepare: (sql) => db.prepare(sql), close: () => db.close()};
    } catch (err) {
        if (!isLoadError(err)) throw err;
        problems.push(`node:sqlite: ${(err as Error).message.split("\n")[0]}`);
    }
    throw new Error(`no SQLite module works in this runtime (Node ${process.versions.node}): ${problems.join("; ")}`);
}

interface NodeSqliteDatabase {
    exec(sql: string): void;
    prepare(sql: string): SqliteStatement;
    close(): void;
}

/** A module that cannot be found or loaded (wrong ABI, missing builtin), as opposed to a bad database file. */
function isLoadError(err: unknown): boolean {
    const code = (err as NodeJS.ErrnoException)?.code;
    const message = (err as Error)?.message ?? "";
    return code === "MODULE_NOT_FOUND" || code === "ERR_UNKNOWN_BUILTIN_MODULE" || code === "ERR_DLOPEN_FAILED" ||
        /NODE_MODULE_VERSION|was compiled against a different Node\.js version|No such built-in module|invalid ELF header/.test(message);
}
