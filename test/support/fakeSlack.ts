/**
 * A loopback fake of Slack for offline tests of the bot with the real Bolt: the Web API subset the bot uses
 * (recording every call and enforcing Slack's documented limits, so a bot that breaks them fails its tests), and a
 * Socket Mode websocket server that hands out `ws://127.0.0.1:PORT/link` through `apps.connections.open`, says
 * `hello`, delivers envelopes and checks acks by `envelope_id`.
 *
 * Lifecycle (Bolt facts): start the fake before constructing the App (`auth.test` runs in its constructor), and stop
 * the App before the fake (otherwise the websocket's close-handshake timer keeps the process alive).
 *
 * Membership (Slack facts): a bot reads and writes only in conversations it is a member of. Calls naming another
 * conversation fail as in Slack: `not_in_channel` for a public channel (`C…`), `channel_not_found` for anything the
 * bot cannot see (a private channel or group DM, `G…`, or a DM between people, `D…`). The bot joins a conversation
 * through `join()` (someone invited it), by opening a DM with `conversations.open`, and by receiving a user's message
 * there (`userMessage()`: Slack delivers message and mention events only from conversations the bot is in).
 *
 * @see https://docs.slack.dev/apis/events-api/using-socket-mode
 * @see https://docs.slack.dev/reference/methods
 */
import * as crypto from "node:crypto";
import * as http from "node:http";
import type {AddressInfo} from "node:net";
import * as querystring from "node:querystring";
import {WebSocket, WebSocketServer} from "ws";

export interface RecordedCall {
    /** Web API method ("chat.postMessage"), or "response_url" for posts to a command's response URL. */
    method: string;
    args: Record<string, any>;
    token?: string;
    /** Date.now() when the request arrived. */
    at: number;
    /** Position among everything the fake received (calls and acks): compare it to tell what came first. */
    seq: number;
    /** HTTP status answered. */
    status: number;
    response: Record<string, any>;
}

export interface FakeMessage {
    channel: string;
    ts: string;
    thread_ts?: string;
    user?: string;
    bot_id?: string;
    text: string;
    blocks?: any[];
    metadata?: {event_type: string; event_payload?: Record<string, unknown>};
    /** True while a chat.startStream message has not been stopped. */
    streaming?: boolean;
    deleted?: boolean;
}

/** A scripted failure: a Slack error (`ok: false`) or an HTTP 429 with `Retry-After` seconds. */
export type Failure = {error: string} | {rateLimitedSeconds: number};

export interface Ack {
    at: number;
    /** Position among everything the fake received (see RecordedCall.seq). */
    seq: number;
    payload: Record<string, any>;
}

export interface DeliveredEnvelope {
    envelopeId: string;
    /**
     * Resolves with the ack. Rejects when the fake stops or the connection closes first; such an envelope is also
     * reported by stop(), so a test that never awaits its ack still fails.
     */
    acked: Promise<Ack>;
}

/** One delivery awaiting its ack: the first envelope and, with late-ack retries on, Slack's retries of it. */
interface PendingAck {
    what: string;
    resolve: (ack: Ack) => void;
    reject: (err: Error) => void;
    /** The connection of the latest attempt. */
    ws: WebSocket;
    /** Every envelope sent for this delivery (an ack of any of them acknowledges it). */
    envelopeIds: string[];
    /** Retries sent so far. */
    retries: number;
    /** Sends the next retry (late-ack retries only). */
    retry?: () => void;
    timer?: NodeJS.Timeout;
}

/** A retry the fake sent by itself because an events_api envelope was not acknowledged in time. */
export interface Redelivery {
    eventId: string;
    envelopeId: string;
    /** 1 for the first retry (`retry_attempt`). */
    retryAttempt: number;
    /** Index in openConnections of the connection it went to, and that of the attempt before it. */
    connection: number;
    previousConnection: number;
}

type MethodHandler = (args: Record<string, any>, token: string | undefined) => Record<string, any>;

const LIMITS = {
    text: 40_000,
    /** chat.update's text is truncated by Slack at about 4,000 characters; the bot must split instead. */
    updateText: 4_000,
    markdownText: 12_000,
    sectionText: 3_000,
    blocks: 50,
    contextElementText: 3_000
};

export class FakeSlack {
    readonly botToken = "xoxb-fake-bot-token";
    readonly appToken = "xapp-1-fake-app-token";
    readonly teamId = "T0FAKE";
    readonly appId = "A0FAKE";
    readonly botUserId = "U0BOT";
    readonly botId = "B0BOT";

