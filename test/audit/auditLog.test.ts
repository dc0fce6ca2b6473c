import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {PassThrough} from "node:stream";
import {parse} from "csv-parse/sync";
import {AuditLog, defaultAuditDbPath} from "../../shared/audit/auditLog";
import {hashUserId} from "../../shared/audit/userHash";
import {openSqlite} from "../../shared/audit/sqliteDriver";
import {Med42Assistant} from "../../shared/assistant";
import {ScriptedBackend} from "../support/scriptedBackend";
import {PREVIOUS_SQLITE_SCHEMA} from "../support/previousAuditSchema";

describe("AuditLog (SQLite)", () => {
    let dir: string;
    let dbPath: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-audit-"));
        dbPath = path.join(dir, "nested", "audit.sqlite");
    });
    afterEach(() => fs.rmSync(dir, {recursive: true, force: true}));

    const decision = (over: Partial<Parameters<AuditLog["record"]>[0]> = {}) => ({
        kind: "decision" as const, surface: "slack-channel" as const, userId: "U024BE7LH", action: "refuse" as const,
        category: "phi" as const, rules: ["phi.identifiers_in_channel"], latencyMs: 0.4, model: "/home/jdoe/models/med42-v2-8b.Q4_K_M.gguf",
        excerpt: "Pt Robert Haines MRN 3390127 lactate 4.8", ...over,
    });

    it("records decisions and feedback, newest first, with hashed users and redacted excerpts", () => {
        const log = new AuditLog(dbPath, {salt: "s1"});
        log.record(decision({time: new Date("2026-01-01T10:00:00Z")}));
        log.record({kind: "feedback", surface: "slack-dm", userId: "U024BE7LH", action: null, category: null, rules: [], latencyMs: 0,
            feedback: "down", ref: "1712345678.000100", time: new Date("2026-01-01T10:05:00Z")});
        const rows = log.list();
        log.close();
        assert.equal(rows.length, 2);
        assert.equal(rows[0].kind, "feedback");
        assert.equal(rows[0].feedback, "down");
        const d = rows[1];
        assert.equal(d.time, "2026-01-01T10:00:00.000Z");
        assert.equal(d.surface, "slack-channel");
        assert.equal(d.action, "refuse");
        assert.equal(d.category, "phi");
        assert.deepEqual(d.rules, ["phi.identifiers_in_channel"]);
        assert.equal(d.latencyMs, 0.4);
        assert.equal(d.model, "med42-v2-8b.Q4_K_M.gguf", "only the model file name, never a home path");
        assert.equal(d.userHash, hashUserId("U024BE7LH", "s1"));
        assert.equal(rows[0].userHash, d.userHash, "the same user maps to the same hash");
        assert.equal(d.excerpt, "Pt [NAME] MRN [MRN] lactate 4.8");
    });

    it("never writes raw identifiers to the database file", () => {
        const log = new AuditLog(dbPath);
        log.record(decision());
        log.record(decision({userId: "jane.doe@hospital.org", excerpt: "call Linda Park at 617-555-0142, DOB 04/22/1975"}));
        log.close();
        const bytes = Buffer.concat([dbPath, `${dbPath}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f))).toString("latin1");
        for (const secret of ["U024BE7LH", "jane.doe@hospital.org", "Robert Haines", "3390127", "Linda Park", "617-555-0142", "04/22/1975", "jdoe"]) {
            assert.ok(!bytes.includes(secret), `${secret} reached the database`);
        }
    });

    it("keeps a per-install salt beside the database (mode 0600) and reuses it", () => {
        const first = new AuditLog(dbPath);
        first.record(decision());
        first.close();
        const saltFile = `${dbPath}.salt`;
        assert.ok(fs.existsSync(saltFile));
        if (process.platform !== "win32") assert.equal(fs.statSync(saltFile).mode & 0o777, 0o600);
        const second = new AuditLog(dbPath);
        second.record(decision());
        const [a, b] = second.list();
        second.close();
        assert.equal(a.userHash, b.userHash);
        const other = new AuditLog(path.join(dir, "other.sqlite"));
        other.record(decision());
        assert.notEqual(other.list()[0].userHash, a.userHash, "another install hashes the same user differently");
        other.close();
    });

    it("lists with a limit and a since filter", () => {
        const log = new AuditLog(":memory:");
        for (let i = 0; i < 5; i++) log.record(decision({time: new Date(Date.UTC(2026, 0, 1 + i)), latencyMs: i}));
        assert.deepEqual(log.list({limit: 2}).map((r) => r.latencyMs), [4, 3]);
        assert.deepEqual(log.list({since: new Date("2026-01-04T00:00:00Z")}).map((r) => r.latencyMs), [4, 3]);
        log.close();
        assert.throws(() => log.record(decision()), /closed/);
    });

    it("exports CSV to a stream and to a file", async () => {
        const log = new AuditLog(dbPath);
        log.record(decision({time: new Date("2026-03-01T00:00:00Z")}));
        log.record(decision({action: "answer", category: null, rules: [], excerpt: "what is \"gout\", really?", time: new Date("2026-03-02T00:00:00Z")}));
        const sink = new PassThrough();
        let csv = "";
        sink.on("data", (c) => { csv += c; });
        assert.equal(await log.exportCsv(sink), 2);
        const rows = parse(csv, {columns: true}) as Record<string, string>[];
        assert.equal(rows.length, 2);
        assert.equal(rows[0].category, "phi");
        assert.equal(rows[0].rules, "phi.identifiers_in_channel");
        assert.equal(rows[1].excerpt, "what is \"gout\", really?");
        assert.ok(!csv.includes("U024BE7LH"));
        const file = path.join(dir, "out.csv");
        assert.equal(await log.exportCsv(file, {since: new Date("2026-03-02T00:00:00Z")}), 1);
        assert.equal((parse(fs.readFileSync(file, "utf8"), {columns: true}) as unknown[]).length, 1);
        log.close();
    });

    it("defaults to MED42_AUDIT_DB, else a per-user data folder", () => {
        assert.equal(defaultAuditDbPath({MED42_AUDIT_DB: "/tmp/x.sqlite"}), "/tmp/x.sqlite");
        const p = defaultAuditDbPath({});
        assert.ok(p.endsWith(path.join("med42-assist", "audit.sqlite")), p);
        assert.ok(p.startsWith(os.homedir()) || process.platform === "win32", p);
    });

    it("records the language the policy detected and whose crisis resources the request's policy showed", async () => {
        const log = new AuditLog(dbPath, {salt: "s1"});
        const assistant = new Med42Assistant({audit: log, auditOwned: true, locale: "en-US", backend: new ScriptedBackend(["Gout is ..."])});
        try {
            // An Arabic crisis message from a user whose locale is the UAE's: the UAE's numbers, and the row says so.
            const arabic = await assistant.ask({messages: [{role: "user", content: "اريد ان انتحر الليلة"}], surface: "slack-dm",
                locale: "ar-AE"}).result;
            assert.equal(arabic.policy.action, "escalate");
            assert.match(arabic.text, /800 4673/, "the UAE's crisis line was shown");
            // The same message without a request locale: the checker's own (en-US) resources.
            await assistant.ask({messages: [{role: "user", content: "اريد ان انتحر الليلة"}], surface: "cli"}).result;
            const english = await assistant.ask({messages: [{role: "user", content: "I want to kill myself tonight"}], surface: "cli",
                locale: "en-GB"}).result;
            assert.equal(english.policy.action, "escalate");
            const answered = await assistant.ask({messages: [{role: "user", content: "What is gout?"}], surface: "cli"}).result;
            assert.equal(answered.policy.action, "answer");
            await assistant.recordFeedback({surface: "cli", value: "up"});
            const rows = log.list().reverse();
            assert.deepEqual(rows.map((r) => [r.kind, r.action, r.language, r.resourcesLocale]), [
                ["decision", "escalate", "ar", "ar-AE"],
                ["decision", "escalate", "ar", "en-US"],
                ["decision", "escalate", "en", "en-GB"],
                ["decision", "answer", "en", "en-US"],
                ["feedback", null, null, null],
            ]);
            const sink = new PassThrough();
            let csv = "";
            sink.on("data", (c) => { csv += c; });
            await log.exportCsv(sink);
            const exported = parse(csv, {columns: true}) as Record<string, string>[];
            assert.deepEqual(exported.map((r) => [r.language, r.resourcesLocale]), [["ar", "ar-AE"], ["ar", "en-US"], ["en", "en-GB"],
                ["en", "en-US"], ["", ""]]);
        } finally {
            await assistant.dispose();
        }
    });

    it("opens a log created by the previous version: adds the language and resources columns and keeps its rows", () => {
        fs.mkdirSync(path.dirname(dbPath), {recursive: true});
        const old = openSqlite(dbPath);
        old.exec(PREVIOUS_SQLITE_SCHEMA);
        old.prepare(`INSERT INTO audit (time, kind, surface, user_hash, action, category, rules, latency_ms, model, stop_reason)
            VALUES (@time, 'decision', 'cli', 'abc', 'escalate', 'self_harm', '["self_harm.intent"]', 12, 'm.gguf', 'policy')`)
            .run({time: "2026-01-01T00:00:00.000Z"});
        old.close();

        const log = new AuditLog(dbPath, {salt: "s1"});
        log.record(decision({language: "ar", resourcesLocale: "ar-AE", time: new Date("2026-01-02T00:00:00Z")}));
        const [added, kept] = log.list();
        log.close();
        assert.deepEqual([kept.action, kept.rules, kept.stopReason, kept.language, kept.resourcesLocale],
            ["escalate", ["self_harm.intent"], "policy", null, null], "the old row, NULL in the new columns");
        assert.deepEqual([added.language, added.resourcesLocale], ["ar", "ar-AE"]);

        // Opened again (the columns there now): nothing added twice, nothing lost.
        const again = new AuditLog(dbPath, {salt: "s1"});
        assert.equal(again.count(), 2);
        again.close();
        const raw = openSqlite(dbPath);
        const columns = (raw.prepare("PRAGMA table_info(audit)").all() as Array<{name: string}>).map((c) => c.name);
        raw.close();
        assert.deepEqual(columns.slice(-2), ["language", "resources_locale"]);
        assert.equal(columns.length, 16);
    });
});
