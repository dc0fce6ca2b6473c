import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type {StateStorage} from "../../extension/chatStore";
import {FileStateStorage} from "../../extension/fileStateStorage";

class MemoryStorage implements StateStorage {
    readonly values = new Map<string, unknown>();
    get<T>(key: string): T | undefined { return this.values.get(key) as T | undefined; }
    async update(key: string, value: unknown): Promise<void> { if (value === undefined) this.values.delete(key); else this.values.set(key, value); }
}

describe("chat storage in a file on the extension's machine", () => {
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-chats-")); });
    afterEach(() => fs.rmSync(dir, {recursive: true, force: true}));

    it("has the value on disk when update resolves (a new reader sees it)", async () => {
        const a = new FileStateStorage(path.join(dir, "ws"));
        await a.update("med42.chats", {version: 1, chats: [{id: "c"}]});
        assert.deepEqual(new FileStateStorage(path.join(dir, "ws")).get("med42.chats"), {version: 1, chats: [{id: "c"}]});
        assert.deepEqual(fs.readdirSync(path.join(dir, "ws")), ["med42.chats.json"], "no temporary file left");
    });

    it("moves chats from the workspace state of earlier versions, then clears them there", async () => {
        const legacy = new MemoryStorage();
        legacy.values.set("med42.chats", {version: 1, chats: [{id: "old"}]});
        const s = new FileStateStorage(dir, legacy);
        assert.deepEqual(s.get("med42.chats"), {version: 1, chats: [{id: "old"}]});
        await s.update("med42.chats", {version: 1, chats: [{id: "old"}, {id: "new"}]});
        assert.equal(legacy.get("med42.chats"), undefined);
        assert.deepEqual(new FileStateStorage(dir).get("med42.chats"), {version: 1, chats: [{id: "old"}, {id: "new"}]});
    });

    it("keeps an unreadable file aside instead of overwriting it", async () => {
        fs.writeFileSync(path.join(dir, "med42.chats.json"), "{not json");
        const s = new FileStateStorage(dir);
        assert.equal(s.get("med42.chats"), undefined);
        await s.update("med42.chats", {version: 1, chats: []});
        assert.ok(fs.readdirSync(dir).some((f) => f.startsWith("med42.chats.json.unreadable-")));
    });
});
