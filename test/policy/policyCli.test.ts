import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {runCli} from "../support/runCli";
import {AuditLog} from "../../shared/audit/auditLog";

describe("med42 policy (child process)", () => {
    it("--jsonl answers every line in order with exactly action, category, rules and phi; bad lines get an error", async () => {
        const input = [
            JSON.stringify({text: "my son is not breathing and his lips are blue", surface: "slack-dm"}),
            "{not json",
            JSON.stringify({text: "Pt Joan Weller MRN 7714402 has a potassium of 6.4", surface: "slack-channel"}),
            JSON.stringify({text: "What is the first-line treatment for gout?"}),
            JSON.stringify({text: 12}),
            JSON.stringify({text: "hello", surface: "pager"}),
            "[1,2]",
            "",
            JSON.stringify({text: "how to beat a urine drug test for meth", surface: "vscode"}),
        ].join("\n") + "\n";
        const r = await runCli(["policy", "--jsonl"], {input});
        assert.equal(r.code, 0, r.stderr);
        const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
        assert.equal(out.length, 9);
        assert.deepEqual(Object.keys(out[0]), ["action", "category", "rules", "phi"]);
        assert.equal(out[0].action, "escalate");
        assert.equal(out[0].category, "emergency");
        assert.match(String(out[1].error), /^line 2: not valid JSON/);
        assert.equal(out[2].category, "phi");
        assert.deepEqual(out[2].phi, [{type: "name", start: 3, end: 14}, {type: "mrn", start: 19, end: 26}]);
        assert.deepEqual(out[3], {action: "answer", category: null, rules: [], phi: []});
        assert.match(String(out[4].error), /"text" must be a string/);
        assert.match(String(out[5].error), /"surface" must be one of/);
        assert.match(String(out[6].error), /JSON object/);
        assert.match(String(out[7].error), /^line 8: empty line/);
        assert.equal(out[8].category, "drug_misuse");
        assert.ok(Array.isArray(out[8].rules) && (out[8].rules as string[]).length > 0);
    });

    it("never loads a model: works with a model path that does not exist", async () => {
        const r = await runCli(["policy", "--jsonl"], {input: JSON.stringify({text: "What is gout?"}) + "\n", env: {MED42_MODEL: "/nonexistent/model.gguf"}});
        assert.equal(r.code, 0, r.stderr);
        assert.equal(JSON.parse(r.stdout).action, "answer");
    });

    it("human mode prints the decision, the rules that fired with their descriptions, and the message", async () => {
        const r = await runCli(["policy", "Anyone know if Linda Park (DOB 04/22/1975) got her MRI?", "--surface", "slack-channel"]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /action:\s+refuse/);
        assert.match(r.stdout, /category: phi/);
        assert.match(r.stdout, /phi\.identifiers_in_channel: Patient identifiers/);
        assert.match(r.stdout, /name at \d+-\d+/);
        assert.match(r.stdout, /message:/);
        const json = await runCli(["policy", "--json", "I want to kill myself"]);
        const d = JSON.parse(json.stdout);
        assert.equal(d.category, "self_harm");
        assert.match(d.message, /988/);
        assert.equal(d.language.code, "en");
    });

    it("shows the language it detected, in human and JSON mode", async () => {
        const ar = await runCli(["policy", "ما هي الجرعة المعتادة للباراسيتامول عند الأطفال؟"]);
        assert.equal(ar.code, 0, ar.stderr);
        assert.match(ar.stdout, /^language: Arabic \(ar; by its script\)$/m);
        const arabizi = await runCli(["policy", "abuya wi2e3 w ma 3am yetnaffas"]);
        assert.match(arabizi.stdout, /^language: Arabic \(ar; Latin letters, arabizi cues\)$/m);
        const hinglish = await runCli(["policy", "--json", "mere papa saans nahi le rahe"]);
        assert.deepEqual(JSON.parse(hinglish.stdout).language, {code: "hi", script: "Latn", by: "hinglish-cues"});
        const en = await runCli(["policy", "What is gout?"]);
        assert.match(en.stdout, /^language: English \(en; /m);
    });

    it("reports a bad policy file on one line with exit code 2", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-policycli-"));
        const file = path.join(dir, "policy.json");
        fs.writeFileSync(file, JSON.stringify({surfaces: {"slack-dm": {phi: "sometimes"}}}));
        const r = await runCli(["policy", "--policy-file", file, "hello"]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /^med42: policy file .*policy\.json: invalid policy: surfaces\.slack-dm\.phi: /);
        assert.ok(!/\n\s+at /.test(r.stderr), "no stack trace");
        assert.equal(r.stderr.trim().split("\n").length, 1);
        fs.rmSync(dir, {recursive: true, force: true});
    });

    it("names the field and the rule for a file that turns escalation off, and warns about PHI allowed in channels", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-policycli-"));
        try {
            const off = path.join(dir, "off.json");
            fs.writeFileSync(off, JSON.stringify({surfaces: {"slack-channel": {categories: ["harm_to_others", "drug_misuse"]}}}));
            const r = await runCli(["policy", "--policy-file", off, "hello"]);
            assert.equal(r.code, 2);
            assert.match(r.stderr, /^med42: policy file .*off\.json: invalid policy: surfaces\.slack-channel\.categories: must include "emergency" and "self_harm": emergency and self-harm escalation cannot be turned off/);
            const phi = path.join(dir, "phi.json");
            fs.writeFileSync(phi, JSON.stringify({surfaces: {"slack-channel": {phi: "ignore"}}}));
            const w = await runCli(["policy", "--policy-file", phi, "--surface", "slack-channel", "Pt Joan Weller MRN 7714402 has a potassium of 6.4"]);
            assert.equal(w.code, 0, w.stderr);
            assert.match(w.stderr, /^med42: warning: Policy: surfaces\.slack-channel\.phi is "ignore"/);
            assert.match(w.stdout, /action:\s+answer/);
        } finally {
            fs.rmSync(dir, {recursive: true, force: true});
        }
    });

    it("rejects a missing message and an unknown surface", async () => {
        assert.equal((await runCli(["policy"])).code, 2);
        const r = await runCli(["policy", "hi", "--surface", "pager"]);
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /pager/);
    });
});

