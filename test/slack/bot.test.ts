/**
 * The bot end to end: real Bolt in Socket Mode against the loopback fake Slack, the real core (policy, queue,
 * generated test model, disclaimer). Each scenario from the Slack issue is its own test.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type {Med42Assistant} from "../../shared/assistant";
import {ACTION_FEEDBACK_DOWN, ACTION_OPEN_ASK_MODAL, ACTION_STOP, SHORTCUT_SUMMARIZE, toMrkdwn, VIEW_ASK_MODAL} from "../../slack-bot/blocks";
import {defangSlackSyntax} from "../../slack-bot/answering/slackDefang";
import {ALICE, BOB, CHANNEL, DM, LONG_QUESTION, RecordingAssistant, auditFileText, auditRows, contextText, post, startBot, statuses,
    testAssistant, type BotHarness} from "./botHarness";

const QUESTION = "What is the usual adult dose of amoxicillin for community-acquired pneumonia?";
const DISCLAIMER_WORDS = "not ready for clinical use";


describe("slack: the bot against the fake Slack (Socket Mode, real core)", function () {
    this.timeout(60_000);
    let core: Med42Assistant;
    let assistant: RecordingAssistant;
    let h: BotHarness | undefined;
    let auditDir: string;
    let auditDb: string;

    before(async () => {
        auditDir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-slack-audit-"));
        auditDb = path.join(auditDir, "audit.db");
        // A fixed seed: the test model's answer to QUESTION is the same on every run (and not empty).
        core = testAssistant({auditDb, sampling: {maxTokens: 16, seed: 1}});
        await core.loadModel();
    });
    after(async () => {
        await core?.dispose();
        fs.rmSync(auditDir, {recursive: true, force: true});
    });
    beforeEach(() => { assistant = new RecordingAssistant(core); });
    afterEach(async function () {
        if (process.env.MED42_SLACK_TEST_LOGS && h) console.log(h.logs.join("\n"));
        await h?.close();
        h = undefined;
    });

    it("mention in a channel: 👀, then a streamed answer in the thread ending with the disclaimer", async () => {
        h = await startBot(assistant);
        const {ts, delivery} = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE,
            text: `<@${h.fake.botUserId}> ${QUESTION}`});
        await delivery.acked;
        await h.idle();
        const reaction = h.fake.callsTo("reactions.add")[0];
        assert.deepEqual([reaction.args.channel, reaction.args.timestamp, reaction.args.name], [CHANNEL, ts, "eyes"]);
        const start = await h.fake.waitForCall("chat.startStream");
        assert.equal(start.args.thread_ts, ts);
        assert.equal(start.args.recipient_user_id, ALICE);
        assert.equal(start.args.recipient_team_id, h.fake.teamId);
        const answer = h.replies(CHANNEL, ts).find((m) => contextText(m).includes(DISCLAIMER_WORDS));
        assert.ok(answer, "an answer with the disclaimer in the thread");
        assert.equal(answer.blocks?.[answer.blocks.length - 1].type, "actions", "feedback buttons last");
        assert.equal(assistant.asks.length, 1);
        assert.equal(assistant.asks[0].surface, "slack-channel");
        assert.deepEqual(assistant.asks[0].messages, [{role: "user", content: QUESTION}], "the mention is stripped");
        assert.notEqual(assistant.results[0].stopReason, "policy", "the model answered");
        const said = assistant.results[0].answer;
        assert.ok(said.trim().length > 0, "the (seeded) test model produced text");
        assert.equal(answer.text, defangSlackSyntax(said), "the streamed text is the model's answer, all of it");
        assert.deepEqual(statuses(h.fake, CHANNEL, ts).filter((s) => s === "" || s.includes("thinking")),
            ["is thinking…", ""], "status set, then cleared");
        assert.equal(h.fake.messages.filter((m) => m.channel === CHANNEL && !m.deleted && m.metadata).length, 0,
            "the Stop control was removed");
    });

    it("mention: the answer starts without waiting for Slack to take the 👀, and its first text goes out at once", async () => {
        h = await startBot(assistant);
        // Slack does not answer reactions.add until the answer has started: the bot must not wait for it.
        const releaseReaction = h.fake.holdResponses("reactions.add");
        const {ts, delivery} = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE,
            text: `<@${h.fake.botUserId}> ${QUESTION}`});
        await delivery.acked;
        try {
            const start = await h.fake.waitForCall("chat.startStream", () => true, 30_000);
            assert.equal(start.args.thread_ts, ts);
            assert.equal(h.fake.callsTo("reactions.add").length, 1, "the 👀 was asked for");
            // The answer's first text is in the call that starts the stream, however short it is.
            const first = (start.args.chunks as {type: string; text: string}[]).map((c) => c.text).join("");
            assert.ok(first.length > 0, "text in the first streaming call");
            assert.ok(assistant.results[0] === undefined || first.length < assistant.results[0].answer.length,
                "before the whole answer was written");
        } finally {
            releaseReaction();
        }
        await h.idle();
        const answer = h.replies(CHANNEL, ts).find((m) => contextText(m).includes(DISCLAIMER_WORDS));
        assert.ok(answer, "the answer is complete");
        assert.equal(answer.text, defangSlackSyntax(assistant.results[0].answer));
    });

    it("DM: every message is a question, answered in its thread with the DM policy", async () => {
        h = await startBot(assistant);
        const {ts} = await post(h.fake, "message", {channel: DM, user: ALICE, text: QUESTION, channel_type: "im"});
        await h.idle();
        assert.equal(assistant.asks.length, 1);
        assert.equal(assistant.asks[0].surface, "slack-dm");
        const answer = h.replies(DM, ts).find((m) => contextText(m).includes(DISCLAIMER_WORDS));
        assert.ok(answer, "answered in the DM thread");
        assert.equal(h.fake.callsTo("chat.startStream")[0].args.channel, DM);
    });

    it("follow-up in an answered thread needs no mention and carries the thread as history", async () => {
        h = await startBot(assistant);
        const first = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE,
            text: `<@${h.fake.botUserId}> ${QUESTION}`});
        await h.idle();
        await post(h.fake, "message", {channel: CHANNEL, user: ALICE, thread_ts: first.ts,
            text: "And what if the patient is allergic to penicillin?"});
        await h.idle();
        assert.equal(assistant.asks.length, 2, "the follow-up was answered");
        const messages = assistant.asks[1].messages;
        assert.equal(messages[0].role, "user");
        assert.equal(messages[0].content, QUESTION);
        assert.equal(messages[1].role, "assistant", "the bot's answer is the assistant turn");
        assert.doesNotMatch(messages[1].content, /not ready for clinical use/, "the disclaimer is not history");
        assert.deepEqual(messages[messages.length - 1], {role: "user",
            content: "And what if the patient is allergic to penicillin?"});
        // A reply in a thread the bot never answered is not a question.
        const other = await post(h.fake, "message", {channel: CHANNEL, user: BOB, text: "lunch?"});
        await post(h.fake, "message", {channel: CHANNEL, user: ALICE, thread_ts: other.ts, text: "sure"});
        await h.idle();
        assert.equal(assistant.asks.length, 2);
    });

    it("/med42: acknowledged before the answer, answered only to the asker through response_url", async () => {
        h = await startBot(assistant);
        // The model is held until the ack is in: an ack that waited for the answer would never come.
        const release = assistant.hold();
        const delivery = await h.fake.sendSlashCommand({channel: CHANNEL, user: ALICE, text: QUESTION});
        const ack = await delivery.acked;
        assert.equal(h.fake.callsTo("response_url").length, 0, "no answer before the ack");
        release();
        assert.equal(ack.payload.response_type, "ephemeral");
        assert.ok(JSON.stringify(ack.payload.blocks).includes(ACTION_STOP), "the ack carries the Stop button");
        await h.idle();
        const responses = h.fake.callsTo("response_url");
        assert.equal(responses.length, 1);
        assert.equal(responses[0].args.response_type, "ephemeral");
        assert.ok(contextText(responses[0].args).includes(DISCLAIMER_WORDS));
        assert.equal(h.fake.callsTo("chat.postMessage").length + h.fake.callsTo("chat.startStream").length, 0,
            "nothing posted in the channel");
        assert.equal(assistant.asks[0].messages[0].content, QUESTION);
    });

    it("message shortcut: summarises the thread into the thread", async () => {
        h = await startBot(assistant);
        const root = h.fake.addMessage({channel: CHANNEL, user: ALICE, text: "Bed 4: febrile neutropenia, started cefepime."});
        h.fake.addMessage({channel: CHANNEL, user: BOB, thread_ts: root, text: "Cultures pending, reassess at 48 hours."});
        const delivery = await h.fake.sendInteractive({type: "message_action", callback_id: SHORTCUT_SUMMARIZE,
            user: {id: BOB, team_id: h.fake.teamId}, channel: {id: CHANNEL, name: "general"},
            message: {type: "message", ts: root, user: ALICE, text: "Bed 4: febrile neutropenia, started cefepime."},
            message_ts: root});
        await delivery.acked;
        await h.idle();
        assert.equal(assistant.summaries.length, 1);
        const transcript = assistant.summaries[0].conversation.map((e) => `${e.speaker}: ${e.content}`).join("\n\n");
        assert.match(transcript, /Person 1: Bed 4[\s\S]*Person 2: Cultures pending/);
        assert.doesNotMatch(transcript, /U0ALICE|U0BOB/, "no user ids given to the model");
        const summary = h.replies(CHANNEL, root).find((m) => contextText(m).includes(DISCLAIMER_WORDS));
        assert.ok(summary, "the summary is in the thread");
    });

    it("the same event delivered twice, and one message as mention + message, get one answer", async () => {
        h = await startBot(assistant);
        const event = h.fake.userMessage("app_mention", {channel: CHANNEL, user: ALICE,
            text: `<@${h.fake.botUserId}> ${QUESTION}`});
        await (await h.fake.sendEvent(event, {eventId: "Ev0001"})).acked;
        await (await h.fake.sendEvent(event, {eventId: "Ev0001", retryAttempt: 1})).acked;
        await (await h.fake.sendEvent({...event, type: "message", channel_type: "channel"}, {eventId: "Ev0002"})).acked;
        await h.idle();
        assert.equal(assistant.asks.length, 1);
        assert.equal(h.fake.callsTo("reactions.add").length, 1);
        assert.equal(h.fake.callsTo("chat.startStream").length, 1);
    });

    it("ignores its own messages and other bots'", async () => {
        h = await startBot(assistant);
        const own = await h.fake.sendEvent({type: "message", channel: DM, channel_type: "im", user: h.fake.botUserId,
            bot_id: h.fake.botId, text: "an answer of mine", ts: "1700000001.000001"});
        const otherBot = await h.fake.sendEvent({type: "message", channel: DM, channel_type: "im", user: "U0OTHERBOT",
            bot_id: "B0OTHER", text: "a bot's question?", ts: "1700000001.000002"});
        const botMention = await h.fake.sendEvent({type: "app_mention", channel: CHANNEL, user: "U0OTHERBOT",
            bot_id: "B0OTHER", text: `<@${h.fake.botUserId}> hi`, ts: "1700000001.000003"});
        await Promise.all([own.acked, otherBot.acked, botMention.acked]);
        // A real DM afterwards is answered: the bot was listening all along.
        await post(h.fake, "message", {channel: DM, user: ALICE, text: QUESTION, channel_type: "im"});
        await h.idle();
        assert.equal(assistant.asks.length, 1);
        assert.equal(assistant.asks[0].userId, ALICE);
        assert.equal(h.fake.callsTo("reactions.add").length, 1);
    });

    it("slow model: the event is acknowledged before the answer; status set while waiting, cleared after", async () => {
        // The model is held until the test lets it go: the ack and the status must come while it is held.
        const release = assistant.hold();
        h = await startBot(assistant);
        const {ts, delivery} = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE,
            text: `<@${h.fake.botUserId}> ${QUESTION}`});
        await delivery.acked;
        const thinking = await h.fake.waitForCall("assistant.threads.setStatus", (c) => c.args.status !== "");
        assert.equal(thinking.args.status, "is thinking…");
        await h.fake.waitUntil(() => assistant.waiting === 1, 30_000, "the answer to reach the held model");
        assert.equal(h.fake.callsTo("chat.stopStream").length, 0, "no answer while the model is held");
        assert.equal(h.replies(CHANNEL, ts).some((m) => contextText(m).includes(DISCLAIMER_WORDS)), false);
        release();
        await h.idle();
        const answerStop = h.fake.callsTo("chat.stopStream").pop();
        assert.ok(answerStop, "the answer was written after the model was let go");
        const cleared = h.fake.callsTo("assistant.threads.setStatus").filter((c) => c.args.status === "").pop();
        assert.ok(cleared && cleared.seq > answerStop.seq, "status cleared after the answer");
        assert.deepEqual(statuses(h.fake, CHANNEL, ts).slice(-1), [""]);
    });

    it("model error: a short visible message in the thread, status cleared", async () => {
        const broken = testAssistant({model: "/nonexistent/med42-missing.gguf", autoDownload: false});
        try {
            h = await startBot(broken);
            const {ts} = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE,
                text: `<@${h.fake.botUserId}> ${QUESTION}`});
            await h.idle();
            const error = h.replies(CHANNEL, ts).find((m) => m.text.startsWith(":warning:"));
            assert.ok(error, "an error message in the thread");
            assert.ok(error.text.length < 400);
            assert.doesNotMatch(error.text, /\n\s+at /, "no stack trace");
            const st = statuses(h.fake, CHANNEL, ts);
            assert.ok(st.includes("is thinking…"));
            assert.equal(st[st.length - 1], "", "status cleared");
        } finally {
            await h?.close();
            h = undefined;
            await broken.dispose();
        }
    });

    // How long it waits is checked with a fake clock in slackAnswerStream.test.ts.
    it("429 on chat.update: retries the same message after Retry-After, then completes the answer", async () => {
        h = await startBot(assistant, {settings: {nativeStreaming: false}});
        h.fake.failNext("chat.update", {rateLimitedSeconds: 1});
        const {ts} = await post(h.fake, "message", {channel: DM, user: ALICE, text: QUESTION, channel_type: "im"});
        await h.idle();
        const updates = h.fake.callsTo("chat.update").filter((c) => !c.args.blocks?.some((b: any) => b.accessory));
        assert.equal(updates[0].status, 429);
        const retry = updates.find((u) => u.status === 200);
        assert.ok(retry, "retried");
        assert.equal(retry.args.ts, updates[0].args.ts, "the same message");
        const answer = h.replies(DM, ts).find((m) => contextText(m).includes(DISCLAIMER_WORDS));
        assert.ok(answer, "the answer completed with its footer");
        assert.equal(answer.ts, updates[0].args.ts);
    });

    it("stream closed by Slack mid-answer falls back to chat.update on the same message", async () => {
        h = await startBot(assistant);
        h.fake.streamExpiresAfterCalls = 0;
        const {ts} = await post(h.fake, "message", {channel: DM, user: ALICE, text: QUESTION, channel_type: "im"});
        await h.idle();
        assert.ok(h.fake.calls.some((c) => c.response.error === "message_not_in_streaming_state"));
        const streamed = h.fake.callsTo("chat.startStream")[0].response.ts;
        const answer = h.replies(DM, ts).find((m) => contextText(m).includes(DISCLAIMER_WORDS));
        assert.ok(answer, "the answer completed with its footer");
        assert.equal(answer.ts, streamed, "the streamed message was updated in place");
        assert.ok(h.fake.callsTo("chat.update").some((c) => c.args.ts === streamed && c.status === 200));
    });

    it("socket refresh_requested: reconnects and keeps answering", async () => {
        h = await startBot(assistant);
        assert.equal(h.fake.connectionsOpened, 1);
        await h.fake.requestRefresh(30_000);
        assert.equal(h.fake.connectionsOpened, 2);
        assert.equal(h.fake.callsTo("apps.connections.open").length, 2);
        const {ts} = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE,
            text: `<@${h.fake.botUserId}> ${QUESTION}`});
        await h.idle();
        assert.ok(h.replies(CHANNEL, ts).some((m) => contextText(m).includes(DISCLAIMER_WORDS)));
    });

    it("PHI in a channel: ephemeral warning to the author naming the kinds, nothing echoed, no model call", async () => {
        h = await startBot(assistant);
        const text = `<@${h.fake.botUserId}> John Smith, MRN 48213377, DOB 03/14/1962: amoxicillin dose for pneumonia?`;
        const {ts} = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE, text});
        await h.idle();
        const warning = h.fake.callsTo("chat.postEphemeral");
        assert.equal(warning.length, 1);
        assert.equal(warning[0].args.user, ALICE);
        assert.equal(warning[0].args.channel, CHANNEL);
        assert.match(warning[0].args.text, /identifier/i);
        assert.match(warning[0].args.text, /record number|MRN/i, "names the kind found");
        for (const secret of ["48213377", "John Smith", "03/14/1962"]) {
            assert.ok(h.fake.calls.every((c) => !JSON.stringify(c.args).includes(secret)), `${secret} echoed by the bot`);
        }
        assert.equal(h.replies(CHANNEL, ts).length, 0, "nothing posted in the channel");
        assert.equal(h.fake.callsTo("chat.startStream").length, 0);
        assert.equal(assistant.results[0].policy.category, "phi");
        assert.equal(assistant.modelCalled, false, "no model call");
        const audited = auditRows(auditDb).filter((r) => r.category === "phi" && r.surface === "slack-channel");
        assert.equal(audited.length, 1, "the decision is audited");
        for (const secret of ["48213377", "John Smith", "03/14/1962", ALICE]) {
            assert.equal(auditFileText(auditDb).includes(secret), false, `${secret} stored in the audit log`);
        }
    });

    it("PHI in a DM: answered, with the policy's notice", async () => {
        h = await startBot(assistant);
        const {ts} = await post(h.fake, "message", {channel: DM, user: ALICE, channel_type: "im",
            text: "John Smith, MRN 48213377: amoxicillin dose for pneumonia?"});
        await h.idle();
        assert.equal(assistant.results[0].policy.action, "answer");
        assert.equal(assistant.modelCalled, true);
        const answer = h.replies(DM, ts).find((m) => contextText(m).includes(DISCLAIMER_WORDS));
        assert.ok(answer);
        assert.equal(h.fake.callsTo("chat.postEphemeral").length, 0);
        const notice = assistant.results[0].policy.notice;
        assert.ok(notice, "the policy gives a notice for identifiers in a DM");
        assert.match(notice, /^Your message contains .*record number/);
        assert.ok(contextText(answer).includes(`:information_source: ${toMrkdwn(notice)}`), contextText(answer));
        assert.doesNotMatch(JSON.stringify(answer), /48213377|John Smith/, "the notice names kinds, not values");
    });

    it("self-harm: crisis resources at once, with the disclaimer, no model call", async () => {
        h = await startBot(assistant);
        const {ts} = await post(h.fake, "message", {channel: DM, user: ALICE, channel_type: "im",
            text: "I want to kill myself tonight"});
        await h.idle();
        assert.equal(assistant.results[0].policy.category, "self_harm");
        assert.equal(assistant.modelCalled, false);
        const reply = h.replies(DM, ts).find((m) => contextText(m).includes(DISCLAIMER_WORDS));
        assert.ok(reply);
        assert.ok(reply.text.startsWith(assistant.results[0].policy.message!.trimEnd()), "the message, then the disclaimer");
        assert.match(reply.text, /988|crisis|counsel/i);
        assert.equal(h.fake.callsTo("chat.startStream").length, 0);
    });

    it("emergency in a channel: emergency resources at once in the thread, no model call", async () => {
        h = await startBot(assistant);
        const {ts} = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE,
            text: `<@${h.fake.botUserId}> my dad collapsed and is not breathing, what do I do`});
        await h.idle();
        assert.equal(assistant.results[0].policy.category, "emergency");
        assert.equal(assistant.modelCalled, false);
        const reply = h.replies(CHANNEL, ts).find((m) => contextText(m).includes(DISCLAIMER_WORDS));
        assert.ok(reply);
        assert.match(reply.text, /911|emergency/i);
    });

    it("Stop button: only the asker can stop; the generation is aborted and the partial answer marked stopped",
        async () => {
            h = await startBot(assistant);
            // A long question keeps the model busy (prompt evaluation) long enough to click Stop mid-generation.
            const {ts} = await post(h.fake, "message", {channel: DM, user: ALICE, channel_type: "im", text: LONG_QUESTION});
            const control = await h.fake.waitUntil(() => h!.fake.messages.find((m) => m.channel === DM &&
                JSON.stringify(m.blocks ?? []).includes(ACTION_STOP)), 30_000, "the Stop control");
            const answerId = control.blocks![0].accessory.value;
            const [byBob, byAlice] = await Promise.all([
                h.fake.clickButton({user: BOB, channel: DM, messageTs: control.ts, actionId: ACTION_STOP, value: answerId}),
                h.fake.clickButton({user: ALICE, channel: DM, messageTs: control.ts, actionId: ACTION_STOP, value: answerId})
            ]);
            await Promise.all([byBob.acked, byAlice.acked]);
            await h.idle();
            const refused = h.fake.callsTo("response_url");
            assert.equal(refused.length, 1);
            assert.match(refused[0].args.text, /Only the person who asked/);
            assert.equal(assistant.results[0].stopReason, "abort", "the generation itself was stopped");
            const answer = h.replies(DM, ts).find((m) => contextText(m).includes(DISCLAIMER_WORDS));
            assert.ok(answer);
            assert.match(answer.text, /Stopped/);
            assert.equal(h.fake.messages.find((m) => m.ts === control.ts)?.deleted, true, "Stop control removed");
            assert.deepEqual(statuses(h.fake, DM, ts).slice(-1), [""]);
        });

    it("👍/👎 feedback goes to the core's audit log", async () => {
        h = await startBot(assistant);
        const {ts} = await post(h.fake, "message", {channel: DM, user: ALICE, channel_type: "im", text: QUESTION});
        await h.idle();
        const answer = h.replies(DM, ts).find((m) => contextText(m).includes(DISCLAIMER_WORDS))!;
        const button = answer.blocks!.find((b: any) => b.type === "actions").elements
            .find((e: any) => e.action_id === ACTION_FEEDBACK_DOWN);
        await (await h.fake.clickButton({user: ALICE, channel: DM, messageTs: answer.ts, actionId: ACTION_FEEDBACK_DOWN,
            value: button.value})).acked;
        await h.fake.waitForCall("response_url");
        assert.deepEqual(assistant.feedback, [{userId: ALICE, surface: "slack-dm", ref: `${DM}/${ts}`, value: "down"}]);
        const rows = auditRows(auditDb).filter((r) => r.kind === "feedback");
        assert.equal(rows.length, 1);
        assert.deepEqual([rows[0].surface, rows[0].feedback, rows[0].ref], ["slack-dm", "down", `${DM}/${ts}`]);
    });

    it("App Home: publishes what the bot is, the disclaimer and how to use it", async () => {
        h = await startBot(assistant);
        await (await h.fake.sendEvent({type: "app_home_opened", user: ALICE, channel: DM, tab: "home"})).acked;
        const publish = await h.fake.waitForCall("views.publish");
        assert.equal(publish.args.user_id, ALICE);
        const view = JSON.stringify(publish.args.view);
        assert.match(view, /not ready for clinical use/);
        assert.match(view, /\/med42/);
        assert.match(view, /direct message/i);
    });

    it("App Home \"Ask Med42\": the form's question is answered in the user's DM", async () => {
        h = await startBot(assistant);
        await (await h.fake.sendInteractive({type: "block_actions", user: {id: ALICE, team_id: h.fake.teamId},
            container: {type: "view", view_id: "V0HOME"}, view: {id: "V0HOME", type: "home"},
            actions: [{type: "button", action_id: ACTION_OPEN_ASK_MODAL, block_id: "b", action_ts: "1"}]})).acked;
        const open = await h.fake.waitForCall("views.open");
        assert.equal(open.args.view.callback_id, VIEW_ASK_MODAL);
        const submitView = (text: string) => h!.fake.sendInteractive({type: "view_submission",
            user: {id: ALICE, team_id: h!.fake.teamId}, view: {id: "V0MODAL", type: "modal", callback_id: VIEW_ASK_MODAL,
                state: {values: {question: {text: {type: "plain_text_input", value: text}}}}}});
        const empty = await (await submitView("  ")).acked;
        assert.equal(empty.payload.response_action, "errors", "an empty question is refused in the form");
        await (await submitView(QUESTION)).acked;
        await h.idle();
        const dm = h.fake.callsTo("conversations.open")[0].response.channel.id;
        const root = h.fake.messages.find((m) => m.channel === dm && m.text.includes(QUESTION));
        assert.ok(root, "the question is shown in the DM");
        assert.ok(h.replies(dm, root.ts).some((m) => contextText(m).includes(DISCLAIMER_WORDS)));
        assert.equal(assistant.asks[0].surface, "slack-dm");
    });

    it("/med42 with channel visibility: an answerable question is posted and answered in a thread", async () => {
        h = await startBot(assistant, {settings: {commandVisibility: "channel"}});
        await (await h.fake.sendSlashCommand({channel: CHANNEL, user: ALICE, text: QUESTION})).acked;
        await h.idle();
        const root = h.fake.messages.find((m) => m.channel === CHANNEL && m.text.includes(QUESTION));
        assert.ok(root && root.text.startsWith(`<@${ALICE}> asked Med42`));
        assert.ok(h.replies(CHANNEL, root.ts).some((m) => contextText(m).includes(DISCLAIMER_WORDS)));
        // Identifiers: nothing is posted in the channel; the asker alone gets the warning.
        await (await h.fake.sendSlashCommand({channel: CHANNEL, user: ALICE,
            text: "John Smith MRN 48213377 amoxicillin dose?"})).acked;
        await h.idle();
        assert.equal(h.fake.messages.some((m) => m.text.includes("48213377")), false);
        const warning = h.fake.callsTo("response_url").pop()!;
        assert.equal(warning.args.response_type, "ephemeral");
        assert.match(warning.args.text, /identifier/);
    });

    it("a mention without a question gets a hint, not a model call", async () => {
        h = await startBot(assistant);
        const {ts} = await post(h.fake, "message", {channel: DM, user: ALICE, channel_type: "im",
            text: `<@${h.fake.botUserId}>`});
        await h.idle();
        assert.equal(assistant.asks.length, 0);
        assert.ok(h.replies(DM, ts).some((m) => /Ask me a clinical question/.test(m.text)));
    });

    it("per-user rate limit and a cap on queued work answer politely", async () => {
        h = await startBot(assistant, {settings: {rateLimit: {perUser: 1, windowMs: 60_000, maxActive: 16}}});
        await post(h.fake, "message", {channel: DM, user: ALICE, channel_type: "im", text: QUESTION});
        await h.idle();
        const {ts} = await post(h.fake, "message", {channel: DM, user: ALICE, channel_type: "im", text: QUESTION});
        await h.idle();
        assert.equal(assistant.asks.length, 1);
        assert.ok(h.replies(DM, ts).some((m) => /Please wait about \d+ s/.test(m.text)));
        await h.close();
        h = await startBot(assistant, {settings: {rateLimit: {perUser: 10, windowMs: 60_000, maxActive: 1}}});
        const release = assistant.hold();
        await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE, text: `<@${h.fake.botUserId}> ${QUESTION}`});
        await h.fake.waitUntil(() => assistant.waiting === 1, 30_000, "Alice's answer to reach the held model");
        await post(h.fake, "app_mention", {channel: CHANNEL, user: BOB, text: `<@${h.fake.botUserId}> ${QUESTION}`});
        const busy = await h.fake.waitForCall("chat.postEphemeral");
        release();
        await h.idle();
        assert.equal(h.fake.callsTo("chat.postEphemeral").length, 1);
        assert.equal(busy.args.user, BOB);
        assert.match(busy.args.text, /busy/);
        assert.equal(assistant.asks.length, 2, "one question from each part; Bob's never reached the core");
    });

    it("a rate-limited or too-long follow-up never reads the thread nor runs the policy over it", async () => {
        h = await startBot(assistant, {settings: {rateLimit: {perUser: 1, windowMs: 60_000, maxActive: 16}}});
        const mention = `<@${h.fake.botUserId}>`;
        const first = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE, text: `${mention} ${QUESTION}`});
        await h.idle();
        assert.equal(assistant.asks.length, 1);
        const readsBefore = h.fake.callsTo("conversations.replies").length;
        // Over the per-user limit: told so, privately, before the thread is read.
        await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE, thread_ts: first.ts,
            text: `${mention} And what about in pregnancy?`});
        await h.idle();
        assert.equal(h.fake.callsTo("conversations.replies").length, readsBefore);
        assert.equal(assistant.asks.length, 1);
        assert.ok(h.fake.callsTo("chat.postEphemeral").some((c) => c.args.user === ALICE && /Please wait about \d+ s/.test(c.args.text)));
        // Over the question size limit: the same, whoever asks.
        await post(h.fake, "app_mention", {channel: CHANNEL, user: BOB, thread_ts: first.ts,
            text: `${mention} ${"Is this dose right? ".repeat(2_000)}`});
        await h.idle();
        assert.equal(h.fake.callsTo("conversations.replies").length, readsBefore);
        assert.equal(assistant.asks.length, 1);
        assert.ok(h.fake.callsTo("chat.postEphemeral").some((c) => c.args.user === BOB && /question is too long \([0-9,]+ characters; the limit is 32,000\)/.test(c.args.text)));
        await h.close();
        // The queue cap too: a follow-up while the only slot is busy reads nothing.
        h = await startBot(assistant, {settings: {rateLimit: {perUser: 10, windowMs: 60_000, maxActive: 1}}});
        // The first answer is held after its policy decision, so it keeps the only slot while the follow-up arrives.
        const release = assistant.hold();
        const busyFirst = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE, text: `<@${h.fake.botUserId}> ${QUESTION}`});
        await h.fake.waitForCall("assistant.threads.setStatus");
        const reads = h.fake.callsTo("conversations.replies").length;
        await post(h.fake, "app_mention", {channel: CHANNEL, user: BOB, thread_ts: busyFirst.ts,
            text: `<@${h.fake.botUserId}> and for children?`});
        // Not idle() here: the held answer is still running.
        await h.fake.waitUntil(() => h!.fake.callsTo("chat.postEphemeral").some((c) => c.args.user === BOB && /busy/.test(c.args.text)),
            30_000, "the busy notice to the second asker");
        assert.equal(h.fake.callsTo("conversations.replies").length, reads);
        release();
        await h.idle();
    });

    it("shows the queue position while waiting for the model", async () => {
        const oneAtATime = testAssistant({sequences: 1});
        try {
            await oneAtATime.loadModel();
            h = await startBot(oneAtATime);
            // The first question is long (seconds of prompt evaluation): the second waits behind it.
            await post(h.fake, "message", {channel: DM, user: ALICE, channel_type: "im", text: LONG_QUESTION});
            await post(h.fake, "message", {channel: "D0BOB", user: BOB, channel_type: "im", text: QUESTION});
            await h.idle();
            const queued = h.fake.calls.filter((c) => (c.method === "chat.postMessage" || c.method === "chat.update") &&
                /next|in line/.test(String(c.args.text)));
            assert.ok(queued.length >= 1, "a queue position was shown");
            assert.ok(h.fake.callsTo("assistant.threads.setStatus").some((c) => /waiting in line/.test(c.args.status)));
        } finally {
            await h?.close();
            h = undefined;
            await oneAtATime.dispose();
        }
    });
});
