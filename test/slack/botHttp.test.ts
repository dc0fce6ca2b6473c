/**
 * HTTP mode: Slack posts signed requests to the bot; Bolt's receiver verifies the signature and the timestamp
 * (requests older than 5 minutes are replays).
 *
 * @see https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
import * as assert from "node:assert/strict";
import type {Med42Assistant} from "../../shared/assistant";
import {postSignedRequest, slackSignature} from "../support/fakeSlack";
import {ALICE, CHANNEL, RecordingAssistant, contextText, startBot, testAssistant, type BotHarness} from "./botHarness";

const SECRET = "8f742231b10e8888abcd990000085a5e";

describe("slack: HTTP mode with signed requests", function () {
    this.timeout(60_000);
    let core: Med42Assistant;
    let assistant: RecordingAssistant;
    let h: BotHarness;
    let url: string;

    before(async () => {
        core = testAssistant();
        await core.loadModel();
        assistant = new RecordingAssistant(core);
        h = await startBot(assistant, {http: {signingSecret: SECRET}});
        assert.ok(h.bot.port && h.bot.port > 0);
        url = `http://127.0.0.1:${h.bot.port}/slack/events`;
    });
    after(async () => {
        await h?.close();
        await core?.dispose();
    });

    function mentionBody(eventId: string): {body: string; ts: string} {
        const event = h.fake.userMessage("app_mention", {channel: CHANNEL, user: ALICE,
            text: `<@${h.fake.botUserId}> What is the usual adult dose of amoxicillin?`});
        return {ts: event.ts, body: JSON.stringify({token: "unused", team_id: h.fake.teamId, api_app_id: h.fake.appId,
            event, type: "event_callback", event_id: eventId, event_time: Math.floor(Date.now() / 1000),
            authorizations: [{team_id: h.fake.teamId, user_id: h.fake.botUserId, is_bot: true}]})};
    }

    it("accepts a correctly signed event, acknowledges it before the answer and answers it", async () => {
        const {body, ts} = mentionBody("EvHTTP1");
        // The model is held until the HTTP response is in: a response that waited for the answer would never come.
        const release = assistant.hold();
        const response = await postSignedRequest(url, {signingSecret: SECRET, body});
        assert.equal(response.status, 200);
        assert.equal(h.replies(CHANNEL, ts).length, 0, "no answer before the ack");
        release();
        await h.idle();
        assert.equal(assistant.asks.length, 1);
        assert.ok(h.replies(CHANNEL, ts).some((m) => contextText(m).includes("not ready for clinical use")));
    });

    it("rejects a badly signed request without acting on it", async () => {
        const {body} = mentionBody("EvHTTP2");
        const ts = Math.floor(Date.now() / 1000);
        const response = await postSignedRequest(url, {signingSecret: SECRET, body, timestampSeconds: ts,
            signature: slackSignature("0".repeat(32), ts, body)});
        assert.equal(response.status, 401);
        await h.idle();
        assert.equal(assistant.asks.length, 1, "no new question");
    });

    it("rejects a stale (replayed) request even when its signature is right", async () => {
        const {body} = mentionBody("EvHTTP3");
        const response = await postSignedRequest(url, {signingSecret: SECRET, body,
            timestampSeconds: Math.floor(Date.now() / 1000) - 10 * 60});
        assert.equal(response.status, 401);
        await h.idle();
        assert.equal(assistant.asks.length, 1, "no new question");
    });
});
