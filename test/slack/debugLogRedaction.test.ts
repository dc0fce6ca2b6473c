/**
 * `med42-slack --log-level debug` logs Slack's payloads (Bolt, its Web API and Socket Mode clients do), but never
 * what people wrote: questions, thread histories, answers.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {redactSlackPayloads} from "../../slack-bot/logRedaction";
import {startBotProcess} from "../support/botProcess";
import {FakeSlack} from "../support/fakeSlack";
import {ALICE, DM, contextText} from "./botHarness";

const ROOT = path.resolve(__dirname, "../../..");

describe("slack: debug logs without message text", function () {
    this.timeout(120_000);

    it("redacts free text in JSON payloads and keeps ids, types and timestamps", () => {
        const line = 'Received a message on the WebSocket: {"envelope_id":"e1","payload":{"event":{"type":"message",' +
            '"channel":"D1","user":"U1","ts":"1.2","text":"Pt Jane \\"JD\\" Roe {MRN 1234}","blocks":[{"type":"rich_text",' +
            '"elements":[{"type":"text","text":"Jane Roe"}]}]}},"retry_attempt":0} and after: {"ok":true,"messages":' +
            '[{"text":"metformin for Jane","user":"U2"}],"response_url":"https://hooks.slack.com/x"}';
        const out = redactSlackPayloads(line);
        for (const secret of ["Jane", "Roe", "1234", "metformin", "hooks.slack.com"]) assert.ok(!out.includes(secret), `${secret} in ${out}`);
        const first = JSON.parse(/WebSocket: (\{.*\}) and after/.exec(out)![1]);
        assert.deepEqual(first.payload.event, {type: "message", channel: "D1", user: "U1", ts: "1.2",
            text: "[redacted 27 chars]", blocks: [{type: "rich_text", elements: [{type: "text", text: "[redacted 8 chars]"}]}]});
        assert.equal(first.retry_attempt, 0);
        assert.match(out, /and after: \{"ok":true,"messages":\[\{"text":"\[redacted 18 chars\]","user":"U2"\}\]/);
        assert.equal(redactSlackPayloads("http request url: https://slack.com/api/chat.postMessage"),
            "http request url: https://slack.com/api/chat.postMessage", "lines without payloads are unchanged");
        assert.equal(redactSlackPayloads('Unable to parse: {"text":"Jane Roe'), "Unable to parse: [unparsed payload redacted]");
    });

    it("med42-slack --log-level debug: a secret question, its thread and the answer never reach the logs", async () => {
        const fake = new FakeSlack();
        await fake.start();
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-slack-debug-"));
        const bot = startBotProcess(fake, {MED42_AUDIT_DB: path.join(dir, "audit.sqlite")}, {cwd: ROOT, args: ["--log-level", "debug"]});
        const exited = bot.exited.then((e) => e.code);
        const SECRET = "Zebulon Quarrington-Vasquez";
        try {
            await fake.connection(60_000);
            await fake.waitUntil(() => bot.stderr.includes("Connected to Slack"), 30_000, "the bot's start-up log");
            const first = fake.userMessage("message", {channel: DM, user: ALICE, channel_type: "im",
                text: `What is the usual adult dose of amoxicillin for ${SECRET}?`});
            await (await fake.sendEvent(first)).acked;
            await fake.waitUntil(() => fake.thread(DM, first.ts).some((m) => contextText(m).includes("not ready for clinical use")),
                60_000, "the first answer");
            // A follow-up in the thread: the bot reads the thread (conversations.replies) with the secret in it.
            const followUp = fake.userMessage("message", {channel: DM, user: ALICE, channel_type: "im", thread_ts: first.ts,
                text: `And for ${SECRET}'s sister?`});
            await (await fake.sendEvent(followUp)).acked;
            await fake.waitUntil(() => fake.thread(DM, first.ts).filter((m) =>
                contextText(m).includes("not ready for clinical use")).length >= 2, 60_000, "the second answer");
            bot.kill("SIGTERM");
            assert.equal(await exited, 0, bot.stderr);

            assert.ok(fake.callsTo("conversations.replies").length > 0, "the thread history was read");
            // Debug logging was really on, payloads included.
            assert.match(bot.stderr, /Debug logging is on: Slack payloads are logged with every text people wrote replaced/);
            assert.match(bot.stderr, /Received a message on the WebSocket: \{/);
            assert.match(bot.stderr, /http request result: \{/);
            for (const secret of ["Quarrington", "amoxicillin", "sister", "not ready for clinical use"])
                assert.ok(!bot.stderr.includes(secret), `"${secret}" reached the debug log`);
            assert.match(bot.stderr, /\[redacted \d+ chars\]/);
            // The model's answer text (whatever the test model wrote) is not in the logs either.
            const answer = fake.thread(DM, first.ts).find((m) => m.user === fake.botUserId || m.bot_id)!;
            const words = answer.text.split(/\s+/).filter((w) => w.length >= 12);
            for (const word of words) assert.ok(!bot.stderr.includes(JSON.stringify(word).slice(1, -1)), `answer text "${word}" in the log`);
        } finally {
            bot.kill();
            await fake.stop();
            fs.rmSync(dir, {recursive: true, force: true});
        }
    });
});
