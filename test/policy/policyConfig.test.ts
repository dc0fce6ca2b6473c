import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {loadPolicyFile, parsePolicyConfig, PolicyConfigError} from "../../shared/policy/policyConfig";
import {PolicyEngine} from "../../shared/policy/policyEngine";

describe("policy file", () => {
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-policy-")); });
    after(() => fs.rmSync(dir, {recursive: true, force: true}));
    const write = (name: string, content: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, content);
        return file;
    };

    it("names the file for a missing file and for invalid JSON", () => {
        const missing = path.join(dir, "nope.json");
        assert.throws(() => loadPolicyFile(missing), (e: Error) => e instanceof PolicyConfigError && e.message.includes(missing) && /no such file/.test(e.message));
        const bad = write("bad.json", "{\"disclaimer\": ");
        assert.throws(() => loadPolicyFile(bad), (e: Error) => e.message.includes(bad) && /not valid JSON/.test(e.message));
    });

    it("names the bad field: wrong type, unknown key, unknown category, locale without resources", () => {
        const cases: [unknown, RegExp][] = [
            [{disclaimer: {text: 42}}, /disclaimer\.text: .*string/],
            [{disclaimer: {text: "x"}, colour: "red"}, /Unrecognized key.*colour/],
            [{surfaces: {"slack-channel": {categories: ["weather"]}}}, /surfaces\.slack-channel\.categories\[0\]/],
            [{surfaces: {"pager": {}}}, /pager/],
            [{blockedTerms: [{term: "", category: "drug_misuse"}]}, /blockedTerms\[0\]\.term: must not be empty/],
            [{locale: "fr-FR"}, /locale: no resources for locale "fr-FR"/],
            [{resources: {"en-US": {emergency: "Call 911"}}}, /resources\.en-US\.crisis/],
        ];
        for (const [value, pattern] of cases) {
            const file = write("p.json", JSON.stringify(value));
            assert.throws(() => loadPolicyFile(file), (e: Error) => e.message.includes(file) && pattern.test(e.message), `${JSON.stringify(value)} should match ${pattern}`);
        }
    });

    it("changes the disclaimer, the resources for a locale and the refusal messages", () => {
        const file = write("ok.json", JSON.stringify({
            version: 1,
            disclaimer: {text: "Research tool only. Not for patient care.", markdown: "**Research tool only.**"},
            locale: "en-GB",
            messages: {out_of_scope: "Ask the clinical informatics team about that."},
        }));
        const engine = new PolicyEngine(loadPolicyFile(file));
        assert.deepEqual(engine.disclaimer, {text: "Research tool only. Not for patient care.", markdown: "**Research tool only.**"});
        assert.match(engine.decide("I want to end my life tonight", "cli").message ?? "", /^Call Samaritans on 116 123/);
        assert.match(engine.decide("my husband collapsed and is not breathing", "cli").message ?? "", /^Call 999/);
        assert.equal(engine.decide("recommend a thriller novel", "slack-dm").message, "Ask the clinical informatics team about that.");
    });

    it("uses an institution's own locale resources", () => {
        const engine = new PolicyEngine(parsePolicyConfig({locale: "en-NZ", resources: {"en-NZ": {emergency: "Call 111 now.", crisis: "Call or text 1737."}}}));
        assert.match(engine.decide("i want to kill myself", "slack-dm").message ?? "", /^Call or text 1737/);
    });

    it("switches categories per surface and sets the PHI mode per surface", () => {
        const engine = new PolicyEngine(parsePolicyConfig({surfaces: {
            "vscode": {categories: ["emergency", "self_harm", "harm_to_others", "drug_misuse"]},
            "slack-dm": {phi: "refuse"},
            "slack-channel": {phi: "notice"},
        }}));
        assert.equal(engine.decide("write a limerick about spreadsheets", "vscode").action, "answer");
        assert.equal(engine.decide("write a limerick about spreadsheets", "cli").category, "out_of_scope");
        const phi = "Patient Harold Finch, MRN 4471920, has hyperkalemia";
        assert.equal(engine.decide(phi, "slack-dm").category, "phi");
        const channel = engine.decide(phi, "slack-channel");
        assert.equal(channel.action, "answer");
        assert.ok(channel.notice);
    });

    it("applies blocked terms with their category and message, and allowed terms as in scope", () => {
        const engine = new PolicyEngine(parsePolicyConfig({
            blockedTerms: [{term: "Project Nightingale", category: "out_of_scope", message: "Do not discuss Project Nightingale here."}],
            allowedTerms: ["Tapestry", "Willow Ambulatory"],
        }));
        const blocked = engine.decide("What is the status of project nightingale?", "slack-channel");
        assert.equal(blocked.category, "out_of_scope");
        assert.ok(blocked.rules.includes("config.blocked_term"));
        assert.equal(blocked.message, "Do not discuss Project Nightingale here.");
        assert.equal(engine.decide("How do I reset my Tapestry password?", "slack-dm").action, "answer");
        assert.equal(new PolicyEngine().decide("How do I reset my Tapestry password?", "slack-dm").category, "out_of_scope");
    });
});
