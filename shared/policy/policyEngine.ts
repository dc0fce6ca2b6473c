/**
 * The clinical safety policy, enforced in code around the model: every user message gets a decision (answer,
 * escalate or refuse) from small named rules, model output is screened by the output rules, and every answer carries
 * the disclaimer. Pure and synchronous: no model, no I/O, well under a millisecond per decision.
 */
import type {Surface} from "../types";
import {SURFACES} from "../types";
import {mergeDefined} from "../options";
import {analyze, type AnalyzedText, normalize} from "./normalize";
import type {RuleFindings} from "./classifier/features";
import {detectPhi, redactPhi} from "./phi";
import type {Disclaimer, PhiSpan, PolicyCategory, PolicyChecker, PolicyDecision} from "./types";
import {parsePolicyConfig, type PolicyConfig, policyWarnings, SWITCHABLE_CATEGORIES} from "./policyConfig";
import {type CrisisResources, DEFAULT_DISCLAIMER, DEFAULT_LOCALE, DEFAULT_PHI_MODE, DEFAULT_RESOURCES, type PhiMode, resolveResourceLocale,
    type ResourceLocale} from "./defaultPolicy";
import {escalationMessage, type MessageOverrides, phiNotice, phiRefusalMessage, placeLine, refusalMessage, resourcesFor} from "./messages";
import {type ConversationNotices, NOTICES, type PolicyNotices, withNoticeOverrides} from "./noticeTranslations";
import {inputRules, OUTPUT_RULES, type PolicyRule} from "./rules";
import {LANGUAGE_RULES} from "./rules/languages";
import {memoizedTopicSignal, type TopicSignal} from "./rules/healthLexicon";
import {isSmallTalk} from "./rules/scope";
import {CLASSIFIER_LANGUAGES, classifierLanguage, HARM_CATEGORIES, type PolicyTextClassifier, shippedTextClassifier} from "./classifier/textClassifier";
import {PolicyMessageMatcher} from "./noticeMatcher";
import {forgetScannedTexts} from "./prefilter/prefilteredRegExp";
import {type DetectedLanguage, detectLanguage, readsAsEnglish} from "./language";
import {BUILT_IN_TRANSLATIONS, TRANSLATED_CATEGORIES} from "./translations";

/** When several categories fire, the first one in this order decides (escalations before refusals). */
export const CATEGORY_PRIORITY: readonly PolicyCategory[] = ["self_harm", "emergency", "harm_to_others", "drug_misuse", "phi", "out_of_scope"];

export const PHI_REFUSE_RULE = "phi.identifiers_in_channel";
export const PHI_NOTICE_RULE = "phi.identifiers_in_dm";
export const BLOCKED_TERM_RULE = "config.blocked_term";
/** Rule id prefix of the statistical layer: "classifier.harm_to_others". */
export const CLASSIFIER_RULE_PREFIX = "classifier.";
/** Rule id prefix of the optional model check: "model_check.harm_to_others", "model_check.answer", "model_check.unclear". */
export const MODEL_CHECK_RULE_PREFIX = "model_check.";
/** Engines for other locales kept by forLocale (a locale a request asks for is one of a few dozen in practice). */
const MAX_LOCALE_ENGINES = 64;

export interface PolicyEngineOptions {
    /**
     * The statistical layer that reads the message and the rules' findings and gives the final category. Default:
     * the classifier trained from the repository's cases (unless the policy file turns it off); null: rules only.
     */
    textClassifier?: PolicyTextClassifier | null;
    /**
     * The user's locale (e.g. "en-GB", or a language such as "en"): picks the crisis and emergency resources (see
     * resolveResourceLocale). Default: the policy file's locale, else en-US.
     */
    locale?: string;
}

function classifierRuleDescription(verdict: string): string {
    const trained = "the statistical classifier (trained on the repository's labelled cases, reading the words and what the rules found)";
    return verdict === "answer"
        ? `Answered although a rule fired: ${trained} judged the message an ordinary question; the decision's evidence names the overruled rules.`
        : `${trained[0].toUpperCase()}${trained.slice(1)} judged the message ${verdict.replace(/_/g, " ")} where the rules did not; the decision's evidence names the words that weighed most.`;
}

