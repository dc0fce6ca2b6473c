/**
 * The chat webview (bundled by esbuild into out/webview/main.js). It only renders what the extension host sends and
 * posts the user's actions back (see ../protocol.ts); the host owns chats, the model and all persistence. The last
 * state is also kept with setState so a reloaded view paints at once, before the host answers.
 */
import {showsDisclaimer, type Attachment, type Chat, type ChatTurn, type HostMessage, type ModelInfo, type ModelState,
    type SettingOrigin, type ViewState, type WebviewMessage} from "../protocol";
import {createMarkdownRenderer} from "./render";

interface VsCodeApi {
    postMessage(message: WebviewMessage): void;
    getState(): unknown;
    setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const markdown = createMarkdownRenderer();

interface SavedState {
    view?: ViewState;
    /** Context picked for the next question (chips in the chat box). */
    attachments?: Attachment[];
}

let state: ViewState | undefined = restoreState();
let historyVisible = false;
/** Context for the next question, shown as removable chips; sent with it. */
let pendingAttachments: Attachment[] = (vscode.getState() as SavedState | undefined)?.attachments ?? [];
/** The question being edited in place, and its text so far. */
let editing: {turnId: string; text: string} | undefined;

function restoreState(): ViewState | undefined {
    const saved = vscode.getState() as SavedState | undefined;
    return saved?.view && saved.view.activeChat ? saved.view : undefined;
}

function post(message: WebviewMessage): void {
    vscode.postMessage(message);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
}

function button(label: string, action: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
    const b = el("button", {type: "button", ...attrs}, label);
    b.addEventListener("click", action);
    return b;
}

function byId<T extends HTMLElement>(id: string): T {
    return document.getElementById(id) as T;
}

const messagesEl = byId<HTMLElement>("messages");
const modelEl = byId<HTMLElement>("model-panel");
const setupEl = byId<HTMLElement>("setup");
const historyEl = byId<HTMLElement>("history");
const inputEl = byId<HTMLTextAreaElement>("input");
const sendEl = byId<HTMLButtonElement>("send");
const stopEl = byId<HTMLButtonElement>("stop");
const liveEl = byId<HTMLElement>("sr-live");
const emptyEl = byId<HTMLElement>("empty");
const attachmentsEl = byId<HTMLElement>("attachments");

// ---- rendering ---------------------------------------------------------------------------------------------------

const ACTIVE: ReadonlySet<ChatTurn["status"]> = new Set(["pending", "queued", "loading", "streaming"]);

function isBusy(chat: Chat | undefined): boolean {
    return !!chat?.turns.some((t) => ACTIVE.has(t.status));
}

/** Whether a question of the open chat waits for the model or is being answered. */
function anyBusy(): boolean {
    return isBusy(state?.activeChat);
}

function setMarkdown(target: HTMLElement, text: string): void {
    // Safe by construction: markdown-it runs with raw HTML off and only http(s)/mailto links (see render.ts).
    target.innerHTML = markdown.render(text);
}

function statusLine(turn: ChatTurn): string | undefined {
    if (turn.condensing && ACTIVE.has(turn.status)) return `Summarising ${turn.condensing} first: it is too long for the model's context…`;
    switch (turn.status) {
        case "pending": return "Sending…";
        case "queued": return turn.queuePosition && turn.queuePosition > 0
            ? `Waiting for the model: ${turn.queuePosition === 1 ? "next in line" : `position ${turn.queuePosition} in the queue`}`
            : "Waiting for the model…";
        case "loading": return "Loading the model…";
        case "streaming": return turn.answer ? undefined : "Thinking…";
        default: return undefined;
    }
}

/** What a turn's rendering depends on besides the turn itself. */
interface TurnFlags {
    /** The last turn of the chat (Retry and Regenerate act on it). */
    last: boolean;
    /** The chat is answering (no editing or regenerating meanwhile). */
    busy: boolean;
    /** The question is being edited. */
    editing: boolean;
}

/** Attachment chips: in the chat box (removable) and under a sent question. */
function attachmentChip(a: Attachment, remove?: () => void): HTMLElement {
    const chip = el("span", {"class": "chip", "title": `${a.label}\n${a.uri}`, "data-kind": a.kind});
    chip.append(el("span", {"class": "chip-label"}, a.label));
    if (remove) chip.append(button("×", remove, {"class": "chip-remove", "aria-label": `Remove ${a.label}`, "title": `Remove ${a.label}`}));
    return chip;
}

function renderQuestion(chatId: string, turn: ChatTurn, flags: TurnFlags): HTMLElement {
    const q = el("div", {"class": "bubble question"});
    q.append(el("div", {"class": "role"}, "You"));
    if (flags.editing) {
        // Inline edit, as in Copilot Chat: sending replaces this question and the turns after it.
        const box = el("textarea", {"class": "edit-input", "rows": "3", "aria-label": "Edit your question"});
        box.value = editing?.text ?? turn.question;
        box.addEventListener("input", () => { if (editing) editing.text = box.value; });
        const sendEdit = () => {
            const text = box.value.trim();
            if (!text) return;
            editing = undefined;
            post({type: "editQuestion", chatId, turnId: turn.id, text});
        };
        const cancel = () => {
            editing = undefined;
            syncMessages("follow");
            inputEl.focus();
        };
        box.addEventListener("keydown", (e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !e.isComposing) {
                e.preventDefault();
                sendEdit();
            } else if (e.key === "Escape") {
                e.preventDefault();
                e.stopPropagation();
                cancel();
            }
        });
        const later = state ? state.activeChat.turns.length - 1 - state.activeChat.turns.findIndex((t) => t.id === turn.id) : 0;
        const row = el("div", {"class": "edit-actions"});
        row.append(
            el("span", {"class": "edit-note"}, later > 0 ? `Sending replaces this question and the ${later} after it.` : "Sending replaces this question and its answer."),
            button("Send", sendEdit, {"class": "primary", "data-action": "send-edit"}),
            button("Cancel", cancel, {"data-action": "cancel-edit"})
        );
        q.append(box, row);
        return q;
    }
    const qBody = el("div", {"class": "md"});
    setMarkdown(qBody, turn.question);
    q.append(qBody);
    if (turn.attachments?.length) {
        const chips = el("div", {"class": "chips", "aria-label": "Attached"});
        chips.append(...turn.attachments.map((a) => attachmentChip(a)));
        q.append(chips);
    }
    if (!flags.busy) {
        q.append(button("Edit", () => startEditing(turn.id), {
            "class": "question-edit", "data-action": "edit-question", "aria-label": "Edit and resend this question"
        }));
    }
    return q;
}

