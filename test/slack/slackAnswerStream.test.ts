import * as assert from "node:assert/strict";
import {mock} from "node:test";
import {webApi} from "@slack/bolt";
import {SlackAnswerStream} from "../../slack-bot/answering/slackAnswerStream";
import {FakeSlack} from "../support/fakeSlack";

const CHANNEL = "C0TEST";
const FOOTER = [{type: "context" as const, elements: [{type: "mrkdwn" as const, text: "FOOTER"}]}];

/**
 * Runs `work` on a fake clock (Node's mock timers: setTimeout and Date), so waits are checked exactly and take no
 * real time: between real event-loop turns (the fake Slack's HTTP is real) the clock moves 1 ms. What the tests
 * compare are the fake times the fake Slack records for each call.
 */
async function onFakeClock<T>(work: () => Promise<T>): Promise<T> {
    mock.timers.enable({apis: ["setTimeout", "Date"], now: 1_700_000_000_000});
    try {
        let settled = false;
        const done = work().finally(() => { settled = true; });
        while (!settled) {
            await new Promise((resolve) => setImmediate(resolve));
            mock.timers.tick(1);
        }
        return await done;
    } finally {
        mock.timers.reset();
    }
}

/** A long answer in paragraphs, each tagged so the test can check nothing was lost or duplicated. */
function longAnswer(paragraphs: number): string[] {
    return Array.from({length: paragraphs}, (_, i) => `P${i}: ${"lorem ipsum dolor sit amet ".repeat(12).trim()}.\n\n`);
}

