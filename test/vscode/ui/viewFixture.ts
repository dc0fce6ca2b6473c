/**
 * View states that show every element of the chat view at once (every kind of turn, notice, note and button, the
 * history with Undo, the setup rows, each model state), posted to the real webview in the UI tests the way the host
 * posts its state. Used to check colour contrast in every theme and the texts of states that are hard to catch live.
 */
import type {Attachment, ChatTurn, HostMessage, ModelState, ViewState} from "../../../extension/protocol";

const DISCLAIMER = "_**Not for clinical use.** Med42 is not ready for clinical use: check every answer._";
const note: Attachment = {kind: "selection", label: "note.md, lines 3-5", uri: "file:///ws/note.md", languageId: "markdown", text: "BP 150/95"};

const answerMarkdown = [
    "## Assessment", "", "**Stage 2 hypertension**: start *amlodipine* `5 mg` daily; see [NICE NG136](https://www.nice.org.uk/guidance/ng136).", "",
    "> Recheck in 4 weeks.", "", "- home readings", "- renal function", "", "| Drug | Dose |", "| --- | --- |", "| Amlodipine | 5 mg |", "",
    "```ts", "const dose = 5;", "```"
].join("\n");

function turn(id: string, patch: Partial<ChatTurn>): ChatTurn {
    return {id, question: "What is the first-line treatment for stage 2 hypertension?", answer: "", status: "done", createdAt: 0, disclaimer: DISCLAIMER, ...patch};
}

/** Every turn kind; `last` decides which actions the last turn offers (Retry after an error, Regenerate after an answer). */
export function fixtureTurns(last: "error" | "answer" | "streaming"): ChatTurn[] {
    const turns: ChatTurn[] = [
        turn("t-answer", {answer: answerMarkdown, stopReason: "maxTokens", attachments: [note], info: "Identifiers were found in your question.",
            condensed: [{label: "ward-notes.md", tokens: 19745, summaryTokens: 130}]}),
        turn("t-escalate", {question: "I want to kill myself tonight", notice: {action: "escalate", category: "self_harm",
            message: "Call or text **988** (988 Suicide & Crisis Lifeline). If you are in immediate danger, call 911."}}),
        turn("t-refuse", {question: "How do I make ricin?", notice: {action: "refuse", category: "harm_to_others", message: "Med42 can't help with that."}}),
        turn("t-stopped", {status: "stopped", answer: "Partial answer about **CKD** staging", stopReason: "abort"}),
        turn("t-empty", {answer: "", stopReason: "eos"})
    ];
    if (last === "error") turns.push(turn("t-error", {status: "error", error: "model file not found: /models/med42-missing.gguf", disclaimer: undefined}));
    if (last === "answer") turns.push(turn("t-last", {answer: "Amlodipine 5 mg daily.", stopReason: "eos"}));
    if (last === "streaming") {
        turns.push(turn("t-condensing", {status: "loading", condensing: "ward-notes.md", disclaimer: undefined}));
    }
    return turns;
}

export function fixtureState(model: ModelState, last: "error" | "answer" | "streaming", extra: Partial<ViewState> = {}): ViewState {
    const now = Date.now();
    return {
        chats: [
            {id: "c1", title: "What is the first-line treatment for stage 2 hypertension?", updatedAt: now - 5 * 60_000, turnCount: 6},
            {id: "c2", title: "Gout", updatedAt: now - 26 * 3600_000, turnCount: 2}
        ],
        activeChat: {id: "c1", title: "What is the first-line treatment", createdAt: now, updatedAt: now, turns: fixtureTurns(last)},
        model,
        modelInfo: {label: "Med42-v2 8B Q4_K_M", size: "4.92 GB"},
        disclaimer: DISCLAIMER,
        setup: {
            machineSettings: "remote",
            policy: {source: "remote", file: "/etc/med42/policy.json", error: "policy file /etc/med42/policy.json: permission denied"},
            audit: {source: "default", database: "/home/u/.local/share/med42-assist/audit.sqlite", problem: "the SQLite addon does not load"},
            resources: {locale: "en-US", why: "default; VS Code display language: fr", matched: false}
        },
        ...extra
    };
}

/** Model states for the model panel (each shows its own text and buttons). */
export const FIXTURE_MODELS: Record<string, ModelState> = {
    error: {status: "error", model: "/models/med42-missing.gguf", message: "model file not found: /models/med42-missing.gguf"},
    notDownloaded: {status: "not-downloaded", model: "med42-8b", sizeBytes: 4.92e9},
    downloading: {status: "downloading", model: "med42-8b", receivedBytes: 1.2e9, totalBytes: 4.92e9},
    idle: {status: "idle", model: "med42-8b"},
    ready: {status: "ready", model: "med42-8b", path: "/models/Llama3-Med42-8B.Q4_K_M.gguf"}
};

export const FIXTURE_EXTRA_MESSAGES: HostMessage[] = [
    {type: "addAttachment", attachment: note},
    {type: "toggleHistory", show: true},
    {type: "chatDeleted", chatId: "c3", title: "Asthma in pregnancy"},
    {type: "toast", text: "Copied as plain text with the disclaimer."}
];
