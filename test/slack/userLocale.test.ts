/**
 * Each Slack user gets the emergency and crisis numbers of their own country (real Bolt, real core, fake Slack's
 * users.info): the asker's Slack locale, else the bot's locale when Slack cannot tell, the policy file's locale first.
 */
import * as assert from "node:assert/strict";
import type {Med42Assistant} from "../../shared/assistant";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import {AuditLog} from "../../shared/audit/auditLog";
import {UserLocales} from "../../slack-bot/userLocales";
import {SHORTCUT_SUMMARIZE} from "../../slack-bot/blocks";
import {slackUserLocale, timeZoneCountry} from "../../slack-bot/timeZoneCountry";
import {ScriptedBackend} from "../support/scriptedBackend";
import {ALICE, BOB, CHANNEL, contextText, memoryLogger, post, RecordingAssistant, startBot, testAssistant, type BotHarness} from "./botHarness";

const EMERGENCY = "my father collapsed and is not breathing, what do I do?";

describe("slack: crisis numbers by each user's own locale (real Bolt, real core, fake Slack)", function () {
    this.timeout(60_000);
    let core: Med42Assistant | undefined;
    let h: BotHarness | undefined;

    afterEach(async () => {
        await h?.close();
        h = undefined;
        await core?.dispose();
        core = undefined;
    });

    /** The bot's reply to a mention, as shown (text and context blocks). */
    async function ask(user: string): Promise<string> {
        const {ts} = await post(h!.fake, "app_mention", {channel: CHANNEL, user, text: `<@${h!.fake.botUserId}> ${EMERGENCY}`});
        await h!.idle();
        return h!.replies(CHANNEL, ts).map((m) => `${m.text}\n${contextText(m)}`).join("\n");
    }

    it("two users with different locales get their own country's numbers for the same emergency; users.info once per user", async () => {
        const backend = new ScriptedBackend(["never shown"]);
        const audit = new AuditLog(":memory:", {salt: "s".repeat(32)});
        core = testAssistant({backend, locale: "en-US", audit, auditOwned: true});
        h = await startBot(new RecordingAssistant(core));
        h.fake.userLocales.set(ALICE, "en-GB");
        h.fake.userLocales.set(BOB, "ar-AE");
        const alice = await ask(ALICE);
        assert.match(alice, /Call 999 now/);
        assert.match(alice, /Numbers for: United Kingdom\./);
        const bob = await ask(BOB);
        assert.match(bob, /998/);
        assert.match(bob, /Numbers for: United Arab Emirates\./);
        assert.doesNotMatch(bob, /911/);
        assert.match(await ask(ALICE), /Numbers for: United Kingdom\./);
        const looked = h.fake.callsTo("users.info");
        assert.deepEqual(looked.map((c) => c.args.user).sort(), [ALICE, BOB], "once per user within the hour");
        assert.ok(looked.every((c) => String(c.args.include_locale) === "true"));
        assert.equal(backend.requests.length, 0, "the model is never asked");
        // The audit says whose numbers each escalation showed: the asker's locale, not the bot's.
        assert.deepEqual(audit.list().reverse().map((r) => [r.action, r.language, r.resourcesLocale]),
            [["escalate", "en", "en-GB"], ["escalate", "en", "ar-AE"], ["escalate", "en", "en-GB"]]);
    });

    it("users.info fails (no users:read scope): the bot's own locale, logged once, without what anyone wrote", async () => {
        core = testAssistant({backend: new ScriptedBackend(["never shown"]), locale: "en-GB"});
        h = await startBot(new RecordingAssistant(core));
        h.fake.userLocales.set(ALICE, "ar-AE");
        h.fake.usersInfoError = "missing_scope";
        assert.match(await ask(ALICE), /Numbers for: United Kingdom\./);
        assert.match(await ask(BOB), /Call 999 now/);
        const warnings = h.logs.filter((l) => /users\.info/.test(l) && l.startsWith("warn"));
        assert.equal(warnings.length, 1, h.logs.join("\n"));
        assert.match(warnings[0], /missing_scope/);
        assert.match(warnings[0], /users:read/);
        assert.ok(!h.logs.some((l) => l.includes("collapsed")), "no patient text in the logs");
        assert.equal(h.fake.callsTo("users.info").length, 2);
    });

    it("the policy file's locale wins: Slack is never asked for locales", async () => {
        core = testAssistant({backend: new ScriptedBackend(["never shown"]), policy: new PolicyEngine({locale: "fr-FR"}, {locale: "en-US"})});
        h = await startBot(new RecordingAssistant(core));
        h.fake.userLocales.set(ALICE, "en-GB");
        const shown = await ask(ALICE);
        assert.match(shown, /\b15\b/);
        assert.match(shown, /112/);
        assert.doesNotMatch(shown, /999/);
        assert.equal(h.fake.callsTo("users.info").length, 0);
    });

    it("the summarize shortcut: self-harm in the thread is shown with the numbers of the user who asked for the summary", async () => {
        const recording = new RecordingAssistant(core = testAssistant({backend: new ScriptedBackend(["A short summary."]), locale: "en-US"}));
        h = await startBot(recording);
        h.fake.userLocales.set(BOB, "en-GB");
        const root = h.fake.addMessage({channel: CHANNEL, user: ALICE, text: "I want to kill myself tonight, I have the pills ready"});
        const delivery = await h.fake.sendInteractive({type: "message_action", callback_id: SHORTCUT_SUMMARIZE,
            user: {id: BOB, team_id: h.fake.teamId}, channel: {id: CHANNEL, name: "general"},
            message: {type: "message", ts: root, user: ALICE, text: "I want to kill myself tonight, I have the pills ready"},
            message_ts: root});
        await delivery.acked;
        await h.idle();
        assert.equal(recording.summaries[0]?.locale, "en-GB");
        assert.equal(recording.results[0]?.policy.category, "self_harm");
        const shown = JSON.stringify(h.replies(CHANNEL, root).map((m) => [m.text, m.blocks]));
        assert.match(shown, /Samaritans on 116 123/);
        assert.doesNotMatch(shown, /988/);
    });

    it("the time zone tells the country where Slack's language does not: en-US in Asia/Dubai gets the UAE's numbers", async () => {
        core = testAssistant({backend: new ScriptedBackend(["never shown"]), locale: "en-US"});
        h = await startBot(new RecordingAssistant(core));
        h.fake.userLocales.set(ALICE, "en-US");
        h.fake.userTimeZones.set(ALICE, "Asia/Dubai");
        h.fake.userLocales.set(BOB, "en-US");
        h.fake.userTimeZones.set(BOB, "Europe/Berlin");
        const alice = await ask(ALICE);
        assert.match(alice, /Call 998 \(ambulance\) or 999 \(police\) now\./);
        assert.match(alice, /Numbers for: United Arab Emirates\./);
        // A zone of a country without built-in numbers: the Slack locale as it is.
        assert.match(await ask(BOB), /Call 911 now/);
    });

    it("a locale Slack gives with no numbers of its own (de-DE) keeps the bot's locale", async () => {
        core = testAssistant({backend: new ScriptedBackend(["never shown"]), locale: "en-AE"});
        h = await startBot(new RecordingAssistant(core));
        h.fake.userLocales.set(ALICE, "de-DE");
        assert.match(await ask(ALICE), /Numbers for: United Arab Emirates\./);
    });
});

