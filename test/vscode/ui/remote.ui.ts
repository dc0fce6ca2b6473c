/**
 * Med42 in a remote window, as in code-server, Codespaces, Remote-SSH or WSL: the browser workbench talks to a VS Code
 * server and the extension runs there, so machine-scoped settings come from the server's Remote settings. Checks the
 * settings in force and the failure paths a user meets there: a policy file from Remote settings (shown in the view,
 * "Open settings" opens the Remote tab), an unreadable policy file, a model path that does not exist, and a download
 * that fails. Screenshots go to .vscode-test/artifacts/screenshots.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type {Page} from "playwright-core";
import {launchChromium, repoRoot, VscodeServer, type BrowserSession} from "../../support/vscodeServer";
import {LoopbackHttpServer} from "../../support/loopbackHttp";
import {makeTestWorkspace, testServerEnv} from "../testWorkspace";
import {uiHarness} from "./harness";
import {chatFrame, screenshot, waitForWorkbench, writeWorkspaceSettings} from "./workbench";

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Where the default preset downloads from (the loopback server stands in for Hugging Face). */
const PRESET_FILE = "/mradermacher/Llama3-Med42-8B-GGUF/resolve/main/Llama3-Med42-8B.Q4_K_M.gguf";

describe("Med42 in a remote window (code-server): settings in force and failure paths (UI)", function () {
    this.timeout(180_000);
    let tmp: string;
    let server: VscodeServer;
    let hub: LoopbackHttpServer;
    let session: BrowserSession;
    let page: Page;
    let ws: string;
    let configuredModel: string;
    let policyFile: string;
    let auditDatabase: string;

    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "med42-remote-ui-"));
        hub = await LoopbackHttpServer.start();
        // The Hub is down: every download of the preset fails with 503.
        hub.serveFile(PRESET_FILE, {body: Buffer.alloc(0), status: 503});
        ws = makeTestWorkspace();
        // An institution's policy (its own disclaimer and a blocked term) and audit log, set where a remote window
        // reads machine settings: the server's Remote settings.
        policyFile = path.join(tmp, "institution-policy.json");
        fs.writeFileSync(policyFile, JSON.stringify({
            version: 1,
            disclaimer: {text: "Institution test disclaimer: Med42 is not for clinical use here."},
            blockedTerms: [{term: "zebracorn", category: "out_of_scope", message: "Institution policy: zebracorn questions are not answered here."}]
        }));
        auditDatabase = path.join(tmp, "institution-audit.sqlite");
        configuredModel = JSON.parse(fs.readFileSync(path.join(ws, ".vscode", "settings.json"), "utf8"))["med42.model"] as string;
        server = await VscodeServer.start({
            install: uiHarness.install!,
            userDataDir: path.join(tmp, "server-data"),
            env: {...testServerEnv(uiHarness.artifactsDir!, "remote-ui"), MED42_HF_ENDPOINT: hub.origin},
            logFile: path.join(uiHarness.artifactsDir!, "remote-ui-server.log"),
            keepLogsIn: path.join(uiHarness.artifactsDir!, "remote-ui-logs")
        });
        server.writeRemoteSettings({"med42.policyFile": policyFile, "med42.auditDatabase": auditDatabase});
        session = await launchChromium(uiHarness.install!);
        page = session.page;
        const log = path.join(uiHarness.artifactsDir!, "remote-ui-workbench.log");
        page.on("console", (m) => fs.appendFileSync(log, `[${m.type()}] ${m.text()}\n`));
        await page.goto(server.workbenchUrl({folder: ws, extensionDevelopmentPath: repoRoot}), {timeout: 60_000});
        await waitForWorkbench(page);
        const status = page.locator(".statusbar-item", {hasText: "Med42"}).first();
        await status.waitFor({state: "visible", timeout: 90_000});
        await status.click();
        await chatFrame(page).locator("body[data-synced=true]").waitFor({timeout: 60_000});
    });

    afterEach(async function () {
        if (this.currentTest?.state === "failed" && page) {
            await screenshot(page, `failed-remote-${this.currentTest.title.replace(/\W+/g, "-")}`).catch(() => undefined);
        }
    });

    after(async () => {
        await session?.close();
        await server?.stop();
        await hub?.close();
        if (ws) fs.rmSync(ws, {recursive: true, force: true});
        if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
    });

    const chat = () => chatFrame(page);
    const panel = () => chat().locator("#model-panel");
    /** Notifications as the notification center lists them (this VS Code keeps toasts of a window in the test browser there). */
    const notifications = () => page.locator(".notifications-center .notification-list-item");
    async function showNotifications(): Promise<void> {
        if (!(await page.locator(".notifications-center.visible").count())) await page.locator("#status\\.notifications").click();
        await page.locator(".notifications-center.visible").waitFor({timeout: 10_000});
    }
    async function hideNotifications(): Promise<void> {
        if (await page.locator(".notifications-center.visible").count()) await page.locator("#status\\.notifications").click();
    }

    it("applies the policy file and audit database from Remote settings and shows them in the view", async () => {
        const policyRow = chat().locator("#setup [data-setup=policy]");
        await policyRow.waitFor({timeout: 30_000});
        assert.equal(await policyRow.innerText(), `Policy: ${policyFile} (Remote settings)`);
        assert.match(await chat().locator("#setup [data-setup=audit]").innerText(), new RegExp(`^Audit log: ${escapeRegExp(auditDatabase)} \\(Remote settings\\)`));
        // The institution's policy is the one in force: its blocked term and its disclaimer.
        const input = chat().locator("#input");
        await input.fill("How is zebracorn dosed?");
        await input.press("Enter");
        const turn = chat().locator("article.turn").last();
        await turn.locator(".notice").waitFor({timeout: 60_000});
        assert.match(await turn.locator(".notice").innerText(), /Institution policy: zebracorn questions are not answered here\./);
        assert.match(await turn.locator("[data-testid=disclaimer]").innerText(), /Institution test disclaimer/);
        await screenshot(page, "18-remote-settings-in-force");
    });

    it("opens the Remote settings tab, where the policy file lives in a remote window", async () => {
        await chat().locator("#setup [data-action=open-settings]").click();
        const checked = page.locator(".settings-editor .settings-tabs-widget .action-label.checked");
        await checked.waitFor({timeout: 30_000});
        assert.match(await checked.innerText(), /Remote/);
        await page.locator(".settings-editor .setting-item-contents", {hasText: "Policy File"}).first().waitFor({timeout: 30_000});
        await screenshot(page, "19-remote-settings-tab");
        await page.keyboard.press("Control+W");
    });

    it("shows a policy file that cannot be read as an error, never falling back to the built-in policy", async () => {
        const unreadable = path.join(tmp, "no-such-policy.json");
        server.writeRemoteSettings({"med42.policyFile": unreadable, "med42.auditDatabase": auditDatabase});
        const problem = chat().locator("#model-panel [data-problem=policy]");
        await problem.waitFor({timeout: 30_000});
        assert.match(await problem.innerText(), new RegExp(`^Policy problem: policy file ${escapeRegExp(unreadable)}: no such file`));
        assert.match(await chat().locator("#setup [data-setup=policy]").innerText(), new RegExp(escapeRegExp(unreadable)));
        await chat().locator("#model-panel [data-action=open-settings][data-setting=policyFile]").waitFor();
        // Asking answers nothing: the request fails with the same reason.
        const input = chat().locator("#input");
        await input.fill("What is a normal resting heart rate?");
        await input.press("Enter");
        const turn = chat().locator("article.turn").last();
        await turn.locator(".error").waitFor({timeout: 60_000});
        assert.match(await turn.locator(".error").innerText(), /policy file .*no-such-policy\.json: no such file/);
        assert.equal(await turn.locator(".answer-body").count(), 0);
        // A notification says so too (the view may be closed).
        await showNotifications();
        await notifications().filter({hasText: "the policy file cannot be used"}).first().waitFor({timeout: 30_000});
        await screenshot(page, "19b-remote-unreadable-policy");
        await hideNotifications();
        server.writeRemoteSettings({"med42.policyFile": policyFile, "med42.auditDatabase": auditDatabase});
        await problem.waitFor({state: "detached", timeout: 30_000});
    });

    it("shows a model path that does not exist as \"file not found\", with Choose model file… and Select model…", async () => {
        const missing = path.join(tmp, "no-such-folder", "med42-missing.gguf");
        writeWorkspaceSettings(ws, {"med42.model": missing});
        await chat().locator(`#model-panel[data-status=error][data-model="${missing}"]`).waitFor({timeout: 30_000});
        assert.match(await panel().innerText(), new RegExp(`model file not found: ${escapeRegExp(missing)}`));
        assert.equal(await panel().locator("[data-action=download]").count(), 0, "nothing to download for a local path");
        await panel().locator("button", {hasText: "Choose model file…"}).waitFor();
        await panel().locator("button", {hasText: "Select model…"}).waitFor();
        assert.doesNotMatch(await panel().innerText(), /med42 pull|--model|`/, "no command-line advice");
        await screenshot(page, "20-remote-missing-model-file");
    });

    it("ends the download progress when a download fails, then shows the error; Retry downloads again", async () => {
        writeWorkspaceSettings(ws, {"med42.model": "med42-8b", "med42.modelsFolder": path.join(tmp, "models")});
        await chat().locator("#model-panel[data-status=not-downloaded]").waitFor({timeout: 30_000});
        await panel().locator("[data-action=download]").click();
        await chat().locator("#model-panel[data-status=error]").waitFor({timeout: 60_000});
        await showNotifications();
        const error = notifications().filter({hasText: "HTTP 503"});
        await error.first().waitFor({state: "visible", timeout: 30_000});
        // The error is open; the progress notification must already be gone.
        await notifications().filter({hasText: "downloading Med42-v2"}).first().waitFor({state: "detached", timeout: 10_000});
        assert.doesNotMatch(await error.first().innerText(), /med42 pull|--model|`/, "no command-line advice");
        await screenshot(page, "21-remote-download-failed");
        await hideNotifications();
        // The view's Retry repeats the download (it does not fall back to offering the download again).
        await chat().locator("#model-panel[data-status=error]").waitFor({timeout: 30_000});
        const gets = () => hub.requestsFor(PRESET_FILE).filter((r) => r.method === "GET").length;
        const before = gets();
        await panel().locator("[data-action=retry]").click();
        for (let i = 0; i < 200 && gets() === before; i++) await new Promise((r) => setTimeout(r, 100));
        assert.ok(gets() > before, "Retry asked the Hub for the model again");
        await chat().locator("#model-panel[data-status=error]").waitFor({timeout: 30_000});
        writeWorkspaceSettings(ws, {"med42.model": configuredModel, "med42.modelsFolder": path.join(ws, ".models")});
        await chat().locator("#model-panel[data-status=idle]").waitFor({timeout: 30_000});
    });
});
