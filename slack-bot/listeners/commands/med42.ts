import {randomUUID} from "node:crypto";
import type {AllMiddlewareArgs, SlackCommandMiddlewareArgs} from "@slack/bolt";
import {runAnswer} from "../../answering/answerFlow";
import {EphemeralAnswerView} from "../../answering/ephemeralAnswerView";
import {SHUTTING_DOWN_NOTICE} from "../../answering/notices";
import {ThreadAnswerView} from "../../answering/threadAnswerView";
import {defangSlackSyntax} from "../../answering/slackAnswerStream";
import {controlBlocks} from "../../blocks";
import {disclaimerFor, surfaceOf, type BotContext} from "../../botContext";
import {slackErrorCode, withSlackRetry} from "../../reliability/slackRetry";

export const USAGE = "Usage: `/med42 your clinical question`, e.g. `/med42 first-line treatment for " +
    "community-acquired pneumonia in adults?` Only you see the answer.";

/**
 * `/med42 question`: the answer only the asker sees (by default), sent through the command's response_url. The
 * acknowledgement (within 3 s) carries the Stop button. With `commandVisibility: "channel"`, an answerable question
 * is posted and answered in a thread instead (the policy decides first, so nothing is posted for a refusal). Where the
 * bot may not post (a channel it was not invited to, a DM it is not part of), the asker gets the answer privately
 * through the response_url, with a line saying how to have answers posted there.
 *
 * @see https://docs.slack.dev/interactivity/implementing-slash-commands
 */
export function med42Command(ctx: BotContext) {
    return async ({command, ack, respond, client}: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
        const text = command.text.trim();
        if (!text || text === "help") {
            await ack({response_type: "ephemeral", text: USAGE});
            return;
        }
        if (!ctx.accepting) {
            await ack({response_type: "ephemeral", text: SHUTTING_DOWN_NOTICE});
            return;
        }
        const answerId = randomUUID();
        const surface = surfaceOf(command.channel_id, command.channel_name === "directmessage" ? "im" : undefined);
        const job = {kind: "ask" as const, surface, channel: command.channel_id, threadTs: `command:${answerId}`,
            userId: command.user_id, text, answerId};
        if (ctx.settings.commandVisibility === "channel" && ctx.assistant.decide(text, surface).action === "answer") {
            await ack();
            ctx.spawn("Command", async () => {
                let root;
                try {
                    root = await withSlackRetry(() => client.chat.postMessage({channel: command.channel_id,
                        text: `<@${command.user_id}> asked Med42: ${defangSlackSyntax(text)}`}));
                } catch (err) {
                    const code = slackErrorCode(err);
                    ctx.logger.info(`/med42 cannot post in ${command.channel_id} (${code ?? err}): answering privately`);
                    const note = cannotPostNotice(code, ctx.identity.botUserId);
                    await respond({response_type: "ephemeral", text: note, blocks: controlBlocks(note, answerId)});
                    await runAnswer(ctx, job, new EphemeralAnswerView(respond));
                    return;
                }
                const view = new ThreadAnswerView(client, {channel: command.channel_id, threadTs: root.ts!,
                    userId: command.user_id, teamId: command.team_id, surface, answerId, disclaimer: disclaimerFor(ctx.assistant, text)},
                    ctx.settings, ctx.logger);
                await runAnswer(ctx, {...job, threadTs: root.ts!}, view);
            });
            return;
        }
        await ack({response_type: "ephemeral", text: "Med42 is working on your question…",
            blocks: controlBlocks("Med42 is working on your question… (only you will see the answer)", answerId)});
        ctx.spawn("Command", () => runAnswer(ctx, job, new EphemeralAnswerView(respond)));
    };
}

/**
 * Why a channel-visibility answer comes privately instead. Slack answers `not_in_channel` (a public channel the bot
 * was not invited to) or `channel_not_found` (a private conversation it is not part of) to the bot's post.
 */
export function cannotPostNotice(code: string | undefined, botUserId: string): string {
    const reason = code === "not_in_channel" || code === "channel_not_found"
        ? `Med42 isn't a member of this conversation, so only you can see this answer. To have answers posted here, ` +
            `invite <@${botUserId}> to it (in a channel: \`/invite @Med42\`).`
        : `Med42 could not post in this conversation (${code ?? "error"}), so only you can see this answer.`;
    return `:information_source: ${reason} Med42 is working on your question…`;
}
