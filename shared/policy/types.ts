/**
 * The contract of the clinical safety policy. The core calls a `PolicyChecker` before generation (on the user's
 * message) and while/after generation (on the model's output); front ends only render its decisions.
 */
import type {Surface} from "../types";

export type PolicyAction = "answer" | "escalate" | "refuse";
export type PolicyCategory = "emergency" | "self_harm" | "harm_to_others" | "drug_misuse" | "out_of_scope" | "phi";

export type PhiType =
    | "name" | "mrn" | "ssn" | "health_plan" | "account" | "phone" | "fax" | "email" | "address" | "zip"
    | "date" | "age" | "url" | "ip";

export interface PhiSpan {
    type: PhiType;
    start: number;
    end: number;
}

export interface PolicyDecision {
    action: PolicyAction;
    category: PolicyCategory | null;
    /** Ids of the rules that fired, so every decision is explainable. */
    rules: string[];
    /** Identifiers found in the text (spans into the checked text). */
    phi: PhiSpan[];
    /** For escalate/refuse: the message to show instead of a model answer (plain text, may contain Markdown). */
    message?: string;
    /**
     * When the statistical layer decided (rule "classifier.<category>"): the features that weighed most, e.g.
     * "u:untraceable", "b:my ex" (u: word, p: word stem, b: word pair, g: pair with one word between).
     */
    evidence?: string[];
    /** For answer: a notice to show with the answer (e.g. identifiers found in a DM). */
    notice?: string;
}

export interface Disclaimer {
    /** Plain-text form (CLI, Slack fallback text). */
    text: string;
    /** Markdown form (VS Code, Slack markdown). */
    markdown: string;
}

/** What the core needs from the policy engine. */
export interface PolicyChecker {
    /** Decide on a user's message before any model call. */
    decide(text: string, surface: Surface): PolicyDecision;
    /** Screen model output (partial or whole); an action other than `answer` replaces the answer. */
    screenOutput(text: string, surface: Surface): PolicyDecision;
    /**
     * Whether the loaded model should also classify messages this checker would answer (the optional model check,
     * off by default); if so the core calls `applyModelVerdict` with the model's verdict before generating.
     */
    readonly modelCheck?: boolean;
    /** The decision once the model's verdict ("harm_to_others", "answer", or null if unreadable) is known. */
    applyModelVerdict?(decision: PolicyDecision, verdict: string | null, surface: Surface): PolicyDecision;
    /** The disclaimer attached to every answer. */
    readonly disclaimer: Disclaimer;
    /** Allowed settings that weaken a protection (e.g. PHI allowed in Slack channels), logged at start-up. */
    readonly warnings?: readonly string[];
}
