/**
 * An answer in a Slack thread: the "thinking" status (assistant.threads.setStatus), a small control message with
 * the queue position and a Stop button while the model works, the streamed answer (SlackAnswerStream), and the
 * footer (disclaimer, feedback) on its last message. Policy messages and errors go in the thread; warnings meant
 * for one person (identifiers, rate limits in a channel) are ephemeral. Every message with answer or policy text
 * carries the disclaimer, in its blocks and its plain-text fallback; an error after part of the answer was shown
 * leaves the disclaimer under that part and on the error notice.
 *
 * @see https://docs.slack.dev/reference/methods/assistant.threads.setStatus
 * @see https://docs.slack.dev/reference/methods/chat.postEphemeral
 */
import type {Logger, types, webApi} from "@slack/bolt";
import type {Disclaimer, PolicyDecision} from "../../shared/policy/types";
import type {Surface} from "../../shared/types";
import type {BotSettings} from "../botContext";
import {answerFooter, controlBlocks, disclaimerBlock, markdownBlock, NOTICE_METADATA, POLICY_NOTICE_METADATA, textWithDisclaimer,
    toMrkdwn} from "../blocks";
import {slackErrorCode, withSlackRetry} from "../reliability/slackRetry";
import type {AnswerView, FinishedAnswer} from "./answerView";
import {phiChannelWarning, queuedStatus, SHUTDOWN_SUFFIX, STOPPED_SUFFIX, summarizingStatus, WRITING_STATUS} from "./notices";
import {SlackAnswerStream} from "./slackAnswerStream";
import {splitMessage} from "./splitMessage";

export interface ThreadAnswerTarget {
    channel: string;
    threadTs: string;
    userId: string;
    teamId?: string;
    surface: Surface;
    /** Id of this answer (the Stop button's value). */
    answerId: string;
    /** What an identifier warning talks about (default "question"). */
    phiSubject?: "question" | "thread";
    /** Shown under every part of the answer (the policy's; the core's `disclaimer`). */
    disclaimer: Disclaimer;
}

/** A summary's progress is shown in steps of this many percent. */
const PROGRESS_STEP = 5;

export class ThreadAnswerView implements AnswerView {
    readonly threaded = true;
    onControlPosted?: (ts: string) => void;
    onStreamStarted?: (ts: string) => void;
    private readonly stream: SlackAnswerStream;
    private controlTs: string | undefined;
    private controlText: string | undefined;
    private statusSet = false;
    private writingStarted = false;

    constructor(private readonly client: webApi.WebClient, private readonly target: ThreadAnswerTarget,
        settings: Pick<BotSettings, "nativeStreaming" | "updateIntervalMs">, private readonly logger: Logger) {
        this.stream = new SlackAnswerStream(client, {channel: target.channel, threadTs: target.threadTs,
            recipientUserId: target.userId, recipientTeamId: target.teamId},
            {nativeStreaming: settings.nativeStreaming, updateIntervalMs: settings.updateIntervalMs,
                disclaimer: target.disclaimer, logger, onStreamStarted: (ts) => this.onStreamStarted?.(ts)});
    }

    async thinking(): Promise<void> {
        await this.setStatus("is thinking…");
    }

    async waiting(position: number): Promise<void> {
        await this.showControl(queuedStatus(position));
        await this.setStatus(`is waiting in line (#${position})…`);
    }

    async writing(): Promise<void> {
        this.writingStarted = true;
        await this.showControl(WRITING_STATUS);
    }

    async progress(fraction: number, done: number, total: number): Promise<void> {
        // Edits of the control message in steps of PROGRESS_STEP percent (Slack limits chat.update), until the
        // summary itself shows.
        const percent = Math.floor((fraction * 100) / PROGRESS_STEP) * PROGRESS_STEP;
        if (this.writingStarted || percent <= 0) return;
        await this.showControl(summarizingStatus(percent, done, total));
    }

    append(text: string): void { this.stream.append(text); }

    replace(text: string): void { this.stream.replace(text); }

