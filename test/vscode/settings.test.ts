import * as assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import {assistantIdentity, readSettings, resolveModelSetting, toAssistantOptions} from "../../extension/settings";

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
});
