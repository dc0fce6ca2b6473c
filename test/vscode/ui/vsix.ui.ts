/**
 * The packaged extension as a new user gets it: `npm run package` builds the .vsix, the VS Code server installs it
 * (--install-extension), and a fresh workbench (no development path) activates it, shows the model in the chat view
 * and answers a question from the generated test model with the disclaimer.
 */
import * as assert from "node:assert/strict";
import {execFileSync} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type {Page} from "playwright-core";
import {installExtension, launchChromium, repoRoot, VscodeServer, type BrowserSession} from "../../support/vscodeServer";
import {makeTestWorkspace, testServerEnv} from "../testWorkspace";
import {uiHarness} from "./harness";
import {chatFrame, screenshot, waitForWorkbench} from "./workbench";

describe("the packaged .vsix installed into VS Code", function () {
    this.timeout(240_000);
    let tmp: string;
    let vsix: string;
    let server: VscodeServer | undefined;
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
        if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
    });

    it("is well under 30 MB", () => {
        assert.ok(fs.statSync(vsix).size < 30 * 1024 * 1024, `${(fs.statSync(vsix).size / 1e6).toFixed(1)} MB`);
    });

    it("installs, activates and answers in a fresh VS Code", async () => {
        const data = path.join(tmp, "data");
        const extensions = path.join(tmp, "extensions");
        installExtension(uiHarness.install!, vsix, extensions, data);
        assert.ok(fs.readdirSync(extensions).some((d) => d.startsWith("med42-assist.med42-assist-")));

        const ws = makeTestWorkspace();
        server = await VscodeServer.start({
            install: uiHarness.install!, userDataDir: data, extensionsDir: extensions,
            env: testServerEnv(uiHarness.artifactsDir!, "vsix"), logFile: path.join(uiHarness.artifactsDir!, "vsix-server.log")
        });
        session = await launchChromium(uiHarness.install!);
        page = session.page;
        await page.goto(server.workbenchUrl({folder: ws}), {timeout: 60_000});
        await waitForWorkbench(page);
        const status = page.locator(".statusbar-item", {hasText: "Med42"}).first();
        await status.waitFor({state: "visible", timeout: 90_000});
        await status.click();
        const chat = chatFrame(page);
        await chat.locator("#model-panel[data-status=idle]").waitFor({timeout: 60_000});
        await chat.locator("#input").fill("What does a normal ECG show?");
        await chat.locator("#input").press("Enter");
        const turn = chat.locator("article.turn").first();
        await turn.locator(".answer-actions").waitFor({state: "visible", timeout: 120_000});
        assert.ok((await turn.locator(".answer-body").innerText()).trim().length > 0);
        assert.match(await turn.locator("[data-testid=disclaimer]").innerText(), /\w{10,}/);
        await screenshot(page, "07-installed-vsix-answer");
        fs.rmSync(ws, {recursive: true, force: true});
    });
});
