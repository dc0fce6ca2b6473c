/**
 * The packaged extension as a new user gets it: `npm run package` builds the .vsix, the VS Code server installs it
 * (--install-extension), and a fresh workbench (no development path) activates it. The chat view offers to download
 * the default model (a loopback server stands in for Hugging Face and serves the generated test model under the
 * preset's name), the user clicks Download, then asks a question and gets an answer with the disclaimer. Every
 * setting but the models folder is a new user's default (context size, answer length, sampling, policy, audit log);
 * threads come from the default's code path with MED42_THREADS=1 (see testServerEnv: all cores is several times
 * slower on a busy 2-core machine).
 */
import * as assert from "node:assert/strict";
import {execFileSync} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type {Page} from "playwright-core";
import {installExtension, launchChromium, repoRoot, VscodeServer, type BrowserSession} from "../../support/vscodeServer";
import {AuditLog} from "../../../shared/audit/auditLog";
import {LoopbackHttpServer} from "../../support/loopbackHttp";
import {testModelPath} from "../../support/testModel";
import {makeTestWorkspace, testServerEnv} from "../testWorkspace";
import {uiHarness} from "./harness";
import {chatFrame, screenshot, waitForWorkbench} from "./workbench";

describe("the packaged .vsix installed into VS Code", function () {
    this.timeout(240_000);
    let tmp: string;
    let vsix: string;
    let server: VscodeServer | undefined;
    let hub: LoopbackHttpServer | undefined;
    let session: BrowserSession | undefined;
    let page: Page;

    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "med42-vsix-"));
        try {
            execFileSync(process.execPath, [path.join(repoRoot, "scripts", "package-vsix.js"), "--target", "linux-x64", "--out", tmp], {
                cwd: repoRoot, stdio: "pipe", encoding: "utf8", timeout: 180_000
            });
        } catch (err) {
            const e = err as {stdout?: string; stderr?: string; message: string};
            throw new Error(`npm run package failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
        }
        vsix = fs.readdirSync(tmp).filter((f) => f.endsWith(".vsix")).map((f) => path.join(tmp, f))[0];
        assert.ok(vsix, "npm run package produced a .vsix");
    });

    after(async () => {
        await session?.close();
        await server?.stop();
        await hub?.close();
        if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
    });

    it("is well under 30 MB", () => {
        assert.ok(fs.statSync(vsix).size < 30 * 1024 * 1024, `${(fs.statSync(vsix).size / 1e6).toFixed(1)} MB`);
    });

    it("installs, activates, downloads the model on request and answers in a fresh VS Code", async () => {
        const data = path.join(tmp, "data");
        const extensions = path.join(tmp, "extensions");
        installExtension(uiHarness.install!, vsix, extensions, data);
        assert.ok(fs.readdirSync(extensions).some((d) => d.startsWith("med42-assist.med42-assist-")));

        hub = await LoopbackHttpServer.start();
        const presetFile = "/mradermacher/Llama3-Med42-8B-GGUF/resolve/main/Llama3-Med42-8B.Q4_K_M.gguf";
        hub.serveFile(presetFile, {body: fs.readFileSync(testModelPath()), chunkSize: 4096});
        const models = path.join(tmp, "models");
        // A new user's settings: the default preset, nothing downloaded yet, none of the suite's pins. The models
        // folder is the one setting changed (so the download lands in the test's folder, not the user's cache).
        const ws = makeTestWorkspace({"med42.model": "med42-8b", "med42.modelsFolder": models}, {pinned: false});
        const settings = JSON.parse(fs.readFileSync(path.join(ws, ".vscode", "settings.json"), "utf8")) as Record<string, unknown>;
        assert.deepEqual(Object.keys(settings).filter((k) => k.startsWith("med42.")), ["med42.model", "med42.modelsFolder"]);
        const serverEnv: Record<string, string | undefined> = {...testServerEnv(uiHarness.artifactsDir!, "vsix"), MED42_HF_ENDPOINT: hub.origin};
        server = await VscodeServer.start({
            install: uiHarness.install!, userDataDir: data, extensionsDir: extensions,
            env: serverEnv,
            logFile: path.join(uiHarness.artifactsDir!, "vsix-server.log"),
            keepLogsIn: path.join(uiHarness.artifactsDir!, "vsix-logs")
        });
        session = await launchChromium(uiHarness.install!);
        page = session.page;
        await page.goto(server.workbenchUrl({folder: ws}), {timeout: 60_000});
        await waitForWorkbench(page);
        const status = page.locator(".statusbar-item", {hasText: "Med42"}).first();
        await status.waitFor({state: "visible", timeout: 90_000});
        await status.click();
        const chat = chatFrame(page);
        await chat.locator("#model-panel[data-status=not-downloaded]").waitFor({timeout: 60_000});
        const download = chat.locator("[data-action=download]");
        assert.match(await download.innerText(), /^Download Med42-v2 8B Q4_K_M \(4\.92 GB\)$/);
        await screenshot(page, "07-new-user-not-downloaded");
        await download.click();
        await chat.locator("#model-panel[data-status=idle]").waitFor({timeout: 120_000});
        assert.equal(hub.requestsFor(presetFile).filter((r) => r.method === "GET").length >= 1, true, "the model came from the (fake) Hub");
        assert.ok(fs.readdirSync(models, {recursive: true}).some((f) => String(f).endsWith(".gguf")), "the model is in the models folder");

        await chat.locator("#input").fill("What does a normal ECG show?");
        await chat.locator("#input").press("Enter");
        const turn = chat.locator("article.turn").first();
        await turn.locator(".answer-actions").waitFor({state: "visible", timeout: 120_000});
        assert.ok((await turn.locator(".answer-body").innerText()).trim().length > 0);
        assert.match(await turn.locator("[data-testid=disclaimer]").innerText(), /not ready for clinical use/);
        await chat.locator("#model-panel[data-status=ready]").waitFor({timeout: 10_000});
        // The audit log at its default path (XDG_DATA_HOME points into the artifacts; no MED42_AUDIT_DB).
        const log = new AuditLog(path.join(serverEnv.XDG_DATA_HOME!, "med42-assist", "audit.sqlite"));
        try {
            assert.deepEqual(log.list().map((r) => [r.kind, r.surface, r.action, r.model]),
                [["decision", "vscode", "answer", "Llama3-Med42-8B.Q4_K_M.gguf"]], "the one question, audited");
        } finally {
            log.close();
        }
        await screenshot(page, "08-installed-vsix-answer");
        fs.rmSync(ws, {recursive: true, force: true});
    });
});