    readonly calls: RecordedCall[] = [];
    readonly messages: FakeMessage[] = [];
    /** Every message the fake received on a socket (acks and anything else). */
    readonly socketMessages: Record<string, any>[] = [];
    /** When false, chat.startStream answers `unknown_method` (a workspace without streaming). */
    streamingAvailable = true;
    /**
     * When set, a stream is closed by "Slack" after this many appendStream/stopStream calls (like Slack closing a
     * stream after ~5 minutes): later calls answer `message_not_in_streaming_state`. 0 closes it right after start.
     */
    streamExpiresAfterCalls: number | undefined;
    /** Number of socket connections opened so far. */
    connectionsOpened = 0;
    /**
     * Late-ack retries, as real Slack does (off by default: a deadline makes a test depend on the machine's speed,
     * so tests that want retries choose it). When set, an Events API envelope not acknowledged within this many ms
     * is sent again, as a new envelope with the same event and `retry_attempt` / `retry_reason: "timeout"`, to
     * another open Socket Mode connection of the app when there is one (Slack: 3 s, up to 3 retries). After
     * `maxLateAckRetries` retries without an ack the delivery fails (reported by stop()). Slash commands and
     * interactions are never retried, as in Slack.
     *
     * @see https://docs.slack.dev/apis/events-api/using-socket-mode#acknowledge
     * @see https://docs.slack.dev/apis/events-api/#retries
     */
    lateAckRetryMs: number | undefined;
    maxLateAckRetries = 3;
    /** The retries sent because of late acks, in order. */
    readonly redeliveries: Redelivery[] = [];
    /** Conversations the bot is a member of (see "Membership" above). */
    readonly memberOf = new Set<string>();
    /**
     * Each user's locale as Slack gives it with `users.info` and `include_locale` ("en-GB"); a user not set here
     * comes back without one.
     */
    readonly userLocales = new Map<string, string>();
    /** Each user's time zone as users.info gives it (`tz`, an IANA name); a user not set here has none. */
    readonly userTimeZones = new Map<string, string>();
    /**
     * When set, every users.info call fails with this Slack error: "missing_scope" is an app installed without
     * `users:read` (the answer names the scope needed, as Slack's does).
     */
    usersInfoError: string | undefined;

    private server: http.Server | undefined;
    private wss: WebSocketServer | undefined;
    private port = 0;
    private clock = 1_700_000_000_000_000; // microseconds, for unique increasing ts values
    private readonly failures = new Map<string, Failure[]>();
    private readonly handlers = new Map<string, MethodHandler>();
    private readonly holds = new Map<string, Promise<void>>();
    private readonly requestHolds = new Map<string, Promise<void>>();
    private readonly waitingRequests = new Map<string, number>();
    private readonly sockets = new Set<WebSocket>();
    private current: WebSocket | undefined;
    private readonly pendingAcks = new Map<string, PendingAck>();
    /** Envelopes the bot never acknowledged (stop() throws when there are any). */
    private readonly unacknowledgedEnvelopes: string[] = [];
    private sequence = 0;
    private readonly connectionWaiters: Array<(ws: WebSocket) => void> = [];
    private readonly callWaiters = new Set<() => void>();
    private envelopeCounter = 0;
    private readonly callsPerStream = new Map<string, number>();

    /** Base URL of the fake Web API, for Bolt's `clientOptions.slackApiUrl` (SLACK_API_URL). */
    get apiUrl(): string { return `http://127.0.0.1:${this.port}/api/`; }

    /** Base URL of the fake's response_url endpoint. */
    get responseUrlBase(): string { return `http://127.0.0.1:${this.port}/response/`; }

    async start(): Promise<void> {
        this.server = http.createServer((req, res) => { void this.handleHttp(req, res); });
        this.wss = new WebSocketServer({noServer: true});
        this.server.on("upgrade", (req, socket, head) => {
            if (!req.url?.startsWith("/link")) { socket.destroy(); return; }
            this.wss!.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
        });
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        this.port = (this.server.address() as AddressInfo).port;
    }

    /**
     * Stops the fake. Throws (after stopping) when an envelope was never acknowledged: Slack would have retried it,
     * and a test must not pass over it silently.
     */
    async stop(): Promise<void> {
        for (const pending of new Set(this.pendingAcks.values())) this.failAck(pending, "the fake Slack stopped");
        for (const ws of this.sockets) ws.terminate();
        this.sockets.clear();
        await new Promise<void>((resolve) => this.wss ? this.wss.close(() => resolve()) : resolve());
        if (this.server) {
            this.server.closeAllConnections();
            await new Promise<void>((resolve) => this.server!.close(() => resolve()));
        }
        this.server = undefined;
        this.wss = undefined;
        if (this.unacknowledgedEnvelopes.length > 0) {
            throw new Error(`FakeSlack: the bot never acknowledged ${this.unacknowledgedEnvelopes.join("; ")}`);
        }
    }

    /** Envelopes delivered and not acknowledged yet. */
    get unacknowledged(): number {
        return new Set(this.pendingAcks.values()).size;
    }

    // ------------------------------------------------------------------ scripting

