import {randomUUID} from "node:crypto";
import type {AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs} from "@slack/bolt";
import type {TranscriptEntry} from "../../../shared/policy/conversationGuard";
import type {Surface} from "../../../shared/types";
import {type Admitted, admitQuestion, runAnswer} from "../../answering/answerFlow";
import {errorNotice, newErrorId} from "../../answering/notices";
import {ThreadAnswerView} from "../../answering/threadAnswerView";
import {threadTranscript} from "../../answering/threadTranscript";
import {allDisclaimers, surfaceOf, type BotContext} from "../../botContext";
import {slackErrorCode} from "../../reliability/slackRetry";

/**
 * Message shortcut "Summarize with Med42": summarises the message's thread into that thread. The identifier guard
 * applies: a channel thread with patient identifiers gets a private warning to the person who asked instead. The
 * core summarises it as a conversation: self-harm or an emergency in a message brings its resources with the
 * summary, and requests for harm are left out (see Med42Assistant.summarizeConversation).
 *
 * @see https://docs.slack.dev/interactivity/implementing-shortcuts#messages
 */
export function summarizeThread(ctx: BotContext) {
    return async ({ack, shortcut, client, respond}: AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>) => {
        await ack();
        const channel = shortcut.channel.id;
        const threadTs = shortcut.message.thread_ts ?? shortcut.message.ts;
        const userId = shortcut.user.id;
        ctx.spawn("Summary", async () => {
            const surface = surfaceOf(channel, shortcut.channel.name === "directmessage" ? "im" : undefined);
            const answerId = randomUUID();
            const view = new ThreadAnswerView(client, {channel, threadTs, userId, teamId: shortcut.team?.id, surface,
                answerId, phiSubject: "thread", disclaimer: ctx.assistant.disclaimer}, ctx.settings, ctx.logger);
            // The per-user limit and the queue cap before the thread is read.
            const admission = await admitQuestion(ctx, userId, view);
            if (!admission) return;
            try {
                await summarize(view, surface, answerId, admission);
            } finally {
                admission.release();
            }
        });

        async function summarize(view: ThreadAnswerView, surface: Surface, answerId: string, admission: Admitted) {
            let transcript: TranscriptEntry[];
            try {
                const replies = await client.conversations.replies({channel, ts: threadTs, limit: 200,
                    include_all_metadata: true});
                transcript = threadTranscript(replies.messages ?? [], ctx.identity,
                    allDisclaimers(ctx.assistant).flatMap((d) => [d.text, d.markdown]));
            } catch (err) {
                const code = slackErrorCode(err);
                if (code === "channel_not_found" || code === "not_in_channel") {
                    await respond({response_type: "ephemeral",
                        text: "Add Med42 to this conversation first (mention it, or /invite it), then try again."});
                    return;
                }
                const errorId = newErrorId();
                ctx.logger.warn(`Could not read the thread to summarise (error id ${errorId}): ${code ?? err}`);
                await respond({response_type: "ephemeral", text: errorNotice(err, errorId)});
                return;
            }
            if (transcript.length === 0) {
                await respond({response_type: "ephemeral", text: "There is nothing in this thread to summarise."});
                return;
            }
            await runAnswer(ctx, {kind: "summarize", surface, channel, threadTs, userId, text: "", conversation: transcript,
                answerId}, view, admission);
        }
    };
}
