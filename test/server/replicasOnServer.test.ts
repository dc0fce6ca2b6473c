/**
 * Bot replicas sharing one model server: two replicas (real Bolt apps in Socket Mode on the fake Slack, each with its
 * own core and database pool, as two `med42-slack` processes would be) configured by MED42_SERVER_URL with the same
 * real llama-server, and one real PostgreSQL. Messages delivered to both replicas are generated once on the server
 * and answered once; a Stop clicked on the replica that is not writing ends the generation on the server; the audit
 * rows in PostgreSQL name the server's model and how each answer ended. Then the same with two real `med42-slack`
 * processes configured only by their environment.
 */
import {strict as assert} from "node:assert";
import {spawn} from "node:child_process";
import * as path from "node:path";
import {Med42Assistant} from "../../shared/assistant";
import {serverOptionsFromEnv} from "../../shared/engine/server/serverConfig";
import {PostgresDatabase} from "../../shared/storage/postgresDatabase";
import {ACTION_STOP} from "../../slack-bot/blocks";
import {FakeSlack} from "../support/fakeSlack";
import {LlamaServer, serverLongTalkerPath} from "../support/llamaServer";
import {TestPostgres} from "../support/postgres";
import {type InProcessReplica, startInProcessReplica, stopInProcessReplicas} from "../support/inProcessReplica";
import {ALICE, CHANNEL, contextText, DM} from "../slack/botHarness";

const DISCLAIMER_WORDS = "not ready for clinical use";