function renderTurn(chatId: string, turn: ChatTurn, flags: TurnFlags): HTMLElement {
    const article = el("article", {"class": "turn", "data-turn-id": turn.id});
    article.append(renderQuestion(chatId, turn, flags));

    const a = el("div", {"class": `bubble answer status-${turn.status}`, "aria-busy": String(ACTIVE.has(turn.status))});
    a.append(el("div", {"class": "role"}, "Med42"));
    const line = statusLine(turn);
    if (line) a.append(el("div", {"class": "status-line", "role": "status"}, line));
    if (turn.notice) {
        const escalate = turn.notice.action === "escalate";
        const box = el("div", {
            "class": `notice ${escalate ? "notice-escalate" : "notice-refuse"}`,
            "role": escalate ? "alert" : "note",
            "data-category": turn.notice.category ?? ""
        });
        box.append(el("div", {"class": "notice-title"}, escalate ? "Get help now" : "Med42 can't help with this request"));
        const body = el("div", {"class": "md"});
        setMarkdown(body, turn.notice.message);
        box.append(body);
        a.append(box);
    }
    if (turn.info) a.append(el("div", {"class": "info", "role": "note"}, turn.info));
    for (const c of turn.condensed ?? []) {
        a.append(el("div", {"class": "info", "role": "note", "data-info": "condensed"},
            `${c.label} is too long for the model's context (${c.tokens.toLocaleString()} tokens): the model was given a summary of it ` +
            `(${c.summaryTokens.toLocaleString()} tokens), made from the whole text.`));
    }
    if (turn.answer) {
        const body = el("div", {"class": "md answer-body"});
        setMarkdown(body, turn.answer);
        a.append(body);
    }
    if (turn.status === "stopped") a.append(el("div", {"class": "stopped"}, turn.answer ? "Stopped: the answer is incomplete." : "Stopped."));
    if (turn.status === "done" && turn.stopReason === "maxTokens") {
        a.append(el("div", {"class": "turn-note", "data-note": "cut-off"}, "Cut off at the answer length limit (med42.sampling.maxTokens): the answer is incomplete."));
    }
    if (turn.status === "done" && !turn.answer && !turn.notice) {
        a.append(el("div", {"class": "turn-note", "data-note": "empty"}, "The model gave an empty answer. Regenerate to try again, or rephrase the question."));
    }
    if (turn.status === "error") {
        a.append(el("div", {"class": "error", "role": "alert"}, turn.error ?? "The request failed."));
        if (flags.last && !flags.busy) {
            const row = el("div", {"class": "answer-actions"});
            row.append(button("Retry", () => post({type: "regenerate", chatId, turnId: turn.id}), {"data-action": "retry-turn", "aria-label": "Retry this question"}));
            a.append(row);
        }
    }
    if (showsDisclaimer(turn)) {
        // The disclaimer is part of every answer, also while it streams or after it failed; no control hides it.
        const disclaimer = el("div", {"class": "disclaimer", "data-testid": "disclaimer"});
        setMarkdown(disclaimer, turn.disclaimer ?? state?.disclaimer ?? "");
        a.append(disclaimer);
    }
    if (!ACTIVE.has(turn.status) && turn.status !== "error" && (turn.answer || turn.notice || flags.last)) {
        const actions = el("div", {"class": "answer-actions"});
        if (turn.answer || turn.notice) {
            actions.append(button("Copy", () => post({type: "copyAnswer", chatId, turnId: turn.id}), {
                "aria-label": turn.notice ? "Copy this notice with the disclaimer" : "Copy answer as plain text with the disclaimer", "data-action": "copy-answer"
            }));
        }
        // A policy notice (crisis resources, a refusal) is not document text: no Insert, and asking again changes nothing.
        if (turn.answer && !turn.notice) {
            actions.append(button("Insert", () => post({type: "insertAnswer", chatId, turnId: turn.id}), {"aria-label": "Insert answer at cursor", "data-action": "insert-answer"}));
        }
        if (flags.last && !flags.busy && !turn.notice) {
            actions.append(button("Regenerate", () => post({type: "regenerate", chatId, turnId: turn.id}), {
                "aria-label": "Regenerate this answer", "data-action": "regenerate", "title": "Ask the same question again (Ctrl+Alt+R)"
            }));
        }
        if (actions.childElementCount) a.append(actions);
    }
    article.append(a);
    return article;
}

