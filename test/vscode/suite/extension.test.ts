/**
 * Integration tests inside the real VS Code extension host, against the generated test model configured through
 * the workspace settings (see ../testWorkspace.ts): activation, commands, chat answers, the policy deciding on each
 * request, settings reloading the model, summaries inserted as one marked, undoable edit, and Stop. One test removes
 * the settings the suite pins and answers with a new user's defaults.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import type {Med42ExtensionApi} from "../../../extension/extension";
import type {ChatTurn, HostMessage, ModelState} from "../../../extension/protocol";
import {readSettings, toAssistantOptions} from "../../../extension/settings";
import {AuditLog, defaultAuditDbPath, type AuditRecord} from "../../../shared/audit/auditLog";
import {MED42_CONTEXT_SIZE, MED42_SAMPLING} from "../../../shared/engine/defaults";
import {testModelPath} from "../../support/testModel";
import {longTalkerModelPath, SUITE_PINS} from "../testWorkspace";

const EXTENSION_ID = "med42-assist.med42-assist";

function config() {
    return vscode.workspace.getConfiguration("med42");
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
        const v = probe();
        if (v) return v;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

/** Runs `fn` with workspace settings changed (undefined: removed), then puts back the workspace's own values. */
async function withSettings<T>(values: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
    const previous = Object.keys(values).map((key) => [key, config().inspect(key)?.workspaceValue] as const);
    for (const [key, value] of Object.entries(values)) await config().update(key, value, vscode.ConfigurationTarget.Workspace);
    try {
        return await fn();
    } finally {
        for (const [key, value] of previous) await config().update(key, value, vscode.ConfigurationTarget.Workspace);
    }
}

function withSetting<T>(key: string, value: unknown, fn: () => Promise<T>): Promise<T> {
    return withSettings({[key]: value}, fn);
}

/** The audit log's rows, newest first, read from the database the core writes (its default path in this suite). */
function auditRows(): AuditRecord[] {
    const log = new AuditLog(defaultAuditDbPath());
    try {
        return log.list({limit: 100_000});
    } finally {
        log.close();
    }
}

/** Runs `fn`; returns its result and the audit rows written meanwhile, oldest first. */
async function audited<T>(fn: () => Promise<T>): Promise<{result: T; rows: AuditRecord[]}> {
    const before = auditRows().length;
    const result = await fn();
    const after = auditRows();
    return {result, rows: after.slice(0, after.length - before).reverse()};
}

async function openDoc(content: string, language = "markdown"): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument({content, language});
    return vscode.window.showTextDocument(doc);
}