describe("med42 audit (child process)", () => {
    let dir: string;
    let db: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-auditcli-"));
        db = path.join(dir, "audit.sqlite");
        const log = new AuditLog(db);
        log.record({kind: "decision", surface: "slack-dm", userId: "U1", action: "escalate", category: "self_harm",
            rules: ["self_harm.first_person_intent"], latencyMs: 0.3, time: new Date("2026-02-01T08:00:00Z")});
        log.record({kind: "feedback", surface: "vscode", userId: "U1", action: null, category: null, rules: [], latencyMs: 0,
            feedback: "up", time: new Date("2026-02-02T08:00:00Z")});
        log.close();
    });
    after(() => fs.rmSync(dir, {recursive: true, force: true}));

    it("lists recent entries", async () => {
        const r = await runCli(["audit", "--db", db]);
        assert.equal(r.code, 0, r.stderr);
        const lines = r.stdout.trim().split("\n");
        assert.equal(lines.length, 3);
        assert.match(lines[1], /feedback:up/);
        assert.match(lines[2], /escalate\/self_harm/);
        assert.match(lines[2], /self_harm\.first_person_intent/);
        const since = await runCli(["audit", "--since", "2026-02-02"], {env: {MED42_AUDIT_DB: db}});
        assert.equal(since.stdout.trim().split("\n").length, 2);
    });

    it("exports CSV to stdout and to a file", async () => {
        const r = await runCli(["audit", "--db", db, "--csv", "-"]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout.split("\n")[0], /^id,time,kind,surface,userHash,action,category,rules/);
        assert.equal(r.stdout.trim().split("\n").length, 3);
        const file = path.join(dir, "export.csv");
        const f = await runCli(["audit", "--db", db, "--csv", file]);
        assert.equal(f.code, 0, f.stderr);
        assert.match(f.stderr, /wrote 2 entries/);
        assert.ok(fs.readFileSync(file, "utf8").includes("self_harm"));
    });

    it("explains bad options and a missing database", async () => {
        const bad = await runCli(["audit", "--db", db, "--since", "yesterday-ish"]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /--since must be a date/);
        const none = await runCli(["audit", "--db", path.join(dir, "none.sqlite")]);
        assert.equal(none.code, 0);
        assert.match(none.stdout, /no audit log yet/);
    });
});
