/**
 * Med42 for VS Code. Activation (after startup, for the status-bar item, or on the view or a command) only wires
 * things up: the core is loaded and the assistant created when the view opens or a command first needs it, and the
 * model loads with the first request, in node-llama-cpp's native threads, so the extension host never blocks.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import {MODEL_PRESETS} from "../shared/models/presets";
import {formatBytes} from "../shared/models/formatBytes";
import {AssistantHost, currentSettings, errorMessage, userMessage} from "./assistantHost";
import {ChatController} from "./chatController";
import {ChatStore} from "./chatStore";
import {CHAT_VIEW_ID, ChatViewProvider} from "./chatViewProvider";
import {EditorInsert} from "./editorInsert";
import {FileStateStorage} from "./fileStateStorage";
import {fileAttachment, pickContext, selectionAttachment} from "./contextPicker";
import type {Attachment, ChatTurn, SettingKey} from "./protocol";
import {CONFIG_SECTION, serverApiKeySecret} from "./settings";
import {settingsTabFor, type SettingScope} from "./setupInfo";
import {ModelStatusBar} from "./statusBar";
import {summarizeInEditor, type ConflictPrompt, type SummaryHooks, type SummaryOutcome, type SummaryScope} from "./summarize";

/** What activate() returns: the integration tests drive and inspect the extension through it. */
export interface Med42ExtensionApi {
    host: AssistantHost;
    chats: ChatController;
    store: ChatStore;
    view: ChatViewProvider;
    editors: EditorInsert;
    statusBar: ModelStatusBar;
    summarize(scope: SummaryScope, onConflict?: ConflictPrompt, hooks?: SummaryHooks): Promise<SummaryOutcome>;
}

let disposeHost: (() => Promise<void>) | undefined;

