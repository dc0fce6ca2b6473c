/**
 * The replica scenarios with real `med42-slack` processes (bin/med42-slack.js, the generated test model) on
 * one fake Slack that retries late acks on another connection, as Slack does, and one real PostgreSQL (started once
 * for this file, a database per test): graceful shutdown hands unfinished answers back, a lost replica's open stream
 * is closed with the disclaimer, and load with duplicates, retries, a replica restart and a database restart is
 * answered exactly once, within the per-user limit, and audited; an answer written while the database restarts waits
 * for its audit row. The load scenarios and kill -9 run twice: each replica with the generated model, then every
 * replica on one shared real llama-server (MED42_SERVER_URL).
 */
import {strict as assert} from "node:assert";
import {Med42Assistant} from "../../shared/assistant";
import {PostgresAuditStore} from "../../shared/audit/postgresAuditStore";
import {PostgresDatabase} from "../../shared/storage/postgresDatabase";
import {createSlackBot, type SlackBot} from "../../slack-bot/app";
import {ACTION_STOP} from "../../slack-bot/blocks";
import {FakeSlack} from "../support/fakeSlack";
import {ScriptedBackend} from "../support/scriptedBackend";
import {freePort, TestPostgres} from "../support/postgres";
import {type BotProcess, startBotProcess} from "../support/botProcess";
import {CHANNEL, contextText, DM, memoryLogger} from "./botHarness";
import {FakeModelServer} from "../support/fakeModelServer";
import {LlamaServer} from "../support/llamaServer";
import {testModelPath} from "../support/testModel";
import * as path from "node:path";
import {INTERRUPTED_MARK, INTERRUPTED_NOTICE} from "../../slack-bot/reliability/orphanFinisher";

const DISCLAIMER_WORDS = "not ready for clinical use";

/** Where the replicas' model runs: the environment each replica gets, and how many mentions the load test sends. */
interface Backend {
    name: string;
    env(): Record<string, string>;
    /** The model the audit rows name. */
    model(): string;
    mentions: number;
    start?(): Promise<void>;
    stop?(): Promise<void>;
}

/** One llama-server (the generated model, 4 slots) that every replica of the second run uses (MED42_SERVER_URL). */
let sharedServer: LlamaServer | undefined;
const BACKENDS: Backend[] = [
    {name: "each replica with the generated model", env: () => ({}), model: () => path.basename(testModelPath()), mentions: 200},
    {name: "all replicas on one llama-server (MED42_SERVER_URL)", mentions: 200,
        env: () => ({MED42_SERVER_URL: sharedServer!.url}), model: () => `med42-test on ${sharedServer!.url}`,
        start: async () => { sharedServer = await LlamaServer.start({parallel: 4}); },
        stop: async () => { await sharedServer?.stop(); sharedServer = undefined; }},
];