    /** The next `times` calls of `method` fail as described. */
    failNext(method: string, failure: Failure, times = 1): void {
        const list = this.failures.get(method) ?? [];
        for (let i = 0; i < times; i++) list.push(failure);
        this.failures.set(method, list);
    }

    /**
     * Calls of `method` get no answer until the returned function is called (a slow Slack, under the test's control);
     * they are recorded when they arrive.
     */
    holdResponses(method: string): () => void {
        let release!: () => void;
        const held = new Promise<void>((resolve) => { release = resolve; });
        this.holds.set(method, held);
        return () => {
            if (this.holds.get(method) === held) this.holds.delete(method);
            release();
        };
    }

    /**
     * Calls of `method` are neither applied nor answered until the returned function is called (a Slack slow to
     * process them, under the test's control; holdResponses applies a call at once and only holds its answer). A
     * call whose sender disconnected meanwhile (its process died) is dropped: it never reached "Slack". Waiting
     * calls are counted by heldRequests() and recorded once applied.
     */
    holdRequests(method: string): () => void {
        let release!: () => void;
        const held = new Promise<void>((resolve) => { release = resolve; });
        this.requestHolds.set(method, held);
        return () => {
            if (this.requestHolds.get(method) === held) this.requestHolds.delete(method);
            release();
        };
    }

    /** Calls of `method` waiting under holdRequests(). */
    heldRequests(method: string): number {
        return this.waitingRequests.get(method) ?? 0;
    }

    /** Replaces the built-in behaviour of a method. */
    setHandler(method: string, handler: MethodHandler): void {
        this.handlers.set(method, handler);
    }

    /** The bot is invited to these conversations (`/invite @Med42`, or its own DM with a user). */
    join(...channels: string[]): void {
        for (const channel of channels) this.memberOf.add(channel);
    }

    /** Adds a message to a channel as if a user (or another bot) had posted it; returns its ts. */
    addMessage(message: Omit<FakeMessage, "ts"> & {ts?: string}): string {
        const ts = message.ts ?? this.nextTs();
        this.messages.push({...message, ts});
        return ts;
    }

    /** Messages of a thread (root first), as conversations.replies sees them. */
    thread(channel: string, threadTs: string): FakeMessage[] {
        return this.messages.filter((m) => m.channel === channel && !m.deleted &&
            (m.ts === threadTs || m.thread_ts === threadTs));
    }

    callsTo(method: string): RecordedCall[] {
        return this.calls.filter((c) => c.method === method);
    }

    /** Resolves with the first recorded call matching, waiting for it up to `timeoutMs`. */
    async waitForCall(method: string, predicate: (c: RecordedCall) => boolean = () => true, timeoutMs = 20_000):
        Promise<RecordedCall> {
        const found = () => this.calls.find((c) => c.method === method && predicate(c));
        return this.waitUntil(found, timeoutMs, `a ${method} call`);
    }

    /** Resolves when `check` returns a truthy value (re-checked after every call), or rejects after `timeoutMs`. */
    async waitUntil<T>(check: () => T | undefined | false | null, timeoutMs = 20_000, what = "a condition"): Promise<T> {
        const first = check();
        if (first) return first;
        return new Promise<T>((resolve, reject) => {
            const waiter = () => {
                const value = check();
                if (value) { cleanup(); resolve(value); }
            };
            const timer = setTimeout(() => {
                cleanup();
                reject(new Error(`FakeSlack: timed out after ${timeoutMs} ms waiting for ${what}; calls: ` +
                    this.calls.map((c) => c.method).join(", ")));
            }, timeoutMs);
            const poll = setInterval(waiter, 50);
            const cleanup = () => { clearTimeout(timer); clearInterval(poll); this.callWaiters.delete(waiter); };
            this.callWaiters.add(waiter);
        });
    }

    // ------------------------------------------------------------------ Socket Mode: deliveries

    /**
     * Delivers an Events API event; `eventId` lets a test deliver the same event twice (a retry: `retryAttempt` sets
     * `retry_attempt`/`retry_reason` as Slack does). `connection` picks one of the open Socket Mode connections (see
     * openConnections: Slack spreads events over all of an app's connections, several replicas included); default:
     * the latest.
     */
    sendEvent(event: Record<string, any>, options: {eventId?: string; retryAttempt?: number; connection?: number} = {}):
        Promise<DeliveredEnvelope> {
        const eventId = options.eventId ?? `Ev${++this.envelopeCounter}${Date.now()}`;
        return this.deliver("events_api", {
            token: "verification-token",
            team_id: this.teamId,
            api_app_id: this.appId,
            event: {event_ts: event.ts ?? this.peekTs(), ...event},
            type: "event_callback",
            event_id: eventId,
            event_time: Math.floor(Date.now() / 1000),
            authorizations: [{enterprise_id: null, team_id: this.teamId, user_id: this.botUserId, is_bot: true}],
            is_ext_shared_channel: false
        }, {retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? "timeout" : ""}, options.connection);
    }