interface SurfacePolicy {
    categories: ReadonlySet<PolicyCategory>;
    phi: PhiMode;
}

/**
 * Whether the scope rules can read a message: English, or no language told and no letters (numbers, codes). Letters
 * of a script the detector does not know (Gurmukhi, Tamil, Korean...) are no English words either: a clinical question
 * in them would be refused for want of English health words.
 */
function judgesScope(language: DetectedLanguage, text: string): boolean {
    // Taken for English only because the library could not place it: judged when it reads as English, so a question
    // in a language the library does not know ("Dalili za kisukari ni zipi?") is not refused for want of English words.
    if (language.code === "en") return language.by !== "default" || readsAsEnglish(text);
    return language.code === "und" && !/\p{L}/u.test(text);
}

interface BlockedTerm { norm: string; category: PolicyCategory; message?: string }

/**
 * What the policy shows in one language: the disclaimer, the texts that replace the built-in English ones, and the
 * notices (identifiers, blocked terms, the conversation rule).
 */
interface LanguageTexts { disclaimer: Disclaimer; overrides: MessageOverrides; notices: PolicyNotices }

/** The built-in notices of a language (English where there are none). */
function builtInNotices(code: string): PolicyNotices {
    return (NOTICES as Record<string, PolicyNotices | undefined>)[code] ?? NOTICES.en;
}

/**
 * The texts of every language the policy has: English from the file's top-level texts (else built in); each other
 * language from the file's `languages.<code>`, else its built-in translation, except where the file replaced the
 * English text at the top level (the institution's own text then stands in every language it did not translate).
 */
function languageTexts(config: PolicyConfig, english: Disclaimer): Map<string, LanguageTexts> {
    const texts = new Map<string, LanguageTexts>([["en", {disclaimer: english, overrides: config.messages ?? {},
        notices: withNoticeOverrides(NOTICES.en, {phi: config.messages?.phi})}]]);
    const codes = new Set([...Object.keys(BUILT_IN_TRANSLATIONS), ...Object.keys(config.languages ?? {})]);
    for (const code of codes) {
        const builtIn = (BUILT_IN_TRANSLATIONS as Record<string, (typeof BUILT_IN_TRANSLATIONS)["ar"] | undefined>)[code];
        const own = config.languages?.[code];
        const overrides: MessageOverrides = {...config.messages};
        for (const c of TRANSLATED_CATEGORIES) {
            const text = own?.messages?.[c] ?? (config.messages?.[c] === undefined ? builtIn?.[c] : undefined);
            if (text !== undefined) overrides[c] = text;
        }
        const disclaimer = own?.disclaimer ? {text: own.disclaimer.text, markdown: own.disclaimer.markdown ?? own.disclaimer.text}
            : !config.disclaimer && builtIn ? builtIn.disclaimer : english;
        const notices = withNoticeOverrides(builtInNotices(code), {...own?.notices,
            phi: own?.messages?.phi ?? config.messages?.phi});
        texts.set(code, {disclaimer, overrides, notices});
    }
    return texts;
}

export class PolicyEngine implements PolicyChecker {
    readonly disclaimer: Disclaimer;
    /** Whose crisis and emergency resources escalations show. */
    readonly locale: ResourceLocale;
    readonly modelCheck: boolean;
    /** Allowed settings that weaken a protection (PHI in Slack channels), for entry points to log at start-up. */
    readonly warnings: readonly string[];
    private readonly rules: readonly PolicyRule[];
    private readonly ruleIndex: ReadonlyMap<string, PolicyRule>;
    private readonly surfaces: Readonly<Record<Surface, SurfacePolicy>>;
    private readonly resources: CrisisResources;
    /** Every locale's resources (built in, then the policy file's), for engines of other locales (forLocale). */
    private readonly allResources: Readonly<Record<string, CrisisResources>>;
    /** The policy file's locale: it wins over any locale a request asks for. */
    private readonly policyLocale: string | undefined;
    /** The engines forLocale made, shared by this engine and them (they share everything else too). */
    private readonly byLocale: Map<string, PolicyEngine> = new Map();
    private readonly texts: ReadonlyMap<string, LanguageTexts>;
    private readonly blocked: readonly BlockedTerm[];
    private readonly allowedTerms: readonly string[];
    private readonly textClassifier: PolicyTextClassifier | null;
    private readonly topic: (t: AnalyzedText) => TopicSignal;
    private readonly notices: PolicyMessageMatcher;