/** A fence longer than any backtick run in the text, so a quoted selection cannot close it early. */
export function quoteForPrompt(text: string, languageId: string): string {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = "`".repeat(longest + 1);
    const lang = /^[\w+#.-]+$/.test(languageId) && languageId !== "plaintext" ? languageId : "";
    return `${fence}${lang}\n${text.replace(/\s+$/, "")}\n${fence}`;
}

export function activate(context: vscode.ExtensionContext): Med42ExtensionApi {
    const log = vscode.window.createOutputChannel("Med42", {log: true});
    const host = new AssistantHost(log, context.secrets);
    // Chats live in a file in the workspace's storage folder on the extension's machine (see fileStateStorage.ts).
    const storageDir = context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, "no-workspace");
    const store = new ChatStore(storageDir.scheme === "file" ? new FileStateStorage(storageDir.fsPath, context.workspaceState) : context.workspaceState);
    const chats = new ChatController(store, host);
    const editors = new EditorInsert();
    const statusBar = new ModelStatusBar("med42.showChat");
    statusBar.update(host.modelState, host.modelInfo);
    disposeHost = () => host.disposeAsync();

    const config = () => vscode.workspace.getConfiguration(CONFIG_SECTION);
    /** The model setting is written where it is already set (workspace or user). */
    const setModelSetting = async (value: string) => {
        const inspect = config().inspect<string>("model");
        const target = inspect?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder
            : inspect?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await config().update("model", value, target);
    };

    const chooseModelFile = async () => {
        const picked = await vscode.window.showOpenDialog({
            title: "Med42: choose a model file", canSelectMany: false, openLabel: "Use this model",
            filters: {"GGUF model": ["gguf"]}
        });
        if (picked?.[0]) await setModelSetting(picked[0].fsPath);
    };

    /**
     * The model server's API key goes to SecretStorage (never settings.json), bound to the med42.server.url it is set
     * for. An argument sets it without asking (scripts, tests); "" clears it.
     */
    const setServerApiKey = async (key?: string) => {
        const url = currentSettings().serverUrl;
        const id = serverApiKeySecret(url);
        if (!id) {
            void vscode.window.showErrorMessage(url ? `Med42: med42.server.url is not a valid URL ("${url}").`
                : "Med42: set med42.server.url (the model server's URL) first; the API key is kept for that server.");
            return false;
        }
        const value = typeof key === "string" ? key : await vscode.window.showInputBox({
            title: "Med42: model server API key", password: true, ignoreFocusOut: true,
            prompt: `The API key of ${url} (vLLM/llama-server --api-key). Kept in VS Code's secret storage, only for this server.`
        });
        if (value === undefined) return false;
        if (value.trim()) await context.secrets.store(id, value.trim());
        else await context.secrets.delete(id);
        await host.reload();
        if (typeof key !== "string") void vscode.window.showInformationMessage(`Med42: API key for ${url} ${value.trim() ? "saved" : "removed"}.`);
        return true;
    };
    const clearServerApiKey = async () => setServerApiKey("");

    const selectModel = async () => {
        if (host.usesServer) {
            const open = "Open Settings";
            const picked = await vscode.window.showInformationMessage("Med42: the model runs on a model server (med42.server.url); " +
                "the server's model is chosen with med42.server.model. Clear med42.server.url to use a local model.", open);
            if (picked === open) await vscode.commands.executeCommand("workbench.action.openSettings", "med42.server");
            return;
        }
        type Item = vscode.QuickPickItem & {run: () => Promise<void>};
        const current = host.modelState.model;
        const items: Item[] = [
            ...MODEL_PRESETS.map((p): Item => ({
                label: p.displayName, description: `${p.id} · ${formatBytes(p.approxSizeBytes)}${p.id === current ? " · current" : ""}`,
                detail: "Downloads from Hugging Face when you click Download.", run: () => setModelSetting(p.id)
            })),
            {label: "$(file) Choose a .gguf file…", run: chooseModelFile},
            {
                label: "$(link) Enter an hf: URI or URL…", run: async () => {
                    const value = await vscode.window.showInputBox({
                        title: "Med42: model", prompt: "hf:user/repo:QUANT, hf:user/repo/file.gguf or an https URL",
                        value: current, ignoreFocusOut: true
                    });
                    if (value?.trim()) await setModelSetting(value.trim());
                }
            }
        ];
        const pick = await vscode.window.showQuickPick(items, {title: "Med42: select the model", placeHolder: `Current: ${current}`});
        await pick?.run();
    };

    const downloadModel = async () => {
        try {
            host.acquire();
        } catch (err) {
            void vscode.window.showErrorMessage(`Med42: ${errorMessage(err)}`);
            return;
        }
        // The progress ends with the download; only then is the outcome shown (an open error message must not keep
        // the progress spinning).
        const outcome = await vscode.window.withProgress({
            location: vscode.ProgressLocation.Notification, title: `Med42: downloading ${host.modelInfo.label}`, cancellable: true
        }, async (progress, token): Promise<{file?: string; error?: unknown}> => {
            token.onCancellationRequested(() => host.cancelDownload());
            let lastPct = 0;
            const sub = host.onDidChangeModelState((s) => {
                if (s.status !== "downloading" || !s.totalBytes) return;
                const pct = Math.floor((s.receivedBytes / s.totalBytes) * 100);
                if (pct > lastPct) {
                    progress.report({increment: pct - lastPct, message: `${pct}% of ${formatBytes(s.totalBytes)}`});
                    lastPct = pct;
                }
            });
            try {
                return {file: await host.downloadModel()};
            } catch (error) {
                return {error};
            } finally {
                sub.dispose();
            }
        });
        if (outcome.file) {
            void vscode.window.showInformationMessage(`Med42: ${host.modelInfo.label} is downloaded. It loads with your first question.`);
        } else if (outcome.error !== undefined) {
            log.error(`download: ${errorMessage(outcome.error)}`);
            const retry = "Retry";
            const choose = "Choose model file…";
            const picked = await vscode.window.showErrorMessage(`Med42: ${userMessage(outcome.error)}`, retry, choose);
            if (picked === retry) void vscode.commands.executeCommand("med42.downloadModel");
            if (picked === choose) void chooseModelFile();
        }
    };

    /**
     * Opens the settings editor on the tab where the setting lives (see setupInfo.ts): in a remote window the machine
     * settings are in the Remote tab, where a value in the local User settings does not apply.
     */
    const openSettings = async (key?: SettingKey) => {
        const remote = vscode.env.remoteName !== undefined;
        const declared = context.extension.packageJSON?.contributes?.configuration?.properties?.[`${CONFIG_SECTION}.${key}`] as {scope?: SettingScope} | undefined;
        // Without a setting: where this window reads the machine settings (model, policy, audit log).
        const tab = key ? settingsTabFor(config().inspect(key), declared?.scope ?? "window", remote) : remote ? "remote" : "user";
        const command = {user: "workbench.action.openGlobalSettings", remote: "workbench.action.openRemoteSettings",
            workspace: "workbench.action.openWorkspaceSettings"}[tab];
        log.info(`opening the ${tab} settings${key ? ` at ${CONFIG_SECTION}.${key}` : ""}`);
        await vscode.commands.executeCommand(command, {query: key ? `@id:${CONFIG_SECTION}.${key}` : `@ext:${context.extension.id}`});
    };
    host.onPolicyProblem((problem) => {
        const open = "Open settings";
        void vscode.window.showErrorMessage(`Med42: the policy file cannot be used, so Med42 answers nothing until it is fixed: ${problem}`, open)
            .then((picked) => picked === open ? openSettings("policyFile") : undefined);
    }, undefined, context.subscriptions);

    const view = new ChatViewProvider(context.extensionUri, chats, host, editors, {
        downloadModel, chooseModelFile, selectModel, openSettings, pickContext: () => pickContext(editors.targetEditor())
    }, log);

    /** Puts context into the chat box (the view is opened, and the chip waits there until the question is sent). */
    const attach = async (attachment: Attachment | undefined) => {
        if (!attachment) return undefined;
        await view.reveal();
        view.addAttachment(attachment);
        view.postWhenReady({type: "focusInput"});
        return attachment;
    };

    /** Sends a question to the chat view (opened if needed); resolves to the finished turn. */
    const askInView = async (question: string): Promise<ChatTurn | undefined> => {
        await view.reveal();
        const {done} = chats.askInAvailableChat(question);
        return done;
    };

    const selectionOrTell = (what: string): {text: string; languageId: string} | undefined => {
        const editor = vscode.window.activeTextEditor;
        const text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : "";
        if (!editor || !text.trim()) {
            void vscode.window.showErrorMessage(`Med42: select some text to ${what} first.`);
            return undefined;
        }
        return {text, languageId: editor.document.languageId};
    };

    const summarize = (scope: SummaryScope, onConflict?: ConflictPrompt, hooks?: SummaryHooks) => summarizeInEditor(host, scope, log, onConflict, hooks);

    const insertLastAnswer = async () => {
        const last = store.lastAnswer();
        if (!last) {
            void vscode.window.showInformationMessage("Med42: there is no answer to insert yet.");
            return undefined;
        }
        const disclaimer = host.disclaimer ?? {text: last.turn.disclaimer ?? "", markdown: last.turn.disclaimer ?? ""};
        return editors.insert(editors.answerBlock(last.turn, disclaimer));
    };

    const register = (id: string, fn: (...args: never[]) => unknown) =>
        context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: never[]) => {
            try {
                return await fn(...args);
            } catch (err) {
                log.error(`${id}: ${errorMessage(err)}`);
                void vscode.window.showErrorMessage(`Med42: ${errorMessage(err)}`);
                return undefined;
            }
        }));

    register("med42.ask", async (question?: string) => {
        const q = typeof question === "string" ? question : await vscode.window.showInputBox({
            title: "Ask Med42", prompt: "A clinical question (answered locally; check every answer)", ignoreFocusOut: true
        });
        if (!q?.trim()) return undefined;
        return askInView(q);
    });
    register("med42.askAboutSelection", async (question?: string) => {
        const sel = selectionOrTell("ask about");
        if (!sel) return undefined;
        const q = typeof question === "string" ? question : await vscode.window.showInputBox({
            title: "Ask Med42 about the selection", prompt: "Your question about the selected text", ignoreFocusOut: true
        });
        if (!q?.trim()) return undefined;
        return askInView(`${q.trim()}\n\n${quoteForPrompt(sel.text, sel.languageId)}`);
    });
    register("med42.explainSelection", async () => {
        const sel = selectionOrTell("explain");
        if (!sel) return undefined;
        return askInView(`Explain this clinical text in plain language, including abbreviations and what it means for the patient:\n\n${quoteForPrompt(sel.text, sel.languageId)}`);
    });
    register("med42.summarizeSelection", () => summarize("selection"));
    register("med42.summarizeDocument", () => summarize("document"));
    register("med42.insertLastAnswer", insertLastAnswer);
    register("med42.stop", () => {
        chats.stopAll();
        return host.stopAll();
    });
    register("med42.newChat", async () => {
        chats.newChat();
        await view.reveal();
        view.postWhenReady({type: "focusInput"});
    });
    register("med42.showChatHistory", async () => {
        await view.reveal();
        view.postWhenReady({type: "toggleHistory"});
    });
    register("med42.focusChat", async () => {
        await view.reveal();
        view.postWhenReady({type: "focusInput"});
    });
    register("med42.showChat", () => view.reveal());
    register("med42.addContext", async () => attach(await pickContext(editors.targetEditor())));
    register("med42.addSelectionToChat", async () => {
        const editor = vscode.window.activeTextEditor;
        if (!editor || editor.selection.isEmpty) {
            void vscode.window.showErrorMessage("Med42: select some text to add to the chat first.");
            return undefined;
        }
        return attach(selectionAttachment(editor));
    });
    register("med42.addFileToChat", async (uri?: vscode.Uri) => {
        const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : editors.targetEditor()?.document;
        if (!doc) {
            void vscode.window.showErrorMessage("Med42: open the file to add to the chat first.");
            return undefined;
        }
        return attach(fileAttachment(doc));
    });
    register("med42.regenerate", async () => {
        const chat = store.active;
        const last = chat.turns[chat.turns.length - 1];
        if (!last || chats.isRunning(chat.id)) return undefined;
        await view.reveal();
        return chats.regenerate(chat.id, last.id);
    });
    register("med42.editLastQuestion", async () => {
        await view.reveal();
        view.postWhenReady({type: "editLastQuestion"});
    });
    register("med42.downloadModel", downloadModel);
    register("med42.selectModel", selectModel);
    register("med42.setServerApiKey", setServerApiKey);
    register("med42.clearServerApiKey", clearServerApiKey);

    context.subscriptions.push(
        log, host, chats, editors, statusBar, view,
        vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view),
        host.onDidChangeModelState((s) => statusBar.update(s, host.modelInfo)),
        host.onDidChangeBusy((busy) => void vscode.commands.executeCommand("setContext", "med42.generating", busy))
    );
    log.info(`activated (extension at ${path.basename(context.extensionPath)})`);
    return {host, chats, store, view, editors, statusBar, summarize};
}

export async function deactivate(): Promise<void> {
    await disposeHost?.();
    disposeHost = undefined;
}