/** The rendered article of each turn with what it was rendered from: unchanged turns keep their DOM (and focus). */
const turnViews = new Map<string, {key: string; el: HTMLElement}>();

/**
 * Brings the conversation's DOM up to date with the state: only turns that changed are rendered again, and elements
 * that stay are never detached, so a state message (e.g. the host's answer after a reload) does not take away the
 * focus or the element a screen reader (or a test) is on.
 */
function syncMessages(scroll: "bottom" | "follow"): void {
    if (!state) return;
    const chat = state.activeChat;
    const atBottom = messagesEl.scrollHeight - messagesEl.scrollTop - messagesEl.clientHeight < 40;
    const busy = isBusy(chat);
    if (editing && (busy || !chat.turns.some((t) => t.id === editing!.turnId))) editing = undefined;
    const wanted: HTMLElement[] = chat.turns.map((t, i) => {
        const flags: TurnFlags = {last: i === chat.turns.length - 1, busy, editing: editing?.turnId === t.id};
        const key = JSON.stringify([chat.id, t, state!.disclaimer, flags]);
        let view = turnViews.get(t.id);
        if (!view || view.key !== key) {
            view = {key, el: renderTurn(chat.id, t, flags)};
            turnViews.set(t.id, view);
        }
        return view.el;
    });
    const keep = new Set<Element>(wanted);
    for (const id of [...turnViews.keys()]) if (!chat.turns.some((t) => t.id === id)) turnViews.delete(id);
    for (const child of Array.from(messagesEl.children)) if (!keep.has(child)) child.remove();
    let cursor = messagesEl.firstElementChild;
    for (const e of wanted) {
        if (cursor === e) cursor = cursor.nextElementSibling;
        else messagesEl.insertBefore(e, cursor);
    }
    emptyEl.hidden = chat.turns.length > 0;
    if (scroll === "bottom" || atBottom) messagesEl.scrollTop = messagesEl.scrollHeight;
}