    constructor(config: PolicyConfig = {}, options: PolicyEngineOptions = {}) {
        // Validated here too, so no engine exists without the safety floor (escalation on, a visible disclaimer),
        // however its configuration was built.
        config = parsePolicyConfig(config, "policy");
        this.warnings = policyWarnings(config);
        this.disclaimer = config.disclaimer
            ? {text: config.disclaimer.text, markdown: config.disclaimer.markdown ?? config.disclaimer.text}
            : DEFAULT_DISCLAIMER;
        const resources = mergeDefined(DEFAULT_RESOURCES, config.resources);
        this.allResources = resources;
        this.policyLocale = config.locale;
        this.locale = resolveResourceLocale(options.locale, config.locale, Object.keys(resources));
        this.resources = resources[this.locale.locale] ?? DEFAULT_RESOURCES[DEFAULT_LOCALE];
        this.texts = languageTexts(config, this.disclaimer);
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
        this.topic = memoizedTopicSignal(this.allowedTerms);
        this.rules = inputRules({signal: this.topic});
        this.modelCheck = config.modelCheck?.enabled === true;
        this.textClassifier = options.textClassifier !== undefined ? options.textClassifier
            : config.classifier?.enabled === false ? null : shippedTextClassifier();
        this.ruleIndex = new Map([...this.rules, ...LANGUAGE_RULES, ...OUTPUT_RULES].map((r) => [r.id, r]));
        // Every message this policy can show instead of an answer (the identifier message with its fixed sentences),
        // in every language it has, and every disclaimer. Escalations with every locale's numbers: a thread can hold
        // one shown to another user, with their country's numbers (forLocale), and the engines share this matcher.
        const languages = [...this.texts.keys()];
        this.notices = new PolicyMessageMatcher([
            ...languages.flatMap((l) => CATEGORY_PRIORITY.map((c) => this.messageFor(c, [], l))),
            ...Object.entries(resources).flatMap(([locale, r]) => languages.flatMap((l) => (["emergency", "self_harm"] as const)
                .map((c) => escalationMessage(c, r, this.textsFor(l).overrides, placeLine(locale, l))))),
            ...languages.map((l) => this.textsFor(l).notices.blockedTerm),
            ...languages.flatMap((l) => this.blocked.map((b) => this.messageFor(b.category, [], l, b.message ?? this.textsFor(l).notices.blockedTerm))),
        ], this.disclaimers.flatMap((d) => [d.text, d.markdown]));
    }

    /**
     * This policy with the crisis and emergency resources of another user's locale (a Slack user's own, where the
     * engine's is the bot's system locale): the policy file's locale still wins, and a locale with no resources of
     * its own (nor of its country or language) keeps this engine's. Everything but the resources is shared; the
     * engines are kept, one per locale asked for.
     */
    forLocale(locale: string): PolicyEngine {
        if (!locale.trim()) return this;
        const resolved = resolveResourceLocale(locale, this.policyLocale, Object.keys(this.allResources));
        if (resolved.from === "default" || resolved.locale === this.locale.locale && resolved.from === this.locale.from) return this;
        const key = `${resolved.locale} ${resolved.from} ${resolved.requested ?? ""}`;
        const known = this.byLocale.get(key);
        if (known) return known;
        // A copy of this engine's fields (the parsed policy, rules, classifier, texts, matcher, this cache) with its
        // own locale and resources: no second parse, and the rules never depend on the locale.
        const engine: PolicyEngine = Object.assign(Object.create(PolicyEngine.prototype) as PolicyEngine, this,
            {locale: resolved, resources: this.allResources[resolved.locale] ?? DEFAULT_RESOURCES[DEFAULT_LOCALE]});
        if (this.byLocale.size >= MAX_LOCALE_ENGINES) this.byLocale.delete(this.byLocale.keys().next().value!);
        this.byLocale.set(key, engine);
        return engine;
    }

