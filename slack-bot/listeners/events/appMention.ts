import type {AllMiddlewareArgs, SlackEventMiddlewareArgs} from "@slack/bolt";
import {askInThread} from "../../answering/askInThread";
import {surfaceOf, type BotContext} from "../../botContext";
import {messageKey} from "../../reliability/recentKeys";

/**
 * `app_mention`: someone mentioned the bot. 👀 on the message, then the answer in its thread; earlier messages of
 * the thread are the conversation. The same message may also arrive as a `message` event: handled once.
 *
 * @see https://docs.slack.dev/reference/events/app_mention
 */
export function appMention(ctx: BotContext) {
    return async ({event, client, context}: AllMiddlewareArgs & SlackEventMiddlewareArgs<"app_mention">) => {
        if (!event.user || event.bot_id || event.user === ctx.identity.botUserId) return;
        if (!(await ctx.state.claim(messageKey(event.channel, event.ts)))) return;
        const question = {channel: event.channel, ts: event.ts, threadTs: event.thread_ts, userId: event.user,
            teamId: context.teamId ?? event.team, text: event.text, surface: surfaceOf(event.channel)};
        ctx.spawn("Mention", () => askInThread(ctx, client, question));
    };
}
