import * as assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import {centralAuditUrl, openCentralAudit, withCentralAudit} from "../../extension/centralAudit";
import {assistantIdentity, readSettings, resolveModelSetting, serverApiKeySecret, toAssistantOptions} from "../../extension/settings";

function getter(values: Record<string, unknown>) {
    return <T>(key: string) => values[key] as T | undefined;
}

describe("extension settings → AssistantOptions", () => {
    it("maps every setting and never lets the core download on its own", () => {
        const s = readSettings(getter({
            "model": "models/med42.gguf", "modelsFolder": "~/m", "gpu": "cuda", "threads": 3, "contextSize": 4096,
            "sampling.temperature": 0.2, "sampling.topK": 40, "sampling.topP": 0.9, "sampling.maxTokens": 64, "sampling.seed": 7,
            "policyFile": "/etc/med42/policy.json", "auditDatabase": "off", "summary.insertMode": "replace"
        }));
        const o = toAssistantOptions(s, "/ws");
        assert.deepEqual(o, {
            autoDownload: false, gpu: "cuda", model: path.resolve("/ws", "models/med42.gguf"), modelsDir: path.join(os.homedir(), "m"),
            threads: 3, contextSize: 4096, sampling: {temperature: 0.2, topK: 40, topP: 0.9, maxTokens: 64, seed: 7},
            policyFile: "/etc/med42/policy.json", auditDb: false
        });
        assert.equal(s.insertMode, "replace");
    });

    it("leaves defaults to the core when settings are empty, and rejects unknown enum values", () => {
        const s = readSettings(getter({"model": "", "gpu": "tpu", "threads": 0, "summary.insertMode": "sideways", "sampling.seed": null}));
        assert.deepEqual(toAssistantOptions(s), {autoDownload: false, gpu: "auto"});
        assert.equal(s.insertMode, "ask");
    });

    it("takes a postgres:// audit database as the central audit log (a URL, never a path); MED42_DATABASE_URL when none is set", () => {
        const central = "postgres://med42@db.hospital.internal/med42";
        assert.equal(toAssistantOptions(readSettings(getter({auditDatabase: central})), "/ws").auditDb, central);
        assert.equal(toAssistantOptions(readSettings(getter({auditDatabase: "audit.sqlite"})), "/ws").auditDb, path.resolve("/ws", "audit.sqlite"));
        const env = {MED42_DATABASE_URL: " postgres://med42:pw@db/med42 "};
        assert.equal(withCentralAudit({}, env).auditDb, "postgres://med42:pw@db/med42");
        assert.equal(withCentralAudit({auditDb: false}, env).auditDb, false, "off stays off");
        assert.equal(withCentralAudit({auditDb: "/a.sqlite"}, env).auditDb, "/a.sqlite", "the setting wins");
        assert.deepEqual(withCentralAudit({}, {}), {});
        assert.throws(() => withCentralAudit({}, {MED42_DATABASE_URL: "db.sqlite"}), /MED42_DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
        assert.equal(centralAuditUrl({auditDb: central}), central);
        assert.equal(centralAuditUrl({auditDb: "/a.sqlite"}), undefined);
        assert.throws(() => openCentralAudit("postgres://med42:s3cret@db/med42", true), (e: Error) => /holds a password/.test(e.message) && !e.message.includes("s3cret"));
    });

    it("passes presets, hf: URIs and URLs through and resolves paths", () => {
        assert.equal(resolveModelSetting("med42-8b"), "med42-8b");
        assert.equal(resolveModelSetting("hf:mradermacher/Llama3-Med42-8B-GGUF:Q4_K_M"), "hf:mradermacher/Llama3-Med42-8B-GGUF:Q4_K_M");
        assert.equal(resolveModelSetting("https://example.org/m.gguf"), "https://example.org/m.gguf");
        assert.equal(resolveModelSetting("./m.gguf", "/ws"), path.resolve("/ws/m.gguf"));
        assert.equal(resolveModelSetting("/abs/m.gguf", "/ws"), "/abs/m.gguf");
        assert.equal(resolveModelSetting("~/m.gguf"), path.join(os.homedir(), "m.gguf"));
    });

    it("tells a model change (switch in place) from an engine change (new assistant)", () => {
        const base = toAssistantOptions(readSettings(getter({"model": "med42-8b", "sampling.topK": 1, "sampling.topP": 0.5})));
        const otherModel = toAssistantOptions(readSettings(getter({"model": "med42-70b", "sampling.topP": 0.5, "sampling.topK": 1})));
        const otherEngine = toAssistantOptions(readSettings(getter({"model": "med42-8b", "sampling.topK": 2, "sampling.topP": 0.5})));
        assert.equal(assistantIdentity(base), assistantIdentity(otherModel));
        assert.notEqual(assistantIdentity(base), assistantIdentity(otherEngine));
    });

    it("maps the model server settings, with the API key from secret storage only, bound to the server's URL", () => {
        const s = readSettings(getter({"model": "med42-8b", "server.url": " http://gpu1:8000/v1, http://gpu2:8000 ", "server.model": "m42-health/Llama3-Med42-8B"}));
        assert.deepEqual(toAssistantOptions(s, "/ws", "key-1").server,
            {urls: ["http://gpu1:8000", "http://gpu2:8000"], model: "m42-health/Llama3-Med42-8B", apiKey: "key-1"});
        assert.equal(toAssistantOptions(readSettings(getter({"server.url": ""}))).server, undefined, "empty: the core reads MED42_SERVER_URL");
        assert.throws(() => toAssistantOptions(readSettings(getter({"server.url": "gpu1:8000"}))), /med42\.server\.url: "gpu1:8000" must start with http/);
        assert.equal(serverApiKeySecret("http://gpu1:8000/v1"), "med42.server.apiKey:http://gpu1:8000");
        assert.notEqual(serverApiKeySecret("http://attacker.example:8000"), serverApiKeySecret("http://gpu1:8000"),
            "a workspace pointing the setting elsewhere never gets the key");
        assert.equal(serverApiKeySecret("not a url"), undefined);
        const a = toAssistantOptions(s, "/ws", "key-1");
        assert.notEqual(assistantIdentity(a), assistantIdentity(toAssistantOptions(s, "/ws", "key-2")), "a new key rebuilds the assistant");
    });
});