    /** The disclaimer in the language a text is written in (English where the policy has none for it). */
    disclaimerFor(text: string): Disclaimer {
        return this.textsFor(detectLanguage(text).code).disclaimer;
    }

    /** Every disclaimer this policy attaches, one per language (to recognise them in text given back, e.g. a thread). */
    get disclaimers(): readonly Disclaimer[] {
        const all = [...this.texts.values()].map((t) => t.disclaimer);
        return all.filter((d, i) => all.findIndex((o) => o.text === d.text && o.markdown === d.markdown) === i);
    }

    private textsFor(code: string | undefined): LanguageTexts {
        return this.texts.get(code ?? "en") ?? this.texts.get("en")!;
    }

    /** The conversation rule's notices in a language (English where the policy has none for it). */
    conversationNotices(language: string | undefined): ConversationNotices {
        return this.textsFor(language).notices;
    }

    isPolicyMessage(text: string): boolean {
        return this.notices.matches(text);
    }

    /** The description of a rule id (for `med42 policy` and docs), or undefined. */
    describeRule(id: string): string | undefined {
        if (id === PHI_REFUSE_RULE) return "Patient identifiers in a Slack channel, where many people read.";
        if (id === PHI_NOTICE_RULE) return "Patient identifiers in a direct message: answered, with a notice.";
        if (id === BLOCKED_TERM_RULE) return "A term the institution's policy file blocks.";
        if (id.startsWith(MODEL_CHECK_RULE_PREFIX)) {
            const verdict = id.slice(MODEL_CHECK_RULE_PREFIX.length);
            const asked = "The loaded model, asked to classify the message (model check),";
            return verdict === "answer" ? `${asked} judged it an ordinary question.`
                : verdict === "unclear" ? `${asked} gave no readable verdict; the decision stands.`
                : verdict === "out_of_scope" ? `${asked} judged it out of scope; the model check acts only on harm, so the decision stands.`
                : `${asked} judged it ${verdict.replace(/_/g, " ")}.`;
        }
        if (id.startsWith(CLASSIFIER_RULE_PREFIX)) return classifierRuleDescription(id.slice(CLASSIFIER_RULE_PREFIX.length));
        return this.ruleIndex.get(id)?.description;
    }

    /** Every rule with its id, category and description (the classifier's verdicts last, when it is on). */
    listRules(): readonly Pick<PolicyRule, "id" | "category" | "description">[] {
        const rules = [...this.ruleIndex.values()].map(({id, category, description}) => ({id, category, description}));
        if (!this.textClassifier) return rules;
        return [...rules, ...(["answer", ...CATEGORY_PRIORITY.filter((c) => c !== "phi")] as const).map((c) => ({
            id: CLASSIFIER_RULE_PREFIX + c, category: c === "answer" ? null : c, description: classifierRuleDescription(c),
        }))];
    }

    /**
     * What the input rules alone find in a message (identifiers aside): the classifier's view of the rules, also
     * used to train it.
     */
    ruleFindings(text: string, surface: Surface): RuleFindings {
        try {
            return this.findings(analyze(text), this.surfacePolicy(surface));
        } finally {
            forgetScannedTexts();
        }
    }

    private findings(analyzed: AnalyzedText, policy: SurfacePolicy): RuleFindings & {fired: readonly PolicyRule[]} {
        const fired = this.rules.filter((r) => (r.category === null || policy.categories.has(r.category)) && r.test(analyzed));
        const category = CATEGORY_PRIORITY.find((c) => fired.some((r) => r.category === c)) ?? null;
        const topic = this.topic(analyzed);
        return {category, rules: fired.map((r) => r.id), healthVocabulary: topic.clinical + topic.setting > 0, fired};
    }

    decide(text: string, surface: Surface): PolicyDecision {
        try {
            return this.decideOnce(text, surface);
        } finally {
            forgetScannedTexts(); // the prefilter's scans of this message end with its decision
        }
    }

