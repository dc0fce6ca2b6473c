/**
 * Starting and stopping the bot: clear start-up errors (never a stack trace), the `med42-slack` process exiting
 * cleanly on SIGTERM, and answers in flight finished or stopped within the shutdown bound.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {Writable} from "node:stream";
import {main} from "../../slack-bot/main";
import {startBotProcess} from "../support/botProcess";
import {FakeSlack} from "../support/fakeSlack";
import {testModelPath} from "../support/testModel";
import {ALICE, CHANNEL, DM, LONG_QUESTION, RecordingAssistant, auditRows, contextText, post, startBot, statuses, testAssistant} from "./botHarness";

const ROOT = path.resolve(__dirname, "../../..");

function captureStderr(): Writable & {text(): string} {
    const chunks: string[] = [];
    const stream = new Writable({write(chunk, _enc, done) { chunks.push(String(chunk)); done(); }});
    return Object.assign(stream, {text: () => chunks.join("")});
}

describe("slack: start-up and shutdown", function () {
    this.timeout(90_000);
    let fake: FakeSlack;

    beforeEach(async () => {
        fake = new FakeSlack();
        await fake.start();
    });
    afterEach(() => fake.stop());

    async function runMain(env: NodeJS.ProcessEnv): Promise<{code: number; stderr: string}> {
        const stderr = captureStderr();
        const code = await main(["node", "med42-slack"], {env, stderr, shutdownRequested: Promise.resolve("test")});
        return {code, stderr: stderr.text()};
    }

    it("missing tokens: one clear line and exit code 2", async () => {
        const {code, stderr} = await runMain({});
        assert.equal(code, 2);
        assert.match(stderr, /^med42-slack: SLACK_BOT_TOKEN is not set\..*docs\/slack\.md\.\n$/);
        assert.doesNotMatch(stderr, /\n\s+at /);
    });

    it("malformed token: says what is wrong without printing it", async () => {
        const {code, stderr} = await runMain({SLACK_BOT_TOKEN: "xoxp-1234-secret", SLACK_APP_TOKEN: fake.appToken});
        assert.equal(code, 2);
        assert.match(stderr, /user token/);
        assert.doesNotMatch(stderr, /1234-secret/);
    });

    it("a bot token Slack rejects: a clear message naming the token", async () => {
        const {code, stderr} = await runMain({SLACK_BOT_TOKEN: "xoxb-revoked-token", SLACK_APP_TOKEN: fake.appToken,
            SLACK_API_URL: fake.apiUrl, MED42_AUDIT_DB: ":memory:"});
        assert.equal(code, 2);
        assert.match(stderr, /^med42-slack: Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
        assert.doesNotMatch(stderr, /\n\s+at /);
    });

    it("an app token Slack rejects: a clear message naming the token", async () => {
        const {code, stderr} = await runMain({SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: "xapp-1-revoked",
            SLACK_API_URL: fake.apiUrl, MED42_MODEL: testModelPath(), MED42_AUDIT_DB: ":memory:"});
        assert.equal(code, 2);
        assert.match(stderr, /Slack rejected SLACK_APP_TOKEN \(invalid_auth\)/);
    });

    it("a policy file that turns escalation off: one line naming the field and the rule, exit code 2", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-slack-policy-"));
        try {
            const file = path.join(dir, "policy.json");
            fs.writeFileSync(file, JSON.stringify({surfaces: {"slack-dm": {categories: ["harm_to_others"]}}}));
            const {code, stderr} = await runMain({SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken,
                SLACK_API_URL: fake.apiUrl, MED42_AUDIT_DB: ":memory:", MED42_POLICY_FILE: file});
            assert.equal(code, 2);
            assert.match(stderr, /^med42-slack: policy file .*policy\.json: invalid policy: surfaces\.slack-dm\.categories: must include "emergency" and "self_harm": emergency and self-harm escalation cannot be turned off/);
            assert.doesNotMatch(stderr, /\n\s+at /);
        } finally {
            fs.rmSync(dir, {recursive: true, force: true});
        }
    });

    it("a policy file that allows identifiers in channels: a warning at start-up", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-slack-policy-"));
        try {
            const file = path.join(dir, "policy.json");
            fs.writeFileSync(file, JSON.stringify({surfaces: {"slack-channel": {phi: "notice"}}}));
            // Slack refuses the token, so the bot stops right after start-up: the warning comes first.
            const {code, stderr} = await runMain({SLACK_BOT_TOKEN: "xoxb-revoked-token", SLACK_APP_TOKEN: fake.appToken,
                SLACK_API_URL: fake.apiUrl, MED42_AUDIT_DB: ":memory:", MED42_POLICY_FILE: file});
            assert.equal(code, 2);
            assert.match(stderr, /surfaces\.slack-channel\.phi is \\?"notice\\?": messages with patient identifiers in Slack channels/);
        } finally {
            fs.rmSync(dir, {recursive: true, force: true});
        }
    });

    it("med42-slack connects through SLACK_API_URL and exits cleanly on SIGTERM", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-slack-"));
        const bot = startBotProcess(fake, {MED42_AUDIT_DB: path.join(dir, "audit.db")}, {cwd: ROOT});
        const exited = bot.exited.then((e) => e.code);
        try {
            await fake.connection(60_000);
            await fake.waitUntil(() => bot.stderr.includes("Connected to Slack"), 30_000, "the bot's start-up log");
            // It answers, as against Slack: only the URL differs.
            const event = fake.userMessage("message", {channel: DM, user: ALICE, channel_type: "im",
                text: "What is the usual adult dose of amoxicillin?"});
            await (await fake.sendEvent(event)).acked;
            await fake.waitUntil(() => fake.thread(DM, event.ts).some((m) =>
                contextText(m).includes("not ready for clinical use")), 60_000, "the answer");
            bot.kill("SIGTERM");
            // Exit code 0: it stopped by itself (a shutdown past its bound is forced with exit code 1).
            assert.equal(await exited, 0, bot.stderr);
            assert.match(bot.stderr, /SIGTERM: finishing answers in progress/);
            assert.doesNotMatch(bot.stderr, /\n\s+at /);
        } finally {
            bot.kill();
            fs.rmSync(dir, {recursive: true, force: true});
        }
    });

    it("med42-slack: the system locale (LANG) picks the emergency and crisis numbers, and the escalation says whose", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-slack-"));
        const bot = startBotProcess(fake, {MED42_AUDIT_DB: path.join(dir, "audit.db"), MED42_POLICY_FILE: "", LC_ALL: "",
            LC_MESSAGES: "", LANG: "fr_FR.UTF-8"}, {cwd: ROOT});
        const exited = bot.exited.then((e) => e.code);
        try {
            await fake.connection(60_000);
            const event = fake.userMessage("message", {channel: DM, user: ALICE, channel_type: "im",
                text: "I want to kill myself tonight"});
            await (await fake.sendEvent(event)).acked;
            const reply = await fake.waitUntil(() => fake.thread(DM, event.ts).find((m) => m.ts !== event.ts && m.text.includes("3114")),
                60_000, "the escalation with the French numbers");
            assert.match(reply.text, /Numbers for: France\./);
            assert.doesNotMatch(reply.text, /988/);
            bot.kill("SIGTERM");
            assert.equal(await exited, 0, bot.stderr);
        } finally {
            bot.kill();
            fs.rmSync(dir, {recursive: true, force: true});
        }
    });

    it("med42-slack with a new user's settings (the tokens, the model and one thread) answers a mention", async () => {
        // No other setting: answer length, context size, sampling, the policy and the audit log come from their
        // defaults. The model is one setting (weights cannot be downloaded here). Threads are the other: the default,
        // every physical core, makes llama.cpp's spinning threads several times slower than one on a busy 2-core
        // machine (~350 ms a token measured here), so MED42_THREADS=1, which the default's own code path reads
        // (no --threads option; defaultThreads()). A fresh HOME with no XDG_* variables is a new user's: the audit
        // log lands at its default path there.
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "med42-slack-home-"));
        const env: NodeJS.ProcessEnv = {};
        for (const [key, value] of Object.entries(process.env)) {
            if (!key.startsWith("MED42_") && !key.startsWith("XDG_") && !key.startsWith("SLACK_")) env[key] = value;
        }
        const bot = startBotProcess(fake, {HOME: home, MED42_MODEL: testModelPath(), MED42_THREADS: "1"}, {cwd: home, baseEnv: env});
        const exited = bot.exited.then((e) => e.code);
        try {
            await fake.connection(60_000);
            const event = fake.userMessage("app_mention", {channel: CHANNEL, user: ALICE,
                text: `<@${fake.botUserId}> What is the usual adult dose of amoxicillin?`});
            await (await fake.sendEvent(event)).acked;
            // The answer (with the disclaimer) or an error message (:warning:), whichever the bot posts.
            const reply = await fake.waitUntil(() => fake.thread(CHANNEL, event.ts).find((m) => m.ts !== event.ts &&
                (contextText(m).includes("not ready for clinical use") || m.text.startsWith(":warning:"))), 60_000, "a reply");
            assert.doesNotMatch(reply.text, /^:warning:|returned an empty answer/, bot.stderr);
            assert.ok(reply.text.trim().length > 0, "the model's answer");
            assert.equal(fake.callsTo("chat.startStream").length, 1, "streamed");
            bot.kill("SIGTERM");
            assert.equal(await exited, 0, bot.stderr);
            const rows = auditRows(path.join(home, ".local", "share", "med42-assist", "audit.sqlite"));
            assert.deepEqual(rows.map((r) => [r.kind, r.surface, r.action, r.model]),
                [["decision", "slack-channel", "answer", "med42-test.gguf"]]);
            assert.ok(rows[0].stop_reason === "eos" || rows[0].stop_reason === "maxTokens", String(rows[0].stop_reason));
            assert.doesNotMatch(bot.stderr, /\n\s+at /);
        } finally {
            bot.kill();
            fs.rmSync(home, {recursive: true, force: true});
        }
    });

    it("shutdown lets an answer in flight finish within the grace period", async () => {
        const core = testAssistant();
        const assistant = new RecordingAssistant(core);
        // The answer is held until shutdown has begun, so it is surely in flight when the bot is stopped.
        const release = assistant.hold();
        const h = await startBot(assistant, {fake});
        try {
            const {ts} = await post(fake, "message", {channel: DM, user: ALICE, channel_type: "im",
                text: "What is the usual adult dose of amoxicillin?"});
            await fake.waitUntil(() => assistant.waiting === 1, 30_000, "the answer to reach the held model");
            // A grace period far longer than the answer takes: what is checked is that stop() waits for it.
            const stopped = h.bot.stop({graceMs: 60_000});
            assert.equal(h.bot.context.accepting, false, "shutdown has begun");
            release();
            const unfinished = await stopped;
            assert.equal(unfinished, 0);
            assert.notEqual(assistant.results[0].stopReason, "abort", "the answer was not stopped");
            const answer = h.replies(DM, ts).find((m) => contextText(m).includes("not ready for clinical use"));
            assert.ok(answer, "the answer was completed");
            assert.doesNotMatch(answer.text, /Stopped/);
            // New events are not taken any more.
            assert.equal(h.bot.context.accepting, false);
        } finally {
            await core.dispose();
        }
    });

    it("shutdown past the grace period stops the answer, keeps what was written and clears the status", async () => {
        const core = testAssistant();
        const assistant = new RecordingAssistant(core);
        const h = await startBot(assistant, {fake});
        try {
            await core.loadModel();
            const {ts} = await post(fake, "message", {channel: DM, user: ALICE, channel_type: "im", text: LONG_QUESTION});
            await fake.waitForCall("chat.postMessage", (c) => /writing/.test(String(c.args.text)), 30_000);
            const unfinished = await h.bot.stop({graceMs: 100});
            // 0: the stopped answer wrapped up after the abort (drain gives up on tasks still running after it).
            assert.equal(unfinished, 0);
            assert.equal(assistant.results[0].stopReason, "abort");
            const answer = h.replies(DM, ts).find((m) => contextText(m).includes("not ready for clinical use"));
            assert.ok(answer, "the partial answer was posted with its disclaimer");
            assert.match(answer.text, /Interrupted: Med42 was restarting before it finished\. Please ask again\./, "marked as cut short by the restart, not as stopped by the asker");
            assert.deepEqual(statuses(fake, DM, ts).slice(-1), [""]);
        } finally {
            await core.dispose();
        }
    });
});
