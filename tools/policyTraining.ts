/**
 * Training for the policy's text classifier (shared/policy/classifier): multinomial logistic regression with L2
 * regularisation, fitted by AdaGrad over shuffled examples with a fixed seed, so the same case files always give
 * the same weights. Used by `npm run train:policy` and by the tests that check the shipped weights are current.
 */
import {analyze} from "../shared/policy/normalize";
import {textFeatures} from "../shared/policy/classifier/features";
import {LinearModel} from "../shared/policy/classifier/linearModel";
import {TEXT_CLASSES} from "../shared/policy/classifier/textClassifier";
import type {PolicyCase} from "./policyMetrics";
import {mulberry32} from "./seededRandom";
import {mergeDefined} from "../shared/options";

export interface TrainOptions {
    epochs: number;
    learningRate: number;
    /** L2 penalty per update, scaled by the learning rate. */
    l2: number;
    /** Features seen in fewer training messages are ignored (they cannot generalise). */
    minCount: number;
    seed: number;
}

/** Chosen by cross-validation: fewer, smaller steps give better-calibrated probabilities than training to convergence. */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {epochs: 12, learningRate: 0.2, l2: 1e-4, minCount: 2, seed: 42};

/** The class a case teaches the text classifier: its category, with PHI cases taught as what their text asks. */
export function textLabel(c: PolicyCase): string {
    return c.category === null || c.category === "phi" ? "answer" : c.category;
}

export function trainTextModel(cases: readonly PolicyCase[], options: Partial<TrainOptions> = {},
    featuresOf: (c: PolicyCase) => string[] = (c) => textFeatures(analyze(c.text).norm)): LinearModel {
    const o = mergeDefined(DEFAULT_TRAIN_OPTIONS, options);
    const classes = TEXT_CLASSES;
    const k = classes.length;
    const examples = cases.map((c) => ({features: featuresOf(c), label: classes.indexOf(textLabel(c) as never)}));
    for (const [i, e] of examples.entries()) if (e.label < 0) throw new Error(`case ${cases[i].id}: no text class for "${textLabel(cases[i])}"`);

    const counts = new Map<string, number>();
    for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
    const index = new Map<string, number>();
    for (const [f, n] of [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (n >= o.minCount) index.set(f, index.size);
    const rows = examples.map((e) => ({ids: e.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined), label: e.label}));

    const w = new Float64Array(index.size * k);
    const g2 = new Float64Array(index.size * k).fill(1e-8);
    const bias = new Float64Array(k);
    const b2 = new Float64Array(k).fill(1e-8);
    const rand = mulberry32(o.seed);
    const order = rows.map((_, i) => i);
    const p = new Float64Array(k);
    for (let epoch = 0; epoch < o.epochs; epoch++) {
        for (let i = order.length - 1; i > 0; i--) {
            const j = Math.floor(rand() * (i + 1));
            [order[i], order[j]] = [order[j], order[i]];
        }
        for (const r of order) {
            const {ids, label} = rows[r];
            let max = -Infinity;
            for (let c = 0; c < k; c++) {
                let z = bias[c];
                for (const id of ids) z += w[id * k + c];
                p[c] = z;
                if (z > max) max = z;
            }
            let sum = 0;
            for (let c = 0; c < k; c++) { p[c] = Math.exp(p[c] - max); sum += p[c]; }
            for (let c = 0; c < k; c++) {
                const g = p[c] / sum - (c === label ? 1 : 0);
                b2[c] += g * g;
                bias[c] -= (o.learningRate * g) / Math.sqrt(b2[c]);
                for (const id of ids) {
                    const at = id * k + c;
                    const gw = g + o.l2 * w[at];
                    g2[at] += gw * gw;
                    w[at] -= (o.learningRate * gw) / Math.sqrt(g2[at]);
                }
            }
        }
    }
    const weights = new Map<string, Float64Array>();
    for (const [f, i] of index) weights.set(f, w.slice(i * k, i * k + k));
    return new LinearModel(classes, bias, weights);
}
