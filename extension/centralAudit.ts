/**
 * The central audit log in VS Code: requests from the editor go to the same PostgreSQL audit log as the Slack bot and
 * the CLI when med42.auditDatabase is a postgres:// URL, or when it is empty and VS Code's environment sets
 * MED42_DATABASE_URL (as for the CLI). The store is the core's (openAuditStore); nothing here talks to PostgreSQL.
 *
 * No answer without its audit record: while the database cannot be reached, requests are refused before the model is
 * asked (as the bot pauses its answers), with a message that says so and names the database without its password.
 * A password is never taken from the settings (settings.json is plain text, and synced): it comes from ~/.pgpass or
 * PGPASSWORD (the PostgreSQL client reads both), or with the whole URL from MED42_DATABASE_URL.
 */
import type {AssistantOptions} from "../shared/assistant";
import type {AuditStore} from "../shared/audit/auditStore";
import {describePostgresUrl, isPostgresUrl} from "../shared/storage/databaseUrl";

/** Shown in pg_stat_activity, beside "med42-slack" and "med42". */
const APPLICATION_NAME = "med42-vscode";

/**
 * The audit database in force: the setting's choice (already in `options.auditDb`: "off", a file or a URL), else
 * MED42_DATABASE_URL. MED42_AUDIT_DB and the per-user default are the core's own fallbacks (left undefined here).
 * Throws a user-fit Error for a MED42_DATABASE_URL that is not a PostgreSQL URL.
 */
export function withCentralAudit(options: AssistantOptions, env: NodeJS.ProcessEnv = process.env): AssistantOptions {
    if (options.auditDb !== undefined || options.audit) return options;
    const url = env.MED42_DATABASE_URL?.trim();
    if (!url) return options;
    if (!isPostgresUrl(url)) throw new Error("MED42_DATABASE_URL must be a postgres:// or postgresql:// URL (the central audit log).");
    return {...options, auditDb: url};
}

/** The central audit database URL of these options, if they name one. */
export function centralAuditUrl(options: AssistantOptions): string | undefined {
    return typeof options.auditDb === "string" && isPostgresUrl(options.auditDb) ? options.auditDb : undefined;
}

/**
 * Opens the central audit store for `url` (no connection yet: the first request connects). `fromSetting`: the URL
 * came from med42.auditDatabase, which must not carry a password.
 */
export function openCentralAudit(url: string, fromSetting: boolean): AuditStore {
    let password = "";
    try {
        password = new URL(url).password;
    } catch {
        throw new Error(`med42.auditDatabase is not a valid PostgreSQL URL (${describePostgresUrl(url)}).`);
    }
    if (fromSetting && password) {
        throw new Error("med42.auditDatabase holds a password, and settings are stored in plain text: remove it from the " +
            "URL and give it in ~/.pgpass or PGPASSWORD (or set the whole URL in MED42_DATABASE_URL in VS Code's environment).");
    }
    const {openAuditStore} = require("../shared/audit/auditStore") as typeof import("../shared/audit/auditStore");
    return openAuditStore(url, {applicationName: APPLICATION_NAME});
}

/**
 * One round trip to the central audit log (the core's check); rejects with AuditUnavailableError when it fails, except
 * for a question `decide` escalates, where it resolves with the outage (see checkAuditBeforeAnswer).
 */
export async function checkCentralAudit(store: AuditStore, decide: () => {action: string}): Promise<Error | undefined> {
    const {checkAuditBeforeAnswer} = require("../shared/audit/auditStore") as typeof import("../shared/audit/auditStore");
    return await checkAuditBeforeAnswer(store, decide);
}