    private decideOnce(text: string, surface: Surface): PolicyDecision {
        const policy = this.surfacePolicy(surface);
        const analyzed = analyze(text);
        const language = detectLanguage(text);
        // "Out of scope" is judged by a health vocabulary that is English: in another language a clinical question
        // would be refused for want of English words, so the rules leave it to the language's own off-topic vocabulary
        // (rules/languages: "escribeme un poema" is refused) and, in the classifier's other languages, to the
        // classifier (below).
        const judged = judgesScope(language, text) ? policy : {...policy, categories: new Set([...policy.categories].filter((c) => c !== "out_of_scope"))};
        const found = this.findings(analyzed, judged);
        const informational = found.fired.filter((r) => r.category === null).map((r) => r.id);
        const rulesOf = (c: PolicyCategory | null) => found.fired.filter((r) => c !== null && r.category === c).map((r) => r.id);

        let blockedTerm: BlockedTerm | undefined;
        if (this.blocked.length > 0) {
            const padded = ` ${analyzed.norm} `;
            blockedTerm = this.blocked.find((b) => padded.includes(` ${b.norm} `) && (policy.categories.has(b.category) || b.category === "phi"));
        }
        const phi = detectPhi(text, {allowedTerms: this.allowedTerms});
        const phiRefuse = phi.length > 0 && policy.phi === "refuse";

        let category: PolicyCategory | null;
        let rules: string[];
        let evidence: string[] | undefined;
        // Small talk and the institution's own allowed terms are never out of scope. (Small talk is told on the Latin
        // letters: text in another script has none and would always read as small talk, so only the terms count there.)
        const institutionTerm = this.topic(analyzed).institutionTerms > 0;
        const inScope = isSmallTalk(analyzed) || institutionTerm;
        if (this.textClassifier && !blockedTerm) {
            // The classifier decides the categories it knows; identifiers in a channel outrank only "out of scope".
            // A message detected in one of the classifier's other languages is read by the multilingual model, which
            // judges its scope too. (Checking that it does not read as English, as terse English taken for French
            // would, sent a third of the French and Arabizi messages to the English model: docs/policy.md.)
            const scope = CLASSIFIER_LANGUAGES.has(language.code) ? policy : judged;
            const allowed = new Set([...scope.categories].filter((c) => c !== "phi" && (c !== "out_of_scope" || !inScope)));
            const verdict = this.textClassifier.classify(analyzed, found, allowed, classifierLanguage(language, text));
            category = verdict.harmful ?? (phiRefuse ? "phi" : verdict.outOfScope ? "out_of_scope" : null);
            if (category === "phi" || category === found.category) {
                rules = rulesOf(category);
            } else {
                // The classifier disagreed with the rules: say so, with what weighed most and what it overruled.
                rules = [CLASSIFIER_RULE_PREFIX + (category ?? "answer")];
                evidence = [...this.textClassifier.evidence(verdict, category, found.category),
                    ...rulesOf(found.category).map((id) => `overruled:${id}`)];
            }
        } else {
            const categories = new Set<PolicyCategory>(found.fired.map((r) => r.category).filter((c): c is PolicyCategory => c !== null));
            if (blockedTerm) categories.add(blockedTerm.category);
            if (phiRefuse) categories.add("phi");
            category = CATEGORY_PRIORITY.find((c) => categories.has(c)) ?? null;
            rules = rulesOf(category);
            if (blockedTerm && blockedTerm.category === category) rules.push(BLOCKED_TERM_RULE);
        }
        // The vocabularies of other languages come last and stand: the classifier cannot overrule them (it reads these
        // languages from fewer cases than English). A category they find replaces the decision's when it comes first
        // in CATEGORY_PRIORITY, and names it when it is the same. Their off-topic vocabularies (a poem, a flight,
        // shares) judge "out of scope" in languages the classifier was not trained on.
        const spoken = LANGUAGE_RULES.filter((r) => r.category !== null && policy.categories.has(r.category)
            && (r.category !== "out_of_scope" || !institutionTerm) && r.test(analyzed));
        const spokenCategory = CATEGORY_PRIORITY.find((c) => spoken.some((r) => r.category === c));
        if (spokenCategory && (category === null || CATEGORY_PRIORITY.indexOf(spokenCategory) <= CATEGORY_PRIORITY.indexOf(category))) {
            category = spokenCategory;
            rules = spoken.filter((r) => r.category === spokenCategory).map((r) => r.id);
            evidence = undefined;
        }
        if (category === "phi") rules.push(PHI_REFUSE_RULE);
        rules.push(...informational);

        if (category === null) {
            const decision: PolicyDecision = {action: "answer", category: null, rules, phi, language};
            if (evidence) decision.evidence = evidence;
            if (phi.length > 0 && policy.phi === "notice") {
                decision.rules = [...rules, PHI_NOTICE_RULE];
                decision.notice = phiNotice(phi, this.textsFor(language.code).notices);
            }
            return decision;
        }
        const custom = blockedTerm && blockedTerm.category === category ? blockedTerm.message ?? this.textsFor(language.code).notices.blockedTerm : undefined;
        const decision = this.actOn(category, rules, phi, language, custom);
        if (evidence) decision.evidence = evidence;
        return decision;
    }

