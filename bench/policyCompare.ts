/**
 * The policy's speed against another build of it, in one process, so both see the same machine load: section 4 of
 * `npm run bench` (one decision on each 40 KB adversarial input, and decisions per second on ordinary questions) for
 * this checkout's PolicyEngine and for the one at PATH, measured in alternation, with the ratios.
 *
 *   node out/bench/policyCompare.js PATH/out/shared/policy/policyEngine.js [ROUNDS]
 *
 * (Build the other checkout first, e.g. `git worktree add /tmp/before BASE && (cd /tmp/before && npx tsc -p .)`.)
 */
import * as os from "node:os";
import * as path from "node:path";
import {PolicyEngine} from "../shared/policy/policyEngine";
import type {Surface} from "../shared/types";
import {measureAdversarialPolicy, POLICY_SAMPLES} from "./benchmark";
import {median} from "./stats";

type Decide = (text: string, surface: Surface) => unknown;

/** Decisions per second on the benchmark's ordinary samples, over at least one second. */
export function decisionsPerSecond(decide: Decide): number {
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < 1000 || n < 100) {
        const [text, surface] = POLICY_SAMPLES[n % POLICY_SAMPLES.length];
        decide(text, surface);
        n++;
    }
    return (n * 1000) / (performance.now() - start);
}

function main(argv: string[]): number {
    const other = argv[2];
    if (!other) {
        process.stderr.write("usage: node out/bench/policyCompare.js PATH/out/shared/policy/policyEngine.js [ROUNDS]\n");
        return 2;
    }
    const rounds = Number(argv[3] ?? 3);
    const Before = (require(path.resolve(other)) as {PolicyEngine: typeof PolicyEngine}).PolicyEngine;
    const engines: Record<string, PolicyEngine> = {before: new Before(), after: new PolicyEngine()};
    const ms: Record<string, Record<string, number[]>> = {before: {}, after: {}};
    const rates: Record<string, number[]> = {before: [], after: []};
    const load: number[] = [];
    for (let r = 0; r < rounds; r++) {
        for (const name of r % 2 === 0 ? ["before", "after"] : ["after", "before"]) {
            const e = engines[name];
            load.push(os.loadavg()[0]);
            const figure = measureAdversarialPolicy((t, s) => e.decide(t, s));
            for (const [input, v] of Object.entries(figure.medianMsByInput)) (ms[name][input] ??= []).push(v);
            rates[name].push(decisionsPerSecond((t, s) => e.decide(t, s)));
        }
    }
    const f = (v: number) => v >= 100 ? v.toFixed(0) : v.toFixed(1);
    const lines = ["| input (40,000 characters) | before (ms) | after (ms) | before / after |", "|---|---|---|---|"];
    for (const input of Object.keys(ms.after)) {
        const b = median(ms.before[input]);
        const a = median(ms.after[input]);
        lines.push(`| ${input} | ${f(b)} | ${f(a)} | ${(b / a).toFixed(1)}× |`);
    }
    const worst = (name: string) => Math.max(...Object.values(ms[name]).map(median));
    lines.push(`| **slowest kind** | ${f(worst("before"))} | ${f(worst("after"))} | ${(worst("before") / worst("after")).toFixed(1)}× |`);
    lines.push(`| decisions per second, ordinary questions | ${median(rates.before).toFixed(0)} | ${median(rates.after).toFixed(0)} | ${(median(rates.after) / median(rates.before)).toFixed(1)}× faster |`);
    process.stdout.write(`${lines.join("\n")}\n\nmedians of ${rounds} rounds (each a median of 5 decisions), before and after alternating; ` +
        `1-minute load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} on ${os.cpus().length} CPUs\n`);
    return 0;
}

if (require.main === module) process.exitCode = main(process.argv);