    /** The open Socket Mode connections, oldest first (one per running bot, or more). */
    get openConnections(): WebSocket[] {
        return [...this.sockets].filter((ws) => ws.readyState === WebSocket.OPEN);
    }

    /** Builds a user's message event (`app_mention` or `message`) and adds the message to the fake's history. */
    userMessage(type: "app_mention" | "message", fields: {channel: string; user: string; text: string;
        thread_ts?: string; channel_type?: string; ts?: string}): Record<string, any> {
        this.join(fields.channel);
        const ts = this.addMessage({channel: fields.channel, user: fields.user, text: fields.text,
            thread_ts: fields.thread_ts, ts: fields.ts});
        const event: Record<string, any> = {type, channel: fields.channel, user: fields.user, text: fields.text, ts,
            team: this.teamId};
        if (fields.thread_ts) event.thread_ts = fields.thread_ts;
        if (type === "message") event.channel_type = fields.channel_type ?? (fields.channel.startsWith("D") ? "im" : "channel");
        return event;
    }

    /** Delivers a slash command (`/med42 text`); its response_url points at the fake. */
    sendSlashCommand(fields: {channel: string; user: string; text: string; command?: string}): Promise<DeliveredEnvelope> {
        const id = `${++this.envelopeCounter}`;
        return this.deliver("slash_commands", {
            token: "verification-token",
            team_id: this.teamId,
            team_domain: "fake",
            channel_id: fields.channel,
            channel_name: fields.channel.startsWith("D") ? "directmessage" : "general",
            user_id: fields.user,
            user_name: fields.user.toLowerCase(),
            command: fields.command ?? "/med42",
            text: fields.text,
            api_app_id: this.appId,
            is_enterprise_install: "false",
            response_url: `${this.responseUrlBase}${id}`,
            trigger_id: `trigger.${id}`
        }, {accepts_response_payload: true});
    }

    /** Delivers an interactivity payload (block_actions, message_action, view_submission...). */
    sendInteractive(payload: Record<string, any>, connection?: number): Promise<DeliveredEnvelope> {
        const id = `${++this.envelopeCounter}`;
        return this.deliver("interactive", {
            token: "verification-token",
            team: {id: this.teamId, domain: "fake"},
            api_app_id: this.appId,
            is_enterprise_install: false,
            enterprise: null,
            response_url: `${this.responseUrlBase}${id}`,
            trigger_id: `trigger.${id}`,
            ...payload
        }, {accepts_response_payload: payload.type === "view_submission"}, connection);
    }

    /** Clicks a button of a posted message (a `block_actions` payload). */
    clickButton(fields: {user: string; channel: string; messageTs: string; actionId: string; value: string; connection?: number}):
        Promise<DeliveredEnvelope> {
        return this.sendInteractive({
            type: "block_actions",
            user: {id: fields.user, team_id: this.teamId, username: fields.user.toLowerCase()},
            channel: {id: fields.channel, name: "general"},
            container: {type: "message", message_ts: fields.messageTs, channel_id: fields.channel, is_ephemeral: false},
            message: {ts: fields.messageTs, type: "message"},
            actions: [{type: "button", action_id: fields.actionId, block_id: "b", value: fields.value,
                action_ts: `${Date.now() / 1000}`}]
        }, fields.connection);
    }

    /**
     * Sends `disconnect` with reason `refresh_requested` (Slack does this routinely) and resolves once the client
     * opened a new connection and got its `hello`.
     */
    async requestRefresh(timeoutMs = 20_000): Promise<void> {
        const before = this.connectionsOpened;
        const ws = await this.connection(timeoutMs);
        ws.send(JSON.stringify({type: "disconnect", reason: "refresh_requested",
            debug_info: {host: "fake-slack"}}));
        await this.waitUntil(() => this.connectionsOpened > before && this.current?.readyState === WebSocket.OPEN,
            timeoutMs, "the Socket Mode client to reconnect");
    }

