/**
 * The one message protocol between the chat webview and the extension host. Both sides import this file (the
 * webview through its esbuild bundle), so a message shape can only change in one place. Type imports only: nothing
 * here may pull Node or VS Code code into the webview.
 */
import type {ModelState, StopReason} from "../shared/assistantTypes";
import type {PolicyAction, PolicyCategory} from "../shared/policy/types";

export type {ModelState};

export type TurnStatus = "pending" | "queued" | "loading" | "streaming" | "done" | "stopped" | "error";

/** An escalation or refusal shown instead of a model answer (or replacing it, after output screening). */
export interface PolicyNotice {
    action: Exclude<PolicyAction, "answer">;
    category: PolicyCategory | null;
    /** Markdown from the policy: crisis/emergency resources come first in it. */
    message: string;
}

/** Context attached to a question from the chat box: a selection or a file (shown as a chip). */
export interface Attachment {
    kind: "selection" | "file";
    /** What the chip shows and the model is told: "note.md", "note.md, lines 3-5". */
    label: string;
    /** The document it came from (the chip's tooltip). */
    uri: string;
    /** VS Code language id of the document (the code fence's language). */
    languageId: string;
    text: string;
}

/** An attachment that was too long for the model's context and was given to it as a summary. */
export interface CondensedAttachment {
    label: string;
    tokens: number;
    summaryTokens: number;
}

export interface ChatTurn {
    id: string;
    /** The user's message as sent to the model (Markdown: may hold a quoted selection). */
    question: string;
    /** Context attached from the chat box; the core composes it into the question (shared/attachments.ts). */
    attachments?: Attachment[];
    /** Attachments summarised to fit the context; while one is being summarised, its label in `condensing`. */
    condensed?: CondensedAttachment[];
    condensing?: string;
    /** The model's answer so far (Markdown); empty for escalations and refusals. */
    answer: string;
    status: TurnStatus;
    notice?: PolicyNotice;
    /** A note from the policy shown with an answer (e.g. identifiers found in the question). */
    info?: string;
    /** Why the request failed, fit to show. */
    error?: string;
    /** Position in the model's queue while waiting (1 = next). */
    queuePosition?: number;
    /** Markdown disclaimer shown under the answer; set for every finished turn. */
    disclaimer?: string;
    stopReason?: StopReason;
    /** The model that answered (file path or reference), for the AI-generated marker when inserted. */
    model?: string;
    createdAt: number;
}

/**
 * Whether a turn shows the disclaimer under it: always, except a failed turn with nothing on screen. A turn that
 * failed after part of the answer (or a policy notice) was shown keeps it under that text.
 */
export function showsDisclaimer(turn: Pick<ChatTurn, "status" | "answer" | "notice">): boolean {
    return turn.status !== "error" || turn.answer.trim() !== "" || turn.notice !== undefined;
}

export interface Chat {
    id: string;
    title: string;
    createdAt: number;
    updatedAt: number;
    turns: ChatTurn[];
}

export interface ChatSummary {
    id: string;
    title: string;
    updatedAt: number;
    turnCount: number;
}

/** How the configured model is shown: "Med42-v2 8B Q4_K_M", "4.92 GB". */
export interface ModelInfo {
    label: string;
    /** Download size, when known. */
    size?: string;
}

/** A tab of VS Code's settings editor. */
export type SettingsTab = "user" | "remote" | "workspace";

/** Where a setting in force came from: a settings tab, an environment variable, or the built-in default. */
export type SettingOrigin = SettingsTab | "environment" | "default";

/** Which policy file and audit database are in force (shown in the view, see setupInfo.ts). */
export interface SetupInfo {
    /** Where this window reads the machine settings (policy file, audit log, model): User, or Remote in a remote window. */
    machineSettings: "user" | "remote";
    policy: {source: SettingOrigin; file?: string; error?: string};
    audit: {source: SettingOrigin; database?: string; off?: boolean; problem?: string};
    /** Whose crisis and emergency resources escalations show, and why; `matched`: false when none exist for the user's locale. */
    resources?: {locale: string; why: string; matched: boolean};
}

export interface ViewState {
    chats: ChatSummary[];
    activeChat: Chat;
    model: ModelState;
    modelInfo: ModelInfo;
    /** Shown under every answer, also before the first answer arrives. */
    disclaimer: string;
    /** Unknown until the view first asks for the assistant. */
    setup?: SetupInfo;
}

/** Extension host → webview. */
export type HostMessage =
    | {type: "state"; state: ViewState}
    /** One turn changed (streaming text, queue position, end). */
    | {type: "turn"; chatId: string; turn: ChatTurn}
    | {type: "model"; model: ModelState; modelInfo: ModelInfo; setup?: SetupInfo}
    /** Focus the input, optionally prefilled. */
    | {type: "focusInput"; text?: string}
    | {type: "toggleHistory"; show?: boolean}
    /** A short status line for screen readers and the user (e.g. "Copied"). */
    | {type: "toast"; text: string}
    /** A chat was deleted: the view offers Undo. */
    | {type: "chatDeleted"; chatId: string; title: string}
    /** Context picked for the next question: shown as a chip in the chat box. */
    | {type: "addAttachment"; attachment: Attachment}
    /** Start editing the last question (keyboard path: Med42: Edit Last Question). */
    | {type: "editLastQuestion"}
    /** The med42.chatFocused context key now says `focused` (the view's keyboard shortcuts apply while it is true). */
    | {type: "focusState"; focused: boolean};

