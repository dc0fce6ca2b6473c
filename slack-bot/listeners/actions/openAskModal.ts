import type {AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs} from "@slack/bolt";
import {askModalView} from "../../blocks";

/**
 * "Ask Med42" on the Home tab: opens the question modal (answered in the user's DM with the bot).
 *
 * @see https://docs.slack.dev/reference/methods/views.open
 */
export function openAskModal() {
    return async ({ack, body, client}: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
        await ack();
        await client.views.open({trigger_id: body.trigger_id, view: askModalView()});
    };
}
