import type {AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs} from "@slack/bolt";
import type {BotContext} from "../../botContext";

const REPLIES = {
    "not-owner": "Only the person who asked can stop this answer.",
    "not-found": "This answer has already finished."
} as const;

/**
 * The Stop button: aborts the generation through its AbortSignal; the partial answer is kept and marked as
 * stopped. Only the asker may stop an answer. With several replicas, the click may reach one that is not writing the
 * answer: it relays the Stop to the writer (see postgresSlackState.ts).
 *
 * @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 */
export function stopAnswer(ctx: BotContext) {
    return async ({ack, body, action, respond}: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
        await ack();
        let outcome = ctx.answers.stop(action.value ?? "", body.user.id);
        // Not written here: maybe by another replica, which is asked through the shared database.
        if (outcome === "not-found") outcome = await ctx.state.requestStop(action.value ?? "", body.user.id);
        if (outcome === "stopped") return;
        await respond({response_type: "ephemeral", replace_original: false, text: REPLIES[outcome]});
    };
}
