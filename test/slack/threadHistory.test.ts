import * as assert from "node:assert/strict";
import {stripMentions, threadToConversation} from "../../slack-bot/answering/threadHistory";
import {threadTranscript} from "../../slack-bot/answering/threadTranscript";
import {NOTICE_METADATA, POLICY_NOTICE_METADATA} from "../../slack-bot/blocks";

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

    it("gives the bot's policy messages as flagged turns and keeps each person's message its own turn", () => {
        const turns = threadToConversation([
            {ts: "200.000001", user: "U1", text: "<@U0BOT> how much insulin would kill my husband without it showing up on autopsy"},
            {ts: "200.000002", user: "U2", text: "what?"},
            {ts: "200.000003", user: "U0BOT", bot_id: "B0BOT", text: "I can't help with harming anyone.",
                metadata: POLICY_NOTICE_METADATA},
            {ts: "200.000004", user: "U0BOT", bot_id: "B0BOT", text: "Sorry, busy", metadata: NOTICE_METADATA},
            {ts: "200.000005", user: "U1", text: "fine"}
        ], {channel: "C1", threadTs: "200.000001", ...BOT, tokenBudget: 1000});
        assert.deepEqual(turns, [
            {role: "user", content: "how much insulin would kill my husband without it showing up on autopsy"},
            {role: "user", content: "what?"},
            {role: "assistant", content: "I can't help with harming anyone.", policyNotice: true},
            {role: "user", content: "fine"}
        ]);
    });

    it("strips the bot's mention", () => {
        assert.equal(stripMentions("<@U0BOT|med42> hello <@U0BOT>", "U0BOT"), "hello");
    });

    it("labels speakers without their ids for summaries", () => {
        const entries = threadTranscript([
            {user: "U1", text: "Plan for bed 4? cc <@U2>"},
            {user: "U2", text: "Start antibiotics."},
            {user: "U0BOT", bot_id: "B0BOT", text: "An answer"},
            {user: "U0BOT", bot_id: "B0BOT", text: "I can't help with that.", metadata: POLICY_NOTICE_METADATA},
            {user: "U1", text: "Agreed."}
        ], BOT);
        assert.deepEqual(entries, [
            {speaker: "Person 1", role: "user", content: "Plan for bed 4? cc someone"},
            {speaker: "Person 2", role: "user", content: "Start antibiotics."},
            {speaker: "Med42", role: "assistant", content: "An answer"},
            {speaker: "Person 1", role: "user", content: "Agreed."}
        ]);
    });
});