let shownChatId: string | undefined;

function renderMessages(): void {
    // Another chat opens at its end; the same chat keeps the reader's place unless they were at the end.
    const switched = state?.activeChat.id !== shownChatId;
    shownChatId = state?.activeChat.id;
    syncMessages(switched ? "bottom" : "follow");
}

function modelName(model: ModelState, info: ModelInfo): string {
    return info.label || model.model;
}

function renderModel(): void {
    if (!state) return;
    const {model, modelInfo} = state;
    const name = modelName(model, modelInfo);
    modelEl.className = `model-panel model-${model.status}`;
    modelEl.dataset.status = model.status;
    modelEl.dataset.model = model.model;
    const children: HTMLElement[] = [];
    const text = (t: string) => children.push(el("div", {"class": "model-text"}, t));
    const actions = (...buttons: HTMLButtonElement[]) => {
        const row = el("div", {"class": "model-actions"});
        row.append(...buttons);
        children.push(row);
    };
    const choose = () => button("Choose model file…", () => post({type: "chooseModelFile"}));
    const select = () => button("Select model…", () => post({type: "selectModel"}));
    const settings = (setting: "model" | "policyFile") => button("Open settings", () => post({type: "openSettings", setting}),
        {"data-action": "open-settings", "data-setting": setting});
    const policyError = state.setup?.policy.error;
    switch (model.status) {
        case "idle":
            // A question may be on its way to the model already (the load starts once the runtime is up).
            text(anyBusy() ? `Loading ${name} for your question…` : `Model: ${name}. It loads with your first question.`);
            break;
        case "not-downloaded":
            text(`${name} is not downloaded yet. It runs on this computer; nothing you type leaves it.`);
            actions(
                button(`Download ${name}${modelInfo.size ? ` (${modelInfo.size})` : ""}`, () => post({type: "downloadModel"}), {"class": "primary", "data-action": "download"}),
                choose(), select()
            );
            break;
        case "downloading": {
            const pct = model.totalBytes ? Math.floor((model.receivedBytes / model.totalBytes) * 100) : undefined;
            text(`Downloading ${name}… ${pct !== undefined ? `${pct}%` : formatBytes(model.receivedBytes)}`);
            const bar = el("progress", {"max": "100", "aria-label": "Download progress"});
            if (pct !== undefined) bar.value = pct;
            children.push(bar);
            actions(button("Cancel download", () => post({type: "cancelDownload"}), {"data-action": "cancel-download"}));
            break;
        }
        case "loading":
            text(`Loading ${name}…`);
            break;
        case "ready":
            text(`Ready: ${name}`);
            break;
        case "error":
            if (policyError) {
                // The policy file is set but cannot be used: nothing is answered until it is fixed (never the defaults).
                children.push(el("div", {"class": "model-error", "role": "alert", "data-problem": "policy"},
                    `Policy problem: ${policyError}. Med42 answers nothing until the policy file is fixed.`));
                actions(settings("policyFile"), button("Retry", () => post({type: "retryModel"}), {"data-action": "retry"}));
                break;
            }
            children.push(el("div", {"class": "model-error", "role": "alert"}, `Model problem: ${model.message}`));
            actions(button("Retry", () => post({type: "retryModel"}), {"data-action": "retry"}), choose(), select(), settings("model"));
            break;
    }
    modelEl.replaceChildren(...children);
}

const ORIGIN_LABEL: Record<SettingOrigin, string> = {
    user: "User settings", remote: "Remote settings", workspace: "Workspace settings", environment: "environment", default: "default"
};

