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

export interface ChatTurn {
    id: string;
    /** The user's message as sent to the model (Markdown: may hold a quoted selection). */
    question: string;
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
    | {type: "chatDeleted"; chatId: string; title: string};

/** Webview → extension host. */
export type WebviewMessage =
    | {type: "ready"}
    | {type: "ask"; text: string}
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
    "ready", "ask", "stop", "newChat", "openChat", "deleteChat", "restoreChat", "copy", "insertCode", "copyAnswer", "insertAnswer",
    "downloadModel", "cancelDownload", "chooseModelFile", "selectModel", "openSettings", "retryModel", "openLink"
]);

/** Checks a message from the webview before the host acts on it (the webview renders untrusted model output). */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
    if (typeof raw !== "object" || raw === null) return undefined;
    const m = raw as Record<string, unknown>;
    if (typeof m.type !== "string" || !WEBVIEW_MESSAGE_TYPES.has(m.type)) return undefined;
    const isStr = (k: string) => typeof m[k] === "string";
    switch (m.type) {
        case "ask": case "copy": case "insertCode": return isStr("text") ? (m as WebviewMessage) : undefined;
        case "openChat": case "deleteChat": case "restoreChat": return isStr("chatId") ? (m as WebviewMessage) : undefined;
        case "copyAnswer": case "insertAnswer": return isStr("chatId") && isStr("turnId") ? (m as WebviewMessage) : undefined;
        case "openLink": return isStr("href") ? (m as WebviewMessage) : undefined;
        case "openSettings":
            return m.setting === undefined ? {type: "openSettings"}
                : (SETTING_KEYS as readonly unknown[]).includes(m.setting) ? {type: "openSettings", setting: m.setting as SettingKey} : undefined;
        default: return {type: m.type} as WebviewMessage;
    }
}
