/**
 * The institution's policy file (JSON, validated with zod): disclaimer text, crisis and emergency resources per
 * locale, which categories apply on which surface, what to do with patient identifiers per surface, and the
 * institution's own blocked or allowed terms. Everything is optional; what is left out keeps the built-in default
 * (defaultPolicy.ts).
 */
import * as fs from "node:fs";
import type {z} from "zod";
import type {PolicyConfigSchema} from "./policyConfigSchema";

/** Categories that a surface can switch on or off ("phi" is handled by the per-surface `phi` mode). */
export const SWITCHABLE_CATEGORIES = ["emergency", "self_harm", "harm_to_others", "drug_misuse", "out_of_scope"] as const;
export const ALL_CATEGORIES = [...SWITCHABLE_CATEGORIES, "phi"] as const;
/**
 * The safety floor: escalation for emergencies and self-harm applies on every surface, whatever the policy file says
 * (a file may change their resources and messages, not turn them off).
 */
export const ALWAYS_ON_CATEGORIES = ["emergency", "self_harm"] as const;

/** The disclaimer's bounds, in letters and digits a reader sees (about four words) and in characters. */
export const DISCLAIMER_MIN_VISIBLE = 20;
export const DISCLAIMER_MAX_CHARS = 1_000;
export type PolicyConfig = z.infer<PolicyConfigSchema>;

/**
 * Settings that are allowed but weaken a protection, for the start-up log of every entry point that serves Slack:
 * patient identifiers in channels (an institution may have a BAA covering its Slack workspace).
 */
export function policyWarnings(config: PolicyConfig): string[] {
    const channel = config.surfaces?.["slack-channel"]?.phi;
    if (channel !== "notice" && channel !== "ignore") return [];
    return [`Policy: surfaces.slack-channel.phi is "${channel}": messages with patient identifiers in Slack channels are ` +
        `${channel === "notice" ? "answered with a notice" : "answered"} instead of refused, and everyone in the channel ` +
        "reads the question and the answer. Keep this only if your institution allows PHI in this Slack workspace " +
        "(for example under a BAA)."];
}

/** A policy file that cannot be used; the message names the file and the field. */
export class PolicyConfigError extends Error {
    constructor(message: string, readonly file?: string) {
        super(message);
        this.name = "PolicyConfigError";
    }
}

function fieldPath(path: readonly PropertyKey[]): string {
    if (path.length === 0) return "(top level)";
    return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

/** Validates an already parsed policy object; `source` names it in errors. */
export function parsePolicyConfig(value: unknown, source = "policy"): PolicyConfig {
    // No policy file (the default everywhere): nothing to check, and zod and the schema are not loaded at all, which
    // every `med42` process would otherwise pay for at start (~40 ms; docs/performance.md, issue 17).
    if (isEmptyPlainObject(value)) return {};
    const r = policyConfigSchemaModule().policyConfigSchema.safeParse(value);
    if (r.success) return r.data;
    const problems = r.error.issues.slice(0, 5).map((i) => `${fieldPath(i.path)}: ${i.message}`);
    const more = r.error.issues.length > 5 ? ` (and ${r.error.issues.length - 5} more)` : "";
    throw new PolicyConfigError(`${source}: invalid policy: ${problems.join("; ")}${more}`, source);
}

function isEmptyPlainObject(value: unknown): boolean {
    return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype && Reflect.ownKeys(value).length === 0;
}

function policyConfigSchemaModule(): typeof import("./policyConfigSchema") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("./policyConfigSchema") as typeof import("./policyConfigSchema");
}

/** Reads and validates a policy file. Errors name the file and the bad field. */
export function loadPolicyFile(path: string): PolicyConfig {
    let raw: string;
    try {
        raw = fs.readFileSync(path, "utf8");
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a file"
            : code === "EACCES" ? "permission denied" : (err as Error).message;
        throw new PolicyConfigError(`policy file ${path}: ${why}`, path);
    }
    let value: unknown;
    try {
        value = JSON.parse(raw);
    } catch (err) {
        throw new PolicyConfigError(`policy file ${path}: not valid JSON: ${(err as Error).message}`, path);
    }
    return parsePolicyConfig(value, `policy file ${path}`);
}