/** Which policy file and audit database are in force, and where their settings are read. */
function renderSetup(): void {
    const setup = state?.setup;
    setupEl.hidden = !setup;
    if (!setup) return;
    const where = ORIGIN_LABEL[setup.machineSettings];
    const row = (key: string, label: string, value: string, title?: string) => {
        const line = el("div", {"class": "setup-row", "data-setup": key});
        line.append(el("span", {"class": "setup-label"}, `${label}: `), el("span", {"class": "setup-value", "title": title ?? value}, value));
        return line;
    };
    const {policy, audit} = setup;
    const policyText = policy.file ? `${policy.file} (${policy.source === "environment" ? "MED42_POLICY_FILE" : ORIGIN_LABEL[policy.source]})`
        : `built-in (no policy file in ${where})`;
    const auditText = audit.off ? `off (${ORIGIN_LABEL[audit.source]})`
        : `${audit.database ?? ""} (${audit.source === "environment" ? "MED42_AUDIT_DB" : audit.source === "default" ? "default" : ORIGIN_LABEL[audit.source]})` +
          (audit.problem ? `, not written: ${audit.problem}` : "");
    const policyRow = row("policy", "Policy", policyText);
    if (policy.error) policyRow.classList.add("setup-error");
    const auditRow = row("audit", "Audit log", auditText);
    if (audit.problem) auditRow.classList.add("setup-warning");
    const open = button(`Open ${where}`, () => post({type: "openSettings", setting: "policyFile"}), {
        "class": "link-button", "data-action": "open-settings", "data-setting": "policyFile",
        "title": `The policy file, the audit log and the model are read from ${where} in this window`
    });
    const rows = [policyRow, auditRow];
    if (setup.resources) {
        const r = setup.resources;
        const resourcesRow = row("resources", "Crisis resources", `${r.locale} (${r.why}${r.matched ? "" : "; none for that locale yet"})`,
            "Emergency and crisis numbers shown with escalations. Set med42.locale (e.g. en-GB) to choose them.");
        if (!r.matched) resourcesRow.classList.add("setup-warning");
        rows.push(resourcesRow);
    }
    setupEl.replaceChildren(...rows, open);
}