describe("Bot replicas as processes: shutdown, lost streams and load", function () {
    this.timeout(300_000);
    let pg: TestPostgres;
    let url: string;
    let fake: FakeSlack;
    let db: PostgresDatabase;
    let bots: BotProcess[] = [];
    let inProcess: SlackBot[] = [];
    let databases = 0;

    before(async () => { pg = await TestPostgres.create(); });
    after(() => pg?.destroy());

    beforeEach(async () => {
        url = pg.createDatabase(`scenarios_${++databases}`);
        db = new PostgresDatabase(url, {applicationName: "med42 scenario test"});
        fake = new FakeSlack();
        await fake.start();
        fake.join(CHANNEL, DM);
    });

    afterEach(async function () {
        const failed = this.currentTest?.state === "failed";
        for (const b of bots) {
            if (failed) console.log(`--- med42-slack (pid ${b.child.pid}):\n${b.stderr}`);
            b.kill("SIGKILL");
            await b.exited;
        }
        bots = [];
        for (const b of inProcess) await b.stop({graceMs: 1_000});
        inProcess = [];
        await db.close();
        // Deliveries a killed process never acknowledged are Slack's business (it retried them); stop() reports them.
        await fake.stop().catch((err) => { if (!failed) throw err; });
    });

    /** Starts `med42-slack` processes one after the other (so openConnections[i] is bots[i]) and waits until each is up. */
    async function startBots(count: number, env: Record<string, string> | ((i: number) => Record<string, string>) = {}):
        Promise<BotProcess[]> {
        const started: BotProcess[] = [];
        for (let i = 0; i < count; i++) {
            const before = fake.openConnections.length;
            const bot = startBotProcess(fake, {MED42_DATABASE_URL: url, ...(typeof env === "function" ? env(i) : env)});
            bots.push(bot);
            started.push(bot);
            await fake.waitUntil(() => !bot.running || fake.openConnections.length > before &&
                bot.stderr.includes("Audit log and shared state in"), 60_000, "a med42-slack process to start");
            assert.ok(bot.running, bot.stderr);
        }
        return started;
    }

    /** The messages with the disclaimer in a thread, the question excepted. */
    const withDisclaimer = (channel: string, ts: string) =>
        fake.thread(channel, ts).filter((m) => m.ts !== ts && contextText(m).includes(DISCLAIMER_WORDS));

    async function count(sql: string, params: unknown[] = []): Promise<number> {
        const r = await db.query<{n: string}>(sql, params);
        return Number(r.rows[0].n);
    }

    it("a stopping replica leaves new events unacknowledged, and Slack's retry is answered by another replica", async () => {
        // In-process replicas (the moment between SIGTERM and the socket closing is too short to aim at from outside).
        for (let i = 0; i < 2; i++) {
            const database = new PostgresDatabase(url, {applicationName: "med42-slack test replica"});
            const assistant = new Med42Assistant({backend: new ScriptedBackend(["Gout is ", "a form of arthritis."]),
                audit: new PostgresAuditStore(database), model: "scripted-model.gguf"});
            const bot = await createSlackBot({assistant, botToken: fake.botToken, appToken: fake.appToken, slackApiUrl: fake.apiUrl,
                retryConfig: {retries: 0}, logger: memoryLogger(), database,
                settings: {nativeStreaming: false, updateIntervalMs: 0}});
            await bot.start();
            inProcess.push(bot);
            const stop = bot.stop.bind(bot);
            bot.stop = async (options) => {
                try { return await stop(options); } finally { await assistant.dispose(); await database.close(); }
            };
        }
        await fake.waitUntil(() => fake.openConnections.length === 2, 20_000, "both replicas to connect");
        fake.lateAckRetryMs = 300;
        inProcess[0].context.accepting = false; // replica 0 began its shutdown
        const event = fake.userMessage("app_mention", {channel: CHANNEL, user: "U0GRACE", text: `<@${fake.botUserId}> What is gout?`});
        const delivery = await fake.sendEvent(event, {eventId: "EvDuringShutdown", connection: 0});
        await delivery.acked;
        assert.deepEqual(fake.redeliveries.map((r) => [r.eventId, r.retryAttempt, r.previousConnection, r.connection]),
            [["EvDuringShutdown", 1, 0, 1]], "not acknowledged by the stopping replica; retried on the other");
        await fake.waitUntil(() => withDisclaimer(CHANNEL, event.ts).length === 1, 30_000, "the answer");
        assert.equal(await count("SELECT count(*) AS n FROM audit WHERE kind = 'decision'"), 1);
    });

    it("SIGTERM: an answer that cannot finish within the grace period is handed back and finished at once by another " +
        "replica, its open stream closed with the disclaimer", async () => {
        // A lease far longer than this test: only the hand-back can explain another replica finishing the answer.
        const [writer] = await startBots(2, {MED42_SLACK_ANSWER_LEASE: "600", MED42_SLACK_SHUTDOWN_GRACE: "0.5"});
        // Slack stops taking the writer's streaming calls after the first: its answer cannot finish, whatever the model
        // does (what it sent is dropped when it exits, as calls that never reached Slack).
        const releaseAppend = fake.holdRequests("chat.appendStream");
        const releaseStop = fake.holdRequests("chat.stopStream");
        const question = fake.userMessage("message", {channel: DM, user: "U0ALICE", text: "What is the usual dose of amoxicillin?"});
        await (await fake.sendEvent(question, {connection: 0})).acked;
        const started = await fake.waitForCall("chat.startStream", () => true, 60_000);
        const streamTs = String(started.response.ts);
        await fake.waitUntil(() => fake.heldRequests("chat.appendStream") + fake.heldRequests("chat.stopStream") > 0, 60_000,
            "the writer's next streaming call");
        await waitForRow("SELECT count(*) AS n FROM slack_answers WHERE stream_ts = $1 AND control_ts IS NOT NULL", [streamTs]);
        const streamed = fake.messages.find((m) => m.ts === streamTs)!;
        assert.equal(streamed.streaming, true);
        assert.ok(!contextText(streamed).includes(DISCLAIMER_WORDS), "a streaming message has no disclaimer yet");

        writer.kill("SIGTERM");
        const exit = await writer.exited;
        assert.match(writer.stderr, /did not finish within the shutdown grace period: handed back/);
        assert.doesNotMatch(writer.stderr, /\n\s+at /, "no stack trace");
        assert.equal(exit.signal, null, "it exited by itself");
        releaseAppend();
        releaseStop();

        const finished = await fake.waitUntil(() => {
            const m = fake.messages.find((x) => x.ts === streamTs);
            return m && !m.streaming && contextText(m).includes(DISCLAIMER_WORDS) ? m : undefined;
        }, 60_000, "the open stream to be closed with the disclaimer");
        assert.match(contextText(finished), /Interrupted before Med42 finished/);
        assert.ok(finished.text.trim().length > 0, "what was streamed stays");
        const control = await fake.waitUntil(() => fake.messages.find((m) => m.channel === DM &&
            /This answer was interrupted/.test(m.text)), 60_000, "the interrupted notice");
        assert.ok(contextText(control).includes(DISCLAIMER_WORDS));
        assert.ok(!JSON.stringify(control.blocks).includes(ACTION_STOP), "no Stop button left");
        await waitForRow("SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END AS n FROM slack_answers");
        assert.equal(await count("SELECT count(*) AS n FROM audit WHERE kind = 'decision' AND surface = 'slack-dm'"), 1,
            "one audit row for the answer (the writer's, or the finisher's 'replica-lost')");
    });

    /** A question in the channel, and how the bot replied to it. */
    interface Asked { ts: string; user: string }
    const REFUSED = /You've asked several questions in a short time/;
    const PAUSED = /paused answers: its audit log \(database\) cannot be reached/;
    const answersTo = (q: Asked) => withDisclaimer(CHANNEL, q.ts).length;
    const refusalsTo = (q: Asked) => fake.callsTo("chat.postEphemeral").filter((c) => c.args.thread_ts === q.ts &&
        REFUSED.test(String(c.args.text))).length;
    const pausedNoticesTo = (q: Asked) => fake.thread(CHANNEL, q.ts).filter((m) => PAUSED.test(m.text)).length;
    const replies = (q: Asked) => answersTo(q) + refusalsTo(q) + pausedNoticesTo(q);

    /** A mention from `user`; `deliveries` picks the connections and event ids it is delivered with. */
    async function mention(user: string, index: number, deliveries: Array<{connection: number; eventId?: string; retryAttempt?: number}>):
        Promise<Asked> {
        const event = fake.userMessage("app_mention", {channel: CHANNEL, user, text: `<@${fake.botUserId}> What is hypertension? (${index})`});
        for (const d of deliveries) {
            await fake.sendEvent(event, {eventId: d.eventId ?? `EvLoad${index}`, connection: d.connection, retryAttempt: d.retryAttempt});
        }
        return {ts: event.ts, user};
    }

    /** SIGTERM to every bot, and each exits by itself once its work is done: what follows counts everything they did. */
    async function stopAll(): Promise<void> {
        for (const b of bots) b.kill("SIGTERM");
        for (const b of bots) {
            const exit = await b.exited;
            assert.ok(exit.code === 0 || exit.code === null && exit.signal === "SIGKILL", `exit ${JSON.stringify(exit)}: ${b.stderr}`);
            assert.doesNotMatch(b.stderr, /\n\s+at /, "no stack trace");
        }
    }

    /** Mentions `from`..`to`-1 from 20 users, spread over the open connections; every other one also as Slack's retry elsewhere. */
    async function load(asked: Asked[], from: number, to: number, options: {duplicates?: boolean} = {}): Promise<void> {
        for (let i = from; i < to; i++) {
            const open = fake.openConnections.length;
            const c = i % open;
            const deliveries: Array<{connection: number; retryAttempt?: number}> = [{connection: c}];
            if (options.duplicates !== false && i % 2 === 0 && open > 1) deliveries.push({connection: (c + 1) % open, retryAttempt: 1});
            asked.push(await mention(`U0USER${i % 20}`, i, deliveries));
        }
    }

    const NO_LIMITS = {MED42_SLACK_USER_LIMIT: "1000/3600", MED42_SLACK_MAX_ACTIVE: "1000"};

    /**
     * The load scenarios, run once with each replica loading the generated model itself and once with every replica
     * configured by MED42_SERVER_URL with one shared llama-server (`backend.env()`: what the replicas get).
     */
    function loadScenarios(backend: Backend): void {
        /** Every answer came from this backend: the audit rows name its model. */
        const assertModel = async () => assert.deepEqual((await db.query<{model: string}>(
            "SELECT DISTINCT model FROM audit WHERE kind = 'decision'")).rows, [{model: backend.model()}]);

        it(`${backend.mentions} mentions from 20 users, with duplicates, Slack's retries and a stalled replica's late acks: each answered or ` +
            "refused exactly once, the per-user limit held across 3 replicas, every answer audited", async () => {
            const perUser = 3;
            await startBots(3, {MED42_SLACK_USER_LIMIT: `${perUser}/3600`, MED42_SLACK_MAX_ACTIVE: "1000", ...backend.env()});
            const n = backend.mentions;
            fake.lateAckRetryMs = 1_000;
            const users = Array.from({length: 20}, (_, u) => `U0USER${u}`);
            const asked: Asked[] = [];
            const ask = (i: number) => {
                const c = i % 3;
                // Every other one also as Slack's retry on the next connection; every fifth once more under another event id
                // (as one message arrives as two events).
                const deliveries: Array<{connection: number; eventId?: string; retryAttempt?: number}> = [{connection: c}];
                if (i % 2 === 0) deliveries.push({connection: (c + 1) % 3, retryAttempt: 1});
                if (i % 5 === 0) deliveries.push({connection: (c + 2) % 3, eventId: `EvLoad${i}b`});
                return mention(users[i % users.length], i, deliveries);
            };
            for (let i = 0; i < Math.round(n * 0.35); i++) asked.push(await ask(i));
            // Replica 2 stalls (a long pause, an overloaded node): what Slack sends it now is acknowledged late, and
            // retried on the other connections; when it wakes up, it finds those events taken.
            bots[2].kill("SIGSTOP");
            for (let i = Math.round(n * 0.35); i < Math.round(n * 0.7); i++) asked.push(await ask(i));
            await fake.waitUntil(() => fake.unacknowledged === 0, 120_000, "the stalled replica's deliveries to be retried elsewhere");
            bots[2].kill("SIGCONT");
            for (let i = Math.round(n * 0.7); i < n; i++) asked.push(await ask(i));

            await fake.waitUntil(() => asked.every((q) => replies(q) > 0), 240_000, "a reply to every mention");
            await stopAll();
            const late = fake.redeliveries.filter((r) => r.previousConnection === 2);
            assert.ok(late.length > 0 && late.every((r) => r.connection !== 2), "late acks were retried on other connections");
            for (const q of asked) assert.equal(replies(q), 1, `exactly one reply to ${q.ts}: ${answersTo(q)} answers, ${refusalsTo(q)} refusals`);
            for (const user of users) {
                const mine = asked.filter((q) => q.user === user);
                assert.equal(mine.filter((q) => answersTo(q) === 1).length, perUser, `${user}: ${perUser} answered, across replicas`);
                assert.equal(mine.filter((q) => refusalsTo(q) === 1).length, mine.length - perUser, `${user}: the rest refused`);
            }
            const answered = asked.filter((q) => answersTo(q) === 1).length;
            assert.equal(await count("SELECT count(*) AS n FROM audit WHERE kind = 'decision'"), answered, "every answer audited, once");
            assert.equal(await count("SELECT count(DISTINCT replica) AS n FROM slack_claims"), 3, "all three replicas took events");
            await assertModel();
        });

        it("a replica restarted (SIGTERM, then started again) during load: no event lost or doubled", async () => {
            await startBots(2, {...NO_LIMITS, ...backend.env()});
            fake.lateAckRetryMs = 1_000;
            const asked: Asked[] = [];
            await load(asked, 0, 20);
            const [leaving] = bots;
            leaving.kill("SIGTERM");
            // Sent while it stops: what reaches it before its connection closes is answered by it, or left without an ack
            // and retried by Slack on the other connection.
            await load(asked, 20, 40);
            const exit = await leaving.exited;
            assert.equal(exit.code, 0, `it finished its answers and exited: ${leaving.stderr}`);
            const before = new Set(fake.openConnections);
            await startBots(1, {...NO_LIMITS, ...backend.env()});
            const restarted = fake.openConnections.findIndex((ws) => !before.has(ws));
            // The restarted replica's first event goes to it alone, with no ack deadline: a fresh process on a loaded
            // machine can take longer than Slack's retry to acknowledge its first events, and then the other replica
            // rightly takes every one of them (a CI run saw exactly that), which would leave the point below unshown.
            fake.lateAckRetryMs = undefined;
            const toRestarted = await mention("U0USER0", 40, [{connection: restarted}]);
            asked.push(toRestarted);
            await fake.waitUntil(() => replies(toRestarted) > 0, 60_000, "the restarted replica's first reply");
            fake.lateAckRetryMs = 1_000;
            await load(asked, 41, 60);

            await fake.waitUntil(() => asked.every((q) => replies(q) > 0), 120_000, "a reply to every mention")
                .catch((err) => { throw new Error(`${err.message.slice(0, 200)}; no reply to ${asked.filter((q) => replies(q) === 0)
                    .map((q) => q.ts).join(", ")}`); });
            await stopAll();
            for (const q of asked) assert.equal(answersTo(q), 1, `exactly one answer to ${q.ts} (${replies(q)} replies)`);
            assert.equal(await count("SELECT count(*) AS n FROM audit WHERE kind = 'decision'"), asked.length, "every answer audited, once");
            // The restarted replica took events too: the one sent only to its connection, never retried elsewhere, was
            // answered once. (Counting distinct replicas in slack_claims failed twice under CI load with 2 of 3: what
            // the table keeps of the stopped replica's claims is not what this checks.)
            assert.equal(answersTo(toRestarted), 1, "the restarted replica answered the event sent only to it");
            assert.ok(!fake.redeliveries.some((r) => r.eventId === "EvLoad40"), "it was never retried on another connection");
            assert.equal(await count("SELECT count(*) AS n FROM slack_answers"), 0, "no answer left registered");
            await assertModel();
        });

        it("PostgreSQL restarted during load: answers pause with a clear message and resume by themselves; nothing lost or " +
            "doubled, every answer audited", async () => {
            const ports = [await freePort(), await freePort()];
            await startBots(2, (i) => ({...NO_LIMITS, MED42_HEALTH_PORT: String(ports[i]), ...backend.env()}));
            fake.lateAckRetryMs = 1_000;
            const ready = async () => (await Promise.all(ports.map((port) => fetch(`http://127.0.0.1:${port}/readyz`)
                .then((r) => r.status, () => 0)))).every((status) => status === 200);
            const before: Asked[] = [];
            await load(before, 0, 20);
            // Answered before the outage (answers being written when the database goes down: the next test).
            await fake.waitUntil(() => before.every((q) => answersTo(q) > 0), 120_000, "the answers before the outage");
            pg.stop();
            const during: Asked[] = [];
            try {
                // Delivered once each: while the database is down, replicas cannot share their claims (see docs/slack.md).
                await load(during, 20, 40, {duplicates: false});
                await fake.waitUntil(() => during.every((q) => replies(q) > 0), 120_000, "a reply to every mention during the outage");
            } finally {
                pg.start();
            }
            // Ready again by themselves, with no restart (the readiness probe follows the database).
            for (let i = 0; !(await ready()); i++) {
                assert.ok(i < 600, "the replicas became ready again");
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            const after: Asked[] = [];
            await load(after, 40, 70);
            await fake.waitUntil(() => after.every((q) => replies(q) > 0), 240_000, "a reply to every mention after the outage");
            await stopAll();

            for (const q of during) {
                assert.equal(answersTo(q), 0, "no answer without its audit row");
                assert.equal(pausedNoticesTo(q), 1, "told once that answers are paused");
            }
            for (const q of [...before, ...after]) assert.equal(replies(q), 1, `exactly one reply, an answer, to ${q.ts}`);
            for (const q of [...before, ...after]) assert.equal(answersTo(q), 1);
            assert.equal(await count("SELECT count(*) AS n FROM audit WHERE kind = 'decision'"), before.length + after.length,
                "every answer audited, once; nothing for the paused ones");
            await assertModel();
        });

        it("a replica killed mid-answer (kill -9): the other finishes its open stream and its message as interrupted, with " +
            "the disclaimer, within the lease; one audit row", async () => {
            const [writer] = await startBots(2, {MED42_SLACK_ANSWER_LEASE: "2", ...backend.env()});
            // Slack stops taking the writer's streaming calls after the first: its answer stays open until it is killed.
            const releaseAppend = fake.holdRequests("chat.appendStream");
            const releaseStop = fake.holdRequests("chat.stopStream");
            try {
                const question = fake.userMessage("message", {channel: DM, user: "U0KILLED", text: "What is the usual dose of amoxicillin?"});
                await (await fake.sendEvent(question, {connection: 0})).acked;
                const started = await fake.waitForCall("chat.startStream", () => true, 60_000);
                const streamTs = String(started.response.ts);
                await waitForRow("SELECT count(*) AS n FROM slack_answers WHERE stream_ts = $1 AND control_ts IS NOT NULL", [streamTs]);
                writer.kill("SIGKILL");
                await writer.exited;
            } finally {
                releaseAppend();
                releaseStop();
            }
            const finished = await fake.waitUntil(() => {
                const m = fake.messages.find((x) => x.channel === DM && !x.streaming && contextText(x).includes(INTERRUPTED_MARK));
                return m && contextText(m).includes(DISCLAIMER_WORDS) ? m : undefined;
            }, 60_000, "the open stream to be closed with the interrupted mark and the disclaimer");
            assert.ok(finished.text.trim().length > 0, "what was streamed stays");
            const control = await fake.waitUntil(() => fake.messages.find((m) => m.channel === DM && m.text.includes(INTERRUPTED_NOTICE)),
                60_000, "the interrupted notice");
            assert.ok(contextText(control).includes(DISCLAIMER_WORDS));
            assert.ok(!JSON.stringify(control.blocks).includes(ACTION_STOP), "no Stop button left");
            await waitForRow("SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END AS n FROM slack_answers");
            assert.equal(await count("SELECT count(*) AS n FROM audit WHERE kind = 'decision' AND surface = 'slack-dm'"), 1,
                "one audit row for the answer (the writer's, or the finisher's 'replica-lost')");
        });
    }

    for (const backend of BACKENDS) {
        describe(backend.name, function () {
            before(async function () { await backend.start?.(); });
            after(async () => { await backend.stop?.(); });
            loadScenarios(backend);
        });
    }

    it("PostgreSQL stopped while answers are being written, and started again: each waits for its audit row and is " +
        "finished once, by its own replica (not taken over as orphaned after the outage), with one audit row", async () => {
        // A model server that streams the start of every answer and holds the end until the database is down.
        let release!: () => void;
        const model = await FakeModelServer.start({chat: [{kind: "held", chunks: 2, until: new Promise<void>((r) => { release = r; })}]});
        try {
            // A lease of 3 s: the outage below lasts longer, so every lease looks expired when the database returns. (With a
            // lease of 1 s, a loaded 2-core machine delayed a renewal past it before the outage: an answer was taken over.)
            await startBots(2, {...NO_LIMITS, MED42_SERVER_URL: model.url, MED42_SLACK_ANSWER_LEASE: "3",
                MED42_AUDIT_RETRY_SECONDS: "120"});
            const asked: Asked[] = [];
            await load(asked, 0, 6, {duplicates: false});
            await fake.waitUntil(() => model.chatCalls().length === asked.length, 60_000, "every answer to be generating");
            await waitForRow("SELECT CASE WHEN count(*) = $1 THEN 1 ELSE 0 END AS n FROM slack_answers", [asked.length]);
            assert.deepEqual(asked.map(answersTo), asked.map(() => 0), "none finished yet");
            const retried = (attempt: number) => bots.map((b) => b.stderr.split(`Audit write failed (attempt ${attempt})`).length - 1)
                .reduce((a, b) => a + b, 0);
            pg.stop();
            try {
                release(); // the answers end now, while their audit rows cannot be written
                // Tried for longer than the lease (backoff 0.25 + 0.5 + 1 + 2 + 2 s): no writer could renew its leases meanwhile.
                await fake.waitUntil(() => retried(6) === asked.length, 60_000, "every answer's audit write to be retried");
                assert.deepEqual(asked.map(answersTo), asked.map(() => 0), "no answer finished without its audit row");
            } finally {
                pg.start();
            }
            await fake.waitUntil(() => asked.every((q) => answersTo(q) > 0), 120_000, "the answers once the database is back");
            await stopAll();
            for (const q of asked) assert.equal(answersTo(q), 1, `finished once: ${q.ts}`);
            for (const q of asked) assert.equal(pausedNoticesTo(q), 0, "no pause or error notice");
            const interrupted = fake.messages.filter((m) => m.text.includes(INTERRUPTED_NOTICE) || contextText(m).includes(INTERRUPTED_MARK));
            assert.deepEqual(interrupted.map((m) => m.ts), [], "no live answer finished as interrupted by the other replica");
            assert.doesNotMatch(bots.map((b) => b.stderr).join("\n"), /Finishing answer|Answer failed/);
            assert.equal(await count("SELECT count(*) AS n FROM audit WHERE kind = 'decision'"), asked.length, "one audit row each");
            assert.equal(await count("SELECT count(*) AS n FROM audit WHERE stop_reason = 'replica-lost'"), 0);
            assert.equal(await count("SELECT count(*) AS n FROM slack_answers"), 0, "no answer left registered");
        } finally {
            release();
            await model.close();
        }
    });

    /** Waits until `sql` (a count) is at least 1. */
    async function waitForRow(sql: string, params: unknown[] = []): Promise<void> {
        for (let i = 0; i < 600; i++) {
            if (await count(sql, params) >= 1) return;
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`timed out waiting for: ${sql}`);
    }
});
