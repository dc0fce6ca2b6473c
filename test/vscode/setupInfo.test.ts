import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {describeSetup, settingsTabFor} from "../../extension/setupInfo";

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")) as {
    capabilities: {untrustedWorkspaces: {restrictedConfigurations: string[]}};
    contributes: {configuration: {properties: Record<string, {scope?: string}>}};
};

describe("settings in force and where they live (remote windows)", () => {
    it("declares the scopes deliberately: safety settings per machine only, files and hardware per machine", () => {
        const scope = (key: string) => manifest.contributes.configuration.properties[`med42.${key}`].scope ?? "window";
        // The policy and the audit log: never from a workspace; User settings locally, Remote settings remotely.
        assert.equal(scope("policyFile"), "machine");
        assert.equal(scope("auditDatabase"), "machine");
        // Files and hardware of the machine the extension runs on; a (trusted) workspace may choose its model.
        for (const key of ["model", "modelsFolder", "gpu", "threads"]) assert.equal(scope(key), "machine-overridable", key);
        // Preferences that mean the same on every machine follow the user everywhere.
        for (const key of ["contextSize", "sampling.temperature", "sampling.maxTokens", "summary.insertMode"]) assert.equal(scope(key), "window", key);
    });

    it("lets no untrusted workspace choose the model, its server or whose crisis resources are shown", () => {
        const restricted = new Set<string>(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations);
        for (const key of ["model", "modelsFolder", "server.url", "server.model", "locale"])
            assert.ok(restricted.has(`med42.${key}`), `med42.${key} is not read from an untrusted workspace`);
        // What a workspace can never set at all (machine scope) needs no restriction.
        for (const key of [...restricted].map((k) => k.replace(/^med42\./, "")))
            assert.notEqual(manifest.contributes.configuration.properties[`med42.${key}`].scope, "machine", key);
    });

    it("opens the tab where a setting lives: Remote for machine settings in a remote window, else User or the workspace", () => {
        assert.equal(settingsTabFor({}, "machine", true), "remote");
        assert.equal(settingsTabFor({}, "machine", false), "user");
        assert.equal(settingsTabFor({globalValue: "/p.json"}, "machine", true), "remote");
        // A workspace value of a machine setting is ignored by VS Code: the setting still lives in User/Remote.
        assert.equal(settingsTabFor({workspaceValue: "/p.json"}, "machine", false), "user");
        assert.equal(settingsTabFor({workspaceValue: "m.gguf"}, "machine-overridable", true), "workspace");
        assert.equal(settingsTabFor({}, "machine-overridable", true), "remote");
        assert.equal(settingsTabFor({}, "window", true), "user");
    });

    it("says which policy file and audit database are in force, and why", () => {
        const base = {remote: true, policyFile: "", auditDatabase: "", env: {}, defaultAuditDatabase: "/home/u/.local/share/med42-assist/audit.sqlite",
            localeSetting: "", displayLanguage: "en"};
        assert.deepEqual(describeSetup(base), {machineSettings: "remote", policy: {source: "default"},
            audit: {source: "default", database: "/home/u/.local/share/med42-assist/audit.sqlite"}});
        assert.deepEqual(describeSetup({...base, remote: false, policyFile: "/etc/p.json", auditDatabase: "off"}), {machineSettings: "user",
            policy: {source: "user", file: "/etc/p.json"}, audit: {source: "user", off: true}});
        assert.deepEqual(describeSetup({...base, env: {MED42_POLICY_FILE: "/e/p.json", MED42_AUDIT_DB: "/e/a.sqlite"}, policyError: "policy file /e/p.json: no such file",
            auditProblem: "ABI mismatch"}), {machineSettings: "remote",
            policy: {source: "environment", file: "/e/p.json", error: "policy file /e/p.json: no such file"},
            audit: {source: "environment", database: "/e/a.sqlite", problem: "ABI mismatch"}});
    });

    it("names the central audit log from MED42_DATABASE_URL (given without its password) before MED42_AUDIT_DB", () => {
        const base = {remote: false, policyFile: "", auditDatabase: "", defaultAuditDatabase: "/a.sqlite", localeSetting: "", displayLanguage: "en"};
        assert.deepEqual(describeSetup({...base, env: {MED42_DATABASE_URL: "postgres://med42:***@db/med42", MED42_AUDIT_DB: "/e/a.sqlite"}}).audit,
            {source: "environment", database: "postgres://med42:***@db/med42"});
        assert.deepEqual(describeSetup({...base, auditDatabase: "postgres://med42@db/med42", env: {MED42_DATABASE_URL: "postgres://other@db/x"}}).audit,
            {source: "user", database: "postgres://med42@db/med42"});
    });

    it("says whose crisis resources are in force and why", () => {
        const base = {remote: false, policyFile: "", auditDatabase: "", env: {}, defaultAuditDatabase: "/a.sqlite"};
        assert.deepEqual(describeSetup({...base, localeSetting: "", displayLanguage: "en", locale: {locale: "en-US", from: "requested", requested: "en"}}).resources,
            {locale: "en-US", why: "VS Code display language: en", matched: true});
        assert.deepEqual(describeSetup({...base, localeSetting: "en-GB", displayLanguage: "en", locale: {locale: "en-GB", from: "requested", requested: "en-GB"}}).resources,
            {locale: "en-GB", why: "med42.locale: en-GB", matched: true});
        assert.deepEqual(describeSetup({...base, localeSetting: "", displayLanguage: "fr", locale: {locale: "en-US", from: "default", requested: "fr"}}).resources,
            {locale: "en-US", why: "default; VS Code display language: fr", matched: false});
    });
});
