/**
 * A failed answer shows the conversation a generic notice with an error id, never the error: errors can name files
 * and folders on the bot's machine. The details go to the bot's log under the same id.
 */
import * as assert from "node:assert/strict";
import type {ChatBackend, GenerateResult} from "../../shared/engine/chatBackend";
import {InputTooLongError} from "../../shared/engine/chatBackend";
import {errorNotice} from "../../slack-bot/answering/notices";
import {SHORTCUT_SUMMARIZE} from "../../slack-bot/blocks";
import {ALICE, BOB, CHANNEL, DM, RecordingAssistant, post, startBot, testAssistant, type BotHarness} from "./botHarness";

const SECRET_PATH = "/home/jdoe/clinic-models/med42-private.Q4_K_M.gguf";

/** A backend that fails the way a broken install does: with a message naming a file on the machine. */
class BrokenBackend implements ChatBackend {
    readonly modelDescription = SECRET_PATH;
    readonly contextSize = 8192;
    async load(): Promise<void> { throw new Error(`ENOENT: no such file or directory, open '${SECRET_PATH}'`); }
    async generate(): Promise<GenerateResult> { throw new Error(`cannot read ${SECRET_PATH}`); }
    async countTokens(text: string): Promise<number> { return Math.ceil(text.length / 4); }
    async dispose(): Promise<void> {}
}

const ERROR_ID = /\(error id ([0-9a-f]{8})\)/;

describe("slack: error notices show an error id, never the error", function () {
    this.timeout(60_000);
    let h: BotHarness | undefined;
    afterEach(async () => { await h?.close(); h = undefined; });

    function assertGeneric(text: string, logs: string[], secrets: string[]): void {
        assert.match(text, /^:warning: Sorry, Med42 could not answer because of an internal error \(error id [0-9a-f]{8}\)\./);
        for (const secret of secrets) assert.ok(!text.includes(secret), `"${secret}" was posted: ${text}`);
        const id = ERROR_ID.exec(text)![1];
        const logged = logs.find((line) => line.includes(`error id ${id}`));
        assert.ok(logged, `the log has the error under id ${id}:\n${logs.join("\n")}`);
        assert.ok(secrets.some((secret) => logged.includes(secret)), `the log line has the details: ${logged}`);
    }

    for (const [where, channel, type] of [["a channel thread", CHANNEL, "app_mention"], ["a DM", DM, "message"]] as const) {
        it(`a backend error with a file path: ${where} gets a generic notice with an id; the log gets the path`, async () => {
            const core = testAssistant({backend: new BrokenBackend()});
            try {
                h = await startBot(new RecordingAssistant(core));
                const {ts} = await post(h.fake, type, {channel, user: ALICE, ...(channel === DM ? {channel_type: "im"} : {}),
                    text: `${type === "app_mention" ? `<@${h.fake.botUserId}> ` : ""}What is the usual dose of amoxicillin?`});
                await h.idle();
                const notice = h.replies(channel, ts).find((m) => m.text.startsWith(":warning:"));
                assert.ok(notice, "a notice in the thread");
                assertGeneric(notice.text, h.logs, [SECRET_PATH, "/home/jdoe", "clinic-models", "ENOENT"]);
                const posted = h.fake.calls.map((c) => JSON.stringify(c.args)).join("\n");
                assert.ok(!posted.includes("clinic-models"), "the path is in no Slack call at all");
            } finally {
                await h?.close();
                h = undefined;
                await core.dispose();
            }
        });
    }

    it("the summarise shortcut: a Slack error reading the thread is logged, the asker sees a generic notice with an id", async () => {
        const core = testAssistant();
        try {
            h = await startBot(new RecordingAssistant(core));
            const root = h.fake.addMessage({channel: CHANNEL, user: ALICE, text: "Bed 4: febrile neutropenia, started cefepime."});
            h.fake.failNext("conversations.replies", {error: "internal_error"});
            await (await h.fake.sendInteractive({type: "message_action", callback_id: SHORTCUT_SUMMARIZE,
                user: {id: BOB, team_id: h.fake.teamId}, channel: {id: CHANNEL, name: "general"},
                message: {type: "message", ts: root, user: ALICE, text: "Bed 4: febrile neutropenia, started cefepime."},
                message_ts: root})).acked;
            await h.idle();
            const response = h.fake.callsTo("response_url").at(-1);
            assert.ok(response, "the asker got a reply");
            assert.equal(response.args.response_type, "ephemeral");
            assertGeneric(String(response.args.text), h.logs, ["internal_error"]);
        } finally {
            await h?.close();
            h = undefined;
            await core.dispose();
        }
    });

    it("errors written for the asker (input too long) keep their message, with the id", () => {
        const text = errorNotice(new InputTooLongError(9000, 7000), "0a1b2c3d");
        assert.match(text, /^:warning: Sorry, Med42 could not answer: The message is too long for the model: it needs about 9000 tokens/);
        assert.match(text, /\(error id 0a1b2c3d\)$/);
        assert.match(errorNotice(new Error(`EACCES: permission denied, open '${SECRET_PATH}'`), "0a1b2c3d"), /internal error \(error id 0a1b2c3d\)/);
    });
});