/** "just now", "5 minutes ago", "yesterday", "3 days ago", else the date. */
function relativeTime(then: number, now = Date.now()): string {
    const seconds = Math.round((then - now) / 1000);
    const rtf = new Intl.RelativeTimeFormat(undefined, {numeric: "auto"});
    const abs = Math.abs(seconds);
    if (abs < 45) return "just now";
    if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
    if (abs < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
    if (abs < 7 * 86400) return rtf.format(Math.round(seconds / 86400), "day");
    return new Date(then).toLocaleDateString(undefined, {day: "numeric", month: "short", year: abs > 300 * 86400 ? "numeric" : undefined});
}

/** The chat just deleted, while Undo is offered. */
let undoDelete: {chatId: string; title: string; timer: ReturnType<typeof setTimeout>} | undefined;
const UNDO_DELETE_MS = 15_000;

function offerUndoDelete(chatId: string, title: string): void {
    if (undoDelete) clearTimeout(undoDelete.timer);
    undoDelete = {chatId, title, timer: setTimeout(() => { undoDelete = undefined; renderHistory(); }, UNDO_DELETE_MS)};
    renderHistory();
    announce(`Deleted chat ${title || "New chat"}. Undo is available.`);
    historyEl.querySelector<HTMLButtonElement>("[data-action=undo-delete]")?.focus();
}

function renderHistory(): void {
    if (!state) return;
    historyEl.hidden = !historyVisible;
    const list = el("ul", {"class": "history-list", "aria-label": "Past chats"});
    for (const c of state.chats) {
        const title = c.title || "New chat";
        const when = relativeTime(c.updatedAt);
        const full = new Date(c.updatedAt).toLocaleString();
        const item = el("li", {"class": `history-item${c.id === state.activeChat.id ? " current" : ""}`, "data-chat-id": c.id});
        const open = button("", () => {
            historyVisible = false;
            post({type: "openChat", chatId: c.id});
        }, {"class": "history-open", "aria-label": `Open chat: ${title}, ${when}`, "title": `${title}\n${full}`});
        open.append(el("span", {"class": "history-title"}, title), el("span", {"class": "history-date"}, when));
        item.append(open, button("Delete", () => post({type: "deleteChat", chatId: c.id}), {
            "class": "history-delete", "aria-label": `Delete chat: ${title}`, "title": "Delete this chat (you can undo it)"
        }));
        list.append(item);
    }
    const heading = el("div", {"class": "history-heading"});
    heading.append(el("h2", {}, "Chats"), button("Close", () => {
        historyVisible = false;
        renderHistory();
        inputEl.focus();
    }, {"data-action": "close-history", "aria-label": "Close the list of chats (Escape)"}));
    const children: HTMLElement[] = [heading];
    if (undoDelete) {
        const bar = el("div", {"class": "history-undo", "role": "status"});
        bar.append(el("span", {}, `Deleted “${undoDelete.title || "New chat"}”.`), button("Undo", () => {
            const chatId = undoDelete!.chatId;
            clearTimeout(undoDelete!.timer);
            undoDelete = undefined;
            post({type: "restoreChat", chatId});
        }, {"data-action": "undo-delete"}));
        children.push(bar);
    }
    children.push(state.chats.length ? list : el("p", {}, "No past chats."));
    historyEl.replaceChildren(...children);
}

function renderComposer(): void {
    const busy = isBusy(state?.activeChat);
    sendEl.hidden = busy;
    stopEl.hidden = !busy;
    document.body.classList.toggle("busy", busy);
    attachmentsEl.hidden = pendingAttachments.length === 0;
    attachmentsEl.replaceChildren(...pendingAttachments.map((a, i) => attachmentChip(a, () => {
        pendingAttachments = pendingAttachments.filter((_, j) => j !== i);
        renderComposer();
        persist();
        announce(`Removed ${a.label}.`);
        inputEl.focus();
    })));
}

/** Starts editing a question in place (its turn and those after it are replaced when it is sent). */
function startEditing(turnId: string): void {
    const turn = state?.activeChat.turns.find((t) => t.id === turnId);
    if (!turn || isBusy(state?.activeChat)) return;
    editing = {turnId, text: turn.question};
    syncMessages("follow");
    const box = messagesEl.querySelector<HTMLTextAreaElement>(`article[data-turn-id="${CSS.escape(turnId)}"] .edit-input`);
    box?.focus();
    box?.setSelectionRange(box.value.length, box.value.length);
    box?.scrollIntoView({block: "nearest"});
}

function renderAll(): void {
    renderModel();
    renderSetup();
    renderHistory();
    renderMessages();
    renderComposer();
}

// ---- screen-reader announcements ---------------------------------------------------------------------------------

/** How much of each streaming turn was already announced; new text is announced by sentence, politely. */
const announced = new Map<string, number>();

function announce(text: string): void {
    const p = el("p", {}, text);
    liveEl.append(p);
    while (liveEl.childElementCount > 20) liveEl.firstElementChild?.remove();
}

function announceTurn(turn: ChatTurn): void {
    const done = !ACTIVE.has(turn.status);
    const from = announced.get(turn.id) ?? 0;
    const text = turn.answer;
    let upTo = text.length;
    if (!done) {
        const lastBreak = Math.max(text.lastIndexOf(". "), text.lastIndexOf("\n"), text.lastIndexOf("? "), text.lastIndexOf("! "));
        upTo = lastBreak + 1;
    }
    if (upTo > from) {
        const chunk = text.slice(from, upTo).trim();
        if (chunk) announce(chunk);
        announced.set(turn.id, upTo);
    }
    if (done) {
        announced.delete(turn.id);
        if (turn.status === "done" && turn.answer) announce("Answer complete.");
        if (turn.status === "stopped") announce("Stopped.");
    }
}

function formatBytes(n: number): string {
    if (n < 1000) return `${n} B`;
    const units = ["kB", "MB", "GB", "TB"];
    let v = n;
    let u = -1;
    do { v /= 1000; u++; } while (v >= 1000 && u < units.length - 1);
    return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}

// ---- messages from the host --------------------------------------------------------------------------------------

let pendingFrame = false;
const dirtyTurns = new Map<string, ChatTurn>();

function flushTurns(): void {
    pendingFrame = false;
    if (!state) return;
    dirtyTurns.clear();
    syncMessages("follow");
    renderComposer();
    renderModel();
    persist();
}

function persist(): void {
    vscode.setState({view: state, attachments: pendingAttachments} satisfies SavedState);
}

window.addEventListener("message", (event: MessageEvent<HostMessage>) => {
    const msg = event.data;
    switch (msg.type) {
        case "state":
            state = msg.state;
            dirtyTurns.clear();
            renderAll();
            persist();
            // Until now the view showed what it saved before a reload; from here on it shows the host's chats.
            document.body.dataset.synced = "true";
            break;
        case "turn": {
            if (!state || state.activeChat.id !== msg.chatId) break;
            const turns = state.activeChat.turns;
            const i = turns.findIndex((t) => t.id === msg.turn.id);
            if (i >= 0) turns[i] = msg.turn;
            else turns.push(msg.turn);
            announceTurn(msg.turn);
            dirtyTurns.set(msg.turn.id, msg.turn);
            if (!pendingFrame) {
                pendingFrame = true;
                requestAnimationFrame(flushTurns);
            }
            break;
        }
        case "model":
            if (!state) break;
            state.model = msg.model;
            state.modelInfo = msg.modelInfo;
            if (msg.setup) state.setup = msg.setup;
            renderModel();
            renderSetup();
            persist();
            break;
        case "focusInput":
            if (msg.text !== undefined) inputEl.value = msg.text;
            inputEl.focus();
            break;
        case "toggleHistory":
            historyVisible = msg.show ?? !historyVisible;
            renderHistory();
            if (historyVisible) historyEl.querySelector("button")?.focus();
            break;
        case "toast":
            announce(msg.text);
            showToast(msg.text);
            break;
        case "chatDeleted":
            offerUndoDelete(msg.chatId, msg.title);
            break;
        case "addAttachment":
            pendingAttachments = [...pendingAttachments.filter((a) => !(a.uri === msg.attachment.uri && a.label === msg.attachment.label)), msg.attachment];
            renderComposer();
            persist();
            announce(`Attached ${msg.attachment.label}.`);
            break;
        case "focusState":
            document.body.dataset.chatFocused = String(msg.focused);
            break;
        case "editLastQuestion": {
            const turns = state?.activeChat.turns ?? [];
            if (turns.length) startEditing(turns[turns.length - 1].id);
            break;
        }
    }
});

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function showToast(text: string): void {
    const toast = byId<HTMLElement>("toast");
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.hidden = true), 2500);
}

