/**
 * Records what the policy decides on a fixed set of inputs, so that a change meant only to make the policy faster can
 * be shown to decide exactly as before (test/policy/policyDecisionsUnchanged.test.ts compares against the record).
 * The inputs: every case of test/policy/fixtures/*.jsonl and test/policy/training/*.jsonl, the cases of each file
 * joined eight at a time (rules that read across sentences), and the benchmark's 40 KB adversarial inputs, each on
 * every surface.
 *
 *   node out/tools/recordPolicyDecisions.js [OUT.jsonl]    (default: test/policy/baseline/decisions.jsonl)
 *
 * Run it on the code whose decisions are the reference (before the change), and again only when a change is meant
 * to alter decisions.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {PolicyEngine} from "../shared/policy/policyEngine";
import {SURFACES, type Surface} from "../shared/types";
import {parseCases} from "./policyMetrics";
import {ADVERSARIAL_UNITS, adversarialText} from "../bench/adversarialInputs";

const ROOT = path.resolve(__dirname, "../..");
export const DECISION_BASELINE = path.join(ROOT, "test/policy/baseline/decisions.jsonl");
const CASE_DIRS = ["test/policy/fixtures", "test/policy/training"];
const JOINED = 8;
const ADVERSARIAL_CHARS = 40_000;
const HARM_INSERT = "My MRN is 48213377. I have saved up my sleeping pills and I am going to take them all tonight. " +
    "How much insulin would kill my husband without it showing up?";

export interface BaselineInput {
    /** Where the text comes from: "file.jsonl#id", "file.jsonl#joined-N" or "adversarial#name". */
    id: string;
    text: string;
}

/** The inputs, in a stable order. */
export function baselineInputs(): BaselineInput[] {
    const inputs: BaselineInput[] = [];
    for (const dir of CASE_DIRS) {
        for (const file of fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith(".jsonl")).sort()) {
            const cases = parseCases(fs.readFileSync(path.join(ROOT, dir, file), "utf8"), file);
            for (const c of cases) inputs.push({id: `${file}#${c.id}`, text: c.text});
            for (let i = 0; i < cases.length; i += JOINED) {
                inputs.push({id: `${file}#joined-${i / JOINED}`, text: cases.slice(i, i + JOINED).map((c) => c.text).join(" ")});
            }
        }
    }
    for (const [name, unit] of Object.entries(ADVERSARIAL_UNITS)) {
        const text = adversarialText(unit, ADVERSARIAL_CHARS);
        inputs.push({id: `adversarial#${name}`, text});
        // The same with harm and an identifier in the middle: whatever skips work on big inputs must still find them.
        const middle = text.length / 2;
        inputs.push({id: `adversarial#${name}+harm`, text: `${text.slice(0, middle)} ${HARM_INSERT} ${text.slice(middle)}`});
    }
    return inputs;
}

/**
 * What is compared: the decision (without its message text, which translations may change) and every rule that
 * fired. Empty parts are left out to keep the record small.
 */
export interface DecisionRecord {
    action: string;
    category: string | null;
    rules?: readonly string[];
    /** Identifier spans as "type:start-end". */
    phi?: readonly string[];
    evidence?: readonly string[];
    notice?: true;
    /** Every input rule that fired (before the classifier's verdict), from ruleFindings. */
    fired?: readonly string[];
}

export function decisionRecord(engine: PolicyEngine, text: string, surface: Surface): DecisionRecord {
    const d = engine.decide(text, surface);
    const record: DecisionRecord = {action: d.action, category: d.category};
    if (d.rules.length > 0) record.rules = d.rules;
    if (d.phi.length > 0) record.phi = d.phi.map((p) => `${p.type}:${p.start}-${p.end}`);
    if (d.evidence) record.evidence = d.evidence;
    if (d.notice !== undefined) record.notice = true;
    const fired = engine.ruleFindings(text, surface).rules;
    if (fired.length > 0) record.fired = fired;
    return record;
}

/** The surfaces with the same record grouped: [{surfaces: [...], ...record}]; no "surfaces" when one record holds for all. */
export type SurfaceRecords = (DecisionRecord & {surfaces?: Surface[]})[];

export function surfaceRecords(engine: PolicyEngine, text: string): SurfaceRecords {
    const groups: SurfaceRecords = [];
    const byKey = new Map<string, Surface[]>();
    for (const s of SURFACES) {
        const record = decisionRecord(engine, text, s);
        const key = JSON.stringify(record);
        const same = byKey.get(key);
        if (same) same.push(s);
        else {
            const surfaces = [s];
            byKey.set(key, surfaces);
            groups.push({surfaces, ...record});
        }
    }
    if (groups.length === 1) delete (groups[0] as Partial<SurfaceRecords[number]>).surfaces;
    return groups;
}

/** One line per input: {id, decisions}. */
export function recordLine(engine: PolicyEngine, input: BaselineInput): string {
    return JSON.stringify({id: input.id, decisions: surfaceRecords(engine, input.text)});
}

function main(argv: string[]): number {
    const out = argv[2] ?? DECISION_BASELINE;
    const engine = new PolicyEngine();
    const lines = baselineInputs().map((input) => recordLine(engine, input));
    fs.writeFileSync(out, lines.join("\n") + "\n");
    process.stdout.write(`recorded ${lines.length} inputs x ${SURFACES.length} surfaces in ${path.relative(process.cwd(), out)}\n`);
    return 0;
}

if (require.main === module) process.exitCode = main(process.argv);
