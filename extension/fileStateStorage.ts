/**
 * Where the chats are kept: a JSON file per key in the extension's workspace storage folder (context.storageUri), on
 * the machine the extension runs on. A write resolves once the file is on disk (written to a temporary file, synced,
 * then renamed over the old one), so "saved" means saved: a window reloaded right after an answer ends keeps it.
 * VS Code's workspace state did not give that: its writes reach the window's storage later (in a browser window, the
 * browser's IndexedDB), and a reload could drop the last one. Keeping the file beside the model also keeps the chats
 * on the server in a remote window rather than in the browser.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type {StateStorage} from "./chatStore";

export class FileStateStorage implements StateStorage {
    private readonly cache = new Map<string, unknown>();

    /** `legacy`: the workspace state earlier versions used; read when there is no file yet, cleared once written. */
    constructor(private readonly dir: string, private readonly legacy?: StateStorage) {}

    private file(key: string): string {
        return path.join(this.dir, `${encodeURIComponent(key)}.json`);
    }

    get<T>(key: string): T | undefined {
        if (this.cache.has(key)) return this.cache.get(key) as T | undefined;
        let value: T | undefined;
        try {
            value = JSON.parse(fs.readFileSync(this.file(key), "utf8")) as T;
        } catch (err) {
            // No file yet (first run, or chats from a version that kept them in the workspace state); an unreadable
            // file is kept aside rather than overwritten, so nothing is lost silently.
            if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
                try { fs.renameSync(this.file(key), `${this.file(key)}.unreadable-${Date.now()}`); } catch { /* keep going */ }
            }
            value = this.legacy?.get<T>(key);
        }
        this.cache.set(key, value);
        return value;
    }

    async update(key: string, value: unknown): Promise<void> {
        this.cache.set(key, value);
        const file = this.file(key);
        if (value === undefined) {
            await fs.promises.rm(file, {force: true});
            return;
        }
        await fs.promises.mkdir(this.dir, {recursive: true});
        const tmp = `${file}.${process.pid}.tmp`;
        const handle = await fs.promises.open(tmp, "w", 0o600);
        try {
            await handle.writeFile(JSON.stringify(value));
            await handle.datasync();
        } finally {
            await handle.close();
        }
        await fs.promises.rename(tmp, file);
        if (this.legacy?.get(key) !== undefined) await this.legacy.update(key, undefined);
    }
}