// ---- user input --------------------------------------------------------------------------------------------------

function send(): void {
    const text = inputEl.value.trim();
    if (!text || isBusy(state?.activeChat)) return;
    post(pendingAttachments.length ? {type: "ask", text, attachments: pendingAttachments} : {type: "ask", text});
    inputEl.value = "";
    pendingAttachments = [];
    renderComposer();
    persist();
}

inputEl.addEventListener("keydown", (e) => {
    // Enter sends; Shift+Enter is a new line; with Ctrl, Alt or Cmd it is a VS Code key (e.g. Ctrl+Alt+Enter inserts).
    if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !e.isComposing) {
        e.preventDefault();
        send();
    } else if (e.key === "ArrowUp" && !inputEl.value && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) {
        // As in Copilot Chat: Up in an empty chat box goes back to the last question, to edit and resend it.
        const turns = state?.activeChat.turns ?? [];
        if (turns.length) {
            e.preventDefault();
            startEditing(turns[turns.length - 1].id);
        }
    }
});
byId("add-context").addEventListener("click", () => post({type: "pickContext"}));
byId<HTMLFormElement>("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    send();
});
stopEl.addEventListener("click", () => post({type: "stop"}));
document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    if (isBusy(state?.activeChat)) {
        e.preventDefault();
        post({type: "stop"});
    } else if (historyVisible) {
        historyVisible = false;
        renderHistory();
        inputEl.focus();
    }
});

// Code-block buttons and links inside rendered Markdown (event delegation: the HTML is re-rendered while streaming).
messagesEl.addEventListener("click", (e) => {
    const target = e.target as HTMLElement;
    const link = target.closest("a");
    if (link) {
        e.preventDefault();
        const href = link.getAttribute("data-href");
        if (href) post({type: "openLink", href});
        return;
    }
    const action = target.closest("button")?.getAttribute("data-action");
    if (action === "copy-code" || action === "insert-code") {
        const code = target.closest(".code-block")?.querySelector("code")?.textContent ?? "";
        post(action === "copy-code" ? {type: "copy", text: code} : {type: "insertCode", text: code});
    }
});

// The view's keyboard shortcuts (Ctrl+Alt+R, Ctrl+/, …) are VS Code keybindings on the med42.chatFocused context key.
window.addEventListener("focus", () => post({type: "focusChanged", focused: true}));
window.addEventListener("blur", () => post({type: "focusChanged", focused: false}));

if (state) renderAll();
post({type: "ready"});
if (document.hasFocus()) post({type: "focusChanged", focused: true});