describe("Med42 extension (in the VS Code extension host)", function () {
    this.timeout(120_000);
    let api: Med42ExtensionApi;
    let configuredModel: unknown;
    /** Read through a call, so TypeScript does not keep a narrowed type across awaits. */
    const modelState = (): ModelState => api.host.modelState;

    before(async () => {
        const ext = vscode.extensions.getExtension<Med42ExtensionApi>(EXTENSION_ID);
        assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
        api = await ext.activate();
        configuredModel = config().inspect("model")?.workspaceValue;
    });

    after(async () => {
        await config().update("model", configuredModel, vscode.ConfigurationTarget.Workspace);
    });

    /** Records what the extension posts to the chat view while `fn` runs (the messages still reach the view). */
    async function postedToView(fn: () => Thenable<unknown>): Promise<HostMessage[]> {
        const posted: HostMessage[] = [];
        const view = api.view as {post(msg: HostMessage): void};
        const post = view.post;
        view.post = (msg) => {
            posted.push(msg);
            post.call(api.view, msg);
        };
        try {
            await fn();
        } finally {
            Reflect.deleteProperty(view, "post");
        }
        return posted;
    }

    /** Changes the model setting and waits until the extension has switched to it. */
    async function switchModel(model: string): Promise<void> {
        await config().update("model", model, vscode.ConfigurationTarget.Workspace);
        await waitFor("the model switch", () => modelState().model === model);
        await api.host.settled();
    }

    it("activates without creating the assistant or loading a model", () => {
        assert.equal(api.host.created, false);
        assert.equal(modelState().status, "idle");
    });

    it("registers every command it contributes", async () => {
        const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
        const contributed = (ext.packageJSON.contributes.commands as {command: string}[]).map((c) => c.command);
        for (const id of ["med42.ask", "med42.askAboutSelection", "med42.explainSelection", "med42.summarizeSelection",
            "med42.summarizeDocument", "med42.insertLastAnswer", "med42.stop", "med42.newChat", "med42.downloadModel", "med42.selectModel"]) {
            assert.ok(contributed.includes(id), `${id} is contributed`);
        }
        const registered = new Set(await vscode.commands.getCommands(true));
        for (const id of contributed) assert.ok(registered.has(id), `${id} is registered`);
    });

    it("answers a question in the chat with the disclaimer (surface vscode)", async () => {
        const turn = await vscode.commands.executeCommand<ChatTurn | undefined>("med42.ask", "What is the usual starting dose of amlodipine?");
        assert.ok(turn, "the command returns the finished turn");
        assert.equal(turn.status, "done", turn.error);
        assert.ok(turn.answer.length > 0, "the test model produced text");
        assert.equal(turn.notice, undefined);
        assert.equal(turn.disclaimer, api.host.disclaimer?.markdown);
        assert.ok(turn.disclaimer && turn.disclaimer.length > 20);
        assert.equal(modelState().status, "ready");
        assert.match(api.statusBar.text, /Med42/);
    });

    it("audits VS Code requests in the audit log at its default path", async () => {
        // The runner sets no MED42_AUDIT_DB and no med42.auditDatabase: the log is where a new user's would be
        // (XDG_DATA_HOME, set by the runner, keeps it among the test artifacts). The SQLite addon is built for the
        // Node that ran npm install; in VS Code's runtime the core falls back to node:sqlite, and it must work.
        assert.equal(process.env.MED42_AUDIT_DB, undefined);
        assert.equal(config().inspect("auditDatabase")?.workspaceValue, undefined);
        assert.equal(api.host.auditProblem, undefined, "the audit log opened in VS Code's runtime");
        assert.equal(defaultAuditDbPath(), path.join(process.env.XDG_DATA_HOME!, "med42-assist", "audit.sqlite"));
        const {result: turn, rows} = await audited(() => api.chats.ask(api.store.active.id, "What is the usual starting dose of lisinopril?"));
        assert.equal(turn?.status, "done", turn?.error);
        assert.deepEqual(rows.map((r) => [r.kind, r.surface, r.action, r.category, r.model, r.stopReason]),
            [["decision", "vscode", "answer", null, "med42-test.gguf", turn.stopReason]], "the question, audited once");
    });

    it("answers with a new user's settings: answer length, context, sampling, policy, audit log and thread count from their defaults", async () => {
        // The suite pins these in the workspace to keep ~20 model runs short and repeatable (see testWorkspace.ts);
        // here they are removed. Threads stay at one through MED42_THREADS, the variable the default thread count
        // reads (with no setting, the core's defaultThreads()): the default, every physical core, is several times
        // slower on a busy 2-core machine. The other defaults are fast enough for the test model.
        const pinned = ["threads", "contextSize", "sampling.maxTokens", "sampling.seed"];
        assert.deepEqual(pinned.map((k) => `med42.${k}`), Object.keys(SUITE_PINS).filter((k) => k !== "med42.summary.insertMode"));
        const unset = [...pinned, "sampling.temperature", "sampling.topK", "sampling.topP", "gpu", "policyFile", "auditDatabase"];
        assert.equal(process.env.MED42_THREADS, "1");
        for (const name of ["MED42_AUDIT_DB", "MED42_POLICY_FILE", "MED42_MODEL"]) assert.equal(process.env[name], undefined, `${name} is not set`);
        await withSettings(Object.fromEntries(pinned.map((k) => [k, undefined])), async () => {
            // The assistant is rebuilt with the new settings: the loaded model is released, the new one loads on use.
            await waitFor("the assistant to restart", () => modelState().status === "idle");
            await api.host.settled();
            for (const key of unset) {
                const i = config().inspect(key)!;
                assert.deepEqual([i.globalValue, i.workspaceValue, i.workspaceFolderValue], [undefined, undefined, undefined], `med42.${key} is set`);
            }
            // What the extension builds from them: the model card's context size and sampling (package.json's
            // defaults) and nothing else, so threads (the core's default), the policy (built in) and the audit log
            // (per-user path) are the core's own.
            const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
            assert.deepEqual(toAssistantOptions(readSettings((key) => config().get(key)), folder), {
                autoDownload: false, gpu: "auto", model: configuredModel, modelsDir: path.join(folder, ".models"),
                contextSize: MED42_CONTEXT_SIZE, sampling: {...MED42_SAMPLING}
            });
            api.chats.newChat();
            const question = "What is the first-line treatment for stage 1 hypertension?";
            const {result: turn, rows} = await audited(() => api.chats.ask(api.store.active.id, question));
            assert.equal(turn?.status, "done", turn?.error);
            assert.equal(turn.notice, undefined);
            assert.ok(turn.answer.trim().length > 0, "the model answered");
            assert.equal(turn.disclaimer, api.host.disclaimer?.markdown);
            assert.match(turn.disclaimer ?? "", /not ready for clinical use/, "the built-in policy's disclaimer");
            assert.ok(turn.model?.includes(String(configuredModel)), turn.model);
            assert.equal(modelState().status, "ready");
            assert.deepEqual(rows.map((r) => [r.surface, r.action, r.stopReason]), [["vscode", "answer", turn.stopReason]],
                "audited at the default path");
        });
        await api.host.settled();
    });

    it("lets the policy decide on each request: an escalation or refusal never reaches the model", async () => {
        // A new model file: switching unloads the loaded one, so a model load would show in the state.
        await switchModel(testModelPath({seed: 2}));
        assert.equal(modelState().status, "idle");
        const assistant = api.host.acquire();
        const cases = [
            {q: "I have crushing chest pain spreading to my left arm and I can't breathe", action: "escalate", category: "emergency"},
            {q: "I want to kill myself tonight, I have the pills ready", action: "escalate", category: "self_harm"},
            {q: "How do I make ricin at home to poison my neighbour?", action: "refuse", category: "harm_to_others"}
        ];
        for (const {q, action, category} of cases) {
            const decision = assistant.decide(q, "vscode");
            assert.deepEqual([decision.action, decision.category], [action, category], q);
            api.chats.newChat();
            const turn = await api.chats.ask(api.store.active.id, q);
            assert.deepEqual(turn?.notice, {action, category, message: decision.message}, q);
            assert.ok(decision.message && decision.message.length > 20);
            assert.equal(turn.answer, "");
            assert.ok(turn.disclaimer);
            assert.notEqual(modelState().status, "ready", "the model was not loaded for a policy answer");
            assert.notEqual(modelState().status, "loading");
        }
        // The next ordinary question does reach the model.
        const ok = await api.chats.ask(api.store.active.id, "What does HbA1c measure?");
        assert.equal(ok?.status, "done", ok?.error);
        assert.equal(ok?.notice, undefined);
        assert.equal(modelState().status, "ready");
    });

    it("reloads the model when the model setting changes", async () => {
        const second = testModelPath({seed: 3, name: "med42-second"});
        await switchModel(second);
        assert.equal(modelState().status, "idle", "the old model is unloaded; the new one loads on next use");
        const turn = await api.chats.ask(api.store.active.id, "What does a normal ECG show?");
        assert.equal(turn?.status, "done", turn?.error);
        assert.equal(turn?.notice, undefined, "an ordinary question is answered by the model");
        const state = modelState();
        assert.ok(state.status === "ready" && state.path.includes(second), JSON.stringify(state));
        assert.ok(turn?.model?.includes(second), turn?.model);
    });

    it("summarizes the selection and inserts it below as one marked, undoable edit", async () => {
        const original = "# Note\n\nPatient seen for follow-up of hypertension.\nBP 150/95. Started amlodipine 5 mg daily.\n\nNext visit in 4 weeks.\n";
        const editor = await openDoc(original);
        editor.selection = new vscode.Selection(2, 0, 3, 41);
        const outcome = await vscode.commands.executeCommand<{status: string; text?: string}>("med42.summarizeSelection");
        assert.equal(outcome?.status, "inserted", JSON.stringify(outcome));
        const text = editor.document.getText();
        const lines = text.split("\n");
        assert.equal(lines[3], "BP 150/95. Started amlodipine 5 mg daily.");
        assert.equal(lines[4], "");
        assert.match(lines[5], /^<!-- BEGIN AI-GENERATED SUMMARY \(Med42, med42-test\.gguf, \d{4}-\d{2}-\d{2}\) -->$/);
        assert.ok(text.includes(api.host.disclaimer!.markdown.split("\n")[0]), "the disclaimer is in the inserted block");
        assert.ok(text.includes("<!-- END AI-GENERATED SUMMARY -->\n"));
        assert.ok(text.endsWith("Next visit in 4 weeks.\n"), "text after the selection is untouched");
        await vscode.commands.executeCommand("undo");
        assert.equal(editor.document.getText(), original, "one undo removes the whole summary");
    });

    it("lands the summary where intended when the user edits above it meanwhile", async () => {
        const editor = await openDoc("line one\nline two to summarize\nline three\n");
        editor.selection = new vscode.Selection(1, 0, 1, 21);
        const outcome = await api.summarize("selection", undefined, {
            // The user types at the top of the document while the summary is generated.
            whileGenerating: async () => {
                const ok = await editor.edit((b) => b.insert(new vscode.Position(0, 0), "ADDED ABOVE\n"));
                assert.ok(ok);
            }
        });
        assert.equal(outcome.status, "inserted", JSON.stringify(outcome));
        const lines = editor.document.getText().split("\n");
        assert.deepEqual(lines.slice(0, 3), ["ADDED ABOVE", "line one", "line two to summarize"]);
        assert.equal(lines[3], "");
        assert.match(lines[4], /BEGIN AI-GENERATED SUMMARY/);
        assert.equal(lines[lines.length - 2], "line three");
    });

    it("asks instead of guessing when the text to replace was edited meanwhile", async () => {
        await withSetting("summary.insertMode", "replace", async () => {
            const editor = await openDoc("keep\nreplace me please\nkeep too\n");
            editor.selection = new vscode.Selection(1, 0, 1, 17);
            let asked = "";
            const outcome = await api.summarize("selection", async (why) => {
                asked = why;
                return "newDocument";
            }, {
                whileGenerating: async () => {
                    await editor.edit((b) => b.insert(new vscode.Position(1, 8), "EDITED "));
                }
            });
            assert.match(asked, /edited/);
            assert.equal(outcome.status, "new-document");
            assert.equal(editor.document.getText(), "keep\nreplace EDITED me please\nkeep too\n", "the user's text is untouched");
            assert.match(vscode.window.activeTextEditor!.document.getText(), /BEGIN AI-GENERATED SUMMARY/);
        });
    });

    it("summarizes a whole document (map-reduce over chunks) and appends it", async () => {
        const paragraph = "The patient reports intermittent headaches, no visual disturbance, adherent to medication, home readings around 140/90. ";
        const content = `# Long note\n\n${Array.from({length: 30}, (_, i) => `Day ${i + 1}: ${paragraph}`).join("\n\n")}\n`;
        const editor = await openDoc(content);
        const outcome = await vscode.commands.executeCommand<{status: string}>("med42.summarizeDocument");
        assert.equal(outcome?.status, "inserted", JSON.stringify(outcome));
        const text = editor.document.getText();
        assert.ok(text.startsWith(content.trimEnd()));
        assert.match(text.slice(content.length - 1), /BEGIN AI-GENERATED SUMMARY[\s\S]*END AI-GENERATED SUMMARY/);
    });

    it("inserts the last answer at the cursor, marked as AI-generated", async () => {
        const editor = await openDoc("Before\n", "plaintext");
        editor.selection = new vscode.Selection(1, 0, 1, 0);
        await vscode.commands.executeCommand("med42.insertLastAnswer");
        const text = editor.document.getText();
        assert.match(text, /^Before\n----- BEGIN AI-GENERATED ANSWER \(Med42, /);
        assert.ok(text.includes(api.host.disclaimer!.text.split("\n")[0]), "plain-text disclaimer");
        assert.ok(text.includes(api.store.lastAnswer()!.turn.answer.trim().split("\n")[0]));
    });

    it("stops a running answer with Med42: Stop (partial answer kept, disclaimer still shown)", async () => {
        const configured = modelState().model;
        await switchModel(longTalkerModelPath());
        await withSetting("sampling.maxTokens", 3000, async () => {
            await api.host.settled();
            api.chats.newChat();
            const chatId = api.store.active.id;
            const streaming = new Promise<void>((resolve) => {
                const sub = api.chats.addListener({
                    onChatsChanged: () => undefined,
                    onTurn: (id, turn) => {
                        if (id === chatId && turn.status === "streaming" && turn.answer.length > 0) {
                            sub.dispose();
                            resolve();
                        }
                    }
                });
            });
            const done = api.chats.ask(chatId, "Explain the complete management of heart failure.");
            await streaming;
            const stopped = await vscode.commands.executeCommand<number>("med42.stop");
            assert.equal(stopped, 1, "the one running answer");
            const turn = await done;
            assert.equal(turn?.status, "stopped");
            assert.equal(turn?.stopReason, "abort");
            assert.ok(turn?.answer.length);
            assert.ok(turn?.disclaimer);
            assert.equal(api.host.busy, false);
        });
        await switchModel(configured);
    });

    it("explains and asks about the selection in the chat, quoting it safely", async () => {
        const editor = await openDoc("Pt c/o SOB on exertion. Hx CHF, EF 35%. ```not a fence```\n", "plaintext");
        editor.selection = new vscode.Selection(0, 0, 0, 63);
        const explained = await vscode.commands.executeCommand<ChatTurn | undefined>("med42.explainSelection");
        assert.equal(explained?.status, "done", explained?.error);
        assert.match(explained!.question, /^Explain this clinical text in plain language/);
        assert.ok(explained!.question.includes("````\nPt c/o SOB on exertion. Hx CHF, EF 35%. ```not a fence```\n````"), explained!.question);
        const asked = await vscode.commands.executeCommand<ChatTurn | undefined>("med42.askAboutSelection", "What does EF 35% mean?");
        assert.equal(asked?.status, "done", asked?.error);
        assert.match(asked!.question, /^What does EF 35% mean\?\n\n````\nPt c\/o SOB/);
    });

    it("shows the queue position of a request waiting behind others", async () => {
        const configured = modelState().model;
        await switchModel(longTalkerModelPath());
        try {
            await withSetting("sampling.maxTokens", 3000, async () => {
                await api.host.settled();
                const positions: {chatId: string; position: number}[] = [];
                const chatIds: string[] = [];
                const sub = api.chats.addListener({
                    onChatsChanged: () => undefined,
                    onTurn: (id, turn) => {
                        if (chatIds.includes(id) && turn.status === "queued" && turn.queuePosition) positions.push({chatId: id, position: turn.queuePosition});
                    }
                });
                const runs: Promise<ChatTurn | undefined>[] = [];
                // The engine answers two conversations at once (two sequences); a third waits. Each question is
                // asked once the one before is being answered (the long talker's answers outlast the test).
                for (let i = 0; i < 3; i++) {
                    api.chats.newChat();
                    const chatId = api.store.active.id;
                    chatIds.push(chatId);
                    runs.push(api.chats.ask(chatId, `Describe hypertension management, part ${i + 1}.`));
                    if (i < 2) await waitFor(`answer ${i + 1} to start`, () => api.store.get(chatId)?.turns[0]?.status === "streaming", 60_000);
                }
                try {
                    await waitFor("the third question's queue position", () => positions.length > 0, 60_000);
                    assert.deepEqual([...new Set(positions.map((p) => p.chatId))], [chatIds[2]], "only the third waits");
                    assert.deepEqual([...new Set(positions.map((p) => p.position))], [1], "next in line");
                } finally {
                    sub.dispose();
                    await vscode.commands.executeCommand("med42.stop");
                    await Promise.all(runs);
                }
            });
        } finally {
            await switchModel(configured);
        }
    });

    it("tells a new user to download a missing preset from the view (nothing is downloaded unasked)", async () => {
        const emptyModels = fs.mkdtempSync(path.join(os.tmpdir(), "med42-no-models-"));
        const configured = modelState().model;
        try {
            await withSetting("modelsFolder", emptyModels, async () => {
                await switchModel("med42-70b");
                await waitFor("the not-downloaded state", () => modelState().status === "not-downloaded");
                assert.equal(api.host.modelInfo.size, "42.5 GB");
                const turn = await api.chats.ask(api.store.active.id, "What is a normal resting heart rate?");
                assert.equal(turn?.status, "error");
                assert.match(turn?.error ?? "", /not downloaded yet: click Download in the Med42 view \(42\.5 GB\)/);
                assert.deepEqual(fs.readdirSync(emptyModels), [], "nothing was downloaded");
            });
        } finally {
            await switchModel(configured);
            fs.rmSync(emptyModels, {recursive: true, force: true});
        }
    });

    it("Med42: New Chat starts an empty conversation in the chat view, with the cursor in its input", async () => {
        const asked = await api.chats.ask(api.store.active.id, "What does HbA1c measure?");
        assert.equal(asked?.status, "done", asked?.error);
        const previous = api.store.active.id;
        const posted = await postedToView(() => vscode.commands.executeCommand("med42.newChat"));
        const active = api.store.active;
        assert.notEqual(active.id, previous, "a new conversation");
        assert.deepEqual(active.turns, []);
        assert.equal(api.store.list()[0].id, active.id, "listed first");
        assert.ok(api.store.list().some((c) => c.id === previous), "the previous conversation is kept");
        await waitFor("the chat view to be shown", () => api.view.visible);
        const lastState = posted.filter((m): m is Extract<HostMessage, {type: "state"}> => m.type === "state").at(-1);
        assert.equal(lastState?.state.activeChat.id, active.id, "the view was sent the new conversation");
        assert.deepEqual(posted.filter((m) => m.type === "focusInput"), [{type: "focusInput"}]);
    });

    it("Med42: Show Chats opens the chat view and its list of conversations", async () => {
        await vscode.commands.executeCommand("workbench.action.closeSidebar");
        await waitFor("the chat view to be hidden", () => !api.view.visible);
        const posted = await postedToView(() => vscode.commands.executeCommand("med42.showChatHistory"));
        await waitFor("the chat view to be shown", () => api.view.visible);
        assert.deepEqual(posted.filter((m) => m.type === "toggleHistory"), [{type: "toggleHistory"}]);
    });

    it("reports a missing model file as a model error with a clear message", async () => {
        await switchModel("/nonexistent/dir/missing-model.gguf");
        const turn = await api.chats.ask(api.store.active.id, "What is a normal resting heart rate?");
        assert.equal(turn?.status, "error");
        assert.match(turn?.error ?? "", /missing-model\.gguf/);
        assert.doesNotMatch(turn?.error ?? "", /\n\s+at /, "no stack trace");
    });
});