describe("slack: a user's locale from Slack's language and time zone", () => {
    it("the country of the time zone where the bot has its numbers, else the Slack locale as it is", () => {
        assert.equal(timeZoneCountry("Asia/Dubai"), "AE");
        assert.equal(timeZoneCountry("Asia/Calcutta"), "IN");
        assert.equal(timeZoneCountry("Australia/Perth"), "AU");
        assert.equal(timeZoneCountry("America/Indiana/Knox"), "US");
        assert.equal(timeZoneCountry("America/Toronto"), "CA");
        assert.equal(timeZoneCountry("Europe/Berlin"), undefined);
        assert.equal(timeZoneCountry(undefined), undefined);
        assert.equal(slackUserLocale("en-US", "Asia/Dubai"), "en-AE");
        assert.equal(slackUserLocale("en-GB", "Asia/Riyadh"), "en-SA");
        assert.equal(slackUserLocale("fr-FR", "America/Toronto"), "fr-CA");
        assert.equal(slackUserLocale("es-LA", "Europe/Madrid"), "es-ES");
        assert.equal(slackUserLocale(undefined, "Europe/London"), "en-GB");
        assert.equal(slackUserLocale("de-DE", "Europe/Berlin"), "de-DE");
        assert.equal(slackUserLocale("en-GB", undefined), "en-GB");
    });
});

describe("slack: the per-user locale cache", () => {
    it("asks once per user within the TTL, again after it, and shares a call in flight", async () => {
        let now = 0;
        const asked: string[] = [];
        const locales = new UserLocales(async (user) => { asked.push(user); return user === ALICE ? "en_gb" : undefined; },
            memoryLogger(), {ttlMs: 1_000, now: () => now});
        const [a, b] = await Promise.all([locales.localeOf(ALICE), locales.localeOf(ALICE)]);
        assert.deepEqual([a, b], ["en-GB", "en-GB"]);
        assert.equal(await locales.localeOf(BOB), undefined);
        now = 999;
        await locales.localeOf(ALICE);
        assert.deepEqual(asked, [ALICE, BOB]);
        now = 1_000;
        assert.equal(await locales.localeOf(ALICE), "en-GB");
        assert.deepEqual(asked, [ALICE, BOB, ALICE]);
    });

    it("keeps at most maxUsers; a failure stands for failureTtlMs only and never rejects; junk locales are ignored", async () => {
        let now = 0;
        const asked: string[] = [];
        let fail = true;
        const logger = memoryLogger();
        const locales = new UserLocales(async (user) => {
            asked.push(user);
            if (fail && user === "U1") throw Object.assign(new Error("An API error occurred: ratelimited"), {data: {error: "ratelimited"}});
            return user === "U3" ? "not a locale!" : "fr-FR";
        }, logger, {ttlMs: 10_000, failureTtlMs: 100, maxUsers: 2, now: () => now});
        assert.equal(await locales.localeOf("U1"), undefined);
        assert.equal(await locales.localeOf("U1"), undefined);
        assert.deepEqual(asked, ["U1"], "the failure is kept for a while");
        fail = false;
        now = 100;
        assert.equal(await locales.localeOf("U1"), "fr-FR", "asked again once the failure expired");
        assert.equal(await locales.localeOf("U2"), "fr-FR");
        assert.equal(await locales.localeOf("U3"), undefined);
        // U1 was the oldest: it went to make room.
        await locales.localeOf("U1");
        assert.deepEqual(asked, ["U1", "U1", "U2", "U3", "U1"]);
        assert.equal(logger.lines.filter((l) => l.startsWith("warn")).length, 1);
        assert.match(logger.lines.find((l) => l.startsWith("warn"))!, /ratelimited/);
    });
});
