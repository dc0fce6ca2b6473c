/**
 * The disclaimer and Slack's special syntax when the model's output is adversarial or a request fails half-way:
 * SlackAnswerStream against the fake Slack, then the whole bot (real Bolt, real core) with a scripted model.
 */
import * as assert from "node:assert/strict";
import {webApi} from "@slack/bolt";
import type {Med42Assistant} from "../../shared/assistant";
import type {AuditEntry, AuditSink} from "../../shared/audit/auditLog";
import {DEFAULT_DISCLAIMER} from "../../shared/policy/defaultPolicy";
import {SlackAnswerStream} from "../../slack-bot/answering/slackAnswerStream";
import {FakeSlack, type FakeMessage} from "../support/fakeSlack";
import {ScriptedBackend} from "../support/scriptedBackend";
import {ALICE, CHANNEL, DM, RecordingAssistant, contextText, post, startBot, testAssistant, type BotHarness} from "./botHarness";

const DISCLAIMER_WORDS = "not ready for clinical use";
const FOOTER = [{type: "context" as const, elements: [{type: "mrkdwn" as const, text: "FOOTER"}]}];
const QUESTION = "What is the usual adult dose of amoxicillin for community-acquired pneumonia?";
/** Slack syntax that would ping, or link somewhere its text does not say. */
const LIVE_SYNTAX = /<[!@#]|<(?!\u200b)[^\s<>]*[|:]|\]\(/;

function paragraphs(n: number): string[] {
    return Array.from({length: n}, (_, i) => `P${i}: ${"amoxicillin dosing depends on severity and renal function ".repeat(6).trim()}.\n\n`);
}

const hasDisclaimer = (m: FakeMessage | Record<string, any>) => contextText(m).includes(DISCLAIMER_WORDS);

describe("slack: SlackAnswerStream with adversarial text and a disclaimer", function () {
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

    const target = () => ({channel: CHANNEL, threadTs, recipientUserId: "U1", recipientTeamId: fake.teamId});
    const answerMessages = () => fake.thread(CHANNEL, threadTs).filter((m) => m.ts !== threadTs);

    it("breaks a mention split across chunks (< then !here>) and spoofed links", async () => {
        const stream = new SlackAnswerStream(client, target(), {streamBufferSize: 1});
        for (const chunk of ["Paging <", "!here> and <", "@U0BOB>, see [NIH](", "https://evil.example) or <https://evil", ".example|CDC>."]) {
            stream.append(chunk);
        }
        await stream.finish(FOOTER);
        const text = answerMessages().map((m) => m.text).join("\n");
        assert.doesNotMatch(text, LIVE_SYNTAX);
        assert.equal(text.replaceAll("\u200b", ""), "Paging <!here> and <@U0BOB>, see [NIH](https://evil.example) or <https://evil.example|CDC>.");
    });

    it("streamed: every message of a long answer carries the disclaimer, the last one the footer", async () => {
        const stream = new SlackAnswerStream(client, target(), {disclaimer: DEFAULT_DISCLAIMER});
        for (const p of paragraphs(90)) stream.append(p); // ~33,000 characters: three streamed messages
        await stream.finish(FOOTER);
        const messages = answerMessages();
        assert.ok(messages.length >= 3, `${messages.length} messages`);
        for (const m of messages.slice(0, -1)) assert.ok(hasDisclaimer(m), `part ${m.ts} has the disclaimer`);
        assert.ok(contextText(messages[messages.length - 1]).includes("FOOTER"));
    });

    it("updated: every message and every plain-text fallback carries the disclaimer, also while it is written", async () => {
        fake.streamingAvailable = false;
        const stream = new SlackAnswerStream(client, target(), {disclaimer: DEFAULT_DISCLAIMER, updateIntervalMs: 50});
        for (const p of paragraphs(30)) {
            stream.append(p);
            await new Promise((r) => setTimeout(r, 10));
        }
        await stream.finish(FOOTER);
        const writes = [...fake.callsTo("chat.postMessage"), ...fake.callsTo("chat.update")].filter((c) => c.status === 200 && c.response.ok);
        assert.ok(writes.length >= 3);
        for (const w of writes) {
            assert.equal(w.args.text, `${w.args.blocks[0].text.trimEnd()}\n\n${DEFAULT_DISCLAIMER.text}`,
                "the text fallback is the whole piece, then the disclaimer");
            assert.ok(String(w.args.text).length <= 4_000);
            assert.ok(hasDisclaimer(w.args) || contextText(w.args).includes("FOOTER"), "the blocks show it");
        }
        assert.ok(answerMessages().length >= 3);
    });

    it("abandoned after text was streamed (an error follows): the streamed message keeps the disclaimer", async () => {
        const stream = new SlackAnswerStream(client, target(), {disclaimer: DEFAULT_DISCLAIMER, streamBufferSize: 1});
        stream.append("The first part of the answer. ");
        await fake.waitForCall("chat.startStream");
        await stream.abandon();
        const [message] = answerMessages();
        assert.equal(message.streaming, false);
        assert.match(message.text, /The first part of the answer/);
        assert.ok(hasDisclaimer(message));
    });
});

class FailingAudit implements AuditSink {
    record(_entry: AuditEntry): void { throw new Error("database is locked"); }
}

describe("slack: the bot with an adversarial or failing model (real Bolt, real core, scripted model)", function () {
    this.timeout(60_000);
    let core: Med42Assistant | undefined;
    let h: BotHarness | undefined;

    afterEach(async () => {
        if (process.env.MED42_SLACK_TEST_LOGS && h) console.log(h.logs.join("\n"));
        await h?.close();
        h = undefined;
        await core?.dispose();
        core = undefined;
    });

    async function ask(backend: ScriptedBackend, options: {audit?: AuditSink; channel?: string} = {}) {
        core = testAssistant({backend, ...(options.audit ? {audit: options.audit} : {})});
        h = await startBot(new RecordingAssistant(core));
        const channel = options.channel ?? CHANNEL;
        const {ts} = channel === DM
            ? await post(h.fake, "message", {channel, user: ALICE, text: QUESTION, channel_type: "im"})
            : await post(h.fake, "app_mention", {channel, user: ALICE, text: `<@${h.fake.botUserId}> ${QUESTION}`});
        await h.idle();
        return h.replies(channel, ts);
    }

    /**
     * What a reader sees: the answer's text in order, and the disclaimer under the last of it; unless Slack refused to
     * finish a message (`everyPart: false`), every message of the answer has it too.
     */
    function assertDisclaimerUnderEverything(replies: FakeMessage[], shownText: RegExp, everyPart = true): void {
        const summary = JSON.stringify(replies.map((m) => [m.text.slice(0, 60), contextText(m).slice(0, 30)]));
        assert.ok(replies.length > 0, "something was posted");
        assert.match(replies.map((m) => m.text).join("\n"), shownText);
        assert.ok(hasDisclaimer(replies[replies.length - 1]), `the last message has the disclaimer: ${summary}`);
        if (everyPart) for (const m of replies) assert.ok(hasDisclaimer(m), `every message has the disclaimer: ${summary}`);
    }

    it("shows mentions and links split across tokens literally, and every part of a long answer has the disclaimer", async () => {
        const chunks = ["Paging <", "!here", "> and <", "@U0BOB>: see [the NIH page](", "https://evil.example/nih) or <https://evil",
            ".example/cdc|CDC guidance>.\n\n", ...paragraphs(90)];
        // In a DM: in a channel, output screening withholds an answer with a web address (an identifier) anyway.
        const replies = await ask(new ScriptedBackend(chunks), {channel: DM});
        const text = replies.map((m) => m.text).join("\n");
        assert.doesNotMatch(text, LIVE_SYNTAX);
        assert.match(text.replaceAll("\u200b", ""), /Paging <!here> and <@U0BOB>: see \[the NIH page\]\(https:\/\/evil\.example\/nih\)/);
        assert.ok(replies.length >= 3, `${replies.length} messages`);
        assertDisclaimerUnderEverything(replies, /P89:/);
    });

    it("the model crashes mid-answer: the partial answer keeps the disclaimer under it", async () => {
        const replies = await ask(new ScriptedBackend(["The usual dose is ", "500 mg ", "every 8 hours"],
            {failWith: new Error("the GPU was lost"), delayMs: 300}));
        assertDisclaimerUnderEverything(replies, /The usual dose is 500 mg every 8 hours/);
        assert.match(replies[replies.length - 1].text, /could not answer/);
    });

    it("the audit log cannot be written after the answer streamed: the answer keeps the disclaimer under it", async () => {
        const replies = await ask(new ScriptedBackend(["Amoxicillin 1 g three times a day for 5 days."]), {audit: new FailingAudit()});
        assertDisclaimerUnderEverything(replies, /Amoxicillin 1 g three times a day/);
    });

    it("Slack fails while finishing the streamed answer: the disclaimer still follows the text that is shown", async () => {
        // Longer than the streaming helper's buffer, so part of it is on screen before Slack fails.
        core = testAssistant({backend: new ScriptedBackend(["Amoxicillin 1 g three times a day. ", "Check renal function. ".repeat(10)])});
        h = await startBot(new RecordingAssistant(core));
        h.fake.failNext("chat.stopStream", {error: "internal_error"}, 10);
        const {ts} = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE, text: `<@${h.fake.botUserId}> ${QUESTION}`});
        await h.idle();
        const replies = h.replies(CHANNEL, ts);
        assert.ok(h.fake.callsTo("chat.stopStream").some((c) => c.response.error === "internal_error"), "Slack failed");
        assertDisclaimerUnderEverything(replies, /Amoxicillin 1 g three times a day\. Check renal function\./, false);
        assert.match(replies[replies.length - 1].text, /could not answer/);
    });

    it("/med42 (only the asker sees it): every piece of a long answer and its text fallback carry the disclaimer", async () => {
        core = testAssistant({backend: new ScriptedBackend([...paragraphs(90)])});
        h = await startBot(new RecordingAssistant(core));
        await (await h.fake.sendSlashCommand({channel: CHANNEL, user: ALICE, text: QUESTION})).acked;
        await h.idle();
        const pieces = h.fake.callsTo("response_url").filter((c) => c.args.blocks);
        assert.ok(pieces.length >= 3, `${pieces.length} pieces`);
        for (const p of pieces) {
            assert.ok(hasDisclaimer(p.args), "the piece shows the disclaimer");
            assert.ok(String(p.args.text).endsWith(DEFAULT_DISCLAIMER.text), "its text fallback ends with the disclaimer");
        }
    });

    it("a policy message's text fallback carries the disclaimer (notifications show the text)", async () => {
        core = testAssistant({backend: new ScriptedBackend(["never called"])});
        h = await startBot(new RecordingAssistant(core));
        const {ts} = await post(h.fake, "message", {channel: DM, user: ALICE, channel_type: "im",
            text: "My father just collapsed and isn't breathing, what do I do?"});
        await h.idle();
        const replies = h.replies(DM, ts);
        assert.ok(replies.length >= 1);
        for (const m of replies) {
            assert.ok(hasDisclaimer(m));
            assert.ok(m.text.endsWith(DEFAULT_DISCLAIMER.text), JSON.stringify(m.text));
        }
    });
});
