/**
 * The chat view as a user meets it, in a real VS Code (code-server's VS Code server) in Chromium: open it from the
 * status bar, ask the generated test model, see the streamed answer and the disclaimer, stop a generation, insert
 * an answer into a document, and find the conversation again after a window reload. Screenshots go to
 * .vscode-test/artifacts/screenshots.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type {Page} from "playwright-core";
import {launchChromium, repoRoot, VscodeServer, type BrowserSession} from "../../support/vscodeServer";
import {longTalkerModelPath, makeTestWorkspace, testServerEnv} from "../testWorkspace";
import {uiHarness} from "./harness";
import {chatFrame, editorText, openFile, paletteWithCommand, runCommand, screenshot, waitForWorkbench, writeWorkspaceSettings} from "./workbench";

const PLAN_NOTE = "# Note\n\nPatient seen for follow-up.\nBP 150/95 today.\n\n## Plan\n\nRecheck in 4 weeks.\n";

describe("Med42 chat view in VS Code (UI)", function () {
    this.timeout(180_000);
    let server: VscodeServer;
    let session: BrowserSession;
    let page: Page;
    let ws: string;

    before(async () => {
        ws = makeTestWorkspace();
        fs.writeFileSync(path.join(ws, "plan-note.md"), PLAN_NOTE);
        server = await VscodeServer.start({
            install: uiHarness.install!,
            env: testServerEnv(uiHarness.artifactsDir!, "ui"),
            logFile: path.join(uiHarness.artifactsDir!, "ui-server.log"),
            keepLogsIn: path.join(uiHarness.artifactsDir!, "ui-logs")
        });
        session = await launchChromium(uiHarness.install!);
        page = session.page;
        const log = path.join(uiHarness.artifactsDir!, "ui-workbench.log");
        page.on("console", (m) => fs.appendFileSync(log, `[${m.type()}] ${m.text()}\n`));
        await page.goto(server.workbenchUrl({folder: ws, extensionDevelopmentPath: repoRoot}), {timeout: 60_000});
        await waitForWorkbench(page);
    });

    afterEach(async function () {
        if (this.currentTest?.state === "failed" && page) {
            await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, "-")}`).catch(() => undefined);
        }
    });

    after(async () => {
        await session?.close();
        await server?.stop();
        if (ws) fs.rmSync(ws, {recursive: true, force: true});
    });

    const chat = () => chatFrame(page);
    /** Clicks an action of the view's title bar ("New Chat", "Show Chats"). */
    const titleAction = (label: string) => page.locator(`.sidebar .action-label[aria-label^='${label}']:visible`).first().click();
    const turns = () => chat().locator("article.turn");

    /** Sends a question with Enter; returns the locator of its turn. */
    async function ask(question: string) {
        // The view ignores Enter while a request runs (Stop is shown instead of Send): wait until the last one ended.
        await chat().locator("body:not(.busy)").waitFor({timeout: 120_000});
        const n = await turns().count();
        const input = chat().locator("#input");
        await input.click();
        await input.fill(question);
        await input.press("Enter");
        const turn = turns().nth(n);
        await turn.waitFor({state: "visible", timeout: 30_000});
        assert.match(await turn.locator(".question").innerText(), new RegExp(question.slice(0, 20)));
        return turn;
    }

    it("opens the chat view from the status bar and shows the model state", async () => {
        await page.locator(".statusbar-item", {hasText: "Med42"}).first().click();
        await chat().locator("#model-panel").waitFor({state: "visible", timeout: 60_000});
        // The model is configured but not loaded: activation loads nothing.
        await chat().locator("#model-panel[data-status=idle]").waitFor({timeout: 30_000});
        assert.match(await chat().locator("#model-panel").innerText(), /med42-test\.gguf/);
        await screenshot(page, "01-chat-view-open");
    });

    it("asks a question and streams the answer with the disclaimer under it", async () => {
        const turn = await ask("What is the first-line treatment for stage 1 hypertension?");
        await turn.locator(".answer-actions").waitFor({state: "visible", timeout: 120_000});
        const answer = await turn.locator(".answer-body").innerText();
        assert.ok(answer.trim().length > 0, "the model's answer is shown");
        const disclaimer = await turn.locator("[data-testid=disclaimer]").innerText();
        assert.match(disclaimer, /\w{10,}/, "a disclaimer is under the answer");
        await chat().locator("#model-panel[data-status=ready]").waitFor({timeout: 10_000});
        assert.match(await page.locator(".statusbar-item", {hasText: "Med42"}).first().innerText(), /Med42/);
        await screenshot(page, "02-answer-with-disclaimer");
        // The extension's Output channel is written (the server can write logs) and kept among the artifacts.
        const log = server.extensionLog("med42-assist.med42-assist", "Med42");
        assert.ok(log, "the extension host wrote the Med42 Output channel's log file");
        assert.match(fs.readFileSync(log, "utf8"), /assistant created for model .*med42-test\.gguf/);
    });

    it("wraps long words and URLs in messages; a code block scrolls on its own", async () => {
        const url = `https://example.org/guidelines/${"hypertension-management-".repeat(8)}summary`;
        const word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3);
        const code = `const dose = [${Array.from({length: 40}, (_, i) => i * 5).join(", ")}];`;
        const turn = await ask(`Is ${word} related to the guidance at ${url}?\n\n\`\`\`js\n${code}\n\`\`\``);
        await turn.locator(".question pre").waitFor();
        const sizes = await chat().locator("#messages").evaluate((m) => {
            const pre = m.querySelector("article.turn:last-child .question pre") as HTMLElement;
            return {scroll: m.scrollWidth, client: m.clientWidth, preScroll: pre.scrollWidth, preClient: pre.clientWidth};
        });
        assert.ok(sizes.scroll <= sizes.client, `the conversation does not scroll sideways: ${JSON.stringify(sizes)}`);
        assert.ok(sizes.preScroll > sizes.preClient, `the code block keeps its line and scrolls by itself: ${JSON.stringify(sizes)}`);
        await turn.locator("[data-testid=disclaimer]").waitFor();
        await turn.locator(".answer-actions, .error").first().waitFor({timeout: 120_000});
        await screenshot(page, "02a-long-words-wrap");
    });

    it("keeps an answer that has just finished when the window reloads at once", async () => {
        const turn = await ask("What is the normal range of serum sodium?");
        const index = (await turns().count()) - 1;
        // Reload the moment the view shows the answer as finished (its actions appear with the end of the turn).
        await turn.locator(".answer-actions").waitFor({state: "visible", timeout: 120_000});
        const answer = await turn.locator(".answer-body").innerText();
        await page.reload();
        await waitForWorkbench(page);
        await page.locator(".statusbar-item", {hasText: "Med42"}).first().waitFor({state: "visible", timeout: 90_000});
        await runCommand(page, "Med42: Open Chat");
        const again = turns().nth(index);
        await again.waitFor({state: "visible", timeout: 60_000});
        await chat().locator("body[data-synced=true]").waitFor({timeout: 60_000});
        assert.equal(await again.locator(".stopped").count(), 0, "the finished answer did not come back as stopped");
        assert.equal(await again.locator(".answer-body").innerText(), answer, "the whole answer is kept");
        await screenshot(page, "02b-answer-kept-after-immediate-reload");
    });

    it("stops a generation with the Stop button", async () => {
        // Long answers, so there is time to stop one (a model switch; the sampling change restarts the assistant).
        const configured = JSON.parse(fs.readFileSync(path.join(ws, ".vscode", "settings.json"), "utf8"))["med42.model"] as string;
        const longTalker = longTalkerModelPath();
        writeWorkspaceSettings(ws, {"med42.model": longTalker, "med42.sampling.maxTokens": 3000});
        await chat().locator(`#model-panel[data-status=idle][data-model="${longTalker}"]`).waitFor({timeout: 30_000});
        const turn = await ask("Explain the management of chronic kidney disease in detail.");
        await turn.locator(".answer-body").waitFor({state: "visible", timeout: 120_000});
        await chat().locator("#stop").click();
        await turn.locator(".stopped").waitFor({state: "visible", timeout: 30_000});
        assert.ok((await turn.locator(".answer-body").innerText()).length > 0, "the partial answer stays");
        await chat().locator("#send").waitFor({state: "visible", timeout: 10_000});
        await turn.locator("[data-testid=disclaimer]").waitFor({state: "visible"});
        await screenshot(page, "03-stopped");
        writeWorkspaceSettings(ws, {"med42.model": configured, "med42.sampling.maxTokens": 24});
    });

    it("inserts an answer into the editor, marked as AI-generated with the disclaimer", async () => {
        await openFile(page, "note.md");
        await page.locator(".editor-instance .monaco-editor").first().click();
        await page.keyboard.press("Control+End");
        await turns().first().locator("[data-action=insert-answer]").click();
        // Monaco renders spaces as non-breaking spaces.
        await page.waitForFunction(() => document.querySelector(".editor-instance .view-lines")?.textContent?.replace(/\u00a0/g, " ").includes("AI-GENERATED ANSWER"), undefined, {timeout: 20_000});
        const text = await editorText(page);
        assert.match(text, /Patient seen for follow-up of hypertension/);
        assert.match(text, /BEGIN AI-GENERATED ANSWER \(Med42, med42-test\.gguf/);
        assert.match(text, /END AI-GENERATED ANSWER/);
        await screenshot(page, "04-inserted-answer");
    });

    it("Med42: Select Model offers the presets and switches to the one picked", async () => {
        const settingsFile = path.join(ws, ".vscode", "settings.json");
        const configured = JSON.parse(fs.readFileSync(settingsFile, "utf8"))["med42.model"] as string;
        const input = await paletteWithCommand(page, "Med42: Select Model");
        await input.press("Enter");
        // The command's own quick pick replaces the palette: the three presets, a file, a URI.
        const preset = page.locator(".quick-input-widget .monaco-list-row", {hasText: "Med42-v2 70B Q4_K_M"});
        await preset.waitFor({state: "visible", timeout: 15_000});
        const rows = await page.locator(".quick-input-widget .monaco-list-row").allInnerTexts();
        assert.equal(rows.length, 5, rows.join(" | "));
        await screenshot(page, "04b-select-model");
        await preset.click();
        await chat().locator(`#model-panel[data-status=not-downloaded][data-model="med42-70b"]`).waitFor({timeout: 30_000});
        assert.equal(JSON.parse(fs.readFileSync(settingsFile, "utf8"))["med42.model"], "med42-70b", "the workspace setting");
        writeWorkspaceSettings(ws, {"med42.model": configured});
        await chat().locator(`#model-panel[data-status=idle][data-model="${configured}"]`).waitFor({timeout: 30_000});
    });

    it("marks an inserted answer that was stopped as incomplete", async () => {
        const stopped = chat().locator("article.turn:has(.status-stopped)").first();
        await page.locator(".editor-instance .monaco-editor").first().click();
        await page.keyboard.press("Control+End");
        await stopped.locator("[data-action=insert-answer]").click();
        // Wait for this answer's own mark: the answer inserted before it may carry "Incomplete:" too (cut off at the
        // length limit), which would end the wait before this insertion lands.
        await page.waitForFunction(() => document.querySelector(".editor-instance .view-lines")?.textContent?.replace(/\u00a0/g, " ")
            .includes("stopped before it finished"), undefined, {timeout: 20_000});
        const text = await editorText(page);
        assert.ok(text.includes("> **Incomplete:** the answer was stopped before it finished."), text);
        await screenshot(page, "04a-inserted-incomplete");
        await page.keyboard.press("Control+Z");
    });

    it("copies an answer as plain text with the disclaimer, without the AI-generated markers", async () => {
        await turns().first().locator("[data-action=copy-answer]").click();
        await chat().locator("#toast:not([hidden])").waitFor({timeout: 10_000});
        const clip = await page.evaluate(() => navigator.clipboard.readText());
        assert.doesNotMatch(clip, /<!--|AI-GENERATED|^>/m, "no document markers on the clipboard");
        assert.match(clip, /Not for clinical use|not ready for clinical use/, "the disclaimer is copied too");
        assert.ok(clip.startsWith((await turns().first().locator(".answer-body").innerText()).trim().slice(0, 3)), clip);
    });

    it("summarizes a selection, leaving the cursor after the summary and one blank line before the next heading", async () => {
        await openFile(page, "plan-note.md");
        await page.locator(".editor-instance .monaco-editor").first().click();
        await page.keyboard.press("Control+Home");
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Shift+ArrowDown");
        await page.keyboard.press("Shift+ArrowDown");
        await runCommand(page, "Med42: Summarize Selection");
        await page.waitForFunction(() => document.querySelector(".editor-instance .view-lines")?.textContent?.replace(/\u00a0/g, " ").includes("END AI-GENERATED SUMMARY"), undefined, {timeout: 120_000});
        await screenshot(page, "04b-summary-inserted");
        // A keystroke goes after the summary: nothing of the note or the summary is replaced.
        await page.keyboard.type("Z");
        const text = await editorText(page);
        assert.match(text, /Patient seen for follow-up\.\nBP 150\/95 today\.\n\n<!-- BEGIN AI-GENERATED SUMMARY/);
        assert.match(text, /<!-- END AI-GENERATED SUMMARY -->Z\n\n## Plan\n/, "the cursor was after the summary, one blank line before the heading");
        await page.keyboard.press("Control+Z");
        await page.keyboard.press("Control+Z");
    });

    it("keeps the conversation after a window reload", async () => {
        const before = await turns().count();
        assert.equal(before, 4, "the four questions asked above (hypertension, long words, sodium, the stopped one)");
        await page.reload();
        await waitForWorkbench(page);
        // The status-bar item appears once the extension host has activated the extension again.
        await page.locator(".statusbar-item", {hasText: "Med42"}).first().waitFor({state: "visible", timeout: 90_000});
        await runCommand(page, "Med42: Open Chat");
        await turns().first().waitFor({state: "visible", timeout: 60_000});
        assert.equal(await turns().count(), before);
        await titleAction("Show Chats");
        assert.ok(await chat().locator(".history-list li").count() >= 1);
        await screenshot(page, "05-after-reload-history");
        // The list's own close button (the view has no toolbar of its own: New Chat and Show Chats are in the title bar).
        await chat().locator("[data-action=close-history]").click();
        await chat().locator("#history").waitFor({state: "hidden", timeout: 15_000});
    });

    it("lists chats with readable titles and relative times; Delete can be undone", async () => {
        // A second chat, so the list has more than one entry.
        await titleAction("New Chat");
        await chat().locator("#empty:not([hidden])").waitFor({timeout: 10_000});
        const second = await ask("What does a raised troponin suggest after chest pain?");
        await second.locator(".answer-actions, .notice, .error").first().waitFor({timeout: 120_000});
        if (await chat().locator("#history[hidden]").count()) await titleAction("Show Chats");
        const items = chat().locator(".history-list li");
        await items.nth(1).waitFor({timeout: 10_000});
        const count = await items.count();
        const item = items.first();
        const widths = await item.evaluate((li) => ({
            title: (li.querySelector(".history-title") as HTMLElement).getBoundingClientRect().width,
            row: li.getBoundingClientRect().width
        }));
        assert.ok(widths.title > widths.row * 0.6, `the title has most of the row, not a few letters: ${JSON.stringify(widths)}`);
        assert.match(await item.locator(".history-title").innerText(), /^What does a raised troponin suggest after chest pain\?$/);
        assert.match(await item.locator(".history-date").innerText(), /^(just now|\d+ minutes? ago)$/);
        assert.match(await item.locator(".history-open").getAttribute("title") ?? "", /What does a raised troponin.*\n.*\d/);
        await screenshot(page, "05a-history-list");
        const chatId = await item.getAttribute("data-chat-id");
        await item.locator(".history-delete").click();
        await chat().locator(".history-undo").waitFor({timeout: 10_000});
        assert.equal(await items.count(), count - 1, "deleted");
        assert.match(await chat().locator(".history-undo").innerText(), /Deleted “What does a raised troponin/);
        await screenshot(page, "05b-history-deleted-undo");
        await chat().locator("[data-action=undo-delete]").click();
        await chat().locator(`.history-list li[data-chat-id="${chatId}"]`).waitFor({timeout: 10_000});
        assert.equal(await items.count(), count, "Undo brought the chat back");
        assert.equal(await chat().locator(".history-undo").count(), 0);
    });

    it("offers Retry on a failed question, and Retry asks it again", async () => {
        const configured = JSON.parse(fs.readFileSync(path.join(ws, ".vscode", "settings.json"), "utf8"))["med42.model"] as string;
        writeWorkspaceSettings(ws, {"med42.model": path.join(ws, "missing-model.gguf")});
        await chat().locator("#model-panel[data-status=error]").waitFor({timeout: 30_000});
        const turn = await ask("What is the normal range of serum calcium?");
        await turn.locator(".error").waitFor({timeout: 60_000});
        assert.match(await turn.locator(".error").innerText(), /^model file not found: .*missing-model\.gguf$/);
        await turn.locator("[data-action=retry-turn]").waitFor();
        await screenshot(page, "05c-failed-question-retry");
        writeWorkspaceSettings(ws, {"med42.model": configured});
        await chat().locator("#model-panel[data-status=idle]").waitFor({timeout: 30_000});
        const count = await turns().count();
        await turn.locator("[data-action=retry-turn]").click();
        const retried = turns().nth(count - 1);
        // The failed turn's own Retry row is an .answer-actions too: waiting for any could end before the click was
        // handled (and count the turns in the moment the failed one is gone and the new one not yet in).
        await retried.locator(".answer-actions:not(:has([data-action=retry-turn]))").waitFor({timeout: 120_000});
        assert.equal(await turns().count(), count, "the retried turn replaced the failed one");
        assert.equal(await retried.locator(".error").count(), 0);
        assert.match(await retried.locator(".question").innerText(), /serum calcium/);
    });

    it("shows a crisis notice with its resources and the locale in force, with Copy but no Insert or Regenerate", async () => {
        const turn = await ask("I want to kill myself tonight, I have the pills ready");
        await turn.locator(".notice-escalate").waitFor({timeout: 60_000});
        await turn.locator(".answer-actions").waitFor();
        assert.equal(await turn.locator("[data-action=copy-answer]").count(), 1);
        assert.equal(await turn.locator("[data-action=insert-answer]").count(), 0, "crisis resources are not inserted into documents");
        assert.equal(await turn.locator("[data-action=regenerate]").count(), 0);
        assert.match(await turn.locator(".notice").innerText(), /988/);
        assert.match(await chat().locator("#setup [data-setup=resources]").innerText(), /^Crisis resources: en-US \(VS Code display language: en\)$/);
        await screenshot(page, "05d-crisis-notice");
    });

    it("has New Chat and Show Chats once, in the view's title bar, and the Med42 icon in the activity bar", async () => {
        assert.equal(await chat().locator("#new-chat, #history-toggle, .toolbar").count(), 0, "no second set of buttons in the view");
        const labels = await page.locator(".sidebar .action-label").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
        assert.equal(await page.locator(".sidebar .action-label[aria-label^='New Chat']:visible").count(), 1, `New Chat in the title bar: ${JSON.stringify(labels)}`);
        assert.equal(await page.locator(".sidebar .action-label[aria-label^='Show Chats']:visible").count(), 1, "Show Chats in the title bar");
        const icon = await page.locator(".activitybar .action-item a[aria-label^='Med42']").first().evaluate((a) => {
            const style = getComputedStyle(a);
            return `${style.maskImage} ${style.webkitMaskImage} ${a.getAttribute("style") ?? ""}`;
        });
        assert.match(icon, /med42\.svg/, "the activity bar uses the extension's own icon");
        await page.locator(".activitybar").screenshot({path: path.join(uiHarness.artifactsDir!, "screenshots", "05e-activity-bar-icon.png")});
    });

    it("keeps unchanged turns' elements when the host sends the state again (nothing detached under the reader)", async () => {
        await chat().locator("body[data-synced=true]").waitFor({timeout: 60_000});
        const first = turns().first();
        await first.evaluate((e) => e.setAttribute("data-marker", "kept"));
        // Opening the chat that is already open makes the host send the whole state again (as after a reload).
        if (await chat().locator("#history[hidden]").count()) await titleAction("Show Chats");
        await chat().locator("#history:not([hidden])").waitFor({timeout: 10_000});
        await chat().locator(".history-list li.current .history-open").click();
        await chat().locator("#history[hidden]").waitFor({state: "attached", timeout: 10_000});
        await chat().locator("article.turn[data-marker=kept]").waitFor({state: "attached", timeout: 10_000});
        assert.equal(await first.evaluate((e) => e.isConnected && e.getAttribute("data-marker")), "kept");
    });

    it("follows the high-contrast theme", async () => {
        writeWorkspaceSettings(ws, {"workbench.colorTheme": "Default High Contrast"});
        // VS Code tells webviews the theme kind through a body class; the view's colours come from --vscode-* variables.
        await chat().locator("body.vscode-high-contrast").waitFor({timeout: 30_000});
        await chat().locator("body[data-synced=true]").waitFor({timeout: 60_000});
        const border = await chat().locator(".bubble.question").first().evaluate((e) => getComputedStyle(e).borderTopStyle);
        assert.equal(border, "solid", "high contrast draws borders around messages");
        await screenshot(page, "06-high-contrast");
    });
});
