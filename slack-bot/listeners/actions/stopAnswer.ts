import type {AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs} from "@slack/bolt";
import type {BotContext} from "../../botContext";

const REPLIES = {
    "not-owner": "Only the person who asked can stop this answer.",
    "not-found": "This answer has already finished."
} as const;

/**
 * The Stop button: aborts the generation through its AbortSignal; the partial answer is kept and marked as
 * stopped. Only the asker may stop an answer.
 *
 * @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 */
export function stopAnswer(ctx: BotContext) {
    return async ({ack, body, action, respond}: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
        await ack();
        const outcome = ctx.answers.stop(action.value ?? "", body.user.id);
        if (outcome === "stopped") return;
        await respond({response_type: "ephemeral", replace_original: false, text: REPLIES[outcome]});
    };
}
