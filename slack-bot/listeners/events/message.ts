import type {AllMiddlewareArgs, SlackEventMiddlewareArgs} from "@slack/bolt";
import {askInThread} from "../../answering/askInThread";
import {surfaceOf, type BotContext} from "../../botContext";
import {messageKey, threadKey} from "../../reliability/recentKeys";

/**
 * `message`: in a DM with the bot every message is a question (threads continue conversations); in a channel, a
 * reply in a thread the bot answered is a follow-up that needs no new mention (when enabled). Edits, joins, the
 * bot's own and other bots' messages are ignored.
 *
 * @see https://docs.slack.dev/reference/events/message
 * @see https://docs.slack.dev/reference/events/message.im
 */
export function message(ctx: BotContext) {
    return async ({event, client, context}: AllMiddlewareArgs & SlackEventMiddlewareArgs<"message">) => {
        if (event.subtype !== undefined) return;
        if (!event.user || event.bot_id || event.user === ctx.identity.botUserId) return;
        const direct = event.channel_type === "im";
        if (!direct) {
            if (!ctx.settings.followUpsWithoutMention || !event.thread_ts) return;
            if (!(await ctx.state.knowsThread(threadKey(event.channel, event.thread_ts)))) return;
            if (event.text?.includes(`<@${ctx.identity.botUserId}`)) return; // a mention: app_mention answers it
        }
        if (!(await ctx.state.claim(messageKey(event.channel, event.ts)))) return;
        const question = {channel: event.channel, ts: event.ts, threadTs: event.thread_ts, userId: event.user,
            teamId: context.teamId ?? event.team, text: event.text ?? "",
            surface: surfaceOf(event.channel, event.channel_type)};
        ctx.spawn("Message", () => askInThread(ctx, client, question));
    };
}
