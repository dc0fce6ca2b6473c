/**
 * The earlier messages of a Slack thread as the conversation for the model, newest kept first within a token
 * budget (the model's context is shared by the prompt, the history and the answer).
 *
 * @see https://docs.slack.dev/reference/methods/conversations.replies
 */
import type {webApi} from "@slack/bolt";
import type {ChatMessage} from "../../shared/types";
import {NOTICE_METADATA} from "../blocks";

export interface ThreadHistoryOptions {
    channel: string;
    threadTs: string;
    /** Messages at or after this ts are left out (the question itself, and anything posted since). */
    beforeTs?: string;
    botUserId: string;
    botId?: string;
    tokenBudget: number;
    /** Drops a message from the history (e.g. one with patient identifiers in a channel). */
    exclude?: (text: string) => boolean;
    /** Text to strip from the bot's answers (the disclaimer is shown, not part of the conversation). */
    stripFromAnswers?: string[];
}

interface SlackThreadMessage {
    ts?: string;
    user?: string;
    bot_id?: string;
    subtype?: string;
    text?: string;
    metadata?: {event_type?: string};
}

/** A rough token count (Llama-3 averages about 4 characters per token in English prose). */
export function estimateTokens(text: string): number {
    return Math.ceil(text.length / 4) + 4;
}

export async function loadThreadHistory(client: webApi.WebClient, options: ThreadHistoryOptions): Promise<ChatMessage[]> {
    const response = await client.conversations.replies({channel: options.channel, ts: options.threadTs, limit: 200,
        include_all_metadata: true});
    return threadToConversation((response.messages ?? []) as SlackThreadMessage[], options);
}

/** Maps thread messages to chat turns: the bot's answers are `assistant`, people are `user`, other bots dropped. */
export function threadToConversation(messages: SlackThreadMessage[], options: ThreadHistoryOptions): ChatMessage[] {
    const turns: ChatMessage[] = [];
    // Newest first, and no further than the budget can reach: only the newest turns are kept, so older messages are
    // never read (nor given to `exclude`, which runs the policy: 200 long messages would hold the bot for seconds).
    let chars = 0;
    for (let i = messages.length - 1; i >= 0 && chars <= options.tokenBudget * 4; i--) {
        const m = messages[i];
        if (!m.ts || (options.beforeTs && Number(m.ts) >= Number(options.beforeTs))) continue;
        if (m.metadata?.event_type === NOTICE_METADATA.event_type) continue;
        const fromBot = m.user === options.botUserId || (options.botId !== undefined && m.bot_id === options.botId);
        if (!fromBot && (m.bot_id || m.subtype)) continue; // other bots, joins, edits...
        let text = stripMentions(m.text ?? "", options.botUserId);
        if (fromBot) for (const s of options.stripFromAnswers ?? []) text = text.split(s).join("");
        text = text.trim();
        if (!text || (!fromBot && options.exclude?.(text))) continue;
        turns.unshift({role: fromBot ? "assistant" : "user", content: text});
        chars += text.length;
    }
    return keepWithinBudget(mergeSameRole(turns), options.tokenBudget);
}

/** Removes `<@BOT>` mentions (the bot's own name is noise in a question). */
export function stripMentions(text: string, botUserId: string): string {
    return text.replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g"), "").replace(/\s{2,}/g, " ").trim();
}

function mergeSameRole(turns: ChatMessage[]): ChatMessage[] {
    const merged: ChatMessage[] = [];
    for (const t of turns) {
        const last = merged[merged.length - 1];
        if (last && last.role === t.role) last.content += `\n\n${t.content}`;
        else merged.push({...t});
    }
    return merged;
}

function keepWithinBudget(turns: ChatMessage[], budget: number): ChatMessage[] {
    const kept: ChatMessage[] = [];
    let used = 0;
    for (let i = turns.length - 1; i >= 0; i--) {
        const cost = estimateTokens(turns[i].content);
        if (used + cost > budget) break;
        used += cost;
        kept.unshift(turns[i]);
    }
    while (kept.length && kept[0].role === "assistant") kept.shift(); // a conversation starts with the user
    return kept;
}
