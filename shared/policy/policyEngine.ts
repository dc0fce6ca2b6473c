/**
 * The clinical safety policy, enforced in code around the model: every user message gets a decision (answer,
 * escalate or refuse) from small named rules, model output is screened by the output rules, and every answer carries
 * the disclaimer. Pure and synchronous: no model, no I/O, well under a millisecond per decision.
 */
import type {Surface} from "../types";
import {SURFACES} from "../types";
import {analyze, normalize} from "./normalize";
import {detectPhi, redactPhi} from "./phi";
import type {Disclaimer, PhiSpan, PolicyCategory, PolicyChecker, PolicyDecision} from "./types";
import {type PolicyConfig, SWITCHABLE_CATEGORIES} from "./policyConfig";
import {type CrisisResources, DEFAULT_DISCLAIMER, DEFAULT_LOCALE, DEFAULT_PHI_MODE, DEFAULT_RESOURCES, type PhiMode} from "./defaultPolicy";
import {BLOCKED_TERM_MESSAGE, escalationMessage, type MessageOverrides, phiNotice, phiRefusalMessage, refusalMessage} from "./messages";
import {inputRules, OUTPUT_RULES, type PolicyRule} from "./rules";
import {topicSignal} from "./rules/healthLexicon";
import {isSmallTalk} from "./rules/scope";
import {type PolicyTextClassifier, shippedTextClassifier} from "./classifier/textClassifier";

/** When several categories fire, the first one in this order decides (escalations before refusals). */
export const CATEGORY_PRIORITY: readonly PolicyCategory[] = ["self_harm", "emergency", "harm_to_others", "drug_misuse", "phi", "out_of_scope"];

export const PHI_REFUSE_RULE = "phi.identifiers_in_channel";
export const PHI_NOTICE_RULE = "phi.identifiers_in_dm";
export const BLOCKED_TERM_RULE = "config.blocked_term";
/** Rule id prefix of the statistical layer: "classifier.harm_to_others". */
export const CLASSIFIER_RULE_PREFIX = "classifier.";

/** Categories the text classifier may add over what the rules found (it never adds PHI: that is the detector's). */
const CLASSIFIER_OVERRIDES: Readonly<Record<string, ReadonlySet<PolicyCategory>>> = {
    none: new Set(["self_harm", "emergency", "harm_to_others", "drug_misuse", "out_of_scope"]),
    phi: new Set(["self_harm", "emergency", "harm_to_others", "drug_misuse"]),
    out_of_scope: new Set(["self_harm", "emergency", "harm_to_others", "drug_misuse"]),
};

export interface PolicyEngineOptions {
    /**
     * The statistical layer consulted when the rules find nothing to escalate or refuse. Default: the classifier
     * trained from the repository's cases (unless the policy file turns it off); null: rules only.
     */
    textClassifier?: PolicyTextClassifier | null;
}

interface SurfacePolicy {
    categories: ReadonlySet<PolicyCategory>;
    phi: PhiMode;
}

interface BlockedTerm { norm: string; category: PolicyCategory; message?: string }

export class PolicyEngine implements PolicyChecker {
    readonly disclaimer: Disclaimer;
    private readonly rules: readonly PolicyRule[];
    private readonly ruleIndex: ReadonlyMap<string, PolicyRule>;
    private readonly surfaces: Readonly<Record<Surface, SurfacePolicy>>;
    private readonly resources: CrisisResources;
    private readonly overrides: MessageOverrides;
    private readonly blocked: readonly BlockedTerm[];
    private readonly allowedTerms: readonly string[];
    private readonly textClassifier: PolicyTextClassifier | null;

