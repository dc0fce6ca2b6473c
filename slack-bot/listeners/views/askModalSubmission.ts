import {randomUUID} from "node:crypto";
import type {AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction} from "@slack/bolt";
import {runAnswer} from "../../answering/answerFlow";
import {defangSlackSyntax} from "../../answering/slackAnswerStream";
import {ThreadAnswerView} from "../../answering/threadAnswerView";
import {type BotContext, disclaimerFor} from "../../botContext";

/**
 * The "Ask Med42" modal (from the Home tab) was submitted: the question and its answer go to a thread in the user's
 * DM with the bot, which is private, so the DM policy applies.
 *
 * @see https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission
 */
export function askModalSubmission(ctx: BotContext) {
    return async ({ack, view, body, client}: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
        const question = view.state.values.question?.text?.value?.trim() ?? "";
        if (!question) {
            await ack({response_action: "errors", errors: {question: "Please type a question."}});
            return;
        }
        await ack();
        const userId = body.user.id;
        ctx.spawn("Modal question", async () => {
            const dm = await client.conversations.open({users: userId});
            const channel = dm.channel!.id!;
            const root = await client.chat.postMessage({channel,
                text: `*Your question:* ${defangSlackSyntax(question)}`});
            const answerId = randomUUID();
            const answerView = new ThreadAnswerView(client, {channel, threadTs: root.ts!, userId,
                teamId: body.team?.id, surface: "slack-dm", answerId, disclaimer: disclaimerFor(ctx.assistant, question)},
                ctx.settings, ctx.logger);
            await runAnswer(ctx, {kind: "ask", surface: "slack-dm", channel, threadTs: root.ts!, userId, text: question,
                answerId}, answerView);
        });
    };
}
