import * as assert from "node:assert/strict";
import {stripMentions, threadToConversation} from "../../slack-bot/answering/threadHistory";
import {threadTranscript} from "../../slack-bot/answering/threadTranscript";
import {NOTICE_METADATA} from "../../slack-bot/blocks";

const BOT = {botUserId: "U0BOT", botId: "B0BOT"};

describe("slack: thread history", () => {
    const thread = [
        {ts: "100.000001", user: "U1", text: "<@U0BOT> what is the usual adult dose of amoxicillin?"},
        {ts: "100.000002", user: "U0BOT", bot_id: "B0BOT", text: "Usually 500 mg every 8 hours.\n\nDISCLAIMER"},
        {ts: "100.000003", user: "U0BOT", bot_id: "B0BOT", text: "Sorry, busy", metadata: NOTICE_METADATA},
        {ts: "100.000004", user: "U2", bot_id: "B0OTHER", text: "another bot"},
        {ts: "100.000005", user: "U1", subtype: "channel_join", text: "joined"},
        {ts: "100.000006", user: "U1", text: "and for children?"},
        {ts: "100.000007", user: "U1", text: "asked later"}
    ];

    it("maps people to user turns and the bot to assistant turns, leaving out notices, bots and joins", () => {
        const turns = threadToConversation(thread, {channel: "C1", threadTs: "100.000001", beforeTs: "100.000007",
            ...BOT, tokenBudget: 1000, stripFromAnswers: ["DISCLAIMER"]});
        assert.deepEqual(turns, [
            {role: "user", content: "what is the usual adult dose of amoxicillin?"},
            {role: "assistant", content: "Usually 500 mg every 8 hours."},
            {role: "user", content: "and for children?"}
        ]);
    });

    it("keeps the newest turns within the token budget and starts with a user turn", () => {
        const turns = threadToConversation(thread, {channel: "C1", threadTs: "100.000001", beforeTs: "100.000007",
            ...BOT, tokenBudget: 20});
        assert.deepEqual(turns, [{role: "user", content: "and for children?"}]);
    });

    it("drops messages the exclude filter rejects (identifiers in a channel)", () => {
        const turns = threadToConversation(thread, {channel: "C1", threadTs: "100.000001", beforeTs: "100.000007",
            ...BOT, tokenBudget: 1000, exclude: (t) => t.includes("children")});
        assert.equal(turns.some((t) => t.content.includes("children")), false);
    });

    it("strips the bot's mention", () => {
        assert.equal(stripMentions("<@U0BOT|med42> hello <@U0BOT>", "U0BOT"), "hello");
    });

    it("labels speakers without their ids for summaries", () => {
        const text = threadTranscript([
            {user: "U1", text: "Plan for bed 4? cc <@U2>"},
            {user: "U2", text: "Start antibiotics."},
            {user: "U0BOT", bot_id: "B0BOT", text: "An answer"},
            {user: "U1", text: "Agreed."}
        ], BOT);
        assert.equal(text, "Person 1: Plan for bed 4? cc someone\n\nPerson 2: Start antibiotics.\n\n" +
            "Med42: An answer\n\nPerson 1: Agreed.");
    });
});
