/**
 * Two bot replicas (two real Bolt apps, each with its own core, model backend and database pool, like two
 * `med42-slack` processes) on one fake Slack (one Socket Mode connection each: Slack spreads an app's events over its
 * connections) and one real PostgreSQL (started once for this file). The model is scripted (the answers' content is
 * not what is tested here; everything around it is real).
 */
import {strict as assert} from "node:assert";
import {spawn} from "node:child_process";
import * as path from "node:path";
import {Med42Assistant} from "../../shared/assistant";
import {FakeSlack} from "../support/fakeSlack";
import {type InProcessReplica, startInProcessReplica, stopInProcessReplicas} from "../support/inProcessReplica";
import {ScriptedBackend} from "../support/scriptedBackend";
import {freePort, TestPostgres} from "../support/postgres";
import {testModelPath} from "../support/testModel";
import {ALICE, BOB, CHANNEL, contextText, DM, LONG_QUESTION} from "./botHarness";
import {ACTION_STOP} from "../../slack-bot/blocks";
import type {PostgresSlackState} from "../../slack-bot/reliability/postgresSlackState";
import type {BotSettings} from "../../slack-bot/botContext";
import {type HealthServer, startHealthServer} from "../../slack-bot/health/healthServer";

const DISCLAIMER_WORDS = "not ready for clinical use";
const ANSWER = ["Hypertension is ", "persistently high blood pressure."];

interface Replica extends InProcessReplica {
    backend: ScriptedBackend;
}

