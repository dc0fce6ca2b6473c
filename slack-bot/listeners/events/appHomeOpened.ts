import type {AllMiddlewareArgs, SlackEventMiddlewareArgs} from "@slack/bolt";
import {appHomeView} from "../../blocks";
import type {BotContext} from "../../botContext";

/**
 * `app_home_opened`: publishes the Home tab (what the bot is, the disclaimer, how to use it).
 *
 * @see https://docs.slack.dev/reference/events/app_home_opened
 * @see https://docs.slack.dev/reference/methods/views.publish
 */
export function appHomeOpened(ctx: BotContext) {
    return async ({event, client}: AllMiddlewareArgs & SlackEventMiddlewareArgs<"app_home_opened">) => {
        if (event.tab !== "home") return;
        await client.views.publish({user_id: event.user, view: appHomeView(ctx.assistant.disclaimer)});
    };
}
