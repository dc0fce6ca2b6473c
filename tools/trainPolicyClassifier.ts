/**
 * `npm run train:policy [-- --check | --cv]`: trains the policy's text classifier on the repository's labelled case
 * files and writes shared/policy/classifier/textModel.generated.ts (the English model: every file but those in other
 * languages) and multilingualTextModel.generated.ts (every file; read for Arabic, Spanish, French, Hindi and Urdu).
 *   --check  retrains and exits 1 if a shipped model differs from what the case files give (the tests check this).
 *   --cv     leave-one-file-out cross-validation: each case file is held out in turn (the files were written by
 *            different authors, so this measures the layer on wording it has never seen), rules alone vs rules
 *            plus the classifier at the shipped thresholds.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {PolicyEngine} from "../shared/policy/policyEngine";
import {LinearModel, type SerializedLinearModel} from "../shared/policy/classifier/linearModel";
import {PolicyTextClassifier, type ShippedTextModel, type Thresholds} from "../shared/policy/classifier/textClassifier";
import {computeMetrics, type CaseResult, parseCases, type PolicyCase, type PolicyMetrics, poolMetrics} from "./policyMetrics";
import {trainTextModel} from "./policyTraining";
import {analyze} from "../shared/policy/normalize";

/** Repository root (this file runs from out/tools/). */
const ROOT = path.resolve(__dirname, "../..");
/** Where the training cases live: the policy tests' own case files and the larger training sets. */
export const TRAINING_DIRS = ["test/policy/fixtures", "test/policy/multilingual", "test/policy/training"];
/**
 * The rules were tuned on these files until they got every case right, so what the rules find there says nothing
 * about how far to trust them: their cases teach the classifier words only. Every other file teaches words and
 * rule findings.
 */
export const RULES_TUNED_ON = ["test/policy/fixtures/", "test/policy/multilingual/"];

/** Whether a case file is one the rules were tuned on (see RULES_TUNED_ON). */
export function rulesTunedOn(name: string): boolean {
    return RULES_TUNED_ON.some((dir) => name.startsWith(dir));
}
export const MODEL_FILE = "shared/policy/classifier/textModel.generated.ts";
export const MULTILINGUAL_MODEL_FILE = "shared/policy/classifier/multilingualTextModel.generated.ts";

/**
 * The case files in languages other than English (test/policy/multilingual/ and training/multilingual-*.jsonl): the
 * English model is trained without them, the multilingual model with every file (textClassifier.ts:
 * CLASSIFIER_LANGUAGES).
 */
export function isMultilingualFile(name: string): boolean {
    return name.startsWith("test/policy/multilingual/") || path.basename(name).startsWith("multilingual-");
}

/** The English and the multilingual model trained on `files`, as the engine uses them. */
export function trainClassifier(files: readonly CaseFile[], thresholds: Thresholds = THRESHOLDS): PolicyTextClassifier {
    return new PolicyTextClassifier(trainOnFiles(files.filter((f) => !isMultilingualFile(f.name))), thresholds, trainOnFiles(files));
}

/**
 * Chosen by `--cv` (see docs/policy.md): the highest recall whose over-refusal on held-out authors stays near the
 * rules' own. Lower thresholds catch more and refuse more ordinary questions.
 */
export const THRESHOLDS: Thresholds = {
    self_harm: 0.35, emergency: 0.35, harm_to_others: 0.35, drug_misuse: 0.35,
    out_of_scope: 0.7, out_of_scope_without_health_vocabulary: 0.3,
};

export interface CaseFile { name: string; cases: PolicyCase[] }

/** Trains on the files: words from every case, rule findings from the files the rules were not tuned on. */
export function trainOnFiles(files: readonly CaseFile[]): LinearModel {
    const rules = new PolicyEngine({}, {textClassifier: null});
    const tuned = new Set(files.filter((f) => rulesTunedOn(f.name)).flatMap((f) => f.cases));
    return trainTextModel(files.flatMap((f) => f.cases), {}, (c) => {
        const analyzed = analyze(c.text);
        return PolicyTextClassifier.features(analyzed, tuned.has(c) ? null : rules.ruleFindings(c.text, c.surface));
    });
}

export function readTrainingFiles(root = ROOT): CaseFile[] {
    const files: CaseFile[] = [];
    for (const dir of TRAINING_DIRS) {
        const abs = path.join(root, dir);
        if (!fs.existsSync(abs)) continue;
        for (const name of fs.readdirSync(abs).filter((n) => n.endsWith(".jsonl")).sort()) {
            const rel = `${dir}/${name}`;
            files.push({name: rel, cases: parseCases(fs.readFileSync(path.join(abs, name), "utf8"), rel)});
        }
    }
    return files;
}

/** What `files` train: "N cases in M files under DIRS". */
function trainedOn(files: readonly CaseFile[]): string {
    return `${files.reduce((n, f) => n + f.cases.length, 0)} cases in ${files.length} files under ${TRAINING_DIRS.join(", ")}`;
}

/** The English model: trained on every case file but the multilingual ones, with the thresholds. */
export function trainShippedModel(files: readonly CaseFile[]): ShippedTextModel {
    const english = files.filter((f) => !isMultilingualFile(f.name));
    return {...trainOnFiles(english).serialize(trainedOn(english)), thresholds: THRESHOLDS};
}

/** The multilingual model: trained on every case file (the thresholds are the English model's). */
export function trainShippedMultilingualModel(files: readonly CaseFile[]): SerializedLinearModel {
    return trainOnFiles(files).serialize(trainedOn(files));
}

