/**
 * What Copilot Chat users expect, in a real VS Code in Chromium: regenerate an answer, edit and resend a question,
 * attach context from the chat box (the selection, the active file, another file) as chips that can be removed,
 * a long file summarised to fit the model's context, and a keyboard path for everything. Screenshots go to
 * .vscode-test/artifacts/screenshots.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type {Page} from "playwright-core";
import {launchChromium, repoRoot, VscodeServer, type BrowserSession} from "../../support/vscodeServer";
import {longTalkerModelPath, makeTestWorkspace, testServerEnv} from "../testWorkspace";
import {uiHarness} from "./harness";
import {chatFrame, editorText, openFile, runCommand, screenshot, waitForWorkbench, writeWorkspaceSettings} from "./workbench";

/** A ward note far longer than the test model's 4096-token context (the generated model reads about a token a byte). */
const LONG_NOTE = Array.from({length: 180}, (_, i) =>
    `Day ${i + 1}: afebrile, BP 13${i % 10}/8${i % 10}, creatinine 1.${i % 9} mg/dL, eating, mobilising with physiotherapy, no new complaints.`).join("\n");

describe("Med42 chat: regenerate, edit, attach context, keyboard (UI)", function () {
    this.timeout(240_000);
    let server: VscodeServer;
    let session: BrowserSession;
    let page: Page;
    let ws: string;

    before(async () => {
        ws = makeTestWorkspace();
        fs.writeFileSync(path.join(ws, "ward-notes.md"), `# Ward notes\n\n${LONG_NOTE}\n`);
        server = await VscodeServer.start({
            install: uiHarness.install!,
            env: testServerEnv(uiHarness.artifactsDir!, "features-ui"),
            logFile: path.join(uiHarness.artifactsDir!, "features-ui-server.log"),
            keepLogsIn: path.join(uiHarness.artifactsDir!, "features-ui-logs")
        });
        session = await launchChromium(uiHarness.install!);
        page = session.page;
        const log = path.join(uiHarness.artifactsDir!, "features-ui-workbench.log");
        page.on("console", (m) => fs.appendFileSync(log, `[${m.type()}] ${m.text()}\n`));
        await page.goto(server.workbenchUrl({folder: ws, extensionDevelopmentPath: repoRoot}), {timeout: 60_000});
        await waitForWorkbench(page);
        await page.locator(".statusbar-item", {hasText: "Med42"}).first().waitFor({state: "visible", timeout: 90_000});
    });

    afterEach(async function () {
        if (this.currentTest?.state === "failed" && page) {
            await screenshot(page, `failed-features-${this.currentTest.title.replace(/\W+/g, "-")}`).catch(() => undefined);
        }
    });

    after(async () => {
        await session?.close();
        await server?.stop();
        if (ws) fs.rmSync(ws, {recursive: true, force: true});
    });

    const chat = () => chatFrame(page);
    const turns = () => chat().locator("article.turn");
    const input = () => chat().locator("#input");
    const done = (turn: ReturnType<typeof turns>) => turn.locator(".answer-actions, .error").first().waitFor({timeout: 120_000});

    /** Clicks into the chat box and waits until VS Code knows the view has the focus (its keybindings apply then). */
    async function focusChat(): Promise<void> {
        await input().click();
        await chat().locator("body[data-chat-focused=true]").waitFor({timeout: 10_000});
    }

    async function ask(question: string) {
        const n = await turns().count();
        await input().click();
        await input().fill(question);
        await input().press("Enter");
        const turn = turns().nth(n);
        await turn.waitFor({state: "visible", timeout: 30_000});
        return turn;
    }

    it("focuses the chat input with Ctrl+Alt+M from the editor", async () => {
        await openFile(page, "note.md");
        await page.locator(".editor-instance .monaco-editor").first().click();
        await page.keyboard.press("Control+Alt+M");
        await chat().locator("body[data-synced=true]").waitFor({timeout: 60_000});
        await chat().locator("#input:focus").waitFor({timeout: 20_000});
        await page.keyboard.type("typed from the keyboard");
        assert.equal(await input().inputValue(), "typed from the keyboard");
        await input().fill("");
    });

    it("regenerates the last answer with its button and with Ctrl+Alt+R", async () => {
        const turn = await ask("What is the usual adult dose of paracetamol?");
        await done(turn);
        const firstId = await turn.getAttribute("data-turn-id");
        await turn.locator("[data-action=regenerate]").click();
        const again = turns().first();
        await chat().locator(`article.turn:not([data-turn-id="${firstId}"])`).first().waitFor({timeout: 30_000});
        await done(again);
        assert.equal(await turns().count(), 1, "the regenerated answer replaced the old one");
        assert.match(await again.locator(".question").innerText(), /paracetamol/);
        await screenshot(page, "30-regenerated");
        const secondId = await again.getAttribute("data-turn-id");
        await focusChat();
        await page.keyboard.press("Control+Alt+R");
        await chat().locator(`article.turn:not([data-turn-id="${secondId}"])`).first().waitFor({timeout: 30_000});
        await done(turns().first());
        assert.equal(await turns().count(), 1);
    });

    it("edits and resends a question in place (Edit, or Up in the empty chat box); Escape cancels", async () => {
        await done(await ask("What is asthma?"));
        assert.equal(await turns().count(), 2);
        // Up in the empty chat box edits the last question; Escape leaves it as it was.
        await input().click();
        await input().press("ArrowUp");
        const box = chat().locator(".edit-input");
        await box.waitFor({timeout: 10_000});
        assert.equal(await box.inputValue(), "What is asthma?");
        await box.press("Escape");
        await box.waitFor({state: "detached", timeout: 10_000});
        // Edit the first question: it and the turn after it are replaced.
        await turns().first().locator("[data-action=edit-question]").click();
        await box.waitFor({timeout: 10_000});
        assert.match(await chat().locator(".edit-note").innerText(), /replaces this question and the 1 after it/);
        await screenshot(page, "31-editing-question");
        await box.fill("What is the usual adult dose of ibuprofen?");
        await box.press("Enter");
        await chat().locator(".edit-input").waitFor({state: "detached", timeout: 10_000});
        await done(turns().first());
        assert.equal(await turns().count(), 1, "the turn after the edited question is gone");
        assert.match(await turns().first().locator(".question").innerText(), /ibuprofen/);
    });

    it("attaches the selection and the active file as chips that can be removed, and sends them with the question", async () => {
        await openFile(page, "note.md");
        await page.locator(".editor-instance .monaco-editor").first().click();
        await page.keyboard.press("Control+Home");
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Shift+ArrowDown");
        await page.keyboard.press("Shift+ArrowDown");
        await chat().locator("#add-context").click();
        const quick = page.locator(".quick-input-widget");
        await quick.locator(".monaco-list-row", {hasText: "Selection"}).first().waitFor({timeout: 15_000});
        await quick.locator(".monaco-list-row", {hasText: "Selection"}).first().click();
        const chips = chat().locator("#attachments .chip");
        await chips.first().waitFor({timeout: 15_000});
        assert.equal(await chips.first().locator(".chip-label").innerText(), "note.md, lines 3-4");
        // Remove it, then attach the whole file with the keyboard (Ctrl+/ in the view).
        await chips.first().locator(".chip-remove").click();
        await chat().locator("#attachments[hidden]").waitFor({state: "attached", timeout: 10_000});
        await focusChat();
        await page.keyboard.press("Control+/");
        await quick.locator(".monaco-list-row", {hasText: "Active file"}).first().waitFor({timeout: 15_000});
        await quick.locator(".monaco-list-row", {hasText: "Active file"}).first().click();
        await chips.first().waitFor({timeout: 15_000});
        assert.equal(await chips.first().locator(".chip-label").innerText(), "note.md");
        await screenshot(page, "32-attachment-chip");
        const turn = await ask("What was started for this patient?");
        await chat().locator("#attachments[hidden]").waitFor({state: "attached", timeout: 10_000});
        assert.equal(await turn.locator(".question .chip-label").innerText(), "note.md", "the question shows what was attached");
        await done(turn);
        assert.equal(await turn.locator(".error").count(), 0);
        await screenshot(page, "33-question-with-attachment");
    });

    it("summarises an attached file too long for the model's context, and says so", async () => {
        await openFile(page, "ward-notes.md");
        await runCommand(page, "Med42: Add File to Chat");
        await chat().locator("#attachments .chip", {hasText: "ward-notes.md"}).waitFor({timeout: 15_000});
        const turn = await ask("Is the patient ready for discharge?");
        await turn.locator("[data-info=condensed]").waitFor({timeout: 180_000});
        assert.match(await turn.locator("[data-info=condensed]").innerText(),
            /^ward-notes\.md is too long for the model's context \([\d,]+ tokens\): the model was given a summary of it \([\d,]+ tokens\), made from the whole text\.$/);
        await done(turn);
        await screenshot(page, "34-long-attachment-summarised");
    });

    it("inserts the last answer with Ctrl+Alt+Enter, starts a new chat with Ctrl+L and stops with Escape", async () => {
        await openFile(page, "note.md");
        await page.locator(".editor-instance .monaco-editor").first().click();
        await page.keyboard.press("Control+End");
        await focusChat();
        await page.keyboard.press("Control+Alt+Enter");
        await page.waitForFunction(() => document.querySelector(".editor-instance .view-lines")?.textContent?.replace(/\u00a0/g, " ").includes("AI-GENERATED ANSWER"), undefined, {timeout: 20_000});
        assert.match(await editorText(page), /BEGIN AI-GENERATED ANSWER/);
        await page.keyboard.press("Control+Z");
        await focusChat();
        await page.keyboard.press("Control+L");
        await chat().locator("#empty:not([hidden])").waitFor({timeout: 15_000});
        assert.equal(await turns().count(), 0);
        // A long answer, stopped from the keyboard.
        const longTalker = longTalkerModelPath();
        writeWorkspaceSettings(ws, {"med42.model": longTalker, "med42.sampling.maxTokens": 3000});
        await chat().locator(`#model-panel[data-model="${longTalker}"]`).waitFor({timeout: 30_000});
        const turn = await ask("Explain the management of heart failure in detail.");
        await turn.locator(".answer-body").waitFor({timeout: 120_000});
        await focusChat();
        await page.keyboard.press("Escape");
        await turn.locator(".stopped").waitFor({timeout: 30_000});
        await screenshot(page, "35-stopped-with-escape");
    });
});
