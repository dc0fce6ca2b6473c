/**
 * Runs chat questions: adds the turn, streams the core's events into it (decision → queue → text → result) and
 * tells the view. One request at a time per chat; chats can run side by side (the core queues them).
 */
import * as vscode from "vscode";
import type {AnswerEvent} from "../shared/assistantTypes";
import type {PolicyDecision} from "../shared/policy/types";
import {currentSettings, userMessage, type AssistantHost} from "./assistantHost";
import {conversationFor, type ChatStore} from "./chatStore";
import type {Attachment, Chat, ChatTurn, PolicyNotice} from "./protocol";

/** Streamed text reaches the view at most this often (each update re-renders the turn's Markdown). */
const STREAM_UPDATE_MS = 60;
/** Streamed text is saved at most this often, so a window closed mid-answer keeps what was shown. */
const STREAM_SAVE_MS = 1000;

export interface ChatListener {
    /** The chat list or the active chat changed shape (new turn, title, switch). */
    onChatsChanged(): void;
    /** One turn changed. */
    onTurn(chatId: string, turn: ChatTurn): void;
}

export function noticeFrom(decision: PolicyDecision, message?: string): PolicyNotice | undefined {
    if (decision.action === "answer") return undefined;
    return {action: decision.action, category: decision.category, message: message ?? decision.message ?? ""};
}

export class ChatController implements vscode.Disposable {
    private readonly running = new Map<string, AbortController>();
    private readonly listeners = new Set<ChatListener>();
    private readonly finishedEmitter = new vscode.EventEmitter<{chatId: string; turn: ChatTurn}>();
    /** Fires when a turn ends (answered, escalated, refused, stopped or failed). */
    readonly onDidFinishTurn = this.finishedEmitter.event;

    constructor(readonly store: ChatStore, private readonly host: AssistantHost) {}

    addListener(l: ChatListener): vscode.Disposable {
        this.listeners.add(l);
        return new vscode.Disposable(() => this.listeners.delete(l));
    }

    private chatsChanged(): void {
        for (const l of this.listeners) l.onChatsChanged();
    }

    private turnChanged(chatId: string, turn: ChatTurn): void {
        for (const l of this.listeners) l.onTurn(chatId, {...turn});
    }

    isRunning(chatId: string): boolean {
        return this.running.has(chatId);
    }

    /** Asks in the active chat, or in a new chat when the active one is still answering. Returns the chat used. */
    askInAvailableChat(question: string): {chatId: string; done: Promise<ChatTurn | undefined>} {
        const chat = this.isRunning(this.store.active.id) ? this.store.newChat() : this.store.active;
        this.chatsChanged();
        return {chatId: chat.id, done: this.ask(chat.id, question)};
    }

    /**
     * Asks the last turn's question again in its place (Retry after an error, Regenerate an answer), with its
     * attachments; resolves to the new turn (undefined when the chat is busy or the turn is not the last one).
     */
    regenerate(chatId: string, turnId: string): Promise<ChatTurn | undefined> {
        const chat = this.store.get(chatId);
        const turn = chat?.turns[chat.turns.length - 1];
        if (!chat || !turn || turn.id !== turnId || this.running.has(chatId)) return Promise.resolve(undefined);
        this.store.truncateFrom(chatId, turnId);
        this.chatsChanged();
        return this.ask(chatId, turn.question, {attachments: turn.attachments});
    }

    /**
     * Replaces a question with `text` (its attachments kept) and asks it: that turn and every turn after it are
     * replaced, as in Copilot Chat.
     */
    editQuestion(chatId: string, turnId: string, text: string): Promise<ChatTurn | undefined> {
        const turn = this.store.get(chatId)?.turns.find((t) => t.id === turnId);
        if (!turn || !text.trim() || this.running.has(chatId)) return Promise.resolve(undefined);
        this.store.truncateFrom(chatId, turnId);
        this.chatsChanged();
        return this.ask(chatId, text, {attachments: turn.attachments});
    }

