/**
 * The summarise shortcut on a long thread: while the parts are summarised, the thread's control message (with the
 * Stop button) shows the share of the work done, then the summary arrives. Real Bolt, the fake Slack, the real core
 * on the generated model with a small context, so the thread needs several passes.
 */
import * as assert from "node:assert/strict";
import type {Med42Assistant} from "../../shared/assistant";
import {SHORTCUT_SUMMARIZE} from "../../slack-bot/blocks";
import {ALICE, BOB, CHANNEL, RecordingAssistant, contextText, startBot, testAssistant, type BotHarness} from "./botHarness";

describe("slack: a long thread's summary shows its progress", function () {
    this.timeout(120_000);
    let core: Med42Assistant;
    let h: BotHarness | undefined;

    before(async () => {
        core = testAssistant({contextSize: 2048, sampling: {maxTokens: 8, seed: 1}});
        await core.loadModel();
    });
    after(async () => {
        await h?.close();
        await core?.dispose();
    });

    it("the control message counts up in percent while the parts are summarised, then the summary is posted", async () => {
        const assistant = new RecordingAssistant(core);
        h = await startBot(assistant);
        const rootText = "Bed 4: febrile neutropenia, started cefepime after cultures.";
        const root = h.fake.addMessage({channel: CHANNEL, user: ALICE, text: rootText});
        for (let i = 0; i < 30; i++) {
            h.fake.addMessage({channel: CHANNEL, user: i % 2 ? ALICE : BOB, thread_ts: root,
                text: `Update ${i + 1}: afebrile overnight, neutrophils recovering, cefepime continued, cultures still negative.`});
        }
        const delivery = await h.fake.sendInteractive({type: "message_action", callback_id: SHORTCUT_SUMMARIZE,
            user: {id: BOB, team_id: h.fake.teamId}, channel: {id: CHANNEL, name: "general"},
            message: {type: "message", ts: root, user: ALICE, text: rootText}, message_ts: root});
        await delivery.acked;
        await h.idle();

        const shown = [...h.fake.callsTo("chat.postMessage"), ...h.fake.callsTo("chat.update")]
            .sort((a, b) => a.at - b.at)
            .map((c) => String(c.args.text ?? ""))
            .map((text) => /Med42 is summarizing: \*(\d+)%\*/.exec(text))
            .filter((m): m is RegExpExecArray => m != null)
            .map((m) => Number(m[1]));
        assert.ok(shown.length >= 2, `progress shown: ${shown.join(", ")}`);
        assert.deepEqual(shown, [...shown].sort((a, b) => a - b), "it only counts up");
        assert.ok(shown.every((p) => p % 5 === 0 && p > 0 && p <= 100), `in steps of 5%: ${shown.join(", ")}`);
        const summary = h.replies(CHANNEL, root).find((m) => contextText(m).includes("not ready for clinical use"));
        assert.ok(summary, "the summary is in the thread");
        assert.equal(assistant.results.length, 1);
        assert.ok(assistant.results[0].usage.promptTokens > 2048, "the thread took several passes");
    });
});
