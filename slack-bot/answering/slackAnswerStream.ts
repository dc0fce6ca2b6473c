/**
 * Shows an answer in a Slack thread as the model writes it.
 *
 * Native streaming first: `chat.startStream` / `chat.appendStream` / `chat.stopStream` through the web-api
 * `chatStream` helper, with `markdown_text`. When streaming is unavailable (the first call fails) or Slack closes the
 * stream (`message_not_in_streaming_state`, seen after ~5 minutes), it falls back to a posted message edited with
 * `chat.update` at most once per `updateIntervalMs`. Long answers continue in further messages (a streamed message
 * holds 12,000 characters of Markdown, an updated one about 4,000). A 429 waits as `Retry-After` says. The footer
 * (disclaimer, feedback) goes on the last message; with a `disclaimer`, every other message of the answer carries it
 * too (and so does every plain-text `text` fallback), also while it is written and when the answer is abandoned.
 * Model text is defanged (slackDefang.ts) as one text, not chunk by chunk.
 *
 * @see https://docs.slack.dev/messaging/sending-and-scheduling-messages#text-streaming
 * @see https://docs.slack.dev/reference/methods/chat.update
 */
import type {Logger, types, webApi} from "@slack/bolt";
import type {Disclaimer} from "../../shared/policy/types";
import {disclaimerBlock, markdownBlock, textWithDisclaimer} from "../blocks";
import {retryAfterMs, sleep, slackErrorCode, withSlackRetry} from "../reliability/slackRetry";
import {SlackDefanger} from "./slackDefang";
import {splitMessage} from "./splitMessage";

export {defangSlackSyntax} from "./slackDefang";

export interface AnswerTarget {
    channel: string;
    threadTs: string;
    /** Who asked: `chat.startStream` needs the recipient outside DMs. */
    recipientUserId: string;
    recipientTeamId?: string;
}

export interface SlackAnswerStreamOptions {
    /** Try `chat.startStream` first (default true). */
    nativeStreaming?: boolean;
    /** Least time between two `chat.update` calls on one message (default 1000 ms). */
    updateIntervalMs?: number;
    /** Characters of Markdown per streamed message (Slack's limit is 12,000). */
    streamMessageLimit?: number;
    /** Characters per message edited with chat.update (Slack truncates text at about 4,000). */
    updateMessageLimit?: number;
    /**
     * Characters collected before the next streaming call (default 128). The answer's first text goes at once, and
     * collected text at least every `updateIntervalMs` while the model writes.
     */
    streamBufferSize?: number;
    /** Shown under every message of the answer, not only the last (whose footer has it), and in every `text`. */
    disclaimer?: Disclaimer;
    logger?: Logger;
    /**
     * Called with the ts of each message a native stream opens (while streaming it has no disclaimer yet): if this
     * process dies, another replica closes that stream with the disclaimer (orphanFinisher.ts).
     */
    onStreamStarted?: (ts: string) => void;
}

interface OpenMessage {
    ts?: string;
    /** What Slack shows (or, while streaming, what was handed to the stream). */
    shown: string;
    /** What it should show (update mode). */
    desired: string;
}

type Mode = "stream" | "update";