    /** Asks `question` in `chatId`; resolves to the finished turn (undefined when the chat is busy or gone). */
    async ask(chatId: string, question: string, options: {attachments?: Attachment[]} = {}): Promise<ChatTurn | undefined> {
        const text = question.trim();
        if (!text || this.running.has(chatId) || !this.store.get(chatId)) return undefined;
        const controller = new AbortController();
        this.running.set(chatId, controller);
        const untrack = this.host.track(controller);
        let turn = this.store.addTurn(chatId, text, options.attachments);
        this.chatsChanged();
        const turnId = turn.id;
        let lastPost = 0;
        let lastSave = Date.now();
        const update = (patch: Partial<ChatTurn>, opts: {streaming?: boolean} = {}) => {
            const now = Date.now();
            const persist = !opts.streaming || now - lastSave >= STREAM_SAVE_MS;
            const t = this.store.updateTurn(chatId, turnId, patch, {persist});
            if (!t) return;
            turn = t;
            if (persist) lastSave = now;
            if (!opts.streaming || now - lastPost >= STREAM_UPDATE_MS) {
                lastPost = now;
                this.turnChanged(chatId, t);
            }
        };
        // The disclaimer of the request, kept for a turn that fails after part of its answer was shown.
        let disclaimer: string | undefined;
        /** The turn's end: saved first, then shown as finished, so a reload right after it cannot lose it. */
        const finish = async (patch: Partial<ChatTurn>) => {
            const t = this.store.updateTurn(chatId, turnId, patch, {persist: false});
            if (!t) return;
            turn = t;
            // A failed write still shows the end (the turn stays in memory and the next save retries it).
            await this.store.save().catch(() => undefined);
            this.turnChanged(chatId, t);
        };
        try {
            // A settings change being applied (model switch, restart) goes first.
            await this.host.settled();
            const chat = this.store.get(chatId)!;
            const assistant = this.host.acquire();
            // No answer without its audit record: a central audit log that cannot be reached pauses the request here.
            const messages = conversationFor(chat, turnId);
            await this.host.checkAudit({text: messages[messages.length - 1]?.content ?? "", assistant});
            const stream = assistant.ask({
                messages,
                surface: "vscode",
                conversationId: chatId,
                signal: controller.signal,
                sampling: currentSettings().sampling
            });
            disclaimer = stream.disclaimer.markdown;
            let answer = "";
            for await (const ev of stream as AsyncIterable<AnswerEvent>) {
                switch (ev.type) {
                    case "decision": {
                        const notice = noticeFrom(ev.decision);
                        if (notice) update({notice, status: "streaming"});
                        else update({info: ev.decision.notice, status: this.host.modelState.status === "ready" ? "queued" : "loading"});
                        break;
                    }
                    case "queued":
                        update({status: "queued", queuePosition: ev.position});
                        break;
                    case "started":
                        update({status: "streaming", queuePosition: undefined});
                        break;
                    case "text":
                        answer += ev.text;
                        update({answer}, {streaming: true});
                        break;
                    case "replaced":
                        // Output screening stopped the answer: nothing of it stays on screen.
                        answer = "";
                        update({answer: "", notice: noticeFrom(ev.decision, ev.text)});
                        break;
                    case "condensing":
                        update({condensing: ev.label});
                        break;
                    case "condensed":
                        update({condensing: undefined, condensed: [...(turn.condensed ?? []),
                            {label: ev.label, tokens: ev.tokens, summaryTokens: ev.summaryTokens}]});
                        break;
                }
            }
            const result = await stream.result;
            const notice = turn.notice ?? noticeFrom(result.policy);
            await finish({
                status: result.stopReason === "abort" ? "stopped" : "done",
                // A stopped answer keeps what was already shown (screened chunk by chunk) if the core returns less.
                answer: notice ? "" : result.stopReason === "abort" && result.answer.length < answer.length ? answer : result.answer,
                notice,
                // A model server failed mid-answer: the partial answer stays, with a note that it was cut off.
                ...(result.interruption ? {info: [turn.info, result.interruption].filter(Boolean).join("\n\n")} : {}),
                disclaimer: result.disclaimer.markdown,
                stopReason: result.stopReason,
                model: result.model,
                queuePosition: undefined,
                condensing: undefined
            });
        } catch (err) {
            if (controller.signal.aborted) await finish({status: "stopped", queuePosition: undefined, stopReason: "abort", condensing: undefined, disclaimer});
            else await finish({status: "error", error: userMessage(err, this.host.modelInfo), queuePosition: undefined, condensing: undefined, disclaimer});
        } finally {
            untrack();
            this.running.delete(chatId);
        }
        this.finishedEmitter.fire({chatId, turn: {...turn}});
        return turn;
    }

    /** Stops the chat's running answer; true when one was running. */
    stop(chatId: string): boolean {
        const c = this.running.get(chatId);
        c?.abort();
        return !!c;
    }

    stopAll(): void {
        for (const c of this.running.values()) c.abort();
    }

    newChat(): void {
        this.store.newChat();
        this.chatsChanged();
    }

    openChat(chatId: string): void {
        if (this.store.open(chatId)) this.chatsChanged();
    }

    /** Deleted chats kept for Undo while the window is open (the newest few). */
    private readonly deleted = new Map<string, {chat: Chat; wasActive: boolean}>();

    /** Deletes a chat; Undo (restoreChat) can bring it back while the window is open. Returns its title. */
    deleteChat(chatId: string): string | undefined {
        this.stop(chatId);
        const wasActive = this.store.active.id === chatId;
        const chat = this.store.delete(chatId);
        if (chat) {
            this.deleted.set(chatId, {chat, wasActive});
            while (this.deleted.size > 10) this.deleted.delete(this.deleted.keys().next().value!);
        }
        this.chatsChanged();
        return chat?.title;
    }

    /** Undoes deleteChat; false when the chat is no longer kept. */
    restoreChat(chatId: string): boolean {
        const kept = this.deleted.get(chatId);
        if (!kept) return false;
        this.deleted.delete(chatId);
        this.store.restore(kept.chat, kept.wasActive);
        this.chatsChanged();
        return true;
    }

    dispose(): void {
        this.stopAll();
        this.finishedEmitter.dispose();
        this.listeners.clear();
    }
}
