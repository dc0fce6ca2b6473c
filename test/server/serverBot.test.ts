/**
 * The Slack bot on a model server: `med42-slack` (the real bin, the real Bolt app, the loopback fake Slack) configured
 * only by MED42_SERVER_URL answers through the real llama-server with no local model; follow-ups in a thread go back
 * to the server holding the thread; an answer cut off by a dying server is posted with its note and disclaimer.
 */
import * as assert from "node:assert/strict";
import {spawn} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {Med42Assistant} from "../../shared/assistant";
import {readSlackConfig} from "../../slack-bot/config";
import {StartupError} from "../../slack-bot/startupError";
import {ALICE, CHANNEL, DM, RecordingAssistant, contextText, post, startBot} from "../slack/botHarness";
import {FakeModelServer} from "../support/fakeModelServer";
import {FakeSlack} from "../support/fakeSlack";
import {freePort, LlamaServer} from "../support/llamaServer";

const ROOT = path.resolve(__dirname, "../../..");
const DISCLAIMER_WORDS = "not ready for clinical use";

describe("slack bot on a model server", function () {
    this.timeout(180_000);
    let server: LlamaServer;
    let fake: FakeSlack;

    before(async () => {
        server = await LlamaServer.start({parallel: 2});
    });
    after(async () => {
        await server?.stop();
    });
    beforeEach(async () => {
        fake = new FakeSlack();
        await fake.start();
    });
    afterEach(() => fake.stop());

    it("med42-slack with MED42_SERVER_URL answers through the server, loading no local model", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-slack-server-"));
        const child = spawn(process.execPath, [path.join(ROOT, "bin/med42-slack.js")], {
            cwd: ROOT,
            env: {...process.env, SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.apiUrl,
                MED42_SERVER_URL: server.url, MED42_AUDIT_DB: path.join(dir, "audit.db"),
                // A local model could be neither found nor downloaded here.
                MED42_MODEL: "med42-8b", MED42_MODELS_DIR: path.join(dir, "models"), MED42_HF_ENDPOINT: `http://127.0.0.1:${await freePort()}`},
            stdio: ["ignore", "pipe", "pipe"]
        });
        let stderr = "";
        child.stderr.on("data", (d) => { stderr += String(d); });
        const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
        try {
            await fake.connection(60_000);
            await fake.waitUntil(() => stderr.includes("Connected to the model server"), 30_000, "the connection to the model server");
            fake.join(CHANNEL, DM);
            const event = fake.userMessage("message", {channel: DM, user: ALICE, channel_type: "im", text: "What is the usual adult dose of amoxicillin?"});
            await (await fake.sendEvent(event)).acked;
            await fake.waitUntil(() => fake.thread(DM, event.ts).some((m) => contextText(m).includes(DISCLAIMER_WORDS)), 60_000, "the answer");
            child.kill("SIGTERM");
            assert.equal(await exited, 0, stderr);
            assert.match(stderr, new RegExp(`The model runs on ${server.url.replace(/\./g, "\\.")}`));
            assert.doesNotMatch(stderr, /could not be loaded|Download/);
            assert.equal(fs.existsSync(path.join(dir, "models")), false, "nothing was downloaded");
            const metrics = await server.metrics();
            assert.ok(metrics.requests_processing === 0 && metrics.tokens_predicted_total > 0, "the server generated the answer");
        } finally {
            if (child.exitCode === null) child.kill("SIGKILL");
            fs.rmSync(dir, {recursive: true, force: true});
        }
    });

    it("a bad MED42_SERVER_URL is one clear start-up line", () => {
        assert.throws(() => readSlackConfig({SLACK_BOT_TOKEN: "xoxb-1-a", SLACK_APP_TOKEN: "xapp-1-b", MED42_SERVER_URL: "gpu1:8000"}),
            (e: unknown) => e instanceof StartupError && /MED42_SERVER_URL: "gpu1:8000" must start with http/.test(e.message));
        assert.equal(readSlackConfig({SLACK_BOT_TOKEN: "xoxb-1-a", SLACK_APP_TOKEN: "xapp-1-b", MED42_SERVER_URL: server.url}, {model: "x.gguf"}).server,
            false, "an explicit --model runs the local model");
    });

    it("a thread's follow-up is answered with its history on the server that holds the thread", async () => {
        const second = await LlamaServer.start({parallel: 2});
        const core = new Med42Assistant({auditDb: false, sampling: {maxTokens: 16}, server: {urls: [server.url, second.url], healthIntervalMs: 60_000}});
        const assistant = new RecordingAssistant(core);
        const h = await startBot(assistant, {fake});
        try {
            const first = await post(fake, "app_mention", {channel: CHANNEL, user: ALICE, text: `<@${fake.botUserId}> What is gout?`});
            await h.idle();
            // Other conversations in between, so that spreading alone would pick the other server.
            for (const q of ["What is psoriasis?", "What is asthma?"]) {
                await post(fake, "app_mention", {channel: CHANNEL, user: ALICE, text: `<@${fake.botUserId}> ${q}`});
                await h.idle();
            }
            await post(fake, "message", {channel: CHANNEL, user: ALICE, thread_ts: first.ts, text: "And its treatment?"});
            await h.idle();
            assert.equal(assistant.results.length, 4);
            assert.equal(assistant.asks[3].messages.length, 3, "the thread is the follow-up's history");
            assert.equal(assistant.results[3].model, assistant.results[0].model, "the follow-up went to the thread's server");
            assert.ok(h.replies(CHANNEL, first.ts).filter((m) => contextText(m).includes(DISCLAIMER_WORDS)).length >= 2);
        } finally {
            await h.bot.stop({graceMs: 5_000}).catch(() => undefined);
            await core.dispose();
            await second.stop();
        }
    });

    it("an answer cut off by a dying server is posted with a note that it was cut off, and the disclaimer", async () => {
        const dying = await FakeModelServer.start({chat: [{kind: "die", chunks: 2}]});
        const core = new Med42Assistant({auditDb: false, server: {urls: [dying.url]}});
        const h = await startBot(new RecordingAssistant(core), {fake});
        try {
            const {ts} = await post(fake, "message", {channel: DM, user: ALICE, channel_type: "im", text: "What is gout?"});
            await h.idle();
            const answer = h.replies(DM, ts).find((m) => contextText(m).includes(DISCLAIMER_WORDS));
            assert.ok(answer, "posted with the disclaimer");
            assert.match(answer.text ?? "", /part-1 part-2/);
            assert.match(contextText(answer), /The answer was cut off/);
        } finally {
            await h.bot.stop({graceMs: 5_000}).catch(() => undefined);
            await core.dispose();
            await dying.close();
        }
    });
});
