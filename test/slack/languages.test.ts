/**
 * The Slack bot answers in the asker's language (real Bolt, real core, scripted model): every message of a long
 * answer to an Arabic question carries the Arabic disclaimer, and a Spanish crisis message in a channel gets the
 * Spanish escalation under the Spanish disclaimer.
 */
import * as assert from "node:assert/strict";
import type {Med42Assistant} from "../../shared/assistant";
import {BUILT_IN_TRANSLATIONS} from "../../shared/policy/translations";
import {ScriptedBackend} from "../support/scriptedBackend";
import {ALICE, CHANNEL, DM, RecordingAssistant, contextText, post, startBot, testAssistant, type BotHarness} from "./botHarness";

/** Words of the disclaimer that survive Slack's mrkdwn conversion. */
const words = (lang: "ar" | "es") => BUILT_IN_TRANSLATIONS[lang].disclaimer.text.slice(10, 60);

describe("slack: answers in the asker's language (real Bolt, real core, scripted model)", function () {
    this.timeout(60_000);
    let core: Med42Assistant | undefined;
    let h: BotHarness | undefined;

    afterEach(async () => {
        await h?.close();
        h = undefined;
        await core?.dispose();
        core = undefined;
    });

    it("slack-dm: every part of a long answer to an Arabic question has the Arabic disclaimer", async () => {
        const paragraph = (i: number) => `الفقرة ${i}: ${"يعتمد علاج السكري على العمر ووظائف الكلى والأدوية الأخرى. ".repeat(8)}\n\n`;
        core = testAssistant({backend: new ScriptedBackend(Array.from({length: 60}, (_, i) => paragraph(i)))});
        h = await startBot(new RecordingAssistant(core));
        const {ts} = await post(h.fake, "message", {channel: DM, user: ALICE, text: "ما هي أعراض مرض السكري عند كبار السن؟", channel_type: "im"});
        await h.idle();
        const replies = h.replies(DM, ts);
        assert.ok(replies.length >= 2, `${replies.length} messages`);
        for (const m of replies) assert.ok(contextText(m).includes(words("ar")), `every message: ${contextText(m).slice(0, 80)}`);
    });

    it("slack-channel: a Spanish crisis message gets the Spanish escalation and disclaimer; the model is never asked", async () => {
        const backend = new ScriptedBackend(["never shown"]);
        core = testAssistant({backend});
        h = await startBot(new RecordingAssistant(core));
        const {ts} = await post(h.fake, "app_mention", {channel: CHANNEL, user: ALICE, text: `<@${h.fake.botUserId}> quiero morir, no aguanto más`});
        await h.idle();
        const replies = h.replies(CHANNEL, ts);
        const shown = replies.map((m) => `${m.text}\n${contextText(m)}`).join("\n");
        assert.ok(shown.includes(BUILT_IN_TRANSLATIONS.es.self_harm.slice(0, 40)), shown);
        assert.ok(shown.includes(words("es")), shown);
        assert.equal(backend.requests.length, 0);
    });
});