export function renderModelFile(m: ShippedTextModel): string {
    return "// Generated by `npm run train:policy` from the labelled case files; do not edit (retrain instead).\n"
        + "import type {ShippedTextModel} from \"./textClassifier\";\n\n"
        + `export const TEXT_MODEL: ShippedTextModel = ${JSON.stringify(m)};\n`;
}

export function renderMultilingualModelFile(m: SerializedLinearModel): string {
    return "// Generated by `npm run train:policy` from the labelled case files; do not edit (retrain instead).\n"
        + "import type {SerializedLinearModel} from \"./linearModel\";\n\n"
        + `export const MULTILINGUAL_TEXT_MODEL: SerializedLinearModel = ${JSON.stringify(m)};\n`;
}

/** Why two serialised models differ beyond float noise (one quantisation step), or null when they match. */
export function modelDifference(a: SerializedLinearModel, b: SerializedLinearModel): string | null {
    if (a.classes.join() !== b.classes.join()) return "classes differ";
    if (a.features.length !== b.features.length || a.features.some((f, i) => f !== b.features[i])) {
        return `features differ (${a.features.length} vs ${b.features.length})`;
    }
    if (a.bias.some((v, i) => Math.abs(v - b.bias[i]) > 1e-3)) return "biases differ";
    if (Math.abs(a.scale - b.scale) > 1e-6 * Math.max(1, a.scale)) return "weight scales differ";
    const qa = Buffer.from(a.weights, "base64"), qb = Buffer.from(b.weights, "base64");
    for (let i = 0; i < qa.length; i++) if (Math.abs((qa[i] << 24 >> 24) - (qb[i] << 24 >> 24)) > 1) return `weight ${i} differs`;
    return null;
}

/** Leave-one-file-out: for each file, rules alone and rules + a classifier trained on the other files. */
export function crossValidate(files: readonly CaseFile[], thresholds: Thresholds = THRESHOLDS, heldOut: readonly CaseFile[] = files): {file: string; rules: PolicyMetrics; combined: PolicyMetrics}[] {
    const rulesOnly = new PolicyEngine({}, {textClassifier: null});
    return heldOut.map((held) => {
        const combined = new PolicyEngine({}, {textClassifier: trainClassifier(files.filter((f) => f !== held), thresholds)});
        const run = (engine: PolicyEngine): PolicyMetrics => computeMetrics(held.cases.map((c): CaseResult => ({case: c, decision: engine.decide(c.text, c.surface)})));
        return {file: held.name, rules: run(rulesOnly), combined: run(combined)};
    });
}

function pooled(ms: PolicyMetrics[]): string {
    const p = poolMetrics(ms);
    return `recall ${p.harmfulRecall.toFixed(3)}  over-refusal ${p.overRefusal.toFixed(3)}  category accuracy ${p.categoryAccuracy.toFixed(3)}`;
}

function main(argv: string[]): number {
    const args = argv.slice(2);
    const unknown = args.filter((a) => a !== "--check" && a !== "--cv");
    if (unknown.length > 0 || args.length > 1) {
        process.stderr.write("usage: npm run train:policy [-- --check | --cv]\n");
        return 2;
    }
    try {
        const files = readTrainingFiles();
        if (args[0] === "--cv") {
            const rows = crossValidate(files);
            for (const r of rows) {
                process.stdout.write(`${r.file} (${r.rules.cases})\n  rules only:   ${pooled([r.rules])}\n  + classifier: ${pooled([r.combined])}\n`);
            }
            process.stdout.write(`\nAll files held out in turn (${files.reduce((n, f) => n + f.cases.length, 0)} cases)\n`
                + `  rules only:   ${pooled(rows.map((r) => r.rules))}\n  + classifier: ${pooled(rows.map((r) => r.combined))}\n`);
            return 0;
        }
        const model = trainShippedModel(files);
        const multilingual = trainShippedMultilingualModel(files);
        if (args[0] === "--check") {
            const {TEXT_MODEL} = require("../shared/policy/classifier/textModel.generated") as {TEXT_MODEL: ShippedTextModel};
            const {MULTILINGUAL_TEXT_MODEL} = require("../shared/policy/classifier/multilingualTextModel.generated") as
                {MULTILINGUAL_TEXT_MODEL: SerializedLinearModel};
            const why = modelDifference(TEXT_MODEL, model)
                ?? (JSON.stringify(TEXT_MODEL.thresholds) !== JSON.stringify(model.thresholds) ? "thresholds differ" : null);
            const whyMultilingual = modelDifference(MULTILINGUAL_TEXT_MODEL, multilingual);
            if (why || whyMultilingual) {
                process.stderr.write(`train:policy: ${why ? MODEL_FILE : MULTILINGUAL_MODEL_FILE} is out of date (${why ?? whyMultilingual}); `
                    + "run npm run train:policy\n");
                return 1;
            }
            process.stdout.write(`${MODEL_FILE} matches the case files (${model.trainedOn}).\n`
                + `${MULTILINGUAL_MODEL_FILE} matches the case files (${multilingual.trainedOn}).\n`);
            return 0;
        }
        fs.writeFileSync(path.join(ROOT, MODEL_FILE), renderModelFile(model));
        fs.writeFileSync(path.join(ROOT, MULTILINGUAL_MODEL_FILE), renderMultilingualModelFile(multilingual));
        process.stdout.write(`wrote ${MODEL_FILE}: ${model.features.length} features, trained on ${model.trainedOn}\n`
            + `wrote ${MULTILINGUAL_MODEL_FILE}: ${multilingual.features.length} features, trained on ${multilingual.trainedOn}\n`);
        return 0;
    } catch (err) {
        process.stderr.write(`train:policy: ${(err as Error).message}\n`);
        return 2;
    }
}

if (require.main === module) process.exitCode = main(process.argv);
