/**
 * The fake Slack itself: an envelope the bot never acknowledges must fail the test (Slack would retry it), not pass
 * unnoticed; acks and Web API calls are ordered by one sequence, so tests compare order, never elapsed time.
 */
import * as assert from "node:assert/strict";
import {WebSocket} from "ws";
import {FakeSlack} from "../support/fakeSlack";

/** A bare Socket Mode client: opens the connection as Bolt does and hands over every envelope it receives. */
async function connect(fake: FakeSlack, onEnvelope: (ws: WebSocket, envelope: Record<string, any>) => void): Promise<WebSocket> {
    const opened = await fetch(`${fake.apiUrl}apps.connections.open`, {method: "POST",
        headers: {Authorization: `Bearer ${fake.appToken}`}}).then((r) => r.json()) as {ok: boolean; url: string};
    assert.equal(opened.ok, true);
    const ws = new WebSocket(opened.url);
    ws.on("message", (data) => {
        const msg = JSON.parse(String(data));
        if (msg.envelope_id) onEnvelope(ws, msg);
    });
    await new Promise((resolve, reject) => { ws.once("open", resolve); ws.once("error", reject); });
    await fake.connection();
    return ws;
}

describe("slack: the fake Slack", function () {
    let fake: FakeSlack;

    beforeEach(async () => {
        fake = new FakeSlack();
        await fake.start();
    });

    it("resolves an envelope's ack in order with the calls it received", async () => {
        const ws = await connect(fake, (socket, envelope) => socket.send(JSON.stringify({envelope_id: envelope.envelope_id})));
        const delivery = await fake.sendEvent(fake.userMessage("message", {channel: "D0ALICE", user: "U0ALICE", text: "hi"}));
        const ack = await delivery.acked;
        assert.equal(fake.unacknowledged, 0);
        assert.ok(ack.seq > fake.callsTo("apps.connections.open")[0].seq, "the ack came after the connection was opened");
        ws.close();
        await fake.stop();
    });

    it("fails when the bot never acknowledges an envelope, even if the test did not await the ack", async () => {
        const received: string[] = [];
        const ws = await connect(fake, (_socket, envelope) => received.push(envelope.envelope_id));
        const delivery = await fake.sendEvent(fake.userMessage("app_mention", {channel: "C0GENERAL", user: "U0ALICE",
            text: "<@U0BOT> hi"}));
        await fake.waitUntil(() => received.length === 1, 20_000, "the envelope to reach the client");
        assert.equal(fake.unacknowledged, 1);
        ws.terminate();
        await assert.rejects(delivery.acked, /events_api \(app_mention\) envelope .* \(the connection closed before its ack\)/);
        await assert.rejects(fake.stop(), /the bot never acknowledged events_api \(app_mention\) envelope/);
    });

    it("fails at stop() for an envelope still waiting for its ack", async () => {
        const ws = await connect(fake, () => undefined);
        const delivery = await fake.sendSlashCommand({channel: "C0GENERAL", user: "U0ALICE", text: "dose?"});
        await assert.rejects(fake.stop(), /the bot never acknowledged slash_commands envelope/);
        await assert.rejects(delivery.acked, /the fake Slack stopped before its ack/);
        ws.terminate();
    });

    describe("late acks (lateAckRetryMs), as real Slack", () => {
        it("sends an unacknowledged event again, as a retry with the same event_id, to another connection", async () => {
            fake.lateAckRetryMs = 200;
            const seen: Array<{socket: number; envelope: Record<string, any>}> = [];
            const late = await connect(fake, (_s, envelope) => seen.push({socket: 0, envelope}));
            const prompt = await connect(fake, (socket, envelope) => {
                seen.push({socket: 1, envelope});
                socket.send(JSON.stringify({envelope_id: envelope.envelope_id}));
            });
            const delivery = await fake.sendEvent(fake.userMessage("app_mention", {channel: "C0GENERAL", user: "U0ALICE",
                text: "<@U0BOT> hi"}), {eventId: "EvLate", connection: 0});
            await delivery.acked;
            assert.equal(seen.length, 2, "the first delivery and one retry");
            const [first, retry] = seen;
            assert.deepEqual([first.socket, retry.socket], [0, 1], "the retry went to the other connection");
            assert.equal(first.envelope.retry_attempt, 0);
            assert.equal(retry.envelope.retry_attempt, 1);
            assert.equal(retry.envelope.retry_reason, "timeout");
            assert.notEqual(retry.envelope.envelope_id, first.envelope.envelope_id, "a new envelope");
            assert.equal(retry.envelope.payload.event_id, "EvLate", "the same event");
            assert.deepEqual(fake.redeliveries.map((r) => [r.eventId, r.retryAttempt, r.previousConnection, r.connection]),
                [["EvLate", 1, 0, 1]]);
            assert.equal(fake.unacknowledged, 0);
            // A late ack of the first envelope, after the retry was acknowledged, changes nothing.
            late.send(JSON.stringify({envelope_id: first.envelope.envelope_id}));
            late.close();
            prompt.close();
            await fake.stop();
        });

        it("gives up after three retries, and then the test fails; a connection closing first is not a failure yet", async () => {
            fake.lateAckRetryMs = 100;
            const seen: Array<Record<string, any>> = [];
            const a = await connect(fake, (_s, envelope) => seen.push(envelope));
            const delivery = await fake.sendEvent(fake.userMessage("message", {channel: "D0ALICE", user: "U0ALICE", text: "hi"}),
                {eventId: "EvNever"});
            await fake.waitUntil(() => seen.length === 1, 20_000, "the first delivery");
            a.terminate(); // its replica went away: Slack retries elsewhere when the time is up
            const b = await connect(fake, (_s, envelope) => seen.push(envelope));
            await assert.rejects(delivery.acked, /events_api \(message\) envelope .* \(3 retries ran out before its ack\)/);
            assert.deepEqual(seen.map((e) => e.retry_attempt), [0, 1, 2, 3]);
            assert.ok(seen.every((e) => e.payload.event_id === "EvNever"));
            b.terminate();
            await assert.rejects(fake.stop(), /the bot never acknowledged events_api \(message\)/);
        });

        it("does not retry slash commands or interactions (Slack does not)", async () => {
            fake.lateAckRetryMs = 50;
            const seen: string[] = [];
            const ws = await connect(fake, (_s, envelope) => seen.push(envelope.type));
            const command = await fake.sendSlashCommand({channel: "C0GENERAL", user: "U0ALICE", text: "dose?"});
            await fake.waitUntil(() => seen.length === 1, 20_000, "the command");
            await new Promise((resolve) => setTimeout(resolve, 300));
            assert.deepEqual(seen, ["slash_commands"]);
            assert.equal(fake.redeliveries.length, 0);
            ws.send(JSON.stringify({envelope_id: command.envelopeId}));
            await command.acked;
            ws.close();
            await fake.stop();
        });
    });
});
