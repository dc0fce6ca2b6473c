/**
 * Two bot replicas in HTTP mode (the Events API: Slack posts signed requests) behind a round-robin load balancer on
 * loopback, one real PostgreSQL, and the fake Slack's Web API. Each replica is a real Bolt app with its own HTTP
 * receiver, core, scripted model and database pool, as two `med42-slack --http` processes would be. Slack's HTTP
 * retries (X-Slack-Retry-Num / X-Slack-Retry-Reason, after a response slower than 3 s) land on the other replica
 * through the balancer, and the same user message also arrives under another event id: each is answered once. A
 * Stop click the balancer hands to the other replica stops the answer.
 *
 * @see https://docs.slack.dev/apis/events-api/#retries
 */
import {strict as assert} from "node:assert";
import {spawn} from "node:child_process";
import * as http from "node:http";
import type {AddressInfo} from "node:net";
import * as path from "node:path";
import {Med42Assistant} from "../../shared/assistant";
import {PostgresDatabase} from "../../shared/storage/postgresDatabase";
import {ACTION_STOP} from "../../slack-bot/blocks";
import {FakeSlack, slackSignature} from "../support/fakeSlack";
import {type InProcessReplica, startInProcessReplica, stopInProcessReplicas} from "../support/inProcessReplica";
import {TestPostgres} from "../support/postgres";
import {testModelPath} from "../support/testModel";
import {ScriptedBackend} from "../support/scriptedBackend";
import {ALICE, CHANNEL, contextText, DM} from "./botHarness";

const SECRET = "8f742231b10e8888abcd990000085a5e";
const DISCLAIMER_WORDS = "not ready for clinical use";

interface Replica extends InProcessReplica {
    backend: ScriptedBackend;
}

/** A round-robin HTTP load balancer: each request goes to the next replica in turn; `routed` says where each went. */
class RoundRobinBalancer {
    readonly routed: number[] = [];
    private next = 0;
    private constructor(private readonly server: http.Server, private readonly upstreams: number[]) {}

    static async start(upstreams: number[]): Promise<RoundRobinBalancer> {
        let balancer!: RoundRobinBalancer;
        const server = http.createServer((req, res) => balancer.forward(req, res));
        balancer = new RoundRobinBalancer(server, upstreams);
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        return balancer;
    }