    /** The open connection (waiting for one up to `timeoutMs`). */
    connection(timeoutMs = 20_000): Promise<WebSocket> {
        if (this.current && this.current.readyState === WebSocket.OPEN) return Promise.resolve(this.current);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error("FakeSlack: no Socket Mode connection")), timeoutMs);
            this.connectionWaiters.push((ws) => { clearTimeout(timer); resolve(ws); });
        });
    }

    /**
     * Sends an envelope. There is no deadline for its ack unless `lateAckRetryMs` is set (a deadline would make the
     * tests depend on the machine's speed): tests check that the ack comes before the listener's work by the order of
     * events, and an envelope never acknowledged fails the test when the fake stops.
     */
    private async deliver(type: string, payload: Record<string, any>, extra: Record<string, any>, connection?: number):
        Promise<DeliveredEnvelope> {
        let ws: WebSocket;
        if (connection === undefined) ws = await this.connection();
        else {
            const open = this.openConnections;
            if (!open[connection]) throw new Error(`FakeSlack: no open connection #${connection} (${open.length} open)`);
            ws = open[connection];
        }
        const envelopeId = crypto.randomUUID();
        const what = `${type}${payload.event?.type ? ` (${payload.event.type})` : payload.type ? ` (${payload.type})` : ""}`;
        let pending!: PendingAck;
        const acked = new Promise<Ack>((resolve, reject) => {
            pending = {what, resolve, reject, ws, envelopeIds: [envelopeId], retries: 0};
        });
        this.pendingAcks.set(envelopeId, pending);
        // Unhandled here on purpose only: a missing ack is reported by stop() and by the connection closing.
        acked.catch(() => undefined);
        const retryMs = this.lateAckRetryMs;
        if (type === "events_api" && retryMs !== undefined) {
            pending.retry = () => this.retryLateAck(pending, type, payload, extra, retryMs);
            pending.timer = setTimeout(pending.retry, retryMs);
        }
        ws.send(JSON.stringify({envelope_id: envelopeId, type, payload, accepts_response_payload: false, ...extra}));
        return {envelopeId, acked};
    }

    /** Slack's retry of an envelope not acknowledged in time: a new envelope, preferably on another connection. */
    private retryLateAck(pending: PendingAck, type: string, payload: Record<string, any>, extra: Record<string, any>,
        retryMs: number): void {
        pending.timer = undefined;
        if (!pending.envelopeIds.some((id) => this.pendingAcks.get(id) === pending)) return; // acknowledged meanwhile
        if (pending.retries >= this.maxLateAckRetries) {
            this.failAck(pending, `${pending.retries} retries ran out`);
            return;
        }
        const open = this.openConnections;
        if (open.length === 0) { // no connection at all: Slack tries again later
            pending.timer = setTimeout(pending.retry!, retryMs);
            return;
        }
        const previous = open.indexOf(pending.ws);
        const others = open.filter((w) => w !== pending.ws);
        const ws = others.length ? others[pending.retries % others.length] : open[0];
        const envelopeId = crypto.randomUUID();
        pending.retries++;
        pending.ws = ws;
        pending.envelopeIds.push(envelopeId);
        this.pendingAcks.set(envelopeId, pending);
        this.redeliveries.push({eventId: String(payload.event_id), envelopeId, retryAttempt: pending.retries,
            connection: open.indexOf(ws), previousConnection: previous});
        pending.timer = setTimeout(pending.retry!, retryMs);
        ws.send(JSON.stringify({envelope_id: envelopeId, type, payload, accepts_response_payload: false, ...extra,
            retry_attempt: pending.retries, retry_reason: "timeout"}));
    }

    private forget(pending: PendingAck): void {
        clearTimeout(pending.timer);
        pending.timer = undefined;
        for (const id of pending.envelopeIds) if (this.pendingAcks.get(id) === pending) this.pendingAcks.delete(id);
    }

    private failAck(pending: PendingAck, why: string): void {
        this.forget(pending);
        const message = `${pending.what} envelope ${pending.envelopeIds[0]} (${why} before its ack)`;
        this.unacknowledgedEnvelopes.push(message);
        pending.reject(new Error(`FakeSlack: ${message}`));
    }

    private onConnection(ws: WebSocket): void {
        this.sockets.add(ws);
        this.current = ws;
        this.connectionsOpened++;
        ws.on("message", (data) => {
            let msg: Record<string, any>;
            try { msg = JSON.parse(String(data)); } catch { return; }
            this.socketMessages.push(msg);
            const envelopeId = msg.envelope_id;
            if (typeof envelopeId === "string") {
                const pending = this.pendingAcks.get(envelopeId);
                if (pending) {
                    this.forget(pending);
                    pending.resolve({at: Date.now(), seq: ++this.sequence, payload: msg.payload ?? {}});
                }
            }
        });
        ws.on("close", () => {
            this.sockets.delete(ws);
            if (this.current === ws) this.current = undefined;
            for (const pending of new Set(this.pendingAcks.values())) {
                // With late-ack retries, Slack sends it again elsewhere when its time is up.
                if (pending.ws === ws && !pending.retry) this.failAck(pending, "the connection closed");
            }
        });
        ws.send(JSON.stringify({type: "hello", num_connections: 1,
            debug_info: {host: "fake-slack", approximate_connection_time: 18060}, connection_info: {app_id: this.appId}}));
        for (const waiter of this.connectionWaiters.splice(0)) waiter(ws);
    }

    // ------------------------------------------------------------------ Web API

    private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const raw = Buffer.concat(chunks).toString("utf8");
        const url = req.url ?? "/";
        const auth = req.headers.authorization;
        const token = auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : undefined;
        const args = parseBody(raw, String(req.headers["content-type"] ?? ""));
        const method = url.startsWith("/api/") ? url.slice("/api/".length).split("?")[0]
            : url.startsWith("/response/") ? "response_url" : url;
        const heldRequest = this.requestHolds.get(method);
        if (heldRequest) {
            this.waitingRequests.set(method, this.heldRequests(method) + 1);
            for (const waiter of [...this.callWaiters]) waiter();
            await heldRequest;
            this.waitingRequests.set(method, this.heldRequests(method) - 1);
            if (req.socket.destroyed) return; // its sender is gone: the call never reached Slack
        }
        const call: RecordedCall = {method, args, token: token ?? args.token, at: Date.now(), seq: 0, status: 200,
            response: {}};

        const failure = this.failures.get(method)?.shift();
        if (failure && "rateLimitedSeconds" in failure) {
            call.status = 429;
            call.response = {ok: false, error: "ratelimited"};
            this.record(call);
            res.writeHead(429, {"Content-Type": "application/json", "Retry-After": String(failure.rateLimitedSeconds)});
            res.end(JSON.stringify(call.response));
            return;
        }
        let response: Record<string, any>;
        if (failure) response = {ok: false, error: failure.error};
        else {
            try {
                response = this.dispatch(method, args, call.token);
            } catch (err) {
                response = {ok: false, error: "fake_slack_internal_error", detail: String(err)};
            }
        }
        call.response = response;
        this.record(call);
        const held = this.holds.get(method);
        if (held) await held;
        res.writeHead(200, {"Content-Type": "application/json"});
        res.end(JSON.stringify(response));
    }

    private record(call: RecordedCall): void {
        call.seq = ++this.sequence;
        this.calls.push(call);
        for (const waiter of [...this.callWaiters]) waiter();
    }

    private dispatch(method: string, args: Record<string, any>, token: string | undefined): Record<string, any> {
        const custom = this.handlers.get(method);
        if (custom) return custom(args, token);
        if (method === "response_url") return {ok: true};
        if (method === "apps.connections.open") {
            if (token !== this.appToken) return {ok: false, error: "invalid_auth"};
            return {ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=${crypto.randomUUID()}`};
        }
        if (token !== this.botToken) return {ok: false, error: "invalid_auth"};
        const conversation = args.channel ?? args.channel_id;
        if (typeof conversation === "string" && conversation && !this.memberOf.has(conversation)) {
            return {ok: false, error: conversation.startsWith("C") ? "not_in_channel" : "channel_not_found"};
        }
        switch (method) {
            case "auth.test":
                return {ok: true, url: "https://fake.slack.com/", team: "Fake", user: "med42", team_id: this.teamId,
                    user_id: this.botUserId, bot_id: this.botId, is_enterprise_install: false};
            case "chat.postMessage": return this.postMessage(args);
            case "chat.postEphemeral": {
                const invalid = requireArgs(args, ["channel", "user"]) ?? checkMessageLimits(args, LIMITS.text);
                if (invalid) return invalid;
                return {ok: true, message_ts: this.nextTs()};
            }
            case "chat.update": return this.update(args);
            case "chat.delete": {
                const message = this.find(args.channel, args.ts);
                if (!message) return {ok: false, error: "message_not_found"};
                message.deleted = true;
                return {ok: true, channel: args.channel, ts: args.ts};
            }
            case "chat.startStream": return this.startStream(args);
            case "chat.appendStream": return this.appendStream(args);
            case "chat.stopStream": return this.stopStream(args);
            case "reactions.add": {
                const invalid = requireArgs(args, ["channel", "timestamp", "name"]);
                if (invalid) return invalid;
                return this.find(args.channel, args.timestamp) ? {ok: true} : {ok: false, error: "message_not_found"};
            }
            case "conversations.replies": {
                const invalid = requireArgs(args, ["channel", "ts"]);
                if (invalid) return invalid;
                const messages = this.thread(args.channel, args.ts).map((m) => ({
                    type: "message", ts: m.ts, thread_ts: m.thread_ts ?? (m.ts === args.ts ? m.ts : undefined),
                    user: m.user, bot_id: m.bot_id, text: m.text, blocks: m.blocks,
                    ...(String(args.include_all_metadata) === "true" && m.metadata ? {metadata: m.metadata} : {})
                }));
                return messages.length ? {ok: true, messages, has_more: false} : {ok: false, error: "thread_not_found"};
            }
            case "conversations.open": {
                const users = String(args.users ?? "");
                if (!users) return {ok: false, error: "users_list_not_supplied"};
                const dm = `D${users.replace(/^U/, "")}`;
                this.join(dm);
                return {ok: true, channel: {id: dm}};
            }
            case "assistant.threads.setStatus": {
                const invalid = requireArgs(args, ["channel_id", "thread_ts"]);
                if (invalid) return invalid;
                if (typeof args.status !== "string") return {ok: false, error: "invalid_arguments"};
                return {ok: true};
            }
            case "views.publish": {
                const invalid = requireArgs(args, ["user_id", "view"]);
                if (invalid) return invalid;
                const view = typeof args.view === "string" ? JSON.parse(args.view) : args.view;
                const blockError = checkBlocks(view.blocks ?? []);
                if (blockError) return blockError;
                return {ok: true, view: {id: "V0HOME", ...view}};
            }
            case "users.info": {
                const invalid = requireArgs(args, ["user"]);
                if (invalid) return invalid;
                if (this.usersInfoError) {
                    return {ok: false, error: this.usersInfoError, ...(this.usersInfoError === "missing_scope"
                        ? {needed: "users:read", provided: "app_mentions:read,chat:write"} : {})};
                }
                const id = String(args.user);
                if (!/^[UW][A-Z0-9]+$/.test(id)) return {ok: false, error: "user_not_found"};
                const locale = this.userLocales.get(id);
                const tz = this.userTimeZones.get(id);
                return {ok: true, user: {id, team_id: this.teamId, name: id.toLowerCase(), is_bot: false, ...(tz ? {tz} : {}),
                    ...(String(args.include_locale) === "true" && locale ? {locale} : {})}};
            }
            case "views.open": {
                const invalid = requireArgs(args, ["trigger_id", "view"]);
                if (invalid) return invalid;
                return {ok: true, view: {id: "V0MODAL"}};
            }
            default:
                return {ok: false, error: "unknown_method"};
        }
    }

    private postMessage(args: Record<string, any>): Record<string, any> {
        const invalid = requireArgs(args, ["channel"]) ?? checkMessageLimits(args, LIMITS.text);
        if (invalid) return invalid;
        if (!args.text && !args.blocks && !args.markdown_text) return {ok: false, error: "no_text"};
        const message: FakeMessage = {channel: args.channel, ts: this.nextTs(), thread_ts: args.thread_ts,
            bot_id: this.botId, user: this.botUserId, text: String(args.text ?? args.markdown_text ?? ""),
            blocks: args.blocks, metadata: args.metadata};
        this.messages.push(message);
        return {ok: true, channel: args.channel, ts: message.ts, message};
    }

    private update(args: Record<string, any>): Record<string, any> {
        const invalid = requireArgs(args, ["channel", "ts"]) ?? checkMessageLimits(args, LIMITS.updateText);
        if (invalid) return invalid;
        const message = this.find(args.channel, args.ts);
        if (!message) return {ok: false, error: "message_not_found"};
        if (message.streaming) return {ok: false, error: "message_is_streaming"};
        if (args.text !== undefined) message.text = String(args.text);
        if (args.blocks !== undefined) message.blocks = args.blocks;
        return {ok: true, channel: args.channel, ts: args.ts, text: message.text};
    }

    private startStream(args: Record<string, any>): Record<string, any> {
        if (!this.streamingAvailable) return {ok: false, error: "unknown_method"};
        const invalid = requireArgs(args, ["channel", "thread_ts"]);
        if (invalid) return invalid;
        if (!String(args.channel).startsWith("D") && (!args.recipient_user_id || !args.recipient_team_id)) {
            return {ok: false, error: "missing_recipient_user_id"};
        }
        const text = streamText(args);
        if (text.length > LIMITS.markdownText) return {ok: false, error: "msg_too_long"};
        const message: FakeMessage = {channel: args.channel, ts: this.nextTs(), thread_ts: args.thread_ts,
            bot_id: this.botId, user: this.botUserId, text, streaming: true};
        this.messages.push(message);
        this.callsPerStream.set(message.ts, 0);
        return {ok: true, channel: args.channel, ts: message.ts};
    }

    /** What appendStream and stopStream check alike: the message exists, is still streaming, and stays in limits. */
    private streamCall(args: Record<string, any>): {message: FakeMessage; text: string} | {error: Record<string, any>} {
        const invalid = requireArgs(args, ["channel", "ts"]);
        if (invalid) return {error: invalid};
        const message = this.find(args.channel, args.ts);
        if (!message) return {error: {ok: false, error: "message_not_found"}};
        this.countStreamCall(message);
        if (!message.streaming) return {error: {ok: false, error: "message_not_in_streaming_state"}};
        const text = message.text + streamText(args);
        if (text.length > LIMITS.markdownText) return {error: {ok: false, error: "msg_too_long"}};
        return {message, text};
    }

    private appendStream(args: Record<string, any>): Record<string, any> {
        const checked = this.streamCall(args);
        if ("error" in checked) return checked.error;
        const {message, text} = checked;
        message.text = text;
        return {ok: true, channel: args.channel, ts: args.ts};
    }

    private stopStream(args: Record<string, any>): Record<string, any> {
        const checked = this.streamCall(args);
        if ("error" in checked) return checked.error;
        const {message, text} = checked;
        if (args.blocks) {
            const blockError = checkBlocks(args.blocks);
            if (blockError) return blockError;
            message.blocks = args.blocks;
        }
        message.text = text;
        message.streaming = false;
        return {ok: true, channel: args.channel, ts: args.ts};
    }

    private countStreamCall(message: FakeMessage): void {
        const calls = (this.callsPerStream.get(message.ts) ?? 0) + 1;
        this.callsPerStream.set(message.ts, calls);
        if (this.streamExpiresAfterCalls !== undefined && calls > this.streamExpiresAfterCalls) message.streaming = false;
    }

    private find(channel: string, ts: string): FakeMessage | undefined {
        return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
    }

    private nextTs(): string {
        this.clock += 100;
        return formatTs(this.clock);
    }

    private peekTs(): string {
        return formatTs(this.clock + 1);
    }
}

/** Signs a request body the way Slack does (`v0=` HMAC-SHA256 of `v0:timestamp:body`). */
export function slackSignature(signingSecret: string, timestampSeconds: number, body: string): string {
    return "v0=" + crypto.createHmac("sha256", signingSecret).update(`v0:${timestampSeconds}:${body}`).digest("hex");
}

/** Posts a signed Events API request to a bot in HTTP mode; returns the HTTP status and body. */
export async function postSignedRequest(url: string, options: {signingSecret: string; body: string;
    timestampSeconds?: number; signature?: string; contentType?: string}): Promise<{status: number; body: string}> {
    const ts = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
    const response = await fetch(url, {
        method: "POST",
        headers: {
            "Content-Type": options.contentType ?? "application/json",
            "X-Slack-Request-Timestamp": String(ts),
            "X-Slack-Signature": options.signature ?? slackSignature(options.signingSecret, ts, options.body)
        },
        body: options.body
    });
    return {status: response.status, body: await response.text()};
}

function formatTs(micros: number): string {
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, "0")}`;
}

/** The WebClient sends form-encoded bodies with nested values as JSON strings; some callers send JSON. */
function parseBody(raw: string, contentType: string): Record<string, any> {
    if (!raw) return {};
    if (contentType.includes("application/json")) {
        try { return JSON.parse(raw); } catch { return {}; }
    }
    const parsed = querystring.parse(raw);
    const args: Record<string, any> = {};
    for (const [key, value] of Object.entries(parsed)) {
        const v = Array.isArray(value) ? value[0] : value;
        if (typeof v === "string" && /^[[{]/.test(v)) {
            try { args[key] = JSON.parse(v); continue; } catch { /* plain text that starts with a bracket */ }
        }
        args[key] = v;
    }
    return args;
}

function requireArgs(args: Record<string, any>, names: string[]): Record<string, any> | undefined {
    const missing = names.find((n) => args[n] === undefined || args[n] === "");
    return missing ? {ok: false, error: `missing_argument`, argument: missing} : undefined;
}

function streamText(args: Record<string, any>): string {
    let text = typeof args.markdown_text === "string" ? args.markdown_text : "";
    if (Array.isArray(args.chunks)) {
        for (const chunk of args.chunks) if (chunk?.type === "markdown_text") text += String(chunk.text ?? "");
    }
    return text;
}

function checkMessageLimits(args: Record<string, any>, textLimit: number): Record<string, any> | undefined {
    if (typeof args.text === "string" && args.text.length > textLimit) return {ok: false, error: "msg_too_long"};
    if (typeof args.markdown_text === "string" && args.markdown_text.length > LIMITS.markdownText) {
        return {ok: false, error: "msg_too_long"};
    }
    if (args.blocks !== undefined) return checkBlocks(args.blocks);
    return undefined;
}

/** The block limits the bot must respect: 50 blocks, section text 3,000, markdown blocks 12,000 in total. */
function checkBlocks(blocks: unknown): Record<string, any> | undefined {
    if (!Array.isArray(blocks)) return {ok: false, error: "invalid_blocks_format"};
    if (blocks.length > LIMITS.blocks) return {ok: false, error: "invalid_blocks", detail: "more than 50 blocks"};
    let markdownTotal = 0;
    for (const block of blocks) {
        if (block?.type === "section" && String(block.text?.text ?? "").length > LIMITS.sectionText) {
            return {ok: false, error: "invalid_blocks", detail: "section text over 3000"};
        }
        if (block?.type === "markdown") markdownTotal += String(block.text ?? "").length;
        if (block?.type === "context") {
            for (const el of block.elements ?? []) {
                if (String(el.text ?? "").length > LIMITS.contextElementText) {
                    return {ok: false, error: "invalid_blocks", detail: "context text over limit"};
                }
            }
        }
    }
    if (markdownTotal > LIMITS.markdownText) return {ok: false, error: "invalid_blocks", detail: "markdown over 12000"};
    return undefined;
}
