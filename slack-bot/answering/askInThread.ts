/**
 * A question posted as a Slack message (a mention, a DM, a follow-up in an answered thread): 👀 on it, the thread's
 * earlier messages as the conversation, then the answer in the thread.
 *
 * @see https://docs.slack.dev/reference/methods/reactions.add
 */
import {randomUUID} from "node:crypto";
import type {webApi} from "@slack/bolt";
import type {Surface} from "../../shared/types";
import {type BotContext, disclaimerFor} from "../botContext";
import {slackErrorCode} from "../reliability/slackRetry";
import {questionTooLarge} from "../../shared/inputLimits";
import {admitQuestion, runAnswer} from "./answerFlow";
import {ThreadAnswerView} from "./threadAnswerView";
import {loadThreadHistory, stripMentions} from "./threadHistory";

export interface PostedQuestion {
    channel: string;
    /** The question's own ts. */
    ts: string;
    /** Set when the question was posted inside a thread. */
    threadTs?: string;
    userId: string;
    teamId?: string;
    text: string;
    surface: Surface;
}

export const EMPTY_QUESTION_REPLY = "Hi! Ask me a clinical question, e.g. _first-line treatment for " +
    "community-acquired pneumonia in adults?_";

export async function askInThread(ctx: BotContext, client: webApi.WebClient, q: PostedQuestion): Promise<void> {
    const threadTs = q.threadTs ?? q.ts;
    // The 👀 goes out while the answer starts: waiting for it put a Slack round trip before every answer.
    const reacted = client.reactions.add({channel: q.channel, timestamp: q.ts, name: "eyes"}).catch((err) =>
        ctx.logger.debug(`reactions.add failed: ${slackErrorCode(err) ?? err}`));
    try {
        await answer(ctx, client, q, threadTs);
    } finally {
        await reacted;
    }
}

async function answer(ctx: BotContext, client: webApi.WebClient, q: PostedQuestion, threadTs: string): Promise<void> {
    const answerId = randomUUID();
    const view = new ThreadAnswerView(client, {channel: q.channel, threadTs, userId: q.userId, teamId: q.teamId,
        surface: q.surface, answerId, disclaimer: disclaimerFor(ctx.assistant, q.text)}, ctx.settings, ctx.logger);
    const question = stripMentions(q.text, ctx.identity.botUserId);
    if (!question) {
        await view.notice(EMPTY_QUESTION_REPLY);
        return;
    }
    // The cheap checks come first: a question over the size limit, the per-user limit and the queue cap are decided
    // before the thread is read (conversations.replies) or the policy runs over its messages.
    const tooLarge = questionTooLarge(question);
    if (tooLarge) {
        await view.notice(`:warning: ${tooLarge.message}`);
        return;
    }
    const admission = await admitQuestion(ctx, q.userId, view);
    if (!admission) return;
    try {
        const history = q.threadTs ? await loadHistory(ctx, client, q, threadTs) : [];
        await runAnswer(ctx, {kind: "ask", surface: q.surface, channel: q.channel, threadTs, userId: q.userId,
            text: question, history, answerId}, view, admission);
    } finally {
        admission.release();
    }
}

async function loadHistory(ctx: BotContext, client: webApi.WebClient, q: PostedQuestion, threadTs: string) {
    const {disclaimer} = ctx.assistant;
    try {
        return await loadThreadHistory(client, {
            channel: q.channel, threadTs, beforeTs: q.ts,
            botUserId: ctx.identity.botUserId, botId: ctx.identity.botId,
            tokenBudget: ctx.settings.historyTokenBudget,
            // Earlier messages the policy would not answer here (identifiers in a channel included) are left out by
            // the core (shared/policy/conversationGuard.ts).
            stripFromAnswers: [disclaimer.text, disclaimer.markdown]
        });
    } catch (err) {
        ctx.logger.warn(`Could not read the thread history (${slackErrorCode(err) ?? err}); answering without it`);
        return [];
    }
}