    get url(): string { return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/slack/events`; }

    private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
        const target = this.next;
        this.next = (this.next + 1) % this.upstreams.length;
        this.routed.push(target);
        const upstream = http.request({host: "127.0.0.1", port: this.upstreams[target], method: req.method, path: req.url,
            headers: req.headers}, (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
        });
        upstream.on("error", () => { res.writeHead(502); res.end(); });
        req.pipe(upstream);
    }

    close(): Promise<void> {
        return new Promise((resolve) => this.server.close(() => resolve()));
    }
}

describe("Several bot replicas in HTTP mode behind a load balancer, on one PostgreSQL", function () {
    this.timeout(120_000);
    let pg: TestPostgres;
    let fake: FakeSlack;
    let replicas: Replica[] = [];
    let balancer: RoundRobinBalancer;
    let databases = 0;

    before(async () => { pg = await TestPostgres.create(); });
    after(() => pg?.destroy());

    afterEach(async function () {
        await stopInProcessReplicas(replicas, this.currentTest?.state === "failed");
        replicas = [];
        await balancer?.close();
        await fake?.stop();
    });

    /** Two replicas (the given models), a fresh database and the balancer in front of them. */
    async function startReplicas(...backends: ScriptedBackend[]): Promise<void> {
        const url = pg.createDatabase(`replicas_http_${++databases}`);
        fake = new FakeSlack();
        await fake.start();
        fake.join(CHANNEL, DM);
        for (const backend of backends) {
            const replica = await startInProcessReplica({fake, databaseUrl: url, http: {signingSecret: SECRET},
                applicationName: "med42-slack test replica (HTTP)",
                assistant: (audit) => new Med42Assistant({backend, audit, model: "scripted-model.gguf"})});
            replicas.push(Object.assign(replica, {backend}));
        }
        balancer = await RoundRobinBalancer.start(replicas.map((r) => r.bot.port!));
    }

    /** The fake Slack and a fresh database alone (for real `med42-slack` processes); resolves with its URL. */
    async function startSlackAndDatabase(): Promise<string> {
        const url = pg.createDatabase(`replicas_http_${++databases}`);
        fake = new FakeSlack();
        await fake.start();
        fake.join(CHANNEL, DM);
        return url;
    }

    const idle = () => fake.waitUntil(() => replicas.every((r) => r.processing === 0 && r.bot.context.pendingTasks === 0),
        60_000, "both replicas to finish");
    const answers = (channel: string, ts: string) =>
        fake.thread(channel, ts).filter((m) => m.ts !== ts && contextText(m).includes(DISCLAIMER_WORDS));

    /** Posts a signed request through the balancer, as Slack does; a retry carries Slack's retry headers. */
    async function deliver(body: string, options: {contentType?: string; retryNum?: number} = {}): Promise<number> {
        const ts = Math.floor(Date.now() / 1000);
        const response = await fetch(balancer.url, {method: "POST", body, headers: {
            "Content-Type": options.contentType ?? "application/json",
            "X-Slack-Request-Timestamp": String(ts),
            "X-Slack-Signature": slackSignature(SECRET, ts, body),
            ...(options.retryNum ? {"X-Slack-Retry-Num": String(options.retryNum), "X-Slack-Retry-Reason": "http_timeout"} : {})}});
        await response.text();
        return response.status;
    }

    function eventBody(event: Record<string, unknown>, eventId: string): string {
        return JSON.stringify({token: "unused", team_id: fake.teamId, api_app_id: fake.appId, event, type: "event_callback",
            event_id: eventId, event_time: Math.floor(Date.now() / 1000),
            authorizations: [{team_id: fake.teamId, user_id: fake.botUserId, is_bot: true}]});
    }

    it("answers each message once when Slack retries it to the other replica and sends it as two events", async () => {
        await startReplicas(new ScriptedBackend(["Gout is ", "a form of arthritis."]), new ScriptedBackend(["Gout is ", "a form of arthritis."]));
        const questions: Array<{channel: string; ts: string}> = [];
        for (let i = 0; i < 6; i++) {
            const event = i % 3 === 2
                ? fake.userMessage("message", {channel: DM, user: ALICE, text: `What is gout? (${i})`})
                : fake.userMessage("app_mention", {channel: CHANNEL, user: `U0USER${i}`, text: `<@${fake.botUserId}> What is gout? (${i})`});
            questions.push({channel: event.channel, ts: event.ts});
            // The first delivery, Slack's retry of it (on the other replica: the balancer takes turns), and the same
            // message under another event id, at once: the replicas race for it in the database.
            const sent = balancer.routed.length;
            const statuses = await Promise.all([
                deliver(eventBody(event, `EvH${i}`)),
                deliver(eventBody(event, `EvH${i}`), {retryNum: 1}),
                deliver(eventBody(event, `EvH${i}b`))]);
            assert.deepEqual(statuses, [200, 200, 200], "every delivery is acknowledged, duplicates too");
            assert.notEqual(balancer.routed[sent], balancer.routed[sent + 1], "the retry reached the other replica");
        }
        await idle();
        for (const q of questions) assert.equal(answers(q.channel, q.ts).length, 1, `one answer to ${q.channel}/${q.ts}`);
        assert.equal(replicas[0].backend.requests.length + replicas[1].backend.requests.length, questions.length,
            "the model ran once per question, across both replicas");
        const audited = await replicas[0].database.query<{n: string}>(
            "SELECT count(*) AS n FROM audit WHERE kind = 'decision' AND action = 'answer'");
        assert.equal(Number(audited.rows[0].n), questions.length, "one audit row per answer, in one database");
    });

    it("a Stop click that the balancer hands to the other replica stops the answer", async () => {
        await startReplicas(new ScriptedBackend(["The usual dose ", "is "], {untilStopped: true}),
            new ScriptedBackend(["The usual dose ", "is "], {untilStopped: true}));
        const question = fake.userMessage("message", {channel: DM, user: ALICE, text: "What is the usual dose of amoxicillin?"});
        assert.equal(await deliver(eventBody(question, "EvStop")), 200);
        const writer = replicas[balancer.routed[0]];
        const control = await fake.waitUntil(() => fake.messages.find((m) => m.channel === DM &&
            JSON.stringify(m.blocks ?? []).includes(ACTION_STOP)), 30_000, "the Stop control");
        await fake.waitUntil(() => writer.backend.requests.length === 1, 30_000, "the model to start");

        // Slack posts interactivity as a form with one field, payload (JSON).
        const payload = {type: "block_actions", token: "unused", team: {id: fake.teamId, domain: "fake"}, api_app_id: fake.appId,
            user: {id: ALICE, team_id: fake.teamId, username: "alice"}, channel: {id: DM, name: "directmessage"},
            container: {type: "message", message_ts: control.ts, channel_id: DM, is_ephemeral: false},
            message: {ts: control.ts, type: "message"}, response_url: `${fake.responseUrlBase}stop`, trigger_id: "trigger.stop",
            actions: [{type: "button", action_id: ACTION_STOP, block_id: "b", value: control.blocks![0].accessory.value,
                action_ts: `${Date.now() / 1000}`}]};
        assert.equal(await deliver(new URLSearchParams({payload: JSON.stringify(payload)}).toString(),
            {contentType: "application/x-www-form-urlencoded"}), 200);
        assert.notEqual(balancer.routed[1], balancer.routed[0], "the click reached the replica that is not writing");
        await idle();
        await fake.waitUntil(() => writer.backend.requests[0].signal?.aborted, 30_000, "the writer to stop its model");
        await idle();
        const final = answers(DM, question.ts);
        assert.equal(final.length, 1, "the partial answer keeps its disclaimer");
        assert.match(final[0].text, /The usual dose is[\s\S]*Stopped\./, "marked as stopped");
        assert.ok(writer.logs.some((l) => /Stopped an answer at another replica's request/.test(l)));
        const audited = await writer.database.query<{stop_reason: string}>("SELECT stop_reason FROM audit WHERE kind = 'decision'");
        assert.deepEqual(audited.rows, [{stop_reason: "abort"}], "audited once, as stopped");
    });

    it("two med42-slack --http processes behind the balancer answer a message once, whichever gets Slack's retry", async () => {
        const url = await startSlackAndDatabase();
        const children = [0, 1].map(() => {
            const child = spawn(process.execPath, [path.resolve(__dirname, "../../../bin/med42-slack.js"), "--http"], {
                env: {...process.env, SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, PORT: "0", SLACK_API_URL: fake.apiUrl,
                    MED42_MODEL: testModelPath(), MED42_THREADS: "1", MED42_DATABASE_URL: url},
                stdio: ["ignore", "ignore", "pipe"]});
            const out = {child, stderr: "", exited: new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))};
            child.stderr.on("data", (d) => { out.stderr += String(d); });
            return out;
        });
        try {
            const ports = await Promise.all(children.map((c) => fake.waitUntil(() =>
                /Listening for Slack requests on port (\d+)/.exec(c.stderr)?.[1], 60_000, "the process to listen")));
            await fake.waitUntil(() => children.every((c) => c.stderr.includes("Audit log and shared state in")), 60_000, "the database");
            balancer = await RoundRobinBalancer.start(ports.map(Number));
            const events = [0, 1].map((i) => fake.userMessage("app_mention", {channel: CHANNEL, user: `U0ERIN${i}`,
                text: `<@${fake.botUserId}> What is gout? (${i})`}));
            for (const [i, event] of events.entries()) {
                const statuses = await Promise.all([deliver(eventBody(event, `EvP${i}`)), deliver(eventBody(event, `EvP${i}`), {retryNum: 1}),
                    deliver(eventBody(event, `EvP${i}b`))]);
                assert.deepEqual(statuses, [200, 200, 200]);
            }
            await fake.waitUntil(() => events.every((e) => answers(CHANNEL, e.ts).length > 0), 60_000, "the answers");
            // SIGTERM: each process exits once its work is done, so what follows counts everything both did.
            for (const c of children) c.child.kill("SIGTERM");
            assert.deepEqual(await Promise.all(children.map((c) => c.exited)), [0, 0], children.map((c) => c.stderr).join("\n"));
            for (const e of events) assert.equal(answers(CHANNEL, e.ts).length, 1, "answered once");
            const db = new PostgresDatabase(url);
            try {
                const audited = await db.query<{surface: string; action: string}>("SELECT surface, action FROM audit WHERE kind = 'decision'");
                assert.deepEqual(audited.rows, [{surface: "slack-channel", action: "answer"}, {surface: "slack-channel", action: "answer"}]);
            } finally {
                await db.close();
            }
            for (const c of children) assert.doesNotMatch(c.stderr, /\n\s+at /);
        } finally {
            for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
        }
    });
});