    constructor(config: PolicyConfig = {}, options: PolicyEngineOptions = {}) {
        this.disclaimer = config.disclaimer
            ? {text: config.disclaimer.text, markdown: config.disclaimer.markdown ?? config.disclaimer.text}
            : DEFAULT_DISCLAIMER;
        const locale = config.locale ?? DEFAULT_LOCALE;
        const resources = {...DEFAULT_RESOURCES, ...(config.resources ?? {})};
        this.resources = resources[locale] ?? DEFAULT_RESOURCES[DEFAULT_LOCALE];
        this.overrides = config.messages ?? {};
        this.allowedTerms = (config.allowedTerms ?? []).map((t) => normalize(t)).filter((t) => t.length > 0);
        this.blocked = (config.blockedTerms ?? []).map((b) => ({norm: normalize(b.term), category: b.category, message: b.message}))
            .filter((b) => b.norm.length > 0);
        const surfaces = {} as Record<Surface, SurfacePolicy>;
        for (const s of SURFACES) {
            const own = config.surfaces?.[s];
            const categories = new Set<PolicyCategory>(own?.categories ?? SWITCHABLE_CATEGORIES);
            const phi = own?.phi ?? DEFAULT_PHI_MODE[s];
            if (phi === "refuse") categories.add("phi");
            surfaces[s] = {categories, phi};
        }
        this.surfaces = surfaces;
        this.rules = inputRules({allowedTerms: this.allowedTerms});
        this.textClassifier = options.textClassifier !== undefined ? options.textClassifier
            : config.classifier?.enabled === false ? null : shippedTextClassifier();
        this.ruleIndex = new Map([...this.rules, ...OUTPUT_RULES].map((r) => [r.id, r]));
    }

    /** The description of a rule id (for `med42 policy` and docs), or undefined. */
    describeRule(id: string): string | undefined {
        if (id === PHI_REFUSE_RULE) return "Patient identifiers in a Slack channel, where many people read.";
        if (id === PHI_NOTICE_RULE) return "Patient identifiers in a direct message: answered, with a notice.";
        if (id === BLOCKED_TERM_RULE) return "A term the institution's policy file blocks.";
        if (id.startsWith(CLASSIFIER_RULE_PREFIX)) {
            return `The statistical text classifier (trained on the repository's labelled cases) scored the message as ${id.slice(CLASSIFIER_RULE_PREFIX.length).replace(/_/g, " ")} above its threshold.`;
        }
        return this.ruleIndex.get(id)?.description;
    }

    /** Every rule with its id, category and description. */
    listRules(): readonly Pick<PolicyRule, "id" | "category" | "description">[] {
        return [...this.ruleIndex.values()].map(({id, category, description}) => ({id, category, description}));
    }