describe("slack: SlackAnswerStream against the fake Slack", function () {
    let fake: FakeSlack;
    let client: webApi.WebClient;
    let threadTs: string;

    beforeEach(async () => {
        fake = new FakeSlack();
        await fake.start();
        fake.join(CHANNEL);
        client = new webApi.WebClient(fake.botToken, {slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true,
            retryConfig: {retries: 0}});
        threadTs = fake.addMessage({channel: CHANNEL, user: "U1", text: "question"});
    });
    afterEach(() => fake.stop());

    function answerMessages() {
        return fake.thread(CHANNEL, threadTs).filter((m) => m.ts !== threadTs);
    }

    it("streams an answer over the 12,000-character limit into several messages, footer on the last", async () => {
        const stream = new SlackAnswerStream(client, {channel: CHANNEL, threadTs, recipientUserId: "U1",
            recipientTeamId: fake.teamId});
        const parts = longAnswer(100); // ~33,000 characters
        for (const p of parts) stream.append(p);
        await stream.finish(FOOTER);
        const messages = answerMessages();
        assert.ok(messages.length >= 3, `${messages.length} messages`);
        for (const m of messages) {
            assert.ok(m.text.length <= 12_000);
            assert.equal(m.streaming, false, "every stream was stopped");
        }
        assert.deepEqual(messages.map((m) => Boolean(m.blocks)), [...messages.slice(1).map(() => false), true]);
        const all = messages.map((m) => m.text).join("\n");
        for (let i = 0; i < parts.length; i++) assert.equal(all.split(`P${i}:`).length, 2, `P${i} lost or repeated`);
        assert.equal(fake.callsTo("chat.update").length, 0);
    });

    it("falls back to chat.update when streaming is unavailable: at most one update a second, 4,000-character pieces",
        async () => {
            fake.streamingAvailable = false;
            const stream = new SlackAnswerStream(client, {channel: CHANNEL, threadTs, recipientUserId: "U1", recipientTeamId: "T0FAKE"});
            const parts = longAnswer(30); // ~10,000 characters
            await onFakeClock(async () => {
                for (const p of parts) {
                    stream.append(p);
                    await new Promise((r) => setTimeout(r, 40));
                }
                await stream.finish(FOOTER);
            });
            const messages = answerMessages();
            assert.ok(messages.length >= 3);
            for (const m of messages) assert.ok(m.text.length <= 4_000);
            assert.deepEqual(messages.map((m) => m.blocks?.some((b: any) => b.type === "context") ?? false),
                [...messages.slice(1).map(() => false), true]);
            const all = messages.map((m) => m.text).join("\n");
            for (let i = 0; i < parts.length; i++) assert.equal(all.split(`P${i}:`).length, 2, `P${i} lost or repeated`);
            const updates = fake.callsTo("chat.update").filter((c) => c.status === 200);
            assert.ok(updates.length >= 1);
            // The answer arrived over 1.2 s (of fake time): without the throttle it would take one update per part.
            assert.ok(updates.length < parts.length, `${updates.length} updates for ${parts.length} parts`);
            for (const m of messages) {
                const times = updates.filter((u) => u.args.ts === m.ts).map((u) => u.at);
                for (let i = 1; i < times.length; i++) {
                    assert.ok(times[i] - times[i - 1] >= 1000, `updates ${times[i] - times[i - 1]} ms apart`);
                }
            }
        });

    it("switches to chat.update on the same message when Slack closes the stream", async () => {
        fake.streamExpiresAfterCalls = 1;
        const stream = new SlackAnswerStream(client, {channel: CHANNEL, threadTs, recipientUserId: "U1", recipientTeamId: "T0FAKE"},
            {streamBufferSize: 10});
        stream.append("First part of the answer. ");
        await fake.waitForCall("chat.startStream");
        stream.append("Second part. ");
        await fake.waitForCall("chat.appendStream");
        stream.append("Third part, after Slack closed the stream.");
        await stream.finish(FOOTER);
        const failed = fake.callsTo("chat.appendStream").concat(fake.callsTo("chat.stopStream"))
            .filter((c) => c.response.error === "message_not_in_streaming_state");
        assert.ok(failed.length >= 1, "the fake closed the stream");
        const messages = answerMessages();
        assert.equal(messages.length, 1, "the streamed message is reused");
        assert.equal(messages[0].text, "First part of the answer. Second part. Third part, after Slack closed the stream.");
        assert.ok(messages[0].blocks?.some((b: any) => b.type === "context"));
        assert.ok(fake.callsTo("chat.update").some((c) => c.args.ts === messages[0].ts));
    });

    it("waits as Retry-After says when chat.update is rate limited, then shows the whole answer", async () => {
        fake.streamingAvailable = false;
        fake.failNext("chat.update", {rateLimitedSeconds: 1});
        const stream = new SlackAnswerStream(client, {channel: CHANNEL, threadTs, recipientUserId: "U1", recipientTeamId: "T0FAKE"},
            {updateIntervalMs: 100, nativeStreaming: false});
        await onFakeClock(async () => {
            stream.append("Hello");
            await fake.waitForCall("chat.postMessage");
            stream.append(", world.");
            await stream.finish(FOOTER);
        });
        const updates = fake.callsTo("chat.update");
        assert.equal(updates[0].status, 429);
        const retry = updates.find((u) => u.status === 200);
        assert.ok(retry, "retried");
        assert.ok(retry.at - updates[0].at >= 1000, `retried after ${retry.at - updates[0].at} ms (Retry-After: 1)`);
        assert.equal(answerMessages()[0].text, "Hello, world.");
    });

    it("rewrites the streamed answer when output screening replaces it, and deletes extra messages", async () => {
        const stream = new SlackAnswerStream(client, {channel: CHANNEL, threadTs, recipientUserId: "U1", recipientTeamId: "T0FAKE"},
            {streamBufferSize: 10});
        for (const p of longAnswer(40)) stream.append(p); // more than one streamed message
        await fake.waitUntil(() => fake.callsTo("chat.startStream").length >= 2, 20_000, "a second streamed message");
        stream.replace("I can't help with that.");
        await stream.finish(FOOTER);
        const messages = answerMessages();
        assert.equal(messages.length, 1);
        assert.equal(messages[0].text, "I can't help with that.");
        assert.ok(fake.callsTo("chat.delete").length >= 1);
    });

    it("streams the answer's first text at once, then collects text between calls", async () => {
        const stream = new SlackAnswerStream(client, {channel: CHANNEL, threadTs, recipientUserId: "U1", recipientTeamId: "T0FAKE"},
            {streamBufferSize: 40, updateIntervalMs: 600_000});
        stream.append("Hy");
        const start = await fake.waitForCall("chat.startStream");
        assert.deepEqual(start.args.chunks, [{type: "markdown_text", text: "Hy"}], "the first two characters, at once");
        // Then up to 40 characters are collected per call (no time-based flush within the test's 10 minutes).
        for (const piece of ["per", "tension ", "is ", "high ", "blood ", "pressure."]) stream.append(piece);
        await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(fake.callsTo("chat.appendStream").length, 0, "34 characters wait for more");
        stream.append(" It is common.");
        const appended = await fake.waitForCall("chat.appendStream");
        assert.deepEqual(appended.args.chunks, [{type: "markdown_text", text: "pertension is high blood pressure. It is common."}]);
        await stream.finish(FOOTER);
        assert.equal(answerMessages()[0].text, "Hypertension is high blood pressure. It is common.");
    });

    it("breaks Slack's mention syntax in model text so it cannot ping a channel", async () => {
        const stream = new SlackAnswerStream(client, {channel: CHANNEL, threadTs, recipientUserId: "U1", recipientTeamId: "T0FAKE"});
        stream.append("Paging <!channel> and <@U0SOMEONE>: dose < 5 mg.");
        await stream.finish(FOOTER);
        const text = answerMessages()[0].text;
        assert.doesNotMatch(text, /<!channel>|<@U0SOMEONE>/);
        assert.match(text, /dose < 5 mg/);
    });
});