/** Webview → extension host. */
export type WebviewMessage =
    | {type: "ready"}
    | {type: "ask"; text: string; attachments?: Attachment[]}
    /** Ask the turn's question again in its place (Retry after an error, Regenerate an answer). */
    | {type: "regenerate"; chatId: string; turnId: string}
    /** Replace the turn's question (and the turns after it) with `text`, keeping its attachments. */
    | {type: "editQuestion"; chatId: string; turnId: string; text: string}
    /** Pick context to attach (selection, active file, another open file). */
    | {type: "pickContext"}
    /**
     * The view got or lost the keyboard focus. VS Code does not set `focusedView` for a webview view (it lives in an
     * overlay outside the view's DOM), so the view's keybindings use the med42.chatFocused context key instead.
     */
    | {type: "focusChanged"; focused: boolean}
    | {type: "stop"}
    | {type: "newChat"}
    | {type: "openChat"; chatId: string}
    | {type: "deleteChat"; chatId: string}
    /** Undo of deleteChat. */
    | {type: "restoreChat"; chatId: string}
    | {type: "copy"; text: string}
    /** Insert a code block's text at the cursor of the last active editor. */
    | {type: "insertCode"; text: string}
    | {type: "copyAnswer"; chatId: string; turnId: string}
    | {type: "insertAnswer"; chatId: string; turnId: string}
    | {type: "downloadModel"}
    | {type: "cancelDownload"}
    | {type: "chooseModelFile"}
    | {type: "selectModel"}
    /** Opens the settings editor on the tab where the setting lives (all Med42 settings without one). */
    | {type: "openSettings"; setting?: SettingKey}
    | {type: "retryModel"}
    | {type: "openLink"; href: string};

/** The settings the view links to. */
export const SETTING_KEYS = ["model", "modelsFolder", "policyFile", "auditDatabase"] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

const WEBVIEW_MESSAGE_TYPES: ReadonlySet<string> = new Set<WebviewMessage["type"]>([
    "ready", "ask", "regenerate", "editQuestion", "pickContext", "focusChanged", "stop", "newChat", "openChat", "deleteChat", "restoreChat", "copy", "insertCode", "copyAnswer", "insertAnswer",
    "downloadModel", "cancelDownload", "chooseModelFile", "selectModel", "openSettings", "retryModel", "openLink"
]);

/** Checks a message from the webview before the host acts on it (the webview renders untrusted model output). */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
    if (typeof raw !== "object" || raw === null) return undefined;
    const m = raw as Record<string, unknown>;
    if (typeof m.type !== "string" || !WEBVIEW_MESSAGE_TYPES.has(m.type)) return undefined;
    const isStr = (k: string) => typeof m[k] === "string";
    switch (m.type) {
        case "ask": {
            if (!isStr("text")) return undefined;
            if (m.attachments === undefined) return {type: "ask", text: m.text as string};
            const attachments = Array.isArray(m.attachments) ? m.attachments.map(parseAttachment) : [undefined];
            return attachments.every((a): a is Attachment => a !== undefined) ? {type: "ask", text: m.text as string, attachments} : undefined;
        }
        case "regenerate": return isStr("chatId") && isStr("turnId") ? {type: "regenerate", chatId: m.chatId as string, turnId: m.turnId as string} : undefined;
        case "editQuestion": return isStr("chatId") && isStr("turnId") && isStr("text")
            ? {type: "editQuestion", chatId: m.chatId as string, turnId: m.turnId as string, text: m.text as string} : undefined;
        case "copy": case "insertCode": return isStr("text") ? (m as WebviewMessage) : undefined;
        case "focusChanged": return typeof m.focused === "boolean" ? {type: "focusChanged", focused: m.focused} : undefined;
        case "openChat": case "deleteChat": case "restoreChat": return isStr("chatId") ? (m as WebviewMessage) : undefined;
        case "copyAnswer": case "insertAnswer": return isStr("chatId") && isStr("turnId") ? (m as WebviewMessage) : undefined;
        case "openLink": return isStr("href") ? (m as WebviewMessage) : undefined;
        case "openSettings":
            return m.setting === undefined ? {type: "openSettings"}
                : (SETTING_KEYS as readonly unknown[]).includes(m.setting) ? {type: "openSettings", setting: m.setting as SettingKey} : undefined;
        default: return {type: m.type} as WebviewMessage;
    }
}

function parseAttachment(raw: unknown): Attachment | undefined {
    if (typeof raw !== "object" || raw === null) return undefined;
    const a = raw as Record<string, unknown>;
    if ((a.kind !== "selection" && a.kind !== "file") || typeof a.label !== "string" || typeof a.uri !== "string" ||
        typeof a.languageId !== "string" || typeof a.text !== "string") return undefined;
    return {kind: a.kind, label: a.label, uri: a.uri, languageId: a.languageId, text: a.text};
}