    async finish(answer: FinishedAnswer): Promise<void> {
        if (answer.stopped) this.stream.append(answer.interrupted ? SHUTDOWN_SUFFIX : STOPPED_SUFFIX);
        const notice: types.KnownBlock[] = answer.notice
            ? [{type: "context", elements: [{type: "mrkdwn", text: `:information_source: ${toMrkdwn(answer.notice)}`}]}]
            : [];
        await this.stream.finish([...notice, ...answerFooter(answer.disclaimer, answer.feedback)]);
    }

    async policyMessage(message: string, disclaimer: Disclaimer): Promise<void> {
        const pieces = splitMessage(message || "Med42 can't help with this request.", 3_900);
        for (const piece of pieces) {
            await withSlackRetry(() => this.client.chat.postMessage({channel: this.target.channel,
                thread_ts: this.target.threadTs, text: textWithDisclaimer(piece, disclaimer), metadata: POLICY_NOTICE_METADATA,
                blocks: [markdownBlock(piece), disclaimerBlock(disclaimer)]}));
        }
    }

    async phiWarning(decision: PolicyDecision): Promise<void> {
        await this.ephemeral(phiChannelWarning(decision, this.target.phiSubject));
    }

    async notice(text: string): Promise<void> {
        if (this.target.surface === "slack-channel") await this.ephemeral(text);
        else await this.postNotice(text);
    }

    async error(message: string): Promise<void> {
        await this.stream.abandon();
        // Part of the answer may be on screen (or, if Slack failed to show it, in no message at all): the notice that
        // follows it carries the disclaimer too.
        if (this.stream.text.trim()) {
            const disclaimer = this.target.disclaimer;
            await withSlackRetry(() => this.client.chat.postMessage({channel: this.target.channel,
                thread_ts: this.target.threadTs, text: textWithDisclaimer(message, disclaimer),
                blocks: [{type: "section", text: {type: "mrkdwn", text: message.slice(0, 3_000)}}, disclaimerBlock(disclaimer)],
                metadata: NOTICE_METADATA}));
        } else {
            await this.postNotice(message);
        }
    }

    async cleanup(): Promise<void> {
        if (this.statusSet) {
            this.statusSet = false;
            await this.setStatus("");
        }
        if (this.controlTs) {
            const ts = this.controlTs;
            this.controlTs = undefined;
            await withSlackRetry(() => this.client.chat.delete({channel: this.target.channel, ts})).catch((err) =>
                this.logger.warn(`Could not remove the Stop control: ${slackErrorCode(err) ?? err}`));
        }
    }

    private async postNotice(text: string): Promise<void> {
        await withSlackRetry(() => this.client.chat.postMessage({channel: this.target.channel,
            thread_ts: this.target.threadTs, text, metadata: NOTICE_METADATA}));
    }

    private async ephemeral(text: string): Promise<void> {
        await withSlackRetry(() => this.client.chat.postEphemeral({channel: this.target.channel,
            user: this.target.userId, thread_ts: this.target.threadTs, text}));
    }

    /** Posts or edits the control message (status text + Stop button). Best effort: the answer matters more. */
    private async showControl(text: string): Promise<void> {
        if (text === this.controlText) return;
        this.controlText = text;
        const blocks = controlBlocks(text, this.target.answerId);
        try {
            if (this.controlTs) {
                await withSlackRetry(() => this.client.chat.update({channel: this.target.channel, ts: this.controlTs!,
                    text, blocks}));
            } else {
                const posted = await withSlackRetry(() => this.client.chat.postMessage({channel: this.target.channel,
                    thread_ts: this.target.threadTs, text, blocks, metadata: NOTICE_METADATA}));
                this.controlTs = posted.ts;
                if (posted.ts) this.onControlPosted?.(posted.ts);
            }
        } catch (err) {
            this.logger.warn(`Could not show the Stop control: ${slackErrorCode(err) ?? err}`);
        }
    }

    /**
     * The "thinking" status under the thread (`chat:write`; the bot has no AI-app view). Where Slack does not show
     * it, the call fails harmlessly, so failures are only logged.
     */
    private async setStatus(status: string): Promise<void> {
        try {
            await withSlackRetry(() => this.client.assistant.threads.setStatus({channel_id: this.target.channel,
                thread_ts: this.target.threadTs, status}), {attempts: 2});
            this.statusSet = status !== "";
        } catch (err) {
            this.logger.debug(`assistant.threads.setStatus failed: ${slackErrorCode(err) ?? err}`);
        }
    }
}
