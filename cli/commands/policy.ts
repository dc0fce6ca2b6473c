/**
 * `med42 policy`: the safety policy's decision on a message, without loading a model.
 *   med42 policy "text" [--surface slack-channel]   the decision and the rules that fired, for a person
 *   med42 policy --jsonl                            one JSON decision per input line (the contract evaluation tools use)
 *   med42 policy --list-rules                       every rule with its id and description
 */
import * as readline from "node:readline";
import type {Command} from "commander";
import {Option} from "commander";
import {SURFACES, type Surface} from "../../shared/types";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import {loadPolicyFile, PolicyConfigError} from "../../shared/policy/policyConfig";
import type {PolicyDecision} from "../../shared/policy/types";
import {describeLanguage} from "../../shared/policy/language";
import {type ResourceLocale, systemLocale} from "../../shared/policy/defaultPolicy";
import {CliError} from "../cliError";
import {readStdin} from "../readInput";

interface PolicyFlags {
    jsonl?: boolean;
    json?: boolean;
    surface: string;
    policyFile?: string;
    listRules?: boolean;
}

export function register(program: Command): void {
    program.command("policy")
        .description("show the safety policy's decision on a message (never loads a model)")
        .argument("[text...]", "the message (use - to read it from stdin)")
        .addOption(new Option("--surface <surface>", "where the message comes from").choices([...SURFACES]).default("cli"))
        .option("--jsonl", "read {\"text\", \"surface\"} objects, one per line, from stdin; write one decision per line")
        .option("--json", "print the decision as one JSON object")
        .option("--policy-file <file>", "institution policy JSON (env MED42_POLICY_FILE)")
        .option("--list-rules", "list every rule with its id and description")
        .addHelpText("after", "\nExamples:\n  med42 policy \"Pt John Smith MRN 1234567, K 6.1?\" --surface slack-channel\n" +
            "  echo '{\"text\":\"What is gout?\",\"surface\":\"slack-dm\"}' | med42 policy --jsonl")
        .action(async (words: string[], flags: PolicyFlags) => {
            const engine = createEngine(flags.policyFile ?? process.env.MED42_POLICY_FILE);
            if (flags.listRules) return listRules(engine);
            if (flags.jsonl) {
                if (words.length > 0) throw new CliError("--jsonl reads messages from stdin; do not also pass text", 2);
                return runJsonl(engine, flags.surface as Surface);
            }
            let text = words.join(" ");
            if (text === "-") text = await readStdin();
            if (!text.trim()) throw new CliError("no message given (see med42 policy --help)", 2);
            const decision = engine.decide(text, flags.surface as Surface);
            if (flags.json) process.stdout.write(JSON.stringify(decision) + "\n");
            else process.stdout.write(describeDecision(engine, decision, flags.surface));
        });
}

function createEngine(policyFile: string | undefined): PolicyEngine {
    // The same numbers `med42 ask` shows: the policy file's locale, else the system locale.
    const options = {locale: systemLocale()};
    if (!policyFile) return new PolicyEngine({}, options);
    try {
        const engine = new PolicyEngine(loadPolicyFile(policyFile), options);
        // `med42 policy` is where a file is checked before the bot uses it: say what it weakens.
        for (const warning of engine.warnings) process.stderr.write(`med42: warning: ${warning}\n`);
        return engine;
    } catch (err) {
        if (err instanceof PolicyConfigError) throw new CliError(err.message, 2);
        throw err;
    }
}

/** The line-oriented contract: exactly {action, category, rules, phi} per input line, in order; errors per line. */
export function jsonlDecision(engine: PolicyEngine, line: string, lineNumber: number, defaultSurface: Surface): string {
    const fail = (why: string) => JSON.stringify({error: `line ${lineNumber}: ${why}`});
    if (!line.trim()) return fail("empty line (expected a JSON object)");
    let value: unknown;
    try {
        value = JSON.parse(line);
    } catch (err) {
        return fail(`not valid JSON (${(err as Error).message})`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("expected a JSON object with \"text\"");
    const {text, surface} = value as {text?: unknown; surface?: unknown};
    if (typeof text !== "string") return fail("\"text\" must be a string");
    if (surface !== undefined && surface !== null && (typeof surface !== "string" || !SURFACES.includes(surface as Surface))) {
        return fail(`"surface" must be one of ${SURFACES.join(", ")}`);
    }
    const d = engine.decide(text, (surface as Surface | undefined) ?? defaultSurface);
    return JSON.stringify({action: d.action, category: d.category, rules: d.rules, phi: d.phi.map(({type, start, end}) => ({type, start, end}))});
}

async function runJsonl(engine: PolicyEngine, defaultSurface: Surface): Promise<void> {
    const lines = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
    let n = 0;
    for await (const line of lines) {
        n++;
        const out = jsonlDecision(engine, line, n, defaultSurface) + "\n";
        if (!process.stdout.write(out)) await new Promise<void>((resolve) => process.stdout.once("drain", resolve));
    }
}

function describeDecision(engine: PolicyEngine, d: PolicyDecision, surface: string): string {
    const lines = [`surface:  ${surface}`, `action:   ${d.action}`, `category: ${d.category ?? "(none)"}`];
    if (d.language) lines.push(`language: ${describeLanguage(d.language)}`);
    if (d.action === "escalate") lines.push(`numbers:  ${describeResourceLocale(engine.locale)}`);
    if (d.rules.length === 0) lines.push("rules:    (none fired)");
    else {
        lines.push("rules:");
        for (const id of d.rules) lines.push(`  ${id}: ${engine.describeRule(id) ?? ""}`);
    }
    if (d.evidence && d.evidence.length > 0) {
        lines.push("evidence (what weighed most with the classifier):");
        for (const e of d.evidence) lines.push(`  ${describeEvidence(e)}`);
    }
    if (d.phi.length > 0) {
        lines.push("identifiers:");
        for (const s of d.phi) lines.push(`  ${s.type} at ${s.start}-${s.end}`);
    }
    if (d.message) lines.push("message:", ...d.message.split("\n").map((l) => `  ${l}`));
    if (d.notice) lines.push("notice:", `  ${d.notice}`);
    return lines.join("\n") + "\n";
}

/** "en-AE (the system locale en-AE)", "en-GB (the policy file's locale)", "en-US (the default; none for de-DE)". */
function describeResourceLocale(l: ResourceLocale): string {
    const asked = l.requested ? `the system locale ${l.requested}` : "no system locale";
    const why = l.from === "policy-file" ? "the policy file's locale" : l.from === "requested" ? asked
        : l.requested ? `the default; none for ${l.requested}` : "the default";
    return `${l.locale} (${why})`;
}

/** "b:kill my" -> 'the words "kill my"'; "overruled:harm_to_others.x" -> "overruled rule harm_to_others.x". */
function describeEvidence(e: string): string {
    const [kind, ...rest] = e.split(":");
    const value = rest.join(":");
    switch (kind) {
        case "u": return `the word "${value}"`;
        case "p": return `words starting "${value}"`;
        case "b": return `the words "${value}"`;
        case "g": return `"${value.replace(" ", " … ")}" (one word between)`;
        case "r": return `rule ${value} fired`;
        case "rc": return `the rules' category: ${value}`;
        case "v": return value === "none" ? "no health vocabulary" : "health vocabulary present";
        case "overruled": return `overruled rule ${value}`;
        default: return e;
    }
}

function listRules(engine: PolicyEngine): void {
    for (const r of engine.listRules()) process.stdout.write(`${r.id} [${r.category ?? "informational"}]\n  ${r.description}\n`);
}
