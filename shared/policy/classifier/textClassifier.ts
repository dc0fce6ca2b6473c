/**
 * The policy's second, statistical layer: a linear classifier trained on the repository's labelled cases
 * (`npm run train:policy`). It reads the message's words and what the rules found in it (which rules fired, the
 * category they give, whether there is any health vocabulary), so it learns both the wording the rules were never
 * written for and how far to trust each rule. Its verdict is final for the categories it knows (PHI stays with the
 * identifier detector, and an institution's blocked terms stay absolute); the engine reports which rules fired and,
 * when the classifier disagreed with them, `classifier.<category>` with the features that weighed most.
 *
 * Thresholds are set by leave-one-author-out cross-validation (`npm run train:policy -- --cv`): a category is given
 * when its probability reaches its threshold, so lower thresholds catch more and refuse more ordinary questions.
 */
import type {AnalyzedText} from "../normalize";
import {type DetectedLanguage, hasTransliterationCue} from "../language";
import type {PolicyCategory} from "../types";
import {type RuleFindings, ruleFeatures, scriptFeatures, textFeatures} from "./features";
import {withoutInjection} from "../rules/injection";
import {LinearModel, type SerializedLinearModel} from "./linearModel";
import {TEXT_MODEL} from "./textModel.generated";

/** What the classifier tells apart ("answer" first: evidence is measured against it). */
export const TEXT_CLASSES = ["answer", "emergency", "self_harm", "harm_to_others", "drug_misuse", "out_of_scope"] as const;
export type TextClass = (typeof TEXT_CLASSES)[number];
export type ClassifiedCategory = Exclude<TextClass, "answer">;

/**
 * Languages the classifier was trained on besides English (test/policy/training/multilingual-*.jsonl, in their own
 * scripts and in Latin letters; Roman Urdu is detected as `hi`, the same words). A message detected in English is
 * read by the English model, trained on the English files only, so that the other languages' cases leave English
 * decisions as they were; any other (these five, and languages neither model was taught) by the multilingual model,
 * trained on every case file.
 */
export const CLASSIFIER_LANGUAGES: ReadonlySet<string> = new Set(["ar", "es", "fr", "hi", "ur"]);

/**
 * The language the classifier reads a message as, which picks its model (see `classify`): the detected one for
 * English and CLASSIFIER_LANGUAGES; for a language neither model was taught (the detector placed it in Italian,
 * Swahili, Polish...), "en" (the English model, as before), unless it is in Latin letters and shows two words of
 * Arabizi or Hinglish (`hasTransliterationCue`): Arabizi that the detector took for Vietnamese or German is far more
 * likely there than those languages, and the multilingual model knows its words. One such word was not enough: short
 * words such as "ke", "ko", "mai" or "dawa" are Tagalog, Indonesian, Romanian or Swahili too, and 17 of the 188
 * Latin-script messages of a check set in twelve other languages had one (none had two). Reading every other language
 * with the multilingual model was measured and not kept: on that check set (docs/policy.md) it refused 6.3% of
 * ordinary questions instead of 2.8% ("Cosa fare se un paziente non respira?" read by its Spanish look-alikes as an
 * emergency).
 */
export function classifierLanguage(language: DetectedLanguage, text: string): string {
    if (language.code === "en" || CLASSIFIER_LANGUAGES.has(language.code)) return language.code;
    return language.script === "Latn" && hasTransliterationCue(text, 2) ? language.code : "en";
}

/** Escalations and refusals for harm, in the engine's priority order: they outrank PHI and out of scope. */
export const HARM_CATEGORIES: readonly ClassifiedCategory[] = ["self_harm", "emergency", "harm_to_others", "drug_misuse"];

/**
 * Probability each category needs. Out of scope has its own bar for messages with no health vocabulary at all
 * (the classifier can tell a recipe question from a health question in everyday words).
 */
export type Thresholds = Readonly<Record<ClassifiedCategory, number> & {out_of_scope_without_health_vocabulary: number}>;

export interface ShippedTextModel extends SerializedLinearModel {
    thresholds: Thresholds;
}

export interface TextClassification {
    /** The harmful category (outranks PHI), if any reached its threshold. */
    harmful: ClassifiedCategory | null;
    /** Whether out of scope reached its threshold (it ranks below PHI, so the engine decides between them). */
    outOfScope: boolean;
    probabilities: Record<string, number>;
    /** Features of the message and the model that read them, for `evidence`. */
    features: string[];
    model: LinearModel;
}

export class PolicyTextClassifier {
    private multilingual: LinearModel | (() => LinearModel);

