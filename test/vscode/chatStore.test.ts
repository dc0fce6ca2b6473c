import * as assert from "node:assert/strict";
import {ChatStore, conversationFor, STORAGE_KEY, titleFrom, type StateStorage} from "../../extension/chatStore";

class MemoryStorage implements StateStorage {
    data = new Map<string, unknown>();
    get<T>(key: string): T | undefined {
        return this.data.get(key) as T | undefined;
    }
    async update(key: string, value: unknown): Promise<void> {
        this.data.set(key, JSON.parse(JSON.stringify(value)));
    }
}

describe("chat store (history across view and window reloads)", () => {
    it("persists chats and the active chat, and marks interrupted turns as stopped on reload", async () => {
        const storage = new MemoryStorage();
        const a = new ChatStore(storage);
        const chatId = a.active.id;
        const t1 = a.addTurn(chatId, "What is the first-line treatment for hypertension?");
        a.updateTurn(chatId, t1.id, {answer: "Thiazide or ACE inhibitor.", status: "done"});
        const t2 = a.addTurn(chatId, "And in pregnancy?");
        a.updateTurn(chatId, t2.id, {answer: "Labet", status: "streaming"});
        await a.save();

        const b = new ChatStore(storage);
        assert.equal(b.active.id, chatId);
        assert.equal(b.active.title, "What is the first-line treatment for hypertension?");
        assert.deepEqual(b.active.turns.map((t) => t.status), ["done", "stopped"]);
        assert.equal(b.active.turns[1].answer, "Labet");
        assert.ok(storage.get(STORAGE_KEY));
    });

    it("keeps several chats, reopens and deletes them", async () => {
        const store = new ChatStore(new MemoryStorage(), {now: (() => { let t = 0; return () => ++t; })()});
        const first = store.active.id;
        store.addTurn(first, "first question");
        const second = store.newChat().id;
        store.addTurn(second, "second question");
        assert.deepEqual(store.list().map((c) => c.title), ["second question", "first question"]);
        assert.equal(store.open(first)?.id, first);
        assert.equal(store.active.id, first);
        store.delete(first);
        assert.equal(store.active.id, second);
        assert.deepEqual(store.list().map((c) => c.id), [second]);
    });

    it("reuses an empty chat for New chat and drops the oldest beyond the limit", () => {
        const store = new ChatStore(new MemoryStorage(), {maxChats: 3, now: (() => { let t = 0; return () => ++t; })()});
        const empty = store.active.id;
        assert.equal(store.newChat().id, empty);
        for (let i = 0; i < 5; i++) {
            store.addTurn(store.active.id, `q${i}`);
            store.newChat();
        }
        assert.ok(store.list().length <= 3);
        assert.ok(!store.list().some((c) => c.title === "q0"));
    });

    it("gives the core the chat as shown: escalations as flagged policy messages, failed turns left out", () => {
        const store = new ChatStore(new MemoryStorage());
        const id = store.active.id;
        const a = store.addTurn(id, "q1");
        store.updateTurn(id, a.id, {answer: "a1", status: "done"});
        const b = store.addTurn(id, "I want to end my life");
        store.updateTurn(id, b.id, {notice: {action: "escalate", category: "self_harm", message: "Call 988"}, status: "done"});
        const c = store.addTurn(id, "q3");
        store.updateTurn(id, c.id, {status: "error", error: "boom"});
        const d = store.addTurn(id, "q4");
        // The core leaves the escalated turn and its message out of what the model sees (test/assistant/conversationGuard).
        assert.deepEqual(conversationFor(store.active, d.id), [
            {role: "user", content: "q1"}, {role: "assistant", content: "a1"},
            {role: "user", content: "I want to end my life"}, {role: "assistant", content: "Call 988", policyNotice: true},
            {role: "user", content: "q4"}
        ]);
    });

    it("finds the last answer for Insert Last Answer", () => {
        const store = new ChatStore(new MemoryStorage());
        assert.equal(store.lastAnswer(), undefined);
        const id = store.active.id;
        const t = store.addTurn(id, "q");
        store.updateTurn(id, t.id, {answer: "the answer", status: "done"});
        assert.equal(store.lastAnswer()?.turn.answer, "the answer");
    });

    it("titles chats from the first line of the question", () => {
        assert.equal(titleFrom("  short\nquestion "), "short question");
        assert.equal(titleFrom("x".repeat(100)).length, 58);
    });
});
