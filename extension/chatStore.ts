/**
 * The chats of one workspace, kept in VS Code's workspace state so they survive closing the view and reloading the
 * window. The host owns them; the webview only renders copies. Pure apart from the storage it is given.
 */
import * as crypto from "node:crypto";
import type {ChatMessage} from "../shared/types";
import type {Attachment, Chat, ChatSummary, ChatTurn} from "./protocol";

/** The subset of vscode.Memento used here. */
export interface StateStorage {
    get<T>(key: string): T | undefined;
    update(key: string, value: unknown): PromiseLike<void>;
}

interface Persisted {
    version: 1;
    activeChatId?: string;
    chats: Chat[];
}

export const STORAGE_KEY = "med42.chats";
const ACTIVE_STATUSES: ReadonlySet<ChatTurn["status"]> = new Set(["pending", "queued", "loading", "streaming"]);

export interface ChatStoreOptions {
    /** Oldest chats beyond this are dropped. */
    maxChats?: number;
    now?: () => number;
}

export class ChatStore {
    private chats: Chat[];
    private activeId: string;
    private readonly maxChats: number;
    private readonly now: () => number;
    private saving: Promise<void> = Promise.resolve();

    constructor(private readonly storage: StateStorage, options: ChatStoreOptions = {}) {
        this.maxChats = options.maxChats ?? 50;
        this.now = options.now ?? Date.now;
        const saved = storage.get<Persisted>(STORAGE_KEY);
        this.chats = saved?.version === 1 && Array.isArray(saved.chats) ? saved.chats.filter(isChat) : [];
        // A request cannot outlive the window: turns still running when it closed are shown as stopped.
        for (const chat of this.chats) {
            for (const t of chat.turns) {
                if (ACTIVE_STATUSES.has(t.status)) {
                    t.status = "stopped";
                    t.queuePosition = undefined;
                }
            }
        }
        const active = this.chats.find((c) => c.id === saved?.activeChatId) ?? this.chats[0];
        this.activeId = active ? active.id : this.createChat().id;
    }

    get active(): Chat {
        return this.get(this.activeId) ?? this.createChat();
    }

    get(chatId: string): Chat | undefined {
        return this.chats.find((c) => c.id === chatId);
    }

    /** Newest first. */
    list(): ChatSummary[] {
        return [...this.chats]
            .filter((c) => c.turns.length > 0 || c.id === this.activeId)
            .sort((a, b) => b.updatedAt - a.updatedAt)
            .map((c) => ({id: c.id, title: c.title, updatedAt: c.updatedAt, turnCount: c.turns.length}));
    }

    /** Starts a new chat (an empty active chat is reused) and makes it active. */
    newChat(): Chat {
        const current = this.get(this.activeId);
        if (current && current.turns.length === 0) return current;
        const chat = this.createChat();
        this.activeId = chat.id;
        this.save();
        return chat;
    }

    open(chatId: string): Chat | undefined {
        const chat = this.get(chatId);
        if (chat) {
            const previous = this.get(this.activeId);
            if (previous && previous !== chat && previous.turns.length === 0) this.chats = this.chats.filter((c) => c !== previous);
            this.activeId = chat.id;
            this.save();
        }
        return chat;
    }

    /** Removes a chat; returns it (for undo), or undefined when there was none. */
    delete(chatId: string): Chat | undefined {
        const removed = this.get(chatId);
        this.chats = this.chats.filter((c) => c.id !== chatId);
        if (this.activeId === chatId) {
            const next = [...this.chats].sort((a, b) => b.updatedAt - a.updatedAt)[0];
            this.activeId = next ? next.id : this.createChat().id;
        }
        this.save();
        return removed;
    }

    /** Puts back a deleted chat (undo); it becomes the active chat when `activate` is set. */
    restore(chat: Chat, activate = false): void {
        if (this.get(chat.id)) return;
        this.chats.push(chat);
        if (activate) {
            const previous = this.get(this.activeId);
            if (previous && previous.turns.length === 0) this.chats = this.chats.filter((c) => c !== previous);
            this.activeId = chat.id;
        }
        this.save();
    }

    addTurn(chatId: string, question: string, attachments?: Attachment[]): ChatTurn {
        const chat = this.get(chatId);
        if (!chat) throw new Error("That chat was deleted.");
        const turn: ChatTurn = {id: newId(), question, answer: "", status: "pending", createdAt: this.now()};
        if (attachments?.length) turn.attachments = attachments;
        chat.turns.push(turn);
        if (!chat.title) chat.title = titleFrom(question);
        chat.updatedAt = this.now();
        this.save();
        return turn;
    }