    /**
     * The model check can only add caution: a harmful verdict the surface applies turns an answer into the
     * category's escalation or refusal; "answer", "out_of_scope" (it acts only on harm), a category switched off on
     * the surface, or an unreadable verdict leave the decision as it was, with the verdict recorded in its rules.
     */
    applyModelVerdict(decision: PolicyDecision, verdict: string | null, surface: Surface): PolicyDecision {
        if (decision.action !== "answer") return decision;
        const policy = this.surfacePolicy(surface);
        const category = HARM_CATEGORIES.find((c) => c === verdict && policy.categories.has(c));
        if (!category) {
            const known = verdict === "answer" || verdict === "out_of_scope" || HARM_CATEGORIES.includes(verdict as never);
            return {...decision, rules: [...decision.rules, MODEL_CHECK_RULE_PREFIX + (known ? verdict : "unclear")]};
        }
        const informational = decision.rules.filter((id) => this.ruleIndex.get(id)?.category === null);
        return this.actOn(category, [MODEL_CHECK_RULE_PREFIX + category, ...informational], decision.phi, decision.language);
    }

    /** The escalation or refusal for a category, with its message. */
    private actOn(category: PolicyCategory, rules: string[], phi: PhiSpan[], language: DetectedLanguage | undefined, custom?: string): PolicyDecision {
        const decision: PolicyDecision = {
            action: category === "emergency" || category === "self_harm" ? "escalate" : "refuse",
            category, rules, phi, message: this.messageFor(category, phi, language?.code, custom),
        };
        if (language) decision.language = language;
        return decision;
    }

    screenOutput(text: string, surface: Surface): PolicyDecision {
        try {
            return this.screenOnce(text, surface);
        } finally {
            forgetScannedTexts();
        }
    }

    private screenOnce(text: string, surface: Surface): PolicyDecision {
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
        // The model answers in the user's language, so the refusal that replaces its answer is in the answer's.
        return {action: "refuse", category, rules, phi, message: this.messageFor(category, phi, detectLanguage(text).code)};
    }

    /** The text with identifiers replaced by typed placeholders ("[NAME]", "[MRN]"). */
    redact(text: string): string {
        try {
            return redactPhi(text, {allowedTerms: this.allowedTerms});
        } finally {
            forgetScannedTexts();
        }
    }

    private surfacePolicy(surface: Surface): SurfacePolicy {
        const policy = this.surfaces[surface];
        if (!policy) throw new TypeError(`unknown surface "${String(surface)}" (expected one of ${SURFACES.join(", ")})`);
        return policy;
    }

    /** Whose numbers the resources are, said in a language. */
    private placeFor(language: string): string | undefined {
        return placeLine(this.locale.locale, language);
    }

    /** The message for a category in a language (English where the policy has no texts for it). */
    private messageFor(category: PolicyCategory, phi: readonly PhiSpan[], language: string | undefined, custom?: string): string {
        const overrides = this.textsFor(language).overrides;
        const place = this.placeFor(language ?? "en");
        if (custom) return category === "emergency" || category === "self_harm" ? `${resourcesFor(category, this.resources, place)}\n\n${custom}` : custom;
        switch (category) {
            case "emergency":
            case "self_harm":
                return escalationMessage(category, this.resources, overrides, place);
            case "phi":
                return phiRefusalMessage(phi, this.textsFor(language).notices);
            default:
                return refusalMessage(category, overrides);
        }
    }
}
