/**
 * Which policy file and audit database are in force, and where their settings live, as the chat view shows them.
 *
 * Setting scopes (package.json): `med42.policyFile` and `med42.auditDatabase` are `machine` settings (User settings in
 * a local window, Remote settings in a remote window — code-server, Codespaces, Remote-SSH, WSL — never a workspace:
 * a workspace cannot change the safety policy or the audit log); the model, the models folder, the GPU and the threads
 * are `machine-overridable` (the machine's files and hardware, which a trusted workspace may override). A remote
 * window ignores those set in the local User settings, so the view says where they are read from. It also says whose
 * crisis resources escalations show (the med42.locale setting, else VS Code's display language; see
 * resolveResourceLocale in the core).
 * Pure: the extension passes what it read from VS Code.
 */
import type {ResourceLocale} from "../shared/policy/defaultPolicy";
import type {SettingsTab, SetupInfo} from "./protocol";

/** What VS Code's `inspect` returns for a setting (the parts used here). */
export interface InspectedSetting<T> {
    globalValue?: T;
    workspaceValue?: T;
    workspaceFolderValue?: T;
}

/** A contributed setting's scope, as package.json declares it. */
export type SettingScope = "machine" | "machine-overridable" | "window" | "resource" | "application";

/**
 * The settings tab where a setting's value comes from, or where it would be set: the workspace when it is set there
 * (never for `machine` settings, which VS Code does not read from a workspace), else Remote settings for machine
 * settings in a remote window, else User settings.
 */
export function settingsTabFor(inspected: InspectedSetting<unknown> | undefined, scope: SettingScope, remote: boolean): SettingsTab {
    const inWorkspace = inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined;
    if (inWorkspace && scope !== "machine" && scope !== "application") return "workspace";
    return remote && (scope === "machine" || scope === "machine-overridable") ? "remote" : "user";
}

export interface SetupInput {
    remote: boolean;
    /** The policy file setting (resolved path, "" when not set) and its inspection. */
    policyFile: string;
    /** The audit database setting ("off", a resolved path, a PostgreSQL URL without its password, or ""). */
    auditDatabase: string;
    /** MED42_DATABASE_URL is given without its password. */
    env: {MED42_POLICY_FILE?: string; MED42_AUDIT_DB?: string; MED42_DATABASE_URL?: string};
    /** The per-user default audit database (the core's default when nothing is set). */
    defaultAuditDatabase: string;
    /** Why the policy could not be loaded (the assistant is not created then). */
    policyError?: string;
    /** Why the audit log could not be opened (the assistant runs without it then). */
    auditProblem?: string;
    /** Whose crisis resources the policy uses (known once the assistant exists). */
    locale?: ResourceLocale;
    /** The med42.locale setting ("" when VS Code's display language is used). */
    localeSetting: string;
    displayLanguage: string;
}

export function describeSetup(i: SetupInput): SetupInfo {
    const tab: SettingsTab = i.remote ? "remote" : "user";
    const envPolicy = i.env.MED42_POLICY_FILE?.trim();
    // The central audit log (PostgreSQL) first, as for the CLI and the bot.
    const envAudit = i.env.MED42_DATABASE_URL?.trim() || i.env.MED42_AUDIT_DB?.trim();
    const policy: SetupInfo["policy"] = i.policyFile ? {source: tab, file: i.policyFile}
        : envPolicy ? {source: "environment", file: envPolicy}
        : {source: "default"};
    if (i.policyError) policy.error = i.policyError;
    const audit: SetupInfo["audit"] = i.auditDatabase.toLowerCase() === "off" ? {source: tab, off: true}
        : i.auditDatabase ? {source: tab, database: i.auditDatabase}
        : envAudit ? {source: "environment", database: envAudit}
        : {source: "default", database: i.defaultAuditDatabase};
    if (i.auditProblem && !audit.off) audit.problem = i.auditProblem;
    const info: SetupInfo = {machineSettings: tab, policy, audit};
    if (i.locale) {
        const asked = i.localeSetting ? `med42.locale: ${i.localeSetting}` : `VS Code display language: ${i.displayLanguage}`;
        const why = i.locale.from === "requested" ? asked
            : i.locale.from === "policy-file" ? `the policy file's; ${asked}`
            : `default; ${asked}`;
        info.resources = {locale: i.locale.locale, why, matched: i.locale.from !== "default" || !i.locale.requested};
    }
    return info;
}
