/**
 * Recognising and showing PostgreSQL URLs, without loading the PostgreSQL client (the VS Code extension's bundle
 * stays free of it).
 */

/** True for postgres:// and postgresql:// URLs (what selects PostgreSQL instead of SQLite). */
export function isPostgresUrl(value: string | undefined): value is string {
    return typeof value === "string" && /^postgres(ql)?:\/\//i.test(value.trim());
}

/** The URL without its password, for messages and logs. */
export function describePostgresUrl(url: string): string {
    try {
        const u = new URL(url);
        if (u.password) u.password = "***";
        return u.toString();
    } catch {
        return "postgres://(unparsable URL)";
    }
}
