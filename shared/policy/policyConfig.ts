/**
 * The institution's policy file (JSON, validated with zod): disclaimer text, crisis and emergency resources per
 * locale, which categories apply on which surface, what to do with patient identifiers per surface, and the
 * institution's own blocked or allowed terms. Everything is optional; what is left out keeps the built-in default
 * (defaultPolicy.ts).
 */
import * as fs from "node:fs";
import {z} from "zod";
import {SURFACES} from "../types";
import {DEFAULT_RESOURCES} from "./defaultPolicy";

/** Categories that a surface can switch on or off ("phi" is handled by the per-surface `phi` mode). */
export const SWITCHABLE_CATEGORIES = ["emergency", "self_harm", "harm_to_others", "drug_misuse", "out_of_scope"] as const;
export const ALL_CATEGORIES = [...SWITCHABLE_CATEGORIES, "phi"] as const;

const nonEmpty = z.string().trim().min(1, "must not be empty");

const resourcesSchema = z.strictObject({
    /** Shown first when the writer describes an emergency (the emergency number, poison control). */
    emergency: nonEmpty,
    /** Shown first when the writer is at risk of self-harm (a crisis line such as 988 in the US). */
    crisis: nonEmpty,
});

const surfaceSchema = z.strictObject({
    /** Categories enforced on this surface; those left out are answered. Default: all five. */
    categories: z.array(z.enum(SWITCHABLE_CATEGORIES)).optional(),
    /** Patient identifiers: refuse (default in slack-channel), answer with a notice (slack-dm), or ignore (local). */
    phi: z.enum(["refuse", "notice", "ignore"]).optional(),
});

export const policyConfigSchema = z.strictObject({
    /** For future format changes; only 1 exists. */
    version: z.literal(1).optional(),
    disclaimer: z.strictObject({
        text: nonEmpty,
        /** Markdown form; default: the text. */
        markdown: nonEmpty.optional(),
    }).optional(),
    /** Which entry of `resources` to use, e.g. "en-US", "en-GB". */
    locale: z.string().regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, "must look like en-US").optional(),
    /** Emergency and crisis resources per locale; merged over the built-in ones. */
    resources: z.record(z.string().regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, "locale keys must look like en-US"), resourcesSchema).optional(),
    surfaces: z.strictObject(Object.fromEntries(SURFACES.map((s) => [s, surfaceSchema.optional()])) as Record<(typeof SURFACES)[number], z.ZodOptional<typeof surfaceSchema>>).optional(),
    /** The institution's own blocked terms: a message containing one gets the category's action. */
    blockedTerms: z.array(z.strictObject({
        term: nonEmpty,
        category: z.enum(ALL_CATEGORIES),
        /** Message to show instead of the category's default. */
        message: nonEmpty.optional(),
    })).optional(),
    /** Terms that are in scope (local system names) and never identifiers (clinic names). */
    allowedTerms: z.array(nonEmpty).optional(),
    /** The statistical layer after the rules (on by default); `{"enabled": false}` leaves decisions to the rules alone. */
    classifier: z.strictObject({enabled: z.boolean().optional()}).optional(),
    /** Also ask the loaded model to classify messages that would be answered (off by default: one extra generation). */
    modelCheck: z.strictObject({enabled: z.boolean().optional()}).optional(),
    /** Replacement texts for the refusal of each category. */
    messages: z.strictObject({
        harm_to_others: nonEmpty.optional(),
        drug_misuse: nonEmpty.optional(),
        out_of_scope: nonEmpty.optional(),
        phi: nonEmpty.optional(),
        emergency: nonEmpty.optional(),
        self_harm: nonEmpty.optional(),
    }).optional(),
}).superRefine((config, ctx) => {
    if (config.locale && !DEFAULT_RESOURCES[config.locale] && !config.resources?.[config.locale]) {
        ctx.addIssue({code: "custom", path: ["locale"], message: `no resources for locale "${config.locale}": add resources.${config.locale} ` +
            `(built in: ${Object.keys(DEFAULT_RESOURCES).join(", ")})`});
    }
});

export type PolicyConfig = z.infer<typeof policyConfigSchema>;

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
    const r = policyConfigSchema.safeParse(value);
    if (r.success) return r.data;
    const problems = r.error.issues.slice(0, 5).map((i) => `${fieldPath(i.path)}: ${i.message}`);
    const more = r.error.issues.length > 5 ? ` (and ${r.error.issues.length - 5} more)` : "";
    throw new PolicyConfigError(`${source}: invalid policy: ${problems.join("; ")}${more}`, source);
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
