import type {AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs} from "@slack/bolt";
import {ACTION_FEEDBACK_UP, type FeedbackRef} from "../../blocks";
import type {BotContext} from "../../botContext";

/**
 * 👍 / 👎 under an answer: recorded in the audit log through the core (hashed user, surface, the answer's
 * channel/thread), then a private thank-you.
 *
 * @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 */
export function feedback(ctx: BotContext) {
    return async ({ack, body, action, respond}: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
        await ack();
        const ref = parseRef(action.value);
        if (!ref) {
            await respond({response_type: "ephemeral", replace_original: false,
                text: "Sorry, this feedback button is not valid any more."});
            return;
        }
        try {
            await ctx.assistant.recordFeedback({userId: body.user.id, surface: ref.surface, ref: ref.ref,
                value: action.action_id === ACTION_FEEDBACK_UP ? "up" : "down"});
        } catch (err) {
            // Never a thank-you for a vote that was not kept.
            ctx.logger.error(`Feedback not recorded: ${err instanceof Error ? err.message : err}`);
            await respond({response_type: "ephemeral", replace_original: false,
                text: ":warning: Your feedback could not be recorded (the audit log is unavailable). Please try again later."});
            return;
        }
        await respond({response_type: "ephemeral", replace_original: false,
            text: "Thanks for the feedback: it helps your team evaluate Med42."});
    };
}

function parseRef(value: string | undefined): FeedbackRef | undefined {
    try {
        const parsed = JSON.parse(value ?? "") as Partial<FeedbackRef>;
        if (typeof parsed.ref !== "string" || (parsed.surface !== "slack-channel" && parsed.surface !== "slack-dm")) {
            return undefined;
        }
        return {ref: parsed.ref.slice(0, 200), surface: parsed.surface};
    } catch {
        return undefined;
    }
}