interface Replica extends InProcessReplica {
    /** Questions this replica sent to the model server. */
    asked: number;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

describe("Bot replicas sharing one llama-server, on one PostgreSQL", function () {
    this.timeout(180_000);
    let server: LlamaServer;
    let pg: TestPostgres;
    let fake: FakeSlack;
    let replicas: Replica[] = [];
    let databases = 0;

    before(async () => {
        pg = await TestPostgres.create();
        // A model that rarely ends its answer: the answer length is set per test (max tokens), and Stop has time to act.
        server = await LlamaServer.start({model: serverLongTalkerPath(), parallel: 2, slotContext: 4096});
    });
    after(async () => {
        await server?.stop();
        pg?.destroy();
    });

    afterEach(async function () {
        const failed = this.currentTest?.state === "failed";
        await stopInProcessReplicas(replicas, failed);
        if (failed) console.log(server.logTail);
        replicas = [];
        await fake?.stop();
    });

    /** Two replicas whose answers are at most `maxTokens` long, on a fresh database; resolves with its URL. */
    async function startReplicas(maxTokens: number): Promise<string> {
        const url = pg.createDatabase(`replicas_server_${++databases}`);
        fake = new FakeSlack();
        await fake.start();
        fake.join(CHANNEL, DM);
        for (let i = 0; i < 2; i++) {
            // What `med42-slack` builds from its environment: the model server from MED42_SERVER_URL.
            const replica: Replica = Object.assign(await startInProcessReplica({fake, databaseUrl: url,
                applicationName: "med42-slack test replica (model server)",
                assistant: (audit) => new Med42Assistant({server: serverOptionsFromEnv({MED42_SERVER_URL: server.url}), sampling: {maxTokens}, audit})
            }), {asked: 0});
            const ask = replica.assistant.ask.bind(replica.assistant);
            replica.assistant.ask = (request) => { replica.asked++; return ask(request); };
            replicas.push(replica);
        }
        await fake.waitUntil(() => fake.openConnections.length === 2, 20_000, "both replicas to connect");
        return url;
    }

    const idle = () => fake.waitUntil(() => fake.unacknowledged === 0 &&
        replicas.every((r) => r.processing === 0 && r.bot.context.pendingTasks === 0), 90_000, "both replicas to finish");
    const answers = (channel: string, ts: string) =>
        fake.thread(channel, ts).filter((m) => m.ts !== ts && contextText(m).includes(DISCLAIMER_WORDS));
    const audited = (r: Replica) => r.database.query<{surface: string; action: string; model: string; stop_reason: string}>(
        "SELECT surface, action, model, stop_reason FROM audit WHERE kind = 'decision' ORDER BY id");

    it("messages delivered to both replicas are generated once on the server, answered once and audited once", async () => {
        await startReplicas(16);
        const before = await server.metrics();
        const questions: Array<{channel: string; ts: string}> = [];
        for (let i = 0; i < 4; i++) {
            const event = fake.userMessage("app_mention", {channel: CHANNEL, user: `U0USER${i}`, text: `<@${fake.botUserId}> What is gout? (${i})`});
            questions.push({channel: event.channel, ts: event.ts});
            await Promise.all([
                fake.sendEvent(event, {eventId: `EvS${i}`, connection: i % 2}).then((d) => d.acked),
                fake.sendEvent(event, {eventId: `EvS${i}`, connection: (i + 1) % 2, retryAttempt: 1}).then((d) => d.acked),
                fake.sendEvent(event, {eventId: `EvS${i}b`, connection: (i + 1) % 2}).then((d) => d.acked)]);
        }
        await idle();
        for (const q of questions) assert.equal(answers(q.channel, q.ts).length, 1, `one answer to ${q.channel}/${q.ts}`);
        assert.equal(replicas[0].asked + replicas[1].asked, questions.length, "one generation per question, across both replicas");
        const after = await server.metrics();
        const generated = after.tokens_predicted_total - before.tokens_predicted_total;
        assert.ok(generated > 0 && generated <= questions.length * 16, `the server generated ${generated} tokens for ${questions.length} answers of at most 16`);
        const rows = (await audited(replicas[0])).rows;
        assert.equal(rows.length, questions.length, "one audit row per answer, in one database");
        for (const row of rows) {
            assert.equal(row.surface, "slack-channel");
            assert.equal(row.action, "answer");
            assert.equal(row.model, `med42-test on ${server.url}`, "the row names the server's model");
            assert.ok(["maxTokens", "eos"].includes(row.stop_reason), row.stop_reason);
        }
    });

    it("Stop clicked on the replica that is not writing ends the generation on the server", async () => {
        await startReplicas(3000);
        const before = await server.metrics();
        const question = fake.userMessage("message", {channel: DM, user: ALICE, text: "Tell me everything about gout."});
        await (await fake.sendEvent(question, {connection: 0})).acked;
        const control = await fake.waitUntil(() => fake.messages.find((m) => m.channel === DM &&
            JSON.stringify(m.blocks ?? []).includes(ACTION_STOP)), 30_000, "the Stop control");
        await waitFor("the server to generate", async () => (await server.slots()).some((s) => s.is_processing));
        assert.deepEqual(replicas.map((r) => r.asked), [1, 0], "replica A writes");

        await (await fake.clickButton({user: ALICE, channel: DM, messageTs: control.ts, actionId: ACTION_STOP,
            value: control.blocks![0].accessory.value, connection: 1})).acked;
        await waitFor("the server's slot to go idle", async () => (await server.slots()).every((s) => !s.is_processing));
        await idle();
        const stopped = await server.metrics();
        await new Promise((r) => setTimeout(r, 500));
        const later = await server.metrics();
        assert.equal(later.tokens_predicted_total, stopped.tokens_predicted_total, "nothing generated after Stop");
        assert.equal(later.requests_processing, 0);
        const generated = stopped.tokens_predicted_total - before.tokens_predicted_total;
        assert.ok(generated < 3000, `the server stopped early (${generated} of 3000 tokens)`);
        assert.ok(replicas[0].logs.some((l) => /Stopped an answer at another replica's request/.test(l)));
        const final = answers(DM, question.ts);
        assert.equal(final.length, 1, "the partial answer keeps its disclaimer");
        assert.match(final[0].text, /Stopped\./, "marked as stopped");
        assert.deepEqual((await audited(replicas[1])).rows, [{surface: "slack-dm", action: "answer", model: `med42-test on ${server.url}`,
            stop_reason: "abort"}], "audited once, as stopped");
        assert.equal((await replicas[1].database.query("SELECT 1 FROM slack_answers")).rowCount, 0, "no answer left registered");
    });

    it("two med42-slack processes with MED42_SERVER_URL on one llama-server answer a message both receive once", async () => {
        const url = pg.createDatabase(`replicas_server_${++databases}`);
        fake = new FakeSlack();
        await fake.start();
        fake.join(CHANNEL, DM);
        const before = await server.metrics();
        const children = [0, 1].map(() => {
            const child = spawn(process.execPath, [path.resolve(__dirname, "../../../bin/med42-slack.js")], {
                env: {...process.env, SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.apiUrl,
                    MED42_SERVER_URL: server.url, MED42_DATABASE_URL: url, MED42_MODEL: undefined},
                stdio: ["ignore", "ignore", "pipe"]});
            const out = {child, stderr: "", exited: new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))};
            child.stderr.on("data", (d) => { out.stderr += String(d); });
            return out;
        });
        try {
            await fake.waitUntil(() => fake.openConnections.length === 2 && children.every((c) =>
                c.stderr.includes("Connected to the model server") && c.stderr.includes("Audit log and shared state in")), 60_000, "both processes to start");
            const event = fake.userMessage("app_mention", {channel: CHANNEL, user: "U0ERIN", text: `<@${fake.botUserId}> What is gout?`});
            await Promise.all([
                fake.sendEvent(event, {eventId: "EvBoth", connection: 0}).then((d) => d.acked),
                fake.sendEvent(event, {eventId: "EvBoth", connection: 1, retryAttempt: 1}).then((d) => d.acked),
                fake.sendEvent(event, {eventId: "EvBothb", connection: 1}).then((d) => d.acked)]);
            await fake.waitUntil(() => answers(CHANNEL, event.ts).length > 0, 60_000, "the answer");
            // SIGTERM: each process exits once its work is done, so what follows counts everything both did.
            for (const c of children) c.child.kill("SIGTERM");
            assert.deepEqual(await Promise.all(children.map((c) => c.exited)), [0, 0], children.map((c) => c.stderr).join("\n"));
            assert.equal(answers(CHANNEL, event.ts).length, 1, "answered once");
            const after = await server.metrics();
            assert.ok(after.tokens_predicted_total - before.tokens_predicted_total <= 512, "generated once (at most one answer's 512 tokens)");
            const db = new PostgresDatabase(url);
            try {
                const rows = await db.query<{surface: string; action: string; model: string}>("SELECT surface, action, model FROM audit WHERE kind = 'decision'");
                assert.deepEqual(rows.rows, [{surface: "slack-channel", action: "answer", model: `med42-test on ${server.url}`}]);
            } finally {
                await db.close();
            }
            for (const c of children) assert.doesNotMatch(c.stderr, /\n\s+at /);
        } finally {
            for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
        }
    });
});
