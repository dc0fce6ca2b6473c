/**
 * The zod schema of the institution's policy file (policyConfig.ts), in a module of its own so that zod is loaded
 * only when there is a policy to validate: policyConfig.ts requires it at the first non-empty policy.
 */
import {z} from "zod";
import {SURFACES} from "../types";
import {DEFAULT_RESOURCES} from "./defaultPolicy";
import {ALL_CATEGORIES, ALWAYS_ON_CATEGORIES, DISCLAIMER_MAX_CHARS, DISCLAIMER_MIN_VISIBLE, SWITCHABLE_CATEGORIES} from "./policyConfig";
import {firstInvisibleCharacter, renderedMarkdownText, visibleLength} from "./visibleText";

/** Crisis resources must show at least a number such as "911" or "999". */
const RESOURCE_MIN_VISIBLE = 3;

const nonEmpty = z.string().trim().min(1, "must not be empty");

/** A text shown to users: no invisible or control characters, and at least `min` visible letters or digits. */
function visible(min = 1) {
    return nonEmpty.superRefine((text, ctx) => {
        if (text.length === 0) return; // already "must not be empty"
        const hidden = firstInvisibleCharacter(text);
        if (hidden) {
            ctx.addIssue({code: "custom", message: `contains an invisible or control character (${hidden}); ` +
                "texts shown to users may not contain zero-width, direction-override or other invisible characters"});
        } else if (visibleLength(text) < min) {
            ctx.addIssue({code: "custom", message: min === 1 ? "must contain visible text (letters or digits)"
                : `must contain at least ${min} visible letters or digits (found ${visibleLength(text)})`});
        }
    });
}

const disclaimerText = visible(DISCLAIMER_MIN_VISIBLE).max(DISCLAIMER_MAX_CHARS, `must be at most ${DISCLAIMER_MAX_CHARS} characters`);

/** The Markdown form must render to a real disclaimer too: no raw HTML (a renderer may hide it), enough visible text. */
const disclaimerMarkdown = nonEmpty.max(DISCLAIMER_MAX_CHARS, `must be at most ${DISCLAIMER_MAX_CHARS} characters`)
    .superRefine((source, ctx) => {
        if (source.length === 0) return;
        const hidden = firstInvisibleCharacter(source);
        if (hidden) {
            ctx.addIssue({code: "custom", message: `contains an invisible or control character (${hidden}); ` +
                "texts shown to users may not contain zero-width, direction-override or other invisible characters"});
            return;
        }
        const rendered = renderedMarkdownText(source);
        if ("html" in rendered) {
            ctx.addIssue({code: "custom", message: `must not contain HTML (found ${JSON.stringify(rendered.html.slice(0, 40))}): ` +
                "a renderer may hide it; use Markdown only"});
        } else if (visibleLength(rendered.text) < DISCLAIMER_MIN_VISIBLE) {
            ctx.addIssue({code: "custom", message: `must show at least ${DISCLAIMER_MIN_VISIBLE} letters or digits once rendered ` +
                `(found ${visibleLength(rendered.text)}; link targets and images do not count)`});
        }
    });

const resourcesSchema = z.strictObject({
    /** Shown first when the writer describes an emergency (the emergency number, poison control). */
    emergency: visible(RESOURCE_MIN_VISIBLE),
    /** Shown first when the writer is at risk of self-harm (a crisis line such as 988 in the US). */
    crisis: visible(RESOURCE_MIN_VISIBLE),
});

const surfaceSchema = z.strictObject({
    /**
     * Categories enforced on this surface; those left out are answered. Default: all five. Must include the
     * always-on ones (emergency, self_harm).
     */
    categories: z.array(z.enum(SWITCHABLE_CATEGORIES)).superRefine((categories, ctx) => {
        const missing = ALWAYS_ON_CATEGORIES.filter((c) => !categories.includes(c));
        if (missing.length === 0) return;
        ctx.addIssue({code: "custom", message: `must include ${missing.map((c) => `"${c}"`).join(" and ")}: emergency and ` +
            "self-harm escalation cannot be turned off (change their resources or messages instead)"});
    }).optional(),
    /** Patient identifiers: refuse (default in slack-channel), answer with a notice (slack-dm), or ignore (local). */
    phi: z.enum(["refuse", "notice", "ignore"]).optional(),
});

/** The refusal and escalation texts of one category each (the identifier message has a fixed English part). */
const messagesSchema = z.strictObject({
    harm_to_others: visible().optional(),
    drug_misuse: visible().optional(),
    out_of_scope: visible().optional(),
    phi: visible().optional(),
    emergency: visible().optional(),
    self_harm: visible().optional(),
});

const disclaimerSchema = z.strictObject({
    text: disclaimerText,
    /** Markdown form; default: the text. */
    markdown: disclaimerMarkdown.optional(),
});

export const policyConfigSchema = z.strictObject({
    /** For future format changes; only 1 exists. */
    version: z.literal(1).optional(),
    /** Attached to every answer: visible text of reasonable length (see visibleText.ts for the rule). */
    disclaimer: disclaimerSchema.optional(),
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
        message: visible().optional(),
    })).optional(),
    /** Terms that are in scope (local system names) and never identifiers (clinic names). */
    allowedTerms: z.array(nonEmpty).optional(),
    /** The statistical layer after the rules (on by default); `{"enabled": false}` leaves decisions to the rules alone. */
    classifier: z.strictObject({enabled: z.boolean().optional()}).optional(),
    /** Also ask the loaded model to classify messages that would be answered (off by default: one extra generation). */
    modelCheck: z.strictObject({enabled: z.boolean().optional()}).optional(),
    /** Replacement texts for the refusal of each category. */
    messages: messagesSchema.optional(),
    /**
     * Texts per language of the message (ISO 639-1 code, as language.ts detects it: "ar", "es", "de"): the
     * disclaimer and the escalation and refusal texts, over the built-in translations (translations.ts); a language
     * without built-in texts can be added. The same safety floor as the top-level texts.
     */
    languages: z.record(z.string(), z.strictObject({
        disclaimer: disclaimerSchema.optional(),
        messages: messagesSchema.optional(),
        /**
         * The notices in this language (noticeTranslations.ts): the sentence after the identifier kinds in a direct
         * message, the blocked-term message, the previous-message-left-out notice, and the summary's left-out notice
         * ("{count}" is replaced by the number).
         */
        notices: z.strictObject({
            phi_notice: visible().optional(),
            blocked_term: visible().optional(),
            previous_turn_left_out: visible().optional(),
            messages_withheld: visible().optional(),
        }).optional(),
    })).optional(),
}).superRefine((config, ctx) => {
    for (const code of Object.keys(config.languages ?? {})) {
        if (!/^[a-z]{2,3}$/.test(code)) ctx.addIssue({code: "custom", path: ["languages", code],
            message: "language keys must be ISO 639 codes such as ar, es, fr (lower case, as med42 policy shows them)"});
    }
    if (config.locale && !DEFAULT_RESOURCES[config.locale] && !config.resources?.[config.locale]) {
        ctx.addIssue({code: "custom", path: ["locale"], message: `no resources for locale "${config.locale}": add resources.${config.locale} ` +
            `(built in: ${Object.keys(DEFAULT_RESOURCES).join(", ")})`});
    }
});

export type PolicyConfigSchema = typeof policyConfigSchema;
