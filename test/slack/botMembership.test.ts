/**
 * Conversations the bot is not a member of. Slack refuses its calls there (`not_in_channel` in a public channel it
 * was not invited to, `channel_not_found` in a private conversation it is not part of); the fake Slack does the same
 * (test/support/fakeSlack.ts, "Membership"). Whoever asked must still get an answer, or be told what to do.
 */
import * as assert from "node:assert/strict";
import type {Med42Assistant} from "../../shared/assistant";
import {ACTION_STOP, SHORTCUT_SUMMARIZE} from "../../slack-bot/blocks";
import {ALICE, BOB, RecordingAssistant, contextText, startBot, testAssistant, type BotHarness} from "./botHarness";

const QUESTION = "What is the usual adult dose of amoxicillin for community-acquired pneumonia?";
const DISCLAIMER_WORDS = "not ready for clinical use";
/** A public channel nobody invited the bot to. */
const OUTSIDE_CHANNEL = "C0RADIOLOGY";
/** A DM between Alice and Bob: the bot is not part of it. */
const PEOPLE_DM = "D0ALICEBOB";

describe("slack: where the bot is not a member", function () {
    this.timeout(60_000);
    let core: Med42Assistant;
    let assistant: RecordingAssistant;
    let h: BotHarness | undefined;

    before(async () => {
        core = testAssistant();
        await core.loadModel();
    });
    after(async () => { await core?.dispose(); });
    beforeEach(() => { assistant = new RecordingAssistant(core); });
    afterEach(async function () {
        if (process.env.MED42_SLACK_TEST_LOGS && h) console.log(h.logs.join("\n"));
        await h?.close();
        h = undefined;
    });

    /** Runs `/med42 QUESTION` in `channel` with channel visibility; returns the private responses, in order. */
    async function askWithChannelVisibility(channel: string) {
        h = await startBot(assistant, {settings: {commandVisibility: "channel"}});
        const delivery = await h.fake.sendSlashCommand({channel, user: ALICE, text: QUESTION});
        await delivery.acked;
        await h.idle();
        return h.fake.callsTo("response_url");
    }

    function assertAnsweredPrivately(channel: string, responses: Array<{args: Record<string, any>}>) {
        assert.equal(h!.fake.messages.some((m) => m.channel === channel), false, "nothing is posted in the conversation");
        assert.ok(responses.length >= 2, `a note and the answer, got ${responses.length} responses`);
        for (const r of responses) assert.equal(r.args.response_type, "ephemeral", "only the asker sees it");
        assert.ok(JSON.stringify(responses[0].args.blocks).includes(ACTION_STOP), "the note carries the Stop button");
        assert.ok(contextText(responses[responses.length - 1].args).includes(DISCLAIMER_WORDS),
            "the answer ends with the disclaimer");
        assert.equal(assistant.asks.length, 1, "asked once");
        assert.deepEqual(assistant.asks[0].messages, [{role: "user", content: QUESTION}]);
        assert.notEqual(assistant.results[0].stopReason, "policy", "the model answered");
        assert.deepEqual(h!.logs.filter((l) => l.startsWith("error")), [], "no error logged");
    }

    it("/med42 with channel visibility in a channel the bot was not invited to: the answer privately, with how to invite it",
        async () => {
            const responses = await askWithChannelVisibility(OUTSIDE_CHANNEL);
            assert.equal(h!.fake.callsTo("chat.postMessage")[0]?.response.error, "not_in_channel",
                "Slack refused the bot's post");
            assertAnsweredPrivately(OUTSIDE_CHANNEL, responses);
            assert.match(responses[0].args.text, new RegExp(`invite <@${h!.fake.botUserId}>`),
                "says to invite the bot to have answers posted");
            assert.equal(assistant.asks[0].surface, "slack-channel");
        });

    it("/med42 with channel visibility in a DM the bot is not part of: the answer privately", async () => {
        const responses = await askWithChannelVisibility(PEOPLE_DM);
        assert.equal(h!.fake.callsTo("chat.postMessage")[0]?.response.error, "channel_not_found",
            "Slack cannot even see the conversation");
        assertAnsweredPrivately(PEOPLE_DM, responses);
        assert.match(responses[0].args.text, /isn't a member of this conversation/);
    });

    it("the summarise shortcut in a channel the bot is not in: a private note to add it, no model call", async () => {
        h = await startBot(assistant);
        const root = h.fake.addMessage({channel: OUTSIDE_CHANNEL, user: ALICE, text: "Bed 4: febrile neutropenia."});
        await (await h.fake.sendInteractive({type: "message_action", callback_id: SHORTCUT_SUMMARIZE,
            user: {id: BOB, team_id: h.fake.teamId}, channel: {id: OUTSIDE_CHANNEL, name: "radiology"},
            message: {type: "message", ts: root, user: ALICE, text: "Bed 4: febrile neutropenia."},
            message_ts: root})).acked;
        await h.idle();
        assert.equal(h.fake.callsTo("conversations.replies")[0]?.response.error, "not_in_channel");
        const note = h.fake.callsTo("response_url").pop();
        assert.equal(note?.args.response_type, "ephemeral");
        assert.match(String(note?.args.text), /Add Med42 to this conversation first/);
        assert.equal(assistant.summaries.length, 0, "nothing summarised");
        assert.equal(h.fake.messages.filter((m) => m.channel === OUTSIDE_CHANNEL).length, 1, "nothing posted");
    });
});