    decide(text: string, surface: Surface): PolicyDecision {
        const policy = this.surfacePolicy(surface);
        const analyzed = analyze(text);
        const fired = this.rules.filter((r) => (r.category === null || policy.categories.has(r.category)) && r.test(analyzed));
        const firedCategories = new Set(fired.map((r) => r.category).filter((c): c is PolicyCategory => c !== null));
        const rules = fired.map((r) => r.id);

        let blockedTerm: BlockedTerm | undefined;
        if (this.blocked.length > 0) {
            const padded = ` ${analyzed.norm} `;
            blockedTerm = this.blocked.find((b) => padded.includes(` ${b.norm} `) && (policy.categories.has(b.category) || b.category === "phi"));
            if (blockedTerm) {
                rules.push(BLOCKED_TERM_RULE);
                firedCategories.add(blockedTerm.category);
            }
        }

        const phi = detectPhi(text, {allowedTerms: this.allowedTerms});
        if (phi.length > 0 && policy.phi === "refuse") {
            rules.push(PHI_REFUSE_RULE);
            firedCategories.add("phi");
        }

        let evidence: string[] | undefined;
        let category = CATEGORY_PRIORITY.find((c) => firedCategories.has(c)) ?? null;
        const overridable = this.textClassifier && !blockedTerm ? CLASSIFIER_OVERRIDES[category ?? "none"] : undefined;
        if (overridable) {
            const allowed = new Set([...overridable].filter((c) => policy.categories.has(c) && (c !== "out_of_scope" || !isSmallTalk(analyzed))));
            const topic = topicSignal(analyzed.norm, this.allowedTerms);
            const verdict = this.textClassifier!.classify(analyzed, allowed, topic.clinical + topic.setting > 0);
            if (verdict.category) {
                category = verdict.category;
                rules.push(CLASSIFIER_RULE_PREFIX + verdict.category);
                evidence = verdict.evidence;
            }
        }
        // Report the rules behind the decision (and informational ones), not those of categories it outranked.
        const ruleCategory = (id: string) => id === PHI_REFUSE_RULE ? "phi" : id === BLOCKED_TERM_RULE ? blockedTerm?.category ?? null
            : id.startsWith(CLASSIFIER_RULE_PREFIX) ? id.slice(CLASSIFIER_RULE_PREFIX.length) : this.ruleIndex.get(id)?.category ?? null;
        rules.splice(0, rules.length, ...rules.filter((id) => ruleCategory(id) === null || ruleCategory(id) === category));
        if (category === null) {
            const decision: PolicyDecision = {action: "answer", category: null, rules, phi};
            if (phi.length > 0 && policy.phi === "notice") {
                decision.rules = [...rules, PHI_NOTICE_RULE];
                decision.notice = phiNotice(phi);
            }
            return decision;
        }
        const custom = blockedTerm && blockedTerm.category === category ? blockedTerm.message ?? BLOCKED_TERM_MESSAGE : undefined;
        const decision: PolicyDecision = {
            action: category === "emergency" || category === "self_harm" ? "escalate" : "refuse",
            category, rules, phi,
            message: this.messageFor(category, phi, custom),
        };
        if (evidence) decision.evidence = evidence;
        return decision;
    }

    screenOutput(text: string, surface: Surface): PolicyDecision {
        const policy = this.surfacePolicy(surface);
        const analyzed = analyze(text);
        const fired = OUTPUT_RULES.filter((r) => r.category !== null && policy.categories.has(r.category) && r.test(analyzed));
        // In a channel, identifiers the model produces (other than names in examples) are withheld too.
        const phi = policy.phi === "refuse" ? detectPhi(text, {allowedTerms: this.allowedTerms}).filter((s) => s.type !== "name") : [];
        const firedCategories = new Set(fired.map((r) => r.category as PolicyCategory));
        const rules = fired.map((r) => r.id);
        if (phi.length > 0) {
            firedCategories.add("phi");
            rules.push(PHI_REFUSE_RULE);
        }
        const category = CATEGORY_PRIORITY.find((c) => firedCategories.has(c)) ?? null;
        if (category === null) return {action: "answer", category: null, rules: [], phi: []};
        return {action: "refuse", category, rules, phi, message: this.messageFor(category, phi)};
    }

    /** The text with identifiers replaced by typed placeholders ("[NAME]", "[MRN]"). */
    redact(text: string): string {
        return redactPhi(text, {allowedTerms: this.allowedTerms});
    }

    private surfacePolicy(surface: Surface): SurfacePolicy {
        const policy = this.surfaces[surface];
        if (!policy) throw new TypeError(`unknown surface "${String(surface)}" (expected one of ${SURFACES.join(", ")})`);
        return policy;
    }

    private messageFor(category: PolicyCategory, phi: readonly PhiSpan[], custom?: string): string {
        if (custom) return category === "emergency" ? `${this.resources.emergency}\n\n${custom}`
            : category === "self_harm" ? `${this.resources.crisis}\n\n${custom}` : custom;
        switch (category) {
            case "emergency":
            case "self_harm":
                return escalationMessage(category, this.resources, this.overrides);
            case "phi":
                return phiRefusalMessage(phi, this.overrides);
            default:
                return refusalMessage(category, this.overrides);
        }
    }
}
