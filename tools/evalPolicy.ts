/**
 * `npm run eval:policy -- FILE.jsonl [--policy-file FILE] [--json] [--check]`: measures the safety policy on a file
 * of labelled cases ({"text", "surface", "action", "category"} per line). --check exits 1 when a goal is missed.
 */
import * as fs from "node:fs";
import {PolicyEngine} from "../shared/policy/policyEngine";
import {loadPolicyFile} from "../shared/policy/policyConfig";
import {evaluate, formatReport, meetsGoals, msPerDecision, parseCases} from "./policyMetrics";

function main(argv: string[]): number {
    const args = argv.slice(2);
    const flag = (name: string) => { const i = args.indexOf(name); if (i >= 0) args.splice(i, 1); return i >= 0; };
    const json = flag("--json");
    const check = flag("--check");
    let policyFile: string | undefined;
    const pi = args.indexOf("--policy-file");
    if (pi >= 0) { policyFile = args[pi + 1]; args.splice(pi, 2); }
    if (args.length !== 1 || args[0].startsWith("-")) {
        process.stderr.write("usage: npm run eval:policy -- FILE.jsonl [--policy-file FILE] [--json] [--check]\n");
        return 2;
    }
    try {
        const cases = parseCases(fs.readFileSync(args[0], "utf8"), args[0]);
        const engine = new PolicyEngine(policyFile ? loadPolicyFile(policyFile) : undefined);
        const metrics = evaluate(engine, cases);
        const ms = msPerDecision(engine, cases);
        if (json) {
            process.stdout.write(JSON.stringify({...metrics, msPerDecision: ms, failures: metrics.failures.map((f) => ({
                id: f.case.id, surface: f.case.surface, text: f.case.text, expected: {action: f.case.action, category: f.case.category},
                got: {action: f.decision.action, category: f.decision.category, rules: f.decision.rules},
            }))}, null, 2) + "\n");
        } else {
            process.stdout.write(formatReport(metrics, ms));
        }
        return check && !meetsGoals(metrics, ms) ? 1 : 0;
    } catch (err) {
        process.stderr.write(`eval:policy: ${(err as Error).message}\n`);
        return 2;
    }
}

process.exitCode = main(process.argv);
