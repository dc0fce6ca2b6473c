/**
 * The policy's second, statistical layer: a linear text classifier trained on the repository's labelled cases
 * (`npm run train:policy`). The rules decide first; when they find nothing to escalate or refuse, a message the
 * classifier scores above a category's threshold gets that category, reported as rule `classifier.<category>` with
 * the words that weighed most. Thresholds are set high, by cross-validation across case authors, so the layer adds
 * recall on wording the rules have never seen without refusing ordinary clinical questions.
 */
import type {AnalyzedText} from "../normalize";
import type {PolicyCategory} from "../types";
import {textFeatures} from "./features";
import {LinearModel, type SerializedLinearModel} from "./linearModel";
import {TEXT_MODEL} from "./textModel.generated";

/** What the classifier tells apart ("answer" first: evidence is measured against it). */
export const TEXT_CLASSES = ["answer", "emergency", "self_harm", "harm_to_others", "drug_misuse", "out_of_scope"] as const;
export type TextClass = (typeof TEXT_CLASSES)[number];
export type ClassifiedCategory = Exclude<TextClass, "answer">;

/**
 * Probability a category needs before the layer acts on it. Out of scope has a second, lower bar for messages with
 * no health vocabulary at all (the rules give those the benefit of the doubt; the classifier can tell a recipe or a
 * game question from a health question phrased in everyday words).
 */
export type Thresholds = Readonly<Record<ClassifiedCategory, number> & {out_of_scope_without_health_vocabulary: number}>;

export interface ShippedTextModel extends SerializedLinearModel {
    thresholds: Thresholds;
}

export interface TextClassification {
    /** The category the layer assigns, or null when no category reaches its threshold. */
    category: ClassifiedCategory | null;
    /** Probability of the most likely non-answer category. */
    probability: number;
    /** Features that pushed most towards that category (e.g. "b:kill my", "u:untraceable"). */
    evidence: string[];
}

export class PolicyTextClassifier {
    constructor(readonly model: LinearModel, readonly thresholds: Thresholds) {}

    static fromShipped(m: ShippedTextModel): PolicyTextClassifier {
        return new PolicyTextClassifier(LinearModel.deserialize(m), m.thresholds);
    }

    /**
     * Categories not in `allowed` are never assigned (a surface may switch a category off, and the rules may
     * already have found one that outranks them). `healthVocabulary` is whether the rules' lexicon found any.
     */
    classify(text: AnalyzedText, allowed?: ReadonlySet<PolicyCategory>, healthVocabulary = true): TextClassification {
        const features = textFeatures(text.norm);
        const {probabilities} = this.model.score(features);
        let best: ClassifiedCategory | null = null;
        let bestMargin = -Infinity;
        let probability = 0;
        for (const c of TEXT_CLASSES) {
            if (c === "answer") continue;
            const p = probabilities[c] ?? 0;
            if (p > probability) probability = p;
            if (allowed && !allowed.has(c)) continue;
            const threshold = c === "out_of_scope" && !healthVocabulary ? this.thresholds.out_of_scope_without_health_vocabulary : this.thresholds[c];
            const margin = p - threshold;
            if (margin >= 0 && margin > bestMargin) { best = c; bestMargin = margin; }
        }
        const evidence = best ? this.model.evidence(features, best).map((e) => e.feature) : [];
        return {category: best, probability: best ? probabilities[best] : probability, evidence};
    }
}

let shipped: PolicyTextClassifier | undefined;

/** The classifier trained from the repository's cases, loaded once on first use. */
export function shippedTextClassifier(): PolicyTextClassifier {
    shipped ??= PolicyTextClassifier.fromShipped(TEXT_MODEL);
    return shipped;
}