describe("Several bot replicas on one PostgreSQL", function () {
    this.timeout(120_000);
    let pg: TestPostgres;
    let url: string;
    let fake: FakeSlack;
    let replicas: Replica[] = [];
    let health: HealthServer | undefined;
    const get = async (route: string, method = "GET") => {
        const res = await fetch(`http://127.0.0.1:${health!.port}${route}`, {method});
        return {status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text()};
    };

    let databases = 0;
    before(async () => { pg = await TestPostgres.create(); });
    after(() => pg?.destroy());

    beforeEach(async () => {
        // A database per test: each fake Slack numbers its messages from the same clock.
        url = pg.createDatabase(`replicas_${++databases}`);
        fake = new FakeSlack();
        await fake.start();
        fake.join(CHANNEL, DM);
        for (let i = 0; i < 2; i++) replicas.push(await startReplica());
        await fake.waitUntil(() => fake.openConnections.length === 2, 20_000, "both replicas to connect");
    });

    afterEach(async function () {
        await stopInProcessReplicas(replicas, this.currentTest?.state === "failed");
        replicas = [];
        await health?.close();
        health = undefined;
        await fake.stop();
    });

    async function startReplica(backend = new ScriptedBackend(ANSWER), settings: Partial<BotSettings> = {}): Promise<Replica> {
        const replica = await startInProcessReplica({fake, databaseUrl: url, settings,
            assistant: (audit) => new Med42Assistant({backend, audit, model: "scripted-model.gguf"})});
        return Object.assign(replica, {backend});
    }

    const idle = () => fake.waitUntil(() => fake.unacknowledged === 0 &&
        replicas.every((r) => r.processing === 0 && r.bot.context.pendingTasks === 0), 60_000, "both replicas to finish");
    /** The bot's answers (with the disclaimer) in a thread. */
    const answers = (channel: string, ts: string) =>
        fake.thread(channel, ts).filter((m) => m.ts !== ts && contextText(m).includes(DISCLAIMER_WORDS));
    const modelCalls = () => replicas.reduce((n, r) => n + r.backend.requests.length, 0);

    async function auditDecisions(): Promise<number> {
        const r = await replicas[0].database.query<{n: string}>("SELECT count(*) AS n FROM audit WHERE kind = 'decision' AND action = 'answer'");
        return Number(r.rows[0].n);
    }

    it("answers each message exactly once when Slack delivers it to both replicas, with retries and as two events", async () => {
        const auditedBefore = await auditDecisions();
        const questions: Array<{channel: string; ts: string}> = [];
        const deliveries: Array<Promise<unknown>> = [];
        for (let i = 0; i < 16; i++) {
            const dm = i % 4 === 3;
            const event = dm
                ? fake.userMessage("message", {channel: DM, user: "U0ALICE", text: `What is hypertension? (${i})`})
                : fake.userMessage("app_mention", {channel: CHANNEL, user: `U0USER${i % 4}`,
                    text: `<@${fake.botUserId}> What is hypertension? (${i})`});
            questions.push({channel: event.channel, ts: event.ts});
            const eventId = `EvQ${i}`;
            // First delivery to one replica, Slack's retry of the same event to the other, and the same user message
            // once more under another event id (as app_mention and message arrive for one message).
            deliveries.push(fake.sendEvent(event, {eventId, connection: i % 2}).then((d) => d.acked));
            deliveries.push(fake.sendEvent(event, {eventId, connection: (i + 1) % 2, retryAttempt: 1}).then((d) => d.acked));
            deliveries.push(fake.sendEvent(event, {eventId: `${eventId}b`, connection: (i + 1) % 2}).then((d) => d.acked));
        }
        await Promise.all(deliveries);
        await idle();
        for (const q of questions) {
            assert.equal(answers(q.channel, q.ts).length, 1, `one answer to ${q.channel}/${q.ts}`);
        }
        assert.equal(modelCalls(), questions.length, "the model ran once per question, across both replicas");
        assert.equal(await auditDecisions() - auditedBefore, questions.length, "one audit row per answer, in one database");
    });

    it("a follow-up without a mention reaches the replica that did not answer the thread", async () => {
        const mention = fake.userMessage("app_mention", {channel: CHANNEL, user: "U0BOB", text: `<@${fake.botUserId}> What is gout?`});
        await (await fake.sendEvent(mention, {connection: 0})).acked;
        await idle();
        assert.equal(answers(CHANNEL, mention.ts).length, 1);
        assert.equal(replicas[0].backend.requests.length, 1, "replica A answered the mention");

        const followUp = fake.userMessage("message", {channel: CHANNEL, user: "U0BOB", text: "And how is it treated?", thread_ts: mention.ts});
        await (await fake.sendEvent(followUp, {connection: 1})).acked;
        await idle();
        assert.equal(replicas[1].backend.requests.length, 1, "replica B knew the thread and answered the follow-up");
        assert.equal(answers(CHANNEL, mention.ts).length, 2);
        const history = replicas[1].backend.requests[0].messages.map((m) => m.content).join("\n");
        assert.match(history, /What is gout\?/, "with the thread as the conversation");
    });

    it("Stop clicked on the other replica stops the answer; another user's click there is refused", async () => {
        // A third replica whose model writes until stopped; only it receives the question.
        const writer = await startReplica(new ScriptedBackend(["The usual dose ", "is "], {untilStopped: true}));
        replicas.push(writer);
        await fake.waitUntil(() => fake.openConnections.length === 3, 20_000, "the third replica to connect");
        await (writer.bot.context.state as PostgresSlackState).listening;
        const question = fake.userMessage("message", {channel: DM, user: ALICE, text: "What is the usual dose of amoxicillin?"});
        await (await fake.sendEvent(question, {connection: 2})).acked;
        const control = await fake.waitUntil(() => fake.messages.find((m) => m.channel === DM &&
            JSON.stringify(m.blocks ?? []).includes(ACTION_STOP)), 30_000, "the Stop control");
        await fake.waitUntil(() => writer.backend.requests.length === 1, 30_000, "the model to start");
        const answerId = control.blocks![0].accessory.value as string;

        const byBob = await fake.clickButton({user: BOB, channel: DM, messageTs: control.ts, actionId: ACTION_STOP, value: answerId, connection: 1});
        await byBob.acked;
        const refused = await fake.waitUntil(() => fake.callsTo("response_url").find((c) => /Only the person who asked/.test(String(c.args.text))),
            30_000, "the refusal to Bob");
        assert.equal(refused.args.response_type, "ephemeral");
        assert.equal(writer.backend.requests[0].signal?.aborted, false, "Bob cannot stop Alice's answer");

        const byAlice = await fake.clickButton({user: ALICE, channel: DM, messageTs: control.ts, actionId: ACTION_STOP, value: answerId, connection: 0});
        await byAlice.acked;
        await idle();
        assert.equal(writer.backend.requests[0].signal?.aborted, true, "the writer stopped its model");
        const final = fake.thread(DM, question.ts).find((m) => m.ts !== question.ts && contextText(m).includes(DISCLAIMER_WORDS));
        assert.ok(final, "the partial answer keeps its disclaimer");
        assert.match(final.text, /The usual dose is[\s\S]*Stopped\./, "marked as stopped");
        assert.ok(writer.logs.some((l) => /Stopped an answer at another replica's request/.test(l)));
        const left = await writer.database.query("SELECT 1 FROM slack_answers");
        assert.equal(left.rowCount, 0, "no answer left registered");
    });

    it("counts the per-user limit and the cap on answers at once across replicas", async () => {
        // Two more replicas (connections 2 and 3): 2 questions per user per minute, 1 answer at once, and a model
        // that writes until stopped on the first.
        const limits = {rateLimit: {perUser: 2, windowMs: 60_000, maxActive: 1}};
        const first = await startReplica(new ScriptedBackend(["Gout is "], {untilStopped: true}), limits);
        replicas.push(first);
        replicas.push(await startReplica(new ScriptedBackend(ANSWER), limits));
        await fake.waitUntil(() => fake.openConnections.length === 4, 20_000, "the limited replicas to connect");
        const notices = (pattern: RegExp) => fake.calls.filter((c) => pattern.test(String(c.args.text ?? ""))).length;
        const ask = async (user: string, connection: number, text: string) => {
            const event = fake.userMessage("app_mention", {channel: CHANNEL, user, text: `<@${fake.botUserId}> ${text}`});
            await (await fake.sendEvent(event, {connection})).acked;
            return event;
        };

        // The cap: replica 2's answer is being written, so replica 3 has no room for Bob's question.
        const long = await ask(ALICE, 2, "What is gout?");
        await fake.waitUntil(() => first.backend.requests.length === 1, 30_000, "the first answer to start");
        await ask(BOB, 3, "What is asthma?");
        await fake.waitUntil(() => notices(/Med42 is busy with many questions/) === 1, 30_000, "the busy notice");
        assert.equal(replicas[3].backend.requests.length, 0);
        const control = fake.messages.find((m) => m.channel === CHANNEL && JSON.stringify(m.blocks ?? []).includes(ACTION_STOP))!;
        await (await fake.clickButton({user: ALICE, channel: CHANNEL, messageTs: control.ts, actionId: ACTION_STOP,
            value: control.blocks![0].accessory.value, connection: 2})).acked;
        await idle();
        assert.ok(answers(CHANNEL, long.ts).length === 1);

        // The per-user limit: Alice asked once (on replica 2); one more anywhere, then no more on either replica.
        await ask(ALICE, 3, "What is asthma?");
        await idle();
        assert.equal(replicas[3].backend.requests.length, 1, "Alice's second question is answered");
        await ask(ALICE, 3, "What is eczema?");
        await ask(ALICE, 2, "What is psoriasis?");
        await idle();
        assert.equal(notices(/You've asked several questions in a short time/), 2, "the third and fourth are refused on both replicas");
        assert.equal(first.backend.requests.length + replicas[3].backend.requests.length, 2);
    });

    it("serves /healthz, /readyz and Prometheus /metrics (answers, policy decisions by category, queue depth, latency)", async () => {
        health = await startHealthServer(replicas[0].bot.context, {port: 0, host: "127.0.0.1"});
        assert.deepEqual(await get("/healthz"), {status: 200, type: "application/json", body: '{"status":"ok"}\n'});
        const ready = await get("/readyz");
        assert.equal(ready.status, 200);
        assert.deepEqual(JSON.parse(ready.body), {status: "ready", checks: {accepting: "ok", database: "ok"}});
        for (const text of ["What is hypertension?", "What is hypertension, again?", "I want to kill myself tonight"]) {
            const event = fake.userMessage("app_mention", {channel: CHANNEL, user: "U0DAN", text: `<@${fake.botUserId}> ${text}`});
            await (await fake.sendEvent(event, {connection: 0})).acked;
        }
        await idle();
        const metrics = await get("/metrics");
        assert.equal(metrics.status, 200);
        assert.match(metrics.type, /^text\/plain; version=0\.0\.4/);
        assert.match(metrics.body, /^med42_answers_total\{surface="slack-channel",outcome="answered"\} 2$/m);
        assert.match(metrics.body, /^med42_answers_total\{surface="slack-channel",outcome="policy"\} 1$/m);
        assert.match(metrics.body, /^med42_policy_decisions_total\{action="escalate",category="self_harm"\} 1$/m);
        assert.match(metrics.body, /^med42_answer_duration_seconds_count\{outcome="answered"\} 2$/m);
        assert.match(metrics.body, /^med42_queue_depth 0$/m);
        assert.match(metrics.body, /^med42_slack_process_resident_memory_bytes \d+/m, "the process's own metrics");
        assert.equal((await get("/nope")).status, 404);
        assert.equal((await get("/readyz", "POST")).status, 405);
        replicas[0].bot.context.accepting = false; // as during a graceful shutdown
        assert.deepEqual(JSON.parse((await get("/readyz")).body), {status: "unready", checks: {accepting: "shutting down", database: "ok"}});
    });

    it("two med42-slack processes (MED42_DATABASE_URL, MED42_HEALTH_PORT): one answer to an event both receive, audited in PostgreSQL", async () => {
        // This test runs the real entry point twice, with the generated model: the in-process replicas step aside.
        for (const r of replicas) await r.bot.stop({graceMs: 5_000});
        await fake.waitUntil(() => fake.openConnections.length === 0, 20_000, "the in-process replicas to disconnect");
        const ports = [await freePort(), await freePort()];
        const children = ports.map((port) => {
            const child = spawn(process.execPath, [path.resolve(__dirname, "../../../bin/med42-slack.js")], {
                env: {...process.env, SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.apiUrl,
                    MED42_MODEL: testModelPath(), MED42_THREADS: "1", MED42_DATABASE_URL: url, MED42_HEALTH_PORT: String(port)},
                stdio: ["ignore", "pipe", "pipe"]});
            const out = {child, stderr: "", exited: new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))};
            child.stderr.on("data", (d) => { out.stderr += String(d); });
            return out;
        });
        try {
            await fake.waitUntil(() => fake.openConnections.length === 2 && children.every((c) => c.stderr.includes("Health and metrics on port")),
                60_000, "both processes to start");
            for (const port of ports) {
                const res = await fetch(`http://127.0.0.1:${port}/readyz`);
                assert.equal(res.status, 200, await res.text());
            }
            const event = fake.userMessage("app_mention", {channel: CHANNEL, user: "U0ERIN", text: `<@${fake.botUserId}> What is gout?`});
            await Promise.all([0, 1].map(async (connection) => (await fake.sendEvent(event, {eventId: "EvBoth", connection})).acked));
            await fake.waitUntil(() => answers(CHANNEL, event.ts).length > 0, 60_000, "the answer");
            // SIGTERM: each process exits once its work is done, so what follows counts everything both did.
            for (const c of children) c.child.kill("SIGTERM");
            assert.deepEqual(await Promise.all(children.map((c) => c.exited)), [0, 0], children.map((c) => c.stderr).join("\n"));
            assert.equal(answers(CHANNEL, event.ts).length, 1, "answered once");
            const audited = await replicas[0].database.query<{surface: string; action: string; model: string}>(
                "SELECT surface, action, model FROM audit WHERE kind = 'decision'");
            assert.deepEqual(audited.rows, [{surface: "slack-channel", action: "answer", model: path.basename(testModelPath())}]);
            for (const c of children) assert.doesNotMatch(c.stderr, /\n\s+at /);
        } finally {
            for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
        }
    });

    it("a replica killed mid-answer (kill -9): another finishes its message as interrupted, with the disclaimer, and audits it", async () => {
        // The in-process replicas step aside; one with a short lease watches; a real med42-slack process writes.
        for (const r of replicas) await r.bot.stop({graceMs: 5_000});
        await fake.waitUntil(() => fake.openConnections.length === 0, 20_000, "the in-process replicas to disconnect");
        const watcher = await startReplica(new ScriptedBackend(ANSWER), {answerLeaseMs: 2_000});
        replicas.push(watcher);
        const child = spawn(process.execPath, [path.resolve(__dirname, "../../../bin/med42-slack.js")], {
            env: {...process.env, SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.apiUrl,
                MED42_MODEL: testModelPath(), MED42_THREADS: "1", MED42_DATABASE_URL: url, MED42_SLACK_ANSWER_LEASE: "2"},
            stdio: ["ignore", "ignore", "pipe"]});
        let stderr = "";
        child.stderr!.on("data", (d) => { stderr += String(d); });
        const exited = new Promise((resolve) => child.on("exit", resolve));
        try {
            await fake.waitUntil(() => fake.openConnections.length === 2 && stderr.includes("Audit log and shared state in"), 60_000,
                "the process to start");
            // A long question keeps the process's model busy (prompt evaluation) while it is killed.
            const question = fake.userMessage("message", {channel: DM, user: ALICE, text: LONG_QUESTION});
            await (await fake.sendEvent(question, {connection: 1})).acked;
            const control = await fake.waitUntil(() => fake.messages.find((m) => m.channel === DM &&
                JSON.stringify(m.blocks ?? []).includes(ACTION_STOP)), 60_000, "the process's Stop control");
            // Killed once the process has recorded where its answer is (between posting and recording, the notice would
            // be a new message in the thread instead).
            let recorded = false;
            await fake.waitUntil(() => {
                void watcher.database.query("SELECT 1 FROM slack_answers WHERE control_ts = $1", [control.ts])
                    .then((r) => { recorded = r.rowCount === 1; });
                return recorded;
            }, 30_000, "the control message to be recorded");
            child.kill("SIGKILL");
            await exited;
            const finished = await fake.waitUntil(() => fake.messages.find((m) => m.ts === control.ts &&
                /This answer was interrupted/.test(m.text)), 30_000, "the interrupted notice");
            assert.ok(contextText(finished).includes(DISCLAIMER_WORDS), "with the disclaimer");
            assert.ok(!JSON.stringify(finished.blocks).includes(ACTION_STOP), "no Stop button left");
            // The finisher's last step.
            await fake.waitUntil(() => fake.callsTo("assistant.threads.setStatus").some((c) => c.args.thread_ts === question.ts &&
                c.args.status === ""), 30_000, "the status to be cleared");
            const audited = await watcher.database.query<{surface: string; stop_reason: string}>(
                "SELECT surface, stop_reason FROM audit WHERE kind = 'decision'");
            assert.deepEqual(audited.rows, [{surface: "slack-dm", stop_reason: "replica-lost"}], "the audit row says so");
            assert.equal((await watcher.database.query("SELECT 1 FROM slack_answers")).rowCount, 0);
        } finally {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        }
    });

    it("pauses answers with a clear message while the database is down, and resumes by itself when it is back", async () => {
        health = await startHealthServer(replicas[0].bot.context, {port: 0, host: "127.0.0.1"});
        pg.stop();
        try {
            const asked = fake.userMessage("app_mention", {channel: CHANNEL, user: "U0CAROL", text: `<@${fake.botUserId}> What is asthma?`});
            await (await fake.sendEvent(asked, {connection: 0})).acked;
            await idle();
            const replies = fake.thread(CHANNEL, asked.ts).filter((m) => m.ts !== asked.ts);
            assert.ok(replies.some((m) => /paused answers: its audit log \(database\) cannot be reached/.test(m.text)),
                `the asker is told why: ${JSON.stringify(replies.map((m) => m.text))}`);
            assert.equal(answers(CHANNEL, asked.ts).length, 0, "no answer without an audit trail");
            assert.equal(modelCalls(), 0, "the model was not even asked");
            assert.ok(replicas[0].logs.some((l) => /Answer paused: the audit database .* cannot be reached/.test(l)));
            const unready = await get("/readyz");
            assert.equal(unready.status, 503);
            assert.deepEqual(JSON.parse(unready.body), {status: "unready", checks: {accepting: "ok", database: "unreachable"}});
            assert.equal((await get("/healthz")).status, 200, "alive: an orchestrator must not restart it for this");
            assert.match((await get("/metrics")).body, /^med42_answers_total\{surface="slack-channel",outcome="paused"\} 1$/m);

            // The exception: an emergency still gets its escalation (policy, not model), and the audit gap is said.
            const crisis = fake.userMessage("app_mention", {channel: CHANNEL, user: "U0DAVE", text: `<@${fake.botUserId}> My father collapsed and is not breathing`});
            await (await fake.sendEvent(crisis, {connection: 0})).acked;
            await idle();
            const shown = fake.thread(CHANNEL, crisis.ts).filter((m) => m.ts !== crisis.ts).map((m) => m.text);
            assert.ok(shown.some((t) => /\b911\b/.test(t) && /not ready for clinical use/i.test(t)),
                `the emergency number is shown, with the disclaimer: ${JSON.stringify(shown)}`);
            assert.ok(shown.some((t) => /could not be recorded in the audit log .*shown anyway because it gives emergency resources/.test(t)),
                `the audit gap is said: ${JSON.stringify(shown)}`);
            assert.ok(!shown.some((t) => /paused answers/.test(t)), "not paused");
            assert.equal(modelCalls(), 0, "the model was not asked");
        } finally {
            pg.start();
        }
        const again = fake.userMessage("app_mention", {channel: CHANNEL, user: "U0CAROL", text: `<@${fake.botUserId}> What is asthma?`});
        await (await fake.sendEvent(again, {connection: 1})).acked;
        await idle();
        assert.equal(answers(CHANNEL, again.ts).length, 1, "answers resume without a restart");
        assert.equal((await get("/readyz")).status, 200);
    });
});