    /** Removes the turn and every turn after it (to ask it again or edit it); returns the removed turns. */
    truncateFrom(chatId: string, turnId: string): ChatTurn[] {
        const chat = this.get(chatId);
        const i = chat ? chat.turns.findIndex((t) => t.id === turnId) : -1;
        if (!chat || i < 0) return [];
        const removed = chat.turns.splice(i);
        chat.updatedAt = this.now();
        this.save();
        return removed;
    }

    /** Applies `patch` to a turn; undefined when the chat or turn is gone (deleted meanwhile). */
    updateTurn(chatId: string, turnId: string, patch: Partial<Omit<ChatTurn, "id">>, options: {persist?: boolean} = {}): ChatTurn | undefined {
        const chat = this.get(chatId);
        const turn = chat?.turns.find((t) => t.id === turnId);
        if (!chat || !turn) return undefined;
        Object.assign(turn, patch);
        chat.updatedAt = this.now();
        if (options.persist !== false) this.save();
        return turn;
    }

    /** The most recent finished answer in the active chat, else in any chat. */
    lastAnswer(): {chat: Chat; turn: ChatTurn} | undefined {
        const ordered = [this.active, ...[...this.chats].sort((a, b) => b.updatedAt - a.updatedAt)];
        for (const chat of ordered) {
            for (let i = chat.turns.length - 1; i >= 0; i--) {
                const t = chat.turns[i];
                if ((t.status === "done" || t.status === "stopped") && t.answer) return {chat, turn: t};
            }
        }
        return undefined;
    }

    /** Writes the chats (serialized; the last write wins). */
    save(): Promise<void> {
        this.trim();
        const snapshot: Persisted = {version: 1, activeChatId: this.activeId, chats: this.chats};
        const json = JSON.parse(JSON.stringify(snapshot)) as Persisted;
        this.saving = this.saving.then(() => this.storage.update(STORAGE_KEY, json), () => this.storage.update(STORAGE_KEY, json));
        return this.saving;
    }

    private createChat(): Chat {
        const now = this.now();
        const chat: Chat = {id: newId(), title: "", createdAt: now, updatedAt: now, turns: []};
        this.chats.push(chat);
        return chat;
    }

    private trim(): void {
        if (this.chats.length <= this.maxChats) return;
        const keep = [...this.chats].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, this.maxChats);
        if (!keep.some((c) => c.id === this.activeId)) keep[keep.length - 1] = this.get(this.activeId)!;
        const ids = new Set(keep.map((c) => c.id));
        this.chats = this.chats.filter((c) => ids.has(c.id));
    }
}

/**
 * The conversation for `turnId` as the chat shows it: earlier finished turns as user/assistant pairs (an escalation
 * or refusal as its policy message, flagged), then the question. Turns that failed or stopped before any text are
 * left out. The core decides what of it reaches the model: escalated or refused turns and their policy messages never
 * do (shared/policy/conversationGuard.ts).
 */
export function conversationFor(chat: Chat, turnId: string): ChatMessage[] {
    const messages: ChatMessage[] = [];
    for (const t of chat.turns) {
        if (t.id === turnId) {
            messages.push(userMessage(t));
            return messages;
        }
        if (t.status !== "done" && t.status !== "stopped") continue;
        if (t.notice) {
            messages.push(userMessage(t), {role: "assistant", content: t.notice.message, policyNotice: true});
        } else if (t.answer) {
            messages.push(userMessage(t), {role: "assistant", content: t.answer});
        }
    }
    throw new Error(`turn ${turnId} is not in chat ${chat.id}`);
}

/** A turn's question with its attachments, which the core composes into the message (shared/attachments.ts). */
function userMessage(t: ChatTurn): ChatMessage {
    const message: ChatMessage = {role: "user", content: t.question};
    if (t.attachments?.length) message.attachments = t.attachments.map((a) => ({label: a.label, text: a.text, language: a.languageId}));
    return message;
}

export function titleFrom(question: string): string {
    const line = question.replace(/\s+/g, " ").trim();
    return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

function newId(): string {
    return crypto.randomUUID();
}

function isChat(c: unknown): c is Chat {
    const x = c as Chat;
    return !!x && typeof x.id === "string" && Array.isArray(x.turns);
}
