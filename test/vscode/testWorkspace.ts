/** The workspace and environment every VS Code test runs with: the generated test model, one thread, small answers. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {testModelPath} from "../support/testModel";

export const TEST_NOTE = "# Clinic note\n\nPatient seen for follow-up of hypertension.\nBP 150/95 today.\nStarted amlodipine 5 mg daily.\n";

/**
 * A test model that talks long enough to be stopped: with a large vocabulary of silent filler tokens the chance of
 * drawing an end-of-turn token is tiny, while the 256 byte tokens still print text (the tiny model ends most
 * answers within ~100 tokens, faster than a click).
 */
export function longTalkerModelPath(): string {
    return testModelPath({shape: {nVocab: 32000}, seed: 5});
}

/** A fresh workspace folder whose settings point the extension at the generated test model. */
export function makeTestWorkspace(extraSettings: Record<string, unknown> = {}): string {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), "med42-vscode-ws-"));
    fs.mkdirSync(path.join(ws, ".vscode"));
    const settings = {
        "med42.model": testModelPath(),
        "med42.modelsFolder": path.join(ws, ".models"),
        "med42.threads": 1,
        "med42.contextSize": 4096,
        "med42.sampling.maxTokens": 24,
        "med42.sampling.seed": 1,
        "med42.summary.insertMode": "below",
        "security.workspace.trust.enabled": false,
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "update.mode": "none",
        "telemetry.telemetryLevel": "off",
        "chat.disableAIFeatures": true,
        "workbench.secondarySideBar.defaultVisibility": "hidden",
        ...extraSettings
    };
    fs.writeFileSync(path.join(ws, ".vscode", "settings.json"), JSON.stringify(settings, null, 2));
    fs.writeFileSync(path.join(ws, "note.md"), TEST_NOTE);
    return ws;
}

/** Environment for the VS Code server (and so the extension host): one llama thread, the audit log among the artifacts. */
export function testServerEnv(artifactsDir: string, name: string): Record<string, string> {
    return {MED42_THREADS: "1", MED42_AUDIT_DB: path.join(artifactsDir, `${name}-audit.sqlite`)};
}
