/**
 * The disclaimer inside the real VS Code extension host: an inserted answer written to hide it stays visible in VS
 * Code's own Markdown rendering (the preview's markdown-it, raw HTML on), and a chat answer that fails after part of
 * it was shown keeps the disclaimer with it. (Named to run after extension.test.ts, whose first test checks that
 * activation alone created no assistant: inserting creates it.)
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type {Med42ExtensionApi} from "../../../extension/extension";
import type {AssistantHost} from "../../../extension/assistantHost";
import {ChatController} from "../../../extension/chatController";
import {ChatStore} from "../../../extension/chatStore";
import {showsDisclaimer} from "../../../extension/protocol";
import {Med42Assistant} from "../../../shared/assistant";
import {ScriptedBackend} from "../../support/scriptedBackend";
import {MARKDOWN_HIDING_CORPUS} from "../markdownHidingCorpus";
import {visibleProse} from "../visibleProse";

const EXTENSION_ID = "med42-assist.med42-assist";

describe("The disclaimer cannot be hidden (in the VS Code extension host)", function () {
    this.timeout(120_000);
    let api: Med42ExtensionApi;

    before(async () => {
        api = await vscode.extensions.getExtension<Med42ExtensionApi>(EXTENSION_ID)!.activate();
    });

    it("Insert Last Answer: answers written to hide the disclaimer leave it visible in VS Code's Markdown rendering", async () => {
        const disclaimer = api.host.disclaimer!;
        const shown = (visibleProse(String(await vscode.commands.executeCommand("markdown.api.render", disclaimer.markdown))).prose).trim();
        assert.ok(shown.length > 20, "the disclaimer renders as text");
        const chat = api.store.newChat();
        const note = "# Ward notes\n\nMy own text.\n";
        const doc = await vscode.workspace.openTextDocument({content: note, language: "markdown"});
        /** Inserts `answer` as the last answer at the end of the Markdown note; returns the note and its rendering. */
        const insert = async (answer: string) => {
            const turn = api.store.addTurn(chat.id, "What is the usual dose?");
            api.store.updateTurn(chat.id, turn.id, {answer, status: "done", model: "/models/Llama3-Med42-8B.gguf"});
            const editor = await vscode.window.showTextDocument(doc);
            await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), note));
            const end = doc.positionAt(note.length);
            editor.selection = new vscode.Selection(end, end);
            await vscode.commands.executeCommand("med42.insertLastAnswer");
            const text = doc.getText();
            const html = String(await vscode.commands.executeCommand("markdown.api.render", text));
            return {text, html, ...visibleProse(html)};
        };
        try {
            // VS Code adds elements of its own (a diagram config, source-line marks beside HTML comments): the same
            // ones must appear for a plain answer and for each adversarial one, and no others.
            const plain = await insert("The usual dose is 500 mg.");
            assert.ok(plain.prose.trimEnd().endsWith(shown));
            for (const [name, answer] of MARKDOWN_HIDING_CORPUS) {
                const {text, html, prose, rawElements} = await insert(answer);
                assert.deepEqual(rawElements, plain.rawElements, `${name}: no raw HTML element from the answer\n${html}`);
                assert.ok(prose.trimEnd().endsWith(shown), `${name}: the disclaimer is the last visible text\n${text}`);
                assert.ok(prose.trimStart().startsWith("Ward notes My own text."), `${name}: the user's text is untouched`);
            }
        } finally {
            api.chats.deleteChat(chat.id);
            await vscode.window.showTextDocument(doc);
            await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
        }
    });

    it("a chat answer that fails after part of it streamed keeps the disclaimer with the partial text", async () => {
        const assistant = new Med42Assistant({auditDb: false,
            backend: new ScriptedBackend(["The usual dose is ", "500 mg <!--"], {failWith: new Error("the model crashed")})});
        const host = {
            settled: async () => undefined, acquire: () => assistant, track: () => () => undefined, checkAudit: async () => undefined,
            modelState: {status: "ready", model: "scripted", path: "scripted"}, modelInfo: {label: "scripted"},
            disclaimer: assistant.disclaimer
        } as unknown as AssistantHost;
        const memory = new Map<string, unknown>();
        const store = new ChatStore({get: <T>(k: string) => memory.get(k) as T, update: async (k, v) => { memory.set(k, v); }});
        const chats = new ChatController(store, host);
        try {
            const turn = await chats.ask(store.active.id, "What is the usual dose of amoxicillin?");
            assert.ok(turn);
            assert.equal(turn.status, "error");
            assert.match(turn.error ?? "", /the model crashed/);
            assert.equal(turn.answer, "The usual dose is 500 mg <!--", "the partial answer stays on screen");
            assert.equal(turn.disclaimer, assistant.disclaimer.markdown);
            assert.ok(showsDisclaimer(turn), "the view shows the disclaimer under it");
        } finally {
            chats.dispose();
            await assistant.dispose();
        }
    });
});
