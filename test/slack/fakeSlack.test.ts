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
});
