/**
 * The CLI on the central audit log (MED42_DATABASE_URL), with a real PostgreSQL: `med42 ask`, `chat` and `summarize`
 * audit there, and while the database is down they answer nothing (the model is not loaded or asked) with one clear
 * line, as the bot and the extension pause; once it is back they answer again.
 */
import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {PostgresAuditStore} from "../../shared/audit/postgresAuditStore";
import {TestPostgres} from "../support/postgres";
import {runCli} from "../support/runCli";
import {testModelPath} from "../support/testModel";

const PAUSED = /^med42: Med42 has paused answers: the central audit log \(postgres:\/\/postgres@127\.0\.0\.1:\d+\/cli\) cannot be reached \(.+\), and no answer is given without its audit record/m;

describe("med42 on the central audit log while the database is down", function () {
    this.timeout(120_000);
    let pg: TestPostgres;
    let url: string;
    let dir: string;

    before(async () => {
        pg = await TestPostgres.create();
        url = pg.createDatabase("cli");
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-cli-pause-"));
    });
    after(() => {
        pg?.destroy();
        fs.rmSync(dir, {recursive: true, force: true});
    });

    const env = () => ({MED42_DATABASE_URL: url, MED42_MODEL: testModelPath()});
    async function rows(): Promise<Array<[string, string | null]>> {
        const store = new PostgresAuditStore(url);
        try {
            return (await store.list({limit: 100})).reverse().map((r) => [r.surface, r.action]);
        } finally {
            await store.close();
        }
    }

    it("pauses ask, chat and summarize before the model while PostgreSQL is down, and answers again once it is back", async () => {
        const note = path.join(dir, "note.txt");
        fs.writeFileSync(note, "Patient seen for follow-up of hypertension. BP 150/95. Started amlodipine 5 mg daily.\n");
        pg.stop();
        try {
            const ask = await runCli(["ask", "--max-tokens", "8", "What is gout?"], {env: env()});
            assert.equal(ask.code, 1);
            assert.match(ask.stderr, PAUSED);
            assert.doesNotMatch(ask.stderr, /Loading/, "the model was not even loaded");
            assert.equal(ask.stdout, "", "nothing answered");
            assert.doesNotMatch(ask.stderr, /\n\s+at /, "no stack trace");

            // An emergency is the exception: its escalation needs no model and is never withheld; the audit gap is said.
            const crisis = await runCli(["ask", "My father collapsed and is not breathing"], {env: env()});
            assert.match(crisis.stdout, /\b911\b/, "the emergency number is shown");
            assert.match(crisis.stderr, /could not be recorded in the audit log/);
            assert.notEqual(crisis.code, 0, "the failed audit write is an error");
            assert.doesNotMatch(crisis.stderr, /Loading/, "the model was not loaded");

            const summary = await runCli(["summarize", "--max-tokens", "8", note], {env: env()});
            assert.equal(summary.code, 1);
            assert.match(summary.stderr, PAUSED);
            assert.equal(summary.stdout, "");

            // chat stays open and says it at each question.
            const chat = await runCli(["chat", "--max-tokens", "8"], {env: env(), input: "What is gout?\nWhat is asthma?\n"});
            assert.equal(chat.stderr.match(new RegExp(PAUSED.source, "gm"))?.length, 2, chat.stderr);
        } finally {
            pg.start();
        }
        assert.deepEqual(await rows(), [], "nothing was audited: nothing was answered");

        const again = await runCli(["ask", "--max-tokens", "8", "What is gout?"], {env: env()});
        assert.equal(again.code, 0, again.stderr);
        assert.match(again.stdout, /not ready for clinical use/);
        assert.deepEqual(await rows(), [["cli", "answer"]], "answered and audited once the database is back");
    });
});
