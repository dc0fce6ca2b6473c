/**
 * The contract of the clinical safety policy. The core calls a `PolicyChecker` before generation (on the user's
 * message) and while/after generation (on the model's output); front ends only render its decisions.
 */
import type {Surface} from "../types";
import type {ResourceLocale} from "./defaultPolicy";
import type {DetectedLanguage} from "./language";
import type {ConversationNotices} from "./noticeTranslations";

export type PolicyAction = "answer" | "escalate" | "refuse";
export type PolicyCategory = "emergency" | "self_harm" | "harm_to_others" | "drug_misuse" | "out_of_scope" | "phi";

export type PhiType =
    | "name" | "mrn" | "ssn" | "health_plan" | "account" | "phone" | "fax" | "email" | "address" | "zip"
    | "date" | "age" | "url" | "ip" | "national_id";

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
    /** The language the message was written in (language.ts); its message and the disclaimer are in it where translated. */
    language?: DetectedLanguage;
    /** For answer: a notice to show with the answer (e.g. identifiers found in a DM). */
    notice?: string;
    /** Earlier turns of the conversation the core left out of what the model saw (see conversationGuard.ts). */
    droppedTurns?: DroppedTurn[];
}

/** An earlier turn of a conversation that never reached the model, and why. */
export interface DroppedTurn {
    /** Position in the conversation the front end gave (0 = oldest). */
    index: number;
    role: "user" | "assistant";
    /**
     * not-answered: the policy escalates or refuses this user turn; answered-by-notice: a policy message answered
     * this user turn (a refusal then, e.g. by output screening or the model check); reply-to-dropped-turn: the
     * assistant turn after a dropped user turn (its answer or policy message); policy-notice: a policy message that
     * followed no dropped user turn.
     */
    reason: "not-answered" | "answered-by-notice" | "reply-to-dropped-turn" | "policy-notice";
    /** For not-answered: the policy's decision on the turn today. */
    action?: PolicyAction;
    category?: PolicyCategory | null;
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
    /** The disclaimer attached to every answer (in English, or the policy file's). */
    readonly disclaimer: Disclaimer;
    /** The disclaimer in the language a message is written in, where the policy has it (else `disclaimer`). */
    disclaimerFor?(text: string): Disclaimer;
    /** Every disclaimer the checker attaches, in every language (to recognise them in text given back). */
    readonly disclaimers?: readonly Disclaimer[];
    /** Whose crisis and emergency resources are shown (policy/defaultPolicy.ts, resolveResourceLocale). */
    readonly locale?: ResourceLocale;
    /**
     * The same policy with the resources of a request's locale (e.g. a Slack user's), the policy file's locale still
     * first. Without it every request gets this checker's resources.
     */
    forLocale?(locale: string): PolicyChecker;
    /**
     * Whether a text is one of this policy's escalation or refusal messages (as a conversation gives it back, e.g. a
     * refusal the Slack bot posted): the core leaves such turns out of what the model sees.
     */
    isPolicyMessage?(text: string): boolean;
    /**
     * The conversation rule's notices (a previous message left out, messages left out of a summary) in a language
     * (an ISO 639-1 code as decisions give it); English when absent.
     */
    conversationNotices?(language: string | undefined): ConversationNotices;
    /** Allowed settings that weaken a protection (e.g. PHI allowed in Slack channels), logged at start-up. */
    readonly warnings?: readonly string[];
}