    /**
     * `multilingualModel`: the model for CLASSIFIER_LANGUAGES (default: `model` for every language), or a function
     * that makes it at the first message in one of them.
     */
    constructor(readonly model: LinearModel, readonly thresholds: Thresholds, multilingualModel: LinearModel | (() => LinearModel) = model) {
        this.multilingual = multilingualModel;
    }

    /** The model for CLASSIFIER_LANGUAGES. */
    get multilingualModel(): LinearModel {
        if (typeof this.multilingual === "function") this.multilingual = this.multilingual();
        return this.multilingual;
    }

    static fromShipped(m: ShippedTextModel, multilingual?: SerializedLinearModel): PolicyTextClassifier {
        const english = LinearModel.deserialize(m);
        return new PolicyTextClassifier(english, m.thresholds, multilingual ? LinearModel.deserialize(multilingual) : english);
    }

    /**
     * Every feature the classifier reads: the words (prompt-injection phrases cut out), the words of scripts other
     * than Latin, and, where given, the rules' findings (training leaves them out for the cases the rules were tuned
     * on).
     */
    static features(text: AnalyzedText, findings: RuleFindings | null): string[] {
        const words = [...textFeatures(withoutInjection(text.norm)), ...scriptFeatures(text.folded)];
        return findings ? [...words, ...ruleFeatures(findings)] : words;
    }

    /**
     * Categories not in `allowed` are never given (a surface may switch a category off). `language`: the message's
     * (detected); in another language the health lexicon (English) finds nothing, so its absence says
     * nothing and out of scope needs the ordinary bar.
     */
    classify(text: AnalyzedText, findings: RuleFindings, allowed: ReadonlySet<PolicyCategory>, language = "en"): TextClassification {
        const features = PolicyTextClassifier.features(text, findings);
        // "en" (and text with no letters) is read by the English model, any other language by the multilingual one; the
        // engine passes "en" for a language neither model was taught unless it shows a word of Arabizi or Hinglish.
        const englishVocabulary = language === "en" || language === "und";
        const model = englishVocabulary ? this.model : this.multilingualModel;
        const {probabilities} = model.score(features);
        let harmful: ClassifiedCategory | null = null;
        let best = -Infinity;
        for (const c of HARM_CATEGORIES) {
            const margin = probabilities[c] - this.thresholds[c];
            if (allowed.has(c) && margin >= 0 && margin > best) { harmful = c; best = margin; }
        }
        const oosThreshold = findings.healthVocabulary || !englishVocabulary ? this.thresholds.out_of_scope : this.thresholds.out_of_scope_without_health_vocabulary;
        const outOfScope = allowed.has("out_of_scope") && probabilities.out_of_scope >= oosThreshold;
        return {harmful, outOfScope, probabilities, features, model};
    }

    /**
     * The features that weighed most for `category` (null: answer) rather than `against` (null: answer). Features
     * made only of function words ("so", "to the") are left out: they carry weight but explain nothing to a reader.
     */
    evidence(c: TextClassification, category: PolicyCategory | null, against: PolicyCategory | null, limit = 5): string[] {
        return c.model.evidence(c.features, category ?? "answer", against ?? "answer", c.features.length)
            .map((e) => e.feature).filter(isExplanatory).slice(0, limit);
    }
}

const FUNCTION_WORDS = new Set(("a an the and or but so if then than that this these those to of in on at by for with from into " +
    "about as is are was were be been being am do does did have has had i me my we our you your he him his she her they them " +
    "their it its what which who whom how when where why can could would should will shall may might must not no just very").split(" "));

/** Whether an evidence feature says something a reader can check: a rule, or a word that is not a function word. */
function isExplanatory(feature: string): boolean {
    const colon = feature.indexOf(":");
    const kind = feature.slice(0, colon);
    if (kind !== "u" && kind !== "b" && kind !== "g") return true;
    return feature.slice(colon + 1).split(" ").some((w) => !FUNCTION_WORDS.has(w));
}

let shipped: PolicyTextClassifier | undefined;

function multilingualTextModel(): SerializedLinearModel {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("./multilingualTextModel.generated") as typeof import("./multilingualTextModel.generated")).MULTILINGUAL_TEXT_MODEL;
}

/** The classifier trained from the repository's cases, loaded once on first use. */
export function shippedTextClassifier(): PolicyTextClassifier {
    // The multilingual model (1.3 MB of source, ~40 ms to load and unpack) is read at the first message in one of its
    // languages: a process that only sees English (most `med42 ask` runs) never pays for it (issue 17).
    shipped ??= new PolicyTextClassifier(LinearModel.deserialize(TEXT_MODEL), TEXT_MODEL.thresholds,
        () => LinearModel.deserialize(multilingualTextModel()));
    return shipped;
}
