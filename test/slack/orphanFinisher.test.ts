/**
 * Finishing a lost replica's answer against the fake Slack: the message it was streaming gets the interrupted mark and
 * the disclaimer whether its stream is still open (chat.stopStream) or Slack had closed it already (rewritten with
 * chat.update), the control message says "interrupted", and the audit row is written unless the writer wrote it.
 */
import {strict as assert} from "node:assert";
import {WebClient} from "@slack/web-api";
import type {AuditEntry} from "../../shared/audit/auditLog";
import {DEFAULT_DISCLAIMER} from "../../shared/policy/defaultPolicy";
import {finishOrphanedAnswer} from "../../slack-bot/reliability/orphanFinisher";
import type {OrphanedAnswer} from "../../slack-bot/reliability/sharedState";
import {FakeSlack} from "../support/fakeSlack";
import {ALICE, CHANNEL, contextText, memoryLogger} from "./botHarness";

describe("slack: finishing a lost replica's answer", () => {
    let fake: FakeSlack;
    let client: WebClient;
    beforeEach(async () => {
        fake = new FakeSlack();
        await fake.start();
        fake.join(CHANNEL);
        client = new WebClient(fake.botToken, {slackApiUrl: fake.apiUrl, retryConfig: {retries: 0}});
    });
    afterEach(() => fake.stop());

    /** A question, the dead replica's control message and the message it was streaming. */
    async function orphan(audited: boolean): Promise<OrphanedAnswer> {
        const threadTs = fake.addMessage({channel: CHANNEL, user: ALICE, text: "<@U0BOT> What is gout?"});
        const control = await client.chat.postMessage({channel: CHANNEL, thread_ts: threadTs, text: "Med42 is writing…"});
        const stream = await client.chat.startStream({channel: CHANNEL, thread_ts: threadTs, recipient_user_id: ALICE,
            recipient_team_id: fake.teamId, markdown_text: "Gout is a form of "});
        return {answerId: "a1", userId: ALICE, channel: CHANNEL, threadTs, surface: "slack-channel", threaded: true,
            controlTs: control.ts!, streamTs: stream.ts!, audited, startedAt: new Date()};
    }

    async function finish(lost: OrphanedAnswer): Promise<AuditEntry[]> {
        const rows: AuditEntry[] = [];
        await finishOrphanedAnswer(client, lost, {disclaimer: DEFAULT_DISCLAIMER, logger: memoryLogger(),
            audit: {record: (entry: AuditEntry) => { rows.push(entry); }}});
        return rows;
    }

    const disclaimerWords = DEFAULT_DISCLAIMER.text.slice(0, 30);

    it("stops the open stream with the interrupted mark and the disclaimer, and audits the answer", async () => {
        const lost = await orphan(false);
        const rows = await finish(lost);
        const streamed = fake.messages.find((m) => m.ts === lost.streamTs)!;
        assert.equal(streamed.streaming, false, "the stream is closed");
        assert.equal(streamed.text, "Gout is a form of ", "what was streamed stays");
        assert.match(contextText(streamed), /Interrupted before Med42 finished/);
        assert.ok(contextText(streamed).includes(disclaimerWords), "with the disclaimer");
        const control = fake.messages.find((m) => m.ts === lost.controlTs)!;
        assert.match(control.text, /This answer was interrupted/);
        assert.deepEqual(rows.map((r) => [r.kind, r.stopReason]), [["decision", "replica-lost"]]);
    });

    it("rewrites the message when Slack had closed the stream already; no second audit row when the writer wrote one", async () => {
        const lost = await orphan(true);
        await client.chat.stopStream({channel: CHANNEL, ts: lost.streamTs!}); // closed without a footer, as Slack does
        const rows = await finish(lost);
        const streamed = fake.messages.find((m) => m.ts === lost.streamTs)!;
        assert.ok(fake.callsTo("chat.stopStream").some((c) => c.response.error === "message_not_in_streaming_state"));
        assert.ok(JSON.stringify(streamed.blocks).includes("Gout is a form of"), "what was streamed stays");
        assert.match(contextText(streamed), /Interrupted before Med42 finished/);
        assert.ok(contextText(streamed).includes(disclaimerWords), "with the disclaimer");
        assert.ok(streamed.text.includes(DEFAULT_DISCLAIMER.text), "in the plain-text fallback too");
        assert.deepEqual(rows, [], "the writer had audited it");
    });
});