const FENCE_LINE = /^\s*(```|~~~)/;
const EMPTY_ANSWER = "_Med42 returned an empty answer._";

export class SlackAnswerStream {
    private mode: Mode;
    private readonly options: Required<Omit<SlackAnswerStreamOptions, "logger" | "disclaimer" | "onStreamStarted">>;
    private readonly onStreamStarted?: (ts: string) => void;
    private readonly logger?: Logger;
    private readonly disclaimer?: Disclaimer;
    /** Blocks every message but the last ends with (the disclaimer, when there is one). */
    private readonly partFooter: types.KnownBlock[];
    private defanger = new SlackDefanger();
    /** Finished messages of this answer, oldest first. */
    private readonly sealed: string[] = [];
    private current: OpenMessage = {shown: "", desired: ""};
    private streamer: webApi.ChatStreamer | undefined;
    /** Text not yet taken by the delivery loop. */
    private pending = "";
    private replacement: string | undefined;
    private lastUpdateAt = 0;
    /** Date.now() of the last streaming call that carried text. */
    private lastStreamAt = 0;
    private loop: Promise<void> | undefined;
    private failure: unknown;
    private total = "";
    private closed = false;
    /** Bumped by replace(): text taken before a replacement must never be shown after it. */
    private epoch = 0;

    constructor(private readonly client: webApi.WebClient, private readonly target: AnswerTarget,
        options: SlackAnswerStreamOptions = {}) {
        this.options = {
            nativeStreaming: options.nativeStreaming ?? true,
            updateIntervalMs: options.updateIntervalMs ?? 1000,
            streamMessageLimit: options.streamMessageLimit ?? 11_000,
            updateMessageLimit: options.updateMessageLimit ?? 3_900,
            streamBufferSize: options.streamBufferSize ?? 128
        };
        this.logger = options.logger;
        this.onStreamStarted = options.onStreamStarted;
        this.disclaimer = options.disclaimer;
        this.partFooter = options.disclaimer ? [disclaimerBlock(options.disclaimer)] : [];
        this.mode = this.options.nativeStreaming ? "stream" : "update";
    }

    /** Everything appended so far (after any replacement). */
    get text(): string { return this.total; }

    /** Whether the answer is (still) shown through native streaming. */
    get streaming(): boolean { return this.mode === "stream"; }

    /** ts of every message of this answer shown so far. */
    get messageTs(): string[] {
        return this.current.ts ? [...this.sealed, this.current.ts] : [...this.sealed];
    }

    /** Adds model text; returns at once (Slack calls happen in the background, in order). */
    append(text: string): void {
        if (this.closed || !text) return;
        this.take(this.defanger.push(text));
    }

    private take(safe: string): void {
        if (!safe) return;
        this.total += safe;
        this.pending += safe;
        this.kick();
    }

    /**
     * Output screening replaced the answer: everything shown so far is rewritten to `text`, the policy's own message
     * (shown as written, like every policy message; model text held back is dropped).
     */
    replace(text: string): void {
        if (this.closed) return;
        this.defanger = new SlackDefanger();
        this.replacement = text;
        this.total = this.replacement;
        this.pending = "";
        this.epoch++;
        this.kick();
    }

    /**
     * Ends the answer: pending text, then `footer` blocks on the last message. Returns the ts of the last message.
     * Throws when Slack could not show the answer (the caller reports it in the thread).
     */
    async finish(footer: types.KnownBlock[]): Promise<string> {
        if (this.closed) throw new Error("SlackAnswerStream: finish() called twice");
        this.take(this.defanger.flush());
        if (!this.total.trim()) {
            this.total = EMPTY_ANSWER;
            this.pending += EMPTY_ANSWER;
        }
        this.closed = true;
        this.kick();
        await this.idle();
        if (this.failure) throw this.failure;
        if (this.mode === "stream") {
            if (!this.streamer && !this.current.shown) return this.postFooterAlone(footer);
            try {
                return await this.stopStream(footer);
            } catch (err) {
                if (retryAfterMs(err) !== undefined) throw err;
                this.logger?.warn(`chat.stopStream failed (${slackErrorCode(err) ?? err}); finishing with chat.update`);
                this.fallBackToUpdates();
            }
        }
        return this.writeUpdate(footer);
    }

    /**
     * Ends the answer without the feedback footer (an error follows in the thread); what was shown keeps the
     * disclaimer under it. Never throws.
     */
    async abandon(): Promise<void> {
        if (!this.closed) this.take(this.defanger.flush());
        this.closed = true;
        // Text collected but not yet sent goes out now (a closed stream sends at once), under the same disclaimer.
        this.kick();
        await this.idle().catch(() => undefined);
        if (this.failure) return; // Slack itself failed: the error notice that follows carries the disclaimer
        const blocks = this.partFooter;
        try {
            // Text the helper still buffers is shown too (stop() starts the stream when it had not started yet).
            if (this.mode === "stream" && this.streamer) await this.streamer.stop(blocks.length ? {blocks} : undefined);
            else if (this.mode === "update" && (this.pending || this.current.desired !== this.current.shown)) await this.writeUpdate([]);
        } catch (err) {
            this.logger?.debug(`Ending the abandoned answer failed: ${slackErrorCode(err) ?? err}`);
        }
    }

    // ------------------------------------------------------------------ background delivery

    private kick(): void {
        if (this.loop) return;
        this.loop = this.deliver()
            .catch((err) => { this.failure ??= err; })
            .finally(() => { this.loop = undefined; });
    }

    private async idle(): Promise<void> {
        while (this.loop) await this.loop;
    }

    private async deliver(): Promise<void> {
        while (!this.failure) {
            if (this.replacement !== undefined) {
                await this.applyReplacement();
            } else if (this.mode === "stream" && this.pending && this.streamDue()) {
                const chunk = this.pending;
                this.pending = "";
                await this.streamChunk(chunk);
            } else if (this.mode === "update" && (this.pending || this.current.desired !== this.current.shown)) {
                if (this.closed) return; // finish() writes the last state together with the footer
                const wait = this.lastUpdateAt + this.options.updateIntervalMs - Date.now();
                if (wait > 0) { await sleep(wait); continue; }
                await this.writeUpdate([]);
            } else {
                return;
            }
        }
    }

    /**
     * Whether collected text goes to Slack now. The first text of the answer goes at once: the chatStream helper's
     * own buffer held it back until 128 characters (some 30 tokens, seconds on a CPU) had been written. Then text is
     * collected, to keep the calls within Slack's limits.
     */
    private streamDue(): boolean {
        return this.closed || this.messageTs.length === 0 && !this.current.shown
            || this.pending.length >= this.options.streamBufferSize
            || Date.now() - this.lastStreamAt >= this.options.updateIntervalMs;
    }

    /** Hands `chunk` to the native stream, starting a new message when this one is full. */
    private async streamChunk(chunk: string): Promise<void> {
        const epoch = this.epoch;
        let rest = chunk;
        while (rest && this.mode === "stream" && epoch === this.epoch) {
            const room = this.options.streamMessageLimit - this.current.shown.length;
            if (rest.length <= room) {
                await this.streamAppend(rest);
                return;
            }
            const cut = cutPoint(rest, Math.max(1, room - 8));
            let head = rest.slice(0, cut);
            const fence = openFence(this.current.shown + head);
            if (fence) head = head.replace(/\n?$/, "\n") + fence;
            rest = (fence ? `${fence}\n` : "") + rest.slice(cut).replace(/^\n+/, "");
            await this.streamAppend(head);
            if (this.mode === "stream") {
                try {
                    await this.stopStream(this.partFooter);
                } catch (err) {
                    this.logger?.warn(`chat.stopStream failed (${slackErrorCode(err) ?? err}); falling back to chat.update`);
                    this.fallBackToUpdates();
                }
            }
        }
        if (rest && epoch === this.epoch) this.pending = rest + this.pending; // for the update path after a fallback
    }

    private async streamAppend(text: string): Promise<void> {
        const streamer = this.streamer ??= this.client.chatStream({
            channel: this.target.channel,
            thread_ts: this.target.threadTs,
            recipient_user_id: this.target.recipientUserId,
            recipient_team_id: this.target.recipientTeamId,
            buffer_size: 1 // what this class hands over goes out at once (see streamDue)
        });
        this.current.shown += text;
        this.lastStreamAt = Date.now();
        try {
            await withSlackRetry(() => streamer.append({markdown_text: text}));
        } catch (err) {
            // The helper keeps unsent text in its buffer; everything meant for this message is in `shown`.
            this.logger?.warn(`Slack streaming ${streamer.ts ? "closed" : "unavailable"} ` +
                `(${slackErrorCode(err) ?? err}); falling back to chat.update`);
            this.fallBackToUpdates();
        }
        if (this.streamer?.ts && this.current.ts !== this.streamer.ts) {
            this.current.ts = this.streamer.ts;
            if (this.mode === "stream") this.onStreamStarted?.(this.current.ts);
        }
    }

    /** Stops the current stream (footer blocks on the last one) and starts the next message fresh. */
    private async stopStream(footer: types.KnownBlock[]): Promise<string> {
        const streamer = this.streamer ??= this.client.chatStream({
            channel: this.target.channel, thread_ts: this.target.threadTs,
            recipient_user_id: this.target.recipientUserId, recipient_team_id: this.target.recipientTeamId,
            buffer_size: 1
        });
        // On a retry the helper still holds the unsent text, so the same arguments are right again.
        await withSlackRetry(() => streamer.stop(footer.length ? {blocks: footer} : undefined));
        const ts = streamer.ts!;
        this.sealed.push(ts);
        this.current = {shown: "", desired: ""};
        this.streamer = undefined;
        return ts;
    }

    private fallBackToUpdates(): void {
        this.mode = "update";
        const ts = this.streamer?.ts;
        this.streamer = undefined;
        // Everything meant for this message (some may still sit in the helper's buffer) is rewritten by chat.update.
        this.current = {ts, shown: "", desired: this.current.shown};
    }

    /** Writes the open message (splitting it when too long); `footer` goes on the last message. */
    private async writeUpdate(footer: types.KnownBlock[]): Promise<string> {
        this.current.desired += this.pending;
        this.pending = "";
        // Each piece's plain-text fallback holds the piece and the disclaimer within Slack's limit on `text`.
        const room = this.options.updateMessageLimit - (this.disclaimer ? this.disclaimer.text.length + 2 : 0);
        const pieces = splitMessage(this.current.desired, Math.max(1_000, room));
        for (let i = 0; i < pieces.length; i++) {
            const last = i === pieces.length - 1;
            // While it is written and once finished, every message shows the disclaimer; the last gets the footer.
            const blocks = [markdownBlock(pieces[i]), ...(last && footer.length ? footer : this.partFooter)];
            const text = this.fallbackText(pieces[i]);
            if (this.current.ts) {
                const ts = this.current.ts;
                await this.rateLimitedUpdate(() => this.client.chat.update({channel: this.target.channel, ts,
                    text, blocks}));
            } else {
                const posted = await withSlackRetry(() => this.client.chat.postMessage({channel: this.target.channel,
                    thread_ts: this.target.threadTs, text, blocks}));
                this.current.ts = posted.ts;
            }
            this.lastUpdateAt = Date.now();
            if (!last) {
                this.sealed.push(this.current.ts!);
                this.current = {shown: "", desired: pieces.slice(i + 1).join("\n")};
            }
        }
        // Appends during the awaits went to `pending`; the open message now shows exactly its last piece.
        this.current.shown = this.current.desired = pieces[pieces.length - 1] ?? "";
        return this.current.ts!;
    }

    /** chat.update at most once per interval, waiting out a 429 for as long as Slack says. */
    private async rateLimitedUpdate(update: () => Promise<unknown>): Promise<void> {
        for (let attempt = 1; ; attempt++) {
            const wait = this.lastUpdateAt + this.options.updateIntervalMs - Date.now();
            if (wait > 0) await sleep(wait);
            try {
                await update();
                return;
            } catch (err) {
                const retry = retryAfterMs(err);
                if (retry === undefined || attempt >= 4) throw err;
                this.logger?.info(`chat.update rate limited; retrying in ${retry} ms`);
                this.lastUpdateAt = Date.now() + retry - this.options.updateIntervalMs;
            }
        }
    }

    /** A message's plain-text fallback: the text, and the disclaimer when there is one. */
    private fallbackText(text: string): string {
        return this.disclaimer ? textWithDisclaimer(text, this.disclaimer, this.options.updateMessageLimit) : text;
    }

    /** The rare case of a streamed answer that ended exactly at a message boundary. */
    private async postFooterAlone(footer: types.KnownBlock[]): Promise<string> {
        const posted = await withSlackRetry(() => this.client.chat.postMessage({channel: this.target.channel,
            thread_ts: this.target.threadTs, text: this.disclaimer?.text ?? "Med42", blocks: footer}));
        this.sealed.push(posted.ts!);
        return posted.ts!;
    }

    private async applyReplacement(): Promise<void> {
        const text = this.replacement!;
        this.replacement = undefined;
        if (this.mode === "stream") {
            if (this.streamer?.ts) {
                await this.streamer.stop().catch((err) =>
                    this.logger?.debug(`chat.stopStream before replacement failed: ${slackErrorCode(err) ?? err}`));
            }
            this.fallBackToUpdates();
        }
        const all = this.messageTs;
        for (const ts of all.slice(1)) {
            await withSlackRetry(() => this.client.chat.delete({channel: this.target.channel, ts}));
        }
        this.sealed.length = 0;
        this.current = {ts: all[0], shown: "", desired: text};
    }
}

function cutPoint(text: string, max: number): number {
    const window = text.slice(0, max);
    for (const sep of ["\n\n", "\n", " "]) {
        const at = window.lastIndexOf(sep);
        if (at >= max / 2) return at + sep.length;
    }
    return max;
}

function openFence(text: string): string | undefined {
    let open: string | undefined;
    for (const line of text.split("\n")) {
        const m = FENCE_LINE.exec(line);
        if (!m) continue;
        if (open === undefined) open = m[1];
        else if (m[1] === open) open = undefined;
    }
    return open;
}
