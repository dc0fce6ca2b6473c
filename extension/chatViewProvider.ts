/**
 * The "Med42" chat view in the activity bar: a webview that renders what the host sends (protocol.ts) and sends
 * back what the user does. The webview is rebuilt whenever VS Code re-creates it (chats live in the host's store).
 */
import * as vscode from "vscode";
import type {AssistantHost} from "./assistantHost";
import type {ChatController} from "./chatController";
import {copyText} from "./answerText";
import type {EditorInsert} from "./editorInsert";
import {parseWebviewMessage, type Attachment, type HostMessage, type SettingKey, type ViewState, type WebviewMessage} from "./protocol";
import {renderWebviewHtml} from "./webviewHtml";

export const CHAT_VIEW_ID = "med42.chatView";

/** Shown only when the policy cannot be loaded (then the model panel shows the error too). */
const FALLBACK_DISCLAIMER = "Med42 is not ready for clinical use. Check every answer; it is not medical advice.";

export interface ViewActions {
    /** Asks what to attach to the next question (contextPicker.ts). */
    pickContext(): Promise<Attachment | undefined>;
    downloadModel(): Promise<void>;
    chooseModelFile(): Promise<void>;
    selectModel(): Promise<void>;
    openSettings(setting?: SettingKey): Promise<void>;
}

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
    private view?: vscode.WebviewView;
    /** Whether the current webview has loaded and got the state (messages posted before that are lost). */
    private ready = false;
    /** Messages for a webview that is not ready yet (e.g. "Add Selection to Chat" with the view closed). */
    private pending: HostMessage[] = [];
    private readonly disposables: vscode.Disposable[] = [];
    private readonly readyEmitter = new vscode.EventEmitter<void>();
    /** Fires when a webview has loaded and received the state (tests wait for it). */
    readonly onDidBecomeReady = this.readyEmitter.event;

    constructor(
        private readonly extensionUri: vscode.Uri,
        private readonly chats: ChatController,
        private readonly host: AssistantHost,
        private readonly editors: EditorInsert,
        private readonly actions: ViewActions,
        private readonly log: vscode.LogOutputChannel
    ) {
        this.disposables.push(
            this.readyEmitter,
            chats.addListener({
                onChatsChanged: () => this.postState(),
                onTurn: (chatId, turn) => this.post({type: "turn", chatId, turn})
            }),
            host.onDidChangeModelState((model) => this.post({type: "model", model, modelInfo: this.host.modelInfo, setup: this.host.setup}))
        );
    }

    get visible(): boolean {
        return !!this.view?.visible;
    }

    resolveWebviewView(view: vscode.WebviewView): void {
        this.view = view;
        this.ready = false;
        const webviewRoot = vscode.Uri.joinPath(this.extensionUri, "out", "webview");
        view.webview.options = {enableScripts: true, enableCommandUris: false, localResourceRoots: [webviewRoot]};
        view.webview.html = renderWebviewHtml({
            cspSource: view.webview.cspSource,
            scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, "main.js")).toString(),
            styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, "style.css")).toString()
        });
        const sub = view.webview.onDidReceiveMessage((raw) => {
            const msg = parseWebviewMessage(raw);
            if (!msg) {
                this.log.warn(`ignored a malformed message from the chat view`);
                return;
            }
            this.handle(msg).catch((err: Error) => {
                this.log.error(`chat view: ${err.message}`);
                void vscode.window.showErrorMessage(`Med42: ${err.message}`);
            });
        });
        view.onDidDispose(() => {
            sub.dispose();
            void vscode.commands.executeCommand("setContext", "med42.chatFocused", false);
            if (this.view === view) {
                this.view = undefined;
                this.ready = false;
            }
        });
    }

    /** Puts an attachment in the chat box (once the view has loaded). */
    addAttachment(attachment: Attachment): void {
        this.postWhenReady({type: "addAttachment", attachment});
    }

    /** Posts now, or once the webview has loaded and shown the state (a message to a loading webview is lost). */
    postWhenReady(msg: HostMessage): void {
        if (this.ready) this.post(msg);
        else this.pending.push(msg);
    }

    /** Opens (and focuses) the view. */
    async reveal(): Promise<void> {
        await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    }

    post(msg: HostMessage): void {
        void this.view?.webview.postMessage(msg);
    }

    viewState(): ViewState {
        return {
            chats: this.chats.store.list(),
            activeChat: this.chats.store.active,
            model: this.host.modelState,
            modelInfo: this.host.modelInfo,
            disclaimer: this.host.disclaimer?.markdown ?? FALLBACK_DISCLAIMER,
            setup: this.host.setup
        };
    }

    postState(): void {
        if (this.view) this.post({type: "state", state: this.viewState()});
    }

    private async handle(msg: WebviewMessage): Promise<void> {
        const store = this.chats.store;
        switch (msg.type) {
            case "ready":
                // Opening the view is first use: create the assistant (no model load) so the model state is real.
                try { this.host.acquire(); } catch { /* shown as the model panel's error */ }
                this.postState();
                this.ready = true;
                for (const pending of this.pending.splice(0)) this.post(pending);
                this.readyEmitter.fire();
                return;
            case "ask":
                await this.chats.ask(store.active.id, msg.text, {attachments: msg.attachments});
                return;
            case "regenerate":
                await this.chats.regenerate(msg.chatId, msg.turnId);
                return;
            case "editQuestion":
                await this.chats.editQuestion(msg.chatId, msg.turnId, msg.text);
                return;
            case "focusChanged":
                await vscode.commands.executeCommand("setContext", "med42.chatFocused", msg.focused);
                this.post({type: "focusState", focused: msg.focused});
                return;
            case "pickContext": {
                const attachment = await this.actions.pickContext();
                if (attachment) this.addAttachment(attachment);
                return;
            }
            case "stop":
                this.chats.stop(store.active.id);
                return;
            case "newChat":
                this.chats.newChat();
                return;
            case "openChat":
                this.chats.openChat(msg.chatId);
                return;
            case "deleteChat": {
                const title = this.chats.deleteChat(msg.chatId);
                if (title !== undefined) this.post({type: "chatDeleted", chatId: msg.chatId, title});
                return;
            }
            case "restoreChat":
                this.chats.restoreChat(msg.chatId);
                return;
            case "copy":
                await vscode.env.clipboard.writeText(msg.text);
                this.post({type: "toast", text: "Copied."});
                return;
            case "insertCode":
                await this.editors.insert(msg.text);
                return;
            case "copyAnswer":
            case "insertAnswer": {
                const turn = store.get(msg.chatId)?.turns.find((t) => t.id === msg.turnId);
                if (!turn) return;
                const disclaimer = this.host.disclaimer ?? {text: turn.disclaimer ?? FALLBACK_DISCLAIMER, markdown: turn.disclaimer ?? FALLBACK_DISCLAIMER};
                if (msg.type === "copyAnswer") {
                    // Plain text with the disclaimer (it may be pasted into an EHR text box); markers are for documents.
                    await vscode.env.clipboard.writeText(copyText(turn, disclaimer));
                    this.post({type: "toast", text: "Copied as plain text with the disclaimer."});
                } else if (turn.answer && !turn.notice) {
                    await this.editors.insert(this.editors.answerBlock(turn, disclaimer));
                }
                return;
            }
            case "downloadModel":
                await this.actions.downloadModel();
                return;
            case "cancelDownload":
                this.host.cancelDownload();
                return;
            case "chooseModelFile":
                await this.actions.chooseModelFile();
                return;
            case "selectModel":
                await this.actions.selectModel();
                return;
            case "openSettings":
                await this.actions.openSettings(msg.setting);
                return;
            case "retryModel":
                // Retry repeats what failed: a download is downloaded again, anything else is checked and loaded.
                if (this.host.lastFailure === "download") await this.actions.downloadModel();
                else await this.host.retry();
                return;
            case "openLink":
                await openSafeLink(msg.href);
                return;
        }
    }

    dispose(): void {
        for (const d of this.disposables) d.dispose();
    }
}

/** Only web and mail links leave the view, through VS Code (which asks before opening an external site). */
export async function openSafeLink(href: string): Promise<boolean> {
    let uri: vscode.Uri;
    try {
        uri = vscode.Uri.parse(href, true);
    } catch {
        return false;
    }
    if (!["http", "https", "mailto"].includes(uri.scheme)) return false;
    return vscode.env.openExternal(uri);
}
