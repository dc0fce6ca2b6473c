/**
 * The PostgreSQL audit store on a real PostgreSQL (Debian's server, a throw-away cluster on a loopback port, started
 * once for this file): migrations under an advisory lock, the same rows as SQLite, `med42 audit` on either store,
 * and `med42 audit --migrate-to` with its count check.
 */
import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {parse} from "csv-parse/sync";
import {Client} from "pg";
import {AuditLog} from "../../shared/audit/auditLog";
import {PostgresAuditStore} from "../../shared/audit/postgresAuditStore";
import {AuditWriteError, Med42Assistant} from "../../shared/assistant";
import {PostgresDatabase} from "../../shared/storage/postgresDatabase";
import {isConnectionError} from "../../shared/storage/connectionErrors";
import {MIGRATIONS} from "../../shared/storage/schemaMigrations";
import {hashUserId} from "../../shared/audit/userHash";
import {freePort, TestPostgres} from "../support/postgres";
import {PREVIOUS_POSTGRES_VERSION, PREVIOUS_SQLITE_SCHEMA} from "../support/previousAuditSchema";
import {openSqlite} from "../../shared/audit/sqliteDriver";
import {runCli} from "../support/runCli";

describe("Audit log on PostgreSQL", function () {
    this.timeout(120_000);
    let pg: TestPostgres;
    let dir: string;
    let dbCounter = 0;
    const freshDatabase = () => pg.createDatabase(`audit_${++dbCounter}`);

    before(async () => { pg = await TestPostgres.create(); });
    after(() => pg?.destroy());
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-pgaudit-")); });
    afterEach(() => fs.rmSync(dir, {recursive: true, force: true}));

    const decision = (over: Partial<Parameters<AuditLog["record"]>[0]> = {}) => ({
        kind: "decision" as const, surface: "slack-channel" as const, userId: "U024BE7LH", action: "refuse" as const,
        category: "phi" as const, rules: ["phi.identifiers_in_channel"], latencyMs: 0.4, model: "/home/jdoe/models/med42-v2-8b.Q4_K_M.gguf",
        excerpt: "Pt Robert Haines MRN 3390127 lactate 4.8", ...over,
    });

    it("migrates once when several replicas start at the same moment, and again finds nothing to do", async () => {
        const url = freshDatabase();
        const replicas = Array.from({length: 4}, () => new PostgresDatabase(url));
        try {
            await Promise.all(replicas.map((r) => r.ready()));
            const client = new Client({connectionString: url});
            await client.connect();
            try {
                const rows = (await client.query("SELECT version, count(*)::int AS n FROM med42_schema_migrations GROUP BY version ORDER BY version")).rows;
                assert.deepEqual(rows, MIGRATIONS.map((m) => ({version: m.version, n: 1})));
            } finally {
                await client.end();
            }
            const later = new PostgresDatabase(url);
            await later.ready();
            assert.deepEqual(await later.schemaVersions(), MIGRATIONS.map((m) => m.version));
            await later.close();
        } finally {
            await Promise.all(replicas.map((r) => r.close()));
        }
    });

    it("stores what SQLite stores: hashed users (one salt for every replica), redacted excerpts, model file names", async () => {
        const url = freshDatabase();
        const a = new PostgresAuditStore(url);
        const b = new PostgresAuditStore(url);
        try {
            await a.record(decision({time: new Date("2026-01-01T10:00:00.123Z")}));
            await b.record({kind: "feedback", surface: "slack-dm", userId: "U024BE7LH", action: null, category: null, rules: [],
                latencyMs: 0, feedback: "down", ref: "1712345678.000100", time: new Date("2026-01-01T10:05:00Z")});
            const rows = await a.list();
            assert.equal(rows.length, 2);
            assert.equal(await b.count(), 2);
            const [feedback, d] = rows;
            assert.equal(feedback.kind, "feedback");
            assert.equal(d.time, "2026-01-01T10:00:00.123Z");
            assert.deepEqual(d.rules, ["phi.identifiers_in_channel"]);
            assert.equal(d.model, "med42-v2-8b.Q4_K_M.gguf");
            assert.equal(d.excerpt, "Pt [NAME] MRN [MRN] lactate 4.8");
            assert.match(d.userHash ?? "", /^[0-9a-f]{64}$/);
            assert.notEqual(d.userHash, hashUserId("U024BE7LH", ""), "salted");
            assert.equal(feedback.userHash, d.userHash, "two replicas hash a user the same way");
            const csv = path.join(dir, "out.csv");
            assert.equal(await a.exportCsv(csv, {since: new Date("2026-01-01T10:01:00Z")}), 1);
            const parsed = parse(fs.readFileSync(csv, "utf8"), {columns: true}) as Array<Record<string, string>>;
            assert.deepEqual(parsed.map((r) => r.feedback), ["down"]);
        } finally {
            await a.close();
            await b.close();
        }
    });

    it("records the assistant's decisions; an unreachable database fails the request with AuditWriteError", async () => {
        const url = freshDatabase();
        const store = new PostgresAuditStore(url);
        const assistant = new Med42Assistant({audit: store, auditOwned: true, model: "unused.gguf", locale: "en-US"});
        const r = await assistant.ask({messages: [{role: "user", content: "I want to kill myself tonight"}], surface: "cli", userId: "jdoe"}).result;
        assert.equal(r.policy.action, "escalate");
        const arabic = await assistant.ask({messages: [{role: "user", content: "اريد ان انتحر الليلة"}], surface: "slack-dm",
            locale: "ar-AE"}).result;
        assert.equal(arabic.policy.action, "escalate");
        const rows = (await store.list()).reverse();
        assert.deepEqual(rows.map((r) => [r.action, r.language, r.resourcesLocale]), [["escalate", "en", "en-US"], ["escalate", "ar", "ar-AE"]],
            "the language detected and whose numbers were shown (the Arabic message got the UAE's)");
        await assistant.dispose();

        const nowhere = `postgres://postgres@127.0.0.1:${await freePort()}/none`;
        const offline = new Med42Assistant({audit: new PostgresAuditStore(nowhere), auditOwned: true, model: "unused.gguf"});
        await assert.rejects(offline.ask({messages: [{role: "user", content: "I want to kill myself tonight"}], surface: "cli"}).result,
            (err: Error) => err instanceof AuditWriteError && /audit log/.test(err.message));
        await assert.rejects(offline.recordFeedback({surface: "cli", value: "up"}), AuditWriteError);
        await offline.dispose();
    });

    it("a write that cannot reach the database is tried again until the database is back (a restart loses no row), " +
        "for a bounded time; a statement the server rejects is not tried again", async () => {
        const url = freshDatabase();
        const retries: unknown[] = [];
        const store = new PostgresAuditStore(url, {writeRetryMs: 120_000, onWriteRetry: (err) => retries.push(err)});
        await store.open();
        pg.stop();
        let written: Promise<void>;
        try {
            written = store.record(decision());
            written.catch(() => undefined);
            for (let i = 0; retries.length < 2; i++) {
                assert.ok(i < 600, "the write was tried again");
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
        } finally {
            pg.start();
        }
        await written;
        assert.ok(retries.every(isConnectionError), "only connection errors are retried");
        assert.equal(await store.count(), 1, "the row written once the database was back");

        // Rejected by the server (a CHECK constraint): fails at once, never tried again.
        await store.db.query("ALTER TABLE audit ADD CONSTRAINT no_refusals_here CHECK (action IS DISTINCT FROM 'refuse') NOT VALID");
        retries.length = 0;
        await assert.rejects(store.record(decision()), (err: Error & {code?: string}) => err.code === "23514" && !isConnectionError(err));
        assert.deepEqual(retries, [], "a constraint violation is not retried");
        await store.close();

        // The retry time is bounded: a database that stays away fails the write with the connection error.
        const nowhere = `postgres://postgres@127.0.0.1:${await freePort()}/none`;
        const gaveUp: unknown[] = [];
        const offline = new PostgresAuditStore(nowhere, {writeRetryMs: 600, salt: "s".repeat(40), onWriteRetry: (err) => gaveUp.push(err)});
        await assert.rejects(offline.record(decision()), (err: Error) => isConnectionError(err));
        assert.ok(gaveUp.length >= 1, "tried again before giving up");
        await offline.close();
    });

    it("tells connection failures from statements the server rejected", () => {
        const withCode = (message: string, code: string) => Object.assign(new Error(message), {code});
        for (const err of [withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"), new Error("Connection terminated unexpectedly"),
            withCode("terminating connection due to administrator command", "57P01"),
            withCode("the database system is starting up", "57P03"), withCode("connection failure", "08006"),
            new Error("timeout exceeded when trying to connect"),
            Object.assign(new Error(""), {errors: [withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")]})]) {
            assert.equal(isConnectionError(err), true, err.message);
        }
        for (const err of [withCode("duplicate key value violates unique constraint", "23505"),
            withCode('relation "audit" does not exist', "42P01"), withCode("syntax error", "42601"),
            new Error("the database connection is closed"), "ECONNREFUSED", undefined]) {
            assert.equal(isConnectionError(err), false, String(err));
        }
    });

    it("med42 audit reads PostgreSQL (MED42_DATABASE_URL or --db) and says clearly when it cannot be reached", async () => {
        const url = freshDatabase();
        const store = new PostgresAuditStore(url);
        await store.record(decision({surface: "cli", rules: ["harm.weapons"], action: "refuse", category: "harm_to_others", language: "en",
            resourcesLocale: "en-US"}));
        await store.close();
        const viaEnv = await runCli(["audit"], {env: {MED42_DATABASE_URL: url}});
        assert.equal(viaEnv.code, 0, viaEnv.stderr);
        assert.match(viaEnv.stdout, /refuse\/harm_to_others\s+harm\.weapons\s+en\s+en-US\s/);
        const viaFlag = await runCli(["audit", "--db", url, "--csv", "-"]);
        assert.equal(viaFlag.code, 0, viaFlag.stderr);
        assert.deepEqual((parse(viaFlag.stdout, {columns: true}) as Array<Record<string, string>>).map((r) => [r.language, r.resourcesLocale]),
            [["en", "en-US"]]);

        // The CLI's own requests go there too (an escalation: decided by the policy, no model needed).
        const asked = await runCli(["ask", "I want to kill myself tonight"], {env: {MED42_DATABASE_URL: url}});
        assert.equal(asked.code, 0, asked.stderr);
        const rows = await runCli(["audit", "--csv", "-"], {env: {MED42_DATABASE_URL: url}});
        const parsed = parse(rows.stdout, {columns: true}) as Array<Record<string, string>>;
        assert.deepEqual(parsed.map((r) => [r.surface, r.action, r.category]), [["cli", "refuse", "harm_to_others"], ["cli", "escalate", "self_harm"]]);

        const nowhere = `postgres://postgres:s3cret@127.0.0.1:${await freePort()}/none`;
        const down = await runCli(["audit", "--db", nowhere]);
        assert.equal(down.code, 1);
        assert.match(down.stderr, /cannot open the audit log postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/);
        assert.ok(!down.stderr.includes("s3cret"), "the password is never shown");
        assert.ok(!/\n\s+at /.test(down.stderr), "no stack trace");
        const bad = await runCli(["audit"], {env: {MED42_DATABASE_URL: "mysql://x"}});
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /MED42_DATABASE_URL must be a postgres:\/\//);
    });

    it("med42 audit --migrate-to copies a SQLite log with its hashes and salt, verifies the counts, and refuses a second copy", async () => {
        const url = freshDatabase();
        const sqlite = path.join(dir, "audit.sqlite");
        const log = new AuditLog(sqlite);
        for (let i = 0; i < 120; i++) {
            log.record(decision({userId: `U${i % 7}`, time: new Date(Date.UTC(2026, 0, 1, 0, i)),
                ...(i % 3 === 0 ? {} : i % 3 === 1 ? {language: "ar", resourcesLocale: "ar-AE"} : {language: "en", resourcesLocale: "en-GB"})}));
        }
        const before = log.list({limit: 1000}).reverse();
        log.close();
        assert.deepEqual(before.slice(0, 3).map((r) => [r.language, r.resourcesLocale]), [[null, null], ["ar", "ar-AE"], ["en", "en-GB"]]);

        const run = await runCli(["audit", "--db", sqlite, "--migrate-to", url]);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stderr, /copied 120 entries .* \(0 there before, 120 now\)/);
        const store = new PostgresAuditStore(url);
        try {
            const after = (await store.list({limit: 1000})).reverse();
            assert.deepEqual(after.map(({id: _id, ...r}) => r), before.map(({id: _id, ...r}) => r), "every row, as it was");
            assert.deepEqual(after.slice(0, 3).map((r) => [r.language, r.resourcesLocale]), [[null, null], ["ar", "ar-AE"], ["en", "en-GB"]],
                "the language and resources columns copied");
            // The PostgreSQL log took over the SQLite salt: a user keeps their hash after the move.
            await store.record(decision({userId: "U3"}));
            const newest = (await store.list({limit: 1}))[0];
            assert.equal(newest.userHash, before.find((r) => r.userHash && before.indexOf(r) % 7 === 3)?.userHash);
        } finally {
            await store.close();
        }

        const again = await runCli(["audit", "--db", sqlite, "--migrate-to", url]);
        assert.equal(again.code, 1);
        assert.match(again.stderr, /already copied there/);
        const counted = new PostgresAuditStore(url);
        assert.equal(await counted.count(), 121, "nothing doubled");
        await counted.close();

        const usage = await runCli(["audit", "--db", sqlite, "--migrate-to", "audit.sqlite"]);
        assert.equal(usage.code, 2);
        assert.match(usage.stderr, /--migrate-to needs a postgres:\/\/ URL/);
    });

    for (const from of [1, PREVIOUS_POSTGRES_VERSION]) {
        it(`migrates a database at schema version ${from} with rows to the language and resources columns (replicas at once), ` +
            "keeping its rows", async () => {
            const url = freshDatabase();
            // The database as a release at `from` left it: its migrations applied and recorded, rows written by it.
            const client = new Client({connectionString: url});
            await client.connect();
            try {
                await client.query(`CREATE TABLE med42_schema_migrations (version integer PRIMARY KEY, name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())`);
                for (const m of MIGRATIONS.filter((m) => m.version <= from)) {
                    await client.query(m.sql);
                    await client.query("INSERT INTO med42_schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
                }
                await client.query(`INSERT INTO audit (time, kind, surface, user_hash, action, category, rules, latency_ms, stop_reason)
                    VALUES ('2026-01-01T00:00:00Z', 'decision', 'slack-dm', 'abc', 'escalate', 'self_harm', '["self_harm.intent"]', 3, 'policy')`);
            } finally {
                await client.end();
            }
            const replicas = Array.from({length: 3}, () => new PostgresAuditStore(url));
            try {
                await Promise.all(replicas.map((r) => r.open()));
                assert.deepEqual(await replicas[0].db.schemaVersions(), MIGRATIONS.map((m) => m.version));
                assert.ok(MIGRATIONS.some((m) => m.version > PREVIOUS_POSTGRES_VERSION && /language/.test(m.sql)), "a new migration adds the columns");
                await replicas[1].record(decision({language: "ar", resourcesLocale: "ar-AE", time: new Date("2026-01-02T00:00:00Z")}));
                const [added, kept] = await replicas[2].list();
                assert.deepEqual([kept.action, kept.rules, kept.stopReason, kept.language, kept.resourcesLocale],
                    ["escalate", ["self_harm.intent"], "policy", null, null], "the old row, NULL in the new columns");
                assert.deepEqual([added.language, added.resourcesLocale], ["ar", "ar-AE"]);
            } finally {
                await Promise.all(replicas.map((r) => r.close()));
            }
        });
    }

    it("med42 audit --migrate-to copies a log created by the previous version (its rows without language)", async () => {
        const url = freshDatabase();
        const sqlite = path.join(dir, "old.sqlite");
        const old = openSqlite(sqlite);
        old.exec(PREVIOUS_SQLITE_SCHEMA);
        old.prepare(`INSERT INTO audit (time, kind, surface, user_hash, action, category, rules, latency_ms)
            VALUES ('2026-01-01T00:00:00.000Z', 'decision', 'cli', 'abc', 'escalate', 'emergency', '["emergency.collapse"]', 2)`).run();
        old.close();
        const run = await runCli(["audit", "--db", sqlite, "--migrate-to", url]);
        assert.equal(run.code, 0, run.stderr);
        const store = new PostgresAuditStore(url);
        try {
            const rows = await store.list();
            assert.deepEqual(rows.map((r) => [r.action, r.category, r.userHash, r.language, r.resourcesLocale]),
                [["escalate", "emergency", "abc", null, null]]);
        } finally {
            await store.close();
        }
    });
});
