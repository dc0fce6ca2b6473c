/**
 * The audit log's files on disk: only their owner can read them, and the salt that keeps user ids unguessable is
 * never empty or short.
 */
import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {Writable} from "node:stream";
import {AuditLog} from "../../shared/audit/auditLog";
import {hashUserId} from "../../shared/audit/userHash";
import {main as slackMain} from "../../slack-bot/main";

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("AuditLog files: permissions and salt", function () {
    let dir: string;
    let dbPath: string;
    let savedUmask: number;
    const savedSalt = process.env.MED42_AUDIT_SALT;

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-audit-files-"));
        dbPath = path.join(dir, "data", "med42", "audit.sqlite");
        savedUmask = process.umask(0o022); // the usual umask: files 0644 and folders 0755 unless asked otherwise
        delete process.env.MED42_AUDIT_SALT;
    });
    afterEach(() => {
        process.umask(savedUmask);
        if (savedSalt === undefined) delete process.env.MED42_AUDIT_SALT; else process.env.MED42_AUDIT_SALT = savedSalt;
        fs.rmSync(dir, {recursive: true, force: true});
    });

    const record = (log: AuditLog) => log.record({kind: "decision", surface: "cli", userId: "jdoe", action: "answer",
        category: null, rules: [], latencyMs: 1, excerpt: "what is the dose of amoxicillin"});

    it("creates its folders 0700 and the database, its WAL and SHM files and the salt 0600", () => {
        const log = new AuditLog(dbPath);
        try {
            record(log);
            for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}.salt`]) {
                assert.ok(fs.existsSync(file), `${path.basename(file)} exists while the log is open`);
                assert.equal(mode(file).toString(8), "600", path.basename(file));
            }
            assert.equal(mode(path.dirname(dbPath)).toString(8), "700");
            assert.equal(mode(path.dirname(path.dirname(dbPath))).toString(8), "700", "every folder it created");
        } finally {
            log.close();
        }
    });

    it("tightens an existing database, WAL, SHM and salt file that others could read", () => {
        const first = new AuditLog(dbPath);
        record(first);
        // A crash leaves the WAL and SHM files behind; an older version (or a copy) left them readable by all.
        fs.copyFileSync(`${dbPath}-wal`, path.join(dir, "wal"));
        fs.copyFileSync(`${dbPath}-shm`, path.join(dir, "shm"));
        first.close();
        fs.copyFileSync(path.join(dir, "wal"), `${dbPath}-wal`);
        fs.copyFileSync(path.join(dir, "shm"), `${dbPath}-shm`);
        for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}.salt`]) fs.chmodSync(file, 0o644);

        const again = new AuditLog(dbPath);
        try {
            record(again);
            for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}.salt`])
                assert.equal(mode(file).toString(8), "600", path.basename(file));
            assert.equal(again.list().length, 2, "the entries survived");
        } finally {
            again.close();
        }
    });

    it("refuses an empty or short salt file, naming it, instead of hashing with it", () => {
        fs.mkdirSync(path.dirname(dbPath), {recursive: true});
        fs.writeFileSync(`${dbPath}.salt`, "\n");
        assert.throws(() => new AuditLog(dbPath), (err: Error) =>
            err.message.startsWith(`the audit salt file ${dbPath}.salt is empty: it must hold at least 32 characters`));
        fs.writeFileSync(`${dbPath}.salt`, "abc123\n");
        assert.throws(() => new AuditLog(dbPath), /salt file .* is only 6 characters long/);
        assert.equal(fs.readFileSync(`${dbPath}.salt`, "utf8"), "abc123\n", "the file is left for the administrator");
    });

    it("requires MED42_AUDIT_SALT to have at least 32 characters, and uses it when it has", () => {
        for (const value of ["", "   ", "hospital-salt"]) {
            process.env.MED42_AUDIT_SALT = value;
            assert.throws(() => new AuditLog(dbPath), /^Error: MED42_AUDIT_SALT is (empty|only 13 characters long): it must be at least 32 characters/);
        }
        const salt = "3f1c9a7e5b2d4f6a8c0e1b3d5f7a9c2e";
        process.env.MED42_AUDIT_SALT = salt;
        const log = new AuditLog(dbPath);
        try {
            record(log);
            assert.equal(log.list()[0].userHash, hashUserId("jdoe", salt));
            assert.equal(fs.existsSync(`${dbPath}.salt`), false, "no salt file when the environment gives one");
        } finally {
            log.close();
        }
    });

    it("med42-slack stops with one line and exit code 2 on a short MED42_AUDIT_SALT", async () => {
        let stderr = "";
        const sink = new Writable({write(chunk, _enc, done) { stderr += String(chunk); done(); }});
        // The core reads the audit settings from the process environment.
        const savedDb = process.env.MED42_AUDIT_DB;
        process.env.MED42_AUDIT_DB = dbPath;
        process.env.MED42_AUDIT_SALT = "short";
        let code: number;
        try {
            code = await slackMain(["node", "med42-slack"], {stderr: sink, shutdownRequested: Promise.resolve("test"),
                env: {SLACK_BOT_TOKEN: "xoxb-1-test", SLACK_APP_TOKEN: "xapp-1-test", SLACK_API_URL: "http://127.0.0.1:9/api/"}});
        } finally {
            if (savedDb === undefined) delete process.env.MED42_AUDIT_DB; else process.env.MED42_AUDIT_DB = savedDb;
        }
        assert.equal(code, 2);
        assert.match(stderr, /^med42-slack: could not start: MED42_AUDIT_SALT is only 5 characters long: it must be at least 32/);
        assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");
    });
});
