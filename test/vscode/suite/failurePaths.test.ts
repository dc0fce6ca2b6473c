/**
 * Failure paths of the chat inside the real VS Code extension host (issue 14): a finished answer is saved before it
 * is shown as finished, a model path that does not exist is "file not found" (never a download offer).
 */
import * as assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import type {Med42ExtensionApi} from "../../../extension/extension";
import {STORAGE_KEY, type StateStorage} from "../../../extension/chatStore";
import type {Chat, ChatTurn} from "../../../extension/protocol";

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

describe("Med42 chat failure paths (extension host)", function () {
    this.timeout(120_000);
    let api: Med42ExtensionApi;

    before(async () => {
        const ext = vscode.extensions.getExtension<Med42ExtensionApi>(EXTENSION_ID);
        assert.ok(ext);
        api = await ext.activate();
        await api.host.settled();
    });

    it("saves a finished answer before the view is told it is done (a reload right after cannot lose it)", async () => {
        // The store's storage is VS Code's workspace state; wrap it to see which writes have completed.
        const store = api.store as unknown as {storage: StateStorage};
        const real = store.storage;
        const completed: {chats: Chat[]}[] = [];
        store.storage = {
            get: (key) => real.get(key),
            update: async (key, value) => {
                await real.update(key, value);
                if (key === STORAGE_KEY) completed.push(value as {chats: Chat[]});
            }
        };
        api.chats.newChat();
        const chatId = api.store.active.id;
        const savedWhenShown: {status: string; saved: ChatTurn | undefined}[] = [];
        const sub = api.chats.addListener({
            onChatsChanged: () => undefined,
            onTurn: (id, turn) => {
                if (id !== chatId || (turn.status !== "done" && turn.status !== "stopped" && turn.status !== "error")) return;
                const last = completed[completed.length - 1];
                const saved = last?.chats.find((c) => c.id === chatId)?.turns.find((t) => t.id === turn.id);
                savedWhenShown.push({status: turn.status, saved});
            }
        });
        try {
            const turn = await api.chats.ask(chatId, "What is the normal range of serum potassium?");
            assert.equal(turn?.status, "done", turn?.error);
            assert.equal(savedWhenShown.length, 1, "the view was told once that the turn ended");
            const {saved} = savedWhenShown[0];
            assert.ok(saved, "the finished turn was already written to the workspace state");
            assert.equal(saved.status, "done");
            assert.equal(saved.answer, turn.answer, "with the whole answer");
        } finally {
            sub.dispose();
            store.storage = real;
        }
    });

    it("shows a model path that does not exist as \"file not found: PATH\", never as a download", async () => {
        const configured = config().inspect<string>("model")?.workspaceValue;
        const missing = path.join(os.tmpdir(), "med42-no-such-folder", "med42-missing.gguf");
        try {
            await config().update("model", missing, vscode.ConfigurationTarget.Workspace);
            const state = await waitFor("the model state for the missing file", () => {
                const s = api.host.modelState;
                return s.model === missing && s.status !== "idle" && s.status !== "loading" ? s : undefined;
            });
            assert.equal(state.status, "error", `not offered as a download: ${JSON.stringify(state)}`);
            assert.equal(state.status === "error" && state.message, `model file not found: ${missing}`);
            // Asking says the same, with no command-line advice.
            const turn = await api.chats.ask(api.store.active.id, "What is a normal resting heart rate?");
            assert.equal(turn?.status, "error");
            assert.match(turn?.error ?? "", /^model file not found: .*med42-missing\.gguf/);
            assert.doesNotMatch(turn?.error ?? "", /med42 pull|--model|`/);
        } finally {
            await config().update("model", configured, vscode.ConfigurationTarget.Workspace);
            await waitFor("the configured model again", () => api.host.modelState.model === configured);
            await api.host.settled();
        }
    });
});
