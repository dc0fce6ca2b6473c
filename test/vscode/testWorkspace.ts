/**
 * The workspace and environment the VS Code tests run with: the generated test model, and (unless a test asks for a
 * new user's settings) the pins below. See docs/testing.md.
 */
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

/**
 * Settings the suite pins, and why: the suite runs the model some twenty times on a shared 2-core machine.
 * Tests that exercise the defaults remove them (extension.test.ts "a new user's settings", vsix.ui.ts).
 */
export const SUITE_PINS = {
    /** llama.cpp's worker threads spin: two of them on a busy 2-core machine are several times slower than one. */
    "med42.threads": 1,
    /** Half the default 8192: a smaller KV cache for the many model loads (settings changes reload the model). */
    "med42.contextSize": 4096,
    /** Short answers: the tests check what happens to an answer, not its length (the default is 512). */
    "med42.sampling.maxTokens": 24,
    /** The same answers on every run (the default is a random seed). */
    "med42.sampling.seed": 1,
    /** No question where the summary goes (the default "ask" opens a quick pick). */
    "med42.summary.insertMode": "below"
};

/**
 * A fresh workspace folder whose settings point the extension at the generated test model, with the suite's pins
 * unless `pinned` is false (then only the model and the models folder are set, as a new user would have them).
 */
export function makeTestWorkspace(extraSettings: Record<string, unknown> = {}, options: {pinned?: boolean} = {}): string {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), "med42-vscode-ws-"));
    fs.mkdirSync(path.join(ws, ".vscode"));
    const settings = {
        "med42.model": testModelPath(),
        "med42.modelsFolder": path.join(ws, ".models"),
        ...(options.pinned === false ? {} : SUITE_PINS),
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

/**
 * Environment for the VS Code server (and so the extension host): no MED42_* variable from the test process but
 * MED42_THREADS=1, which the default thread count reads (every physical core: llama.cpp's spinning threads make two
 * of them several times slower than one on a busy 2-core machine); and XDG_DATA_HOME among the artifacts, so the
 * audit log is written at its default path (<artifacts>/<name>-data/med42-assist/audit.sqlite), not the user's.
 */
export function testServerEnv(artifactsDir: string, name: string): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = {};
    for (const key of Object.keys(process.env)) if (key.startsWith("MED42_")) env[key] = undefined;
    return {...env, MED42_THREADS: "1", XDG_DATA_HOME: path.join(artifactsDir, `${name}-data`)};
}
