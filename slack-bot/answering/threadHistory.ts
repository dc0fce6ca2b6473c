/**
 * The earlier messages of a Slack thread as the conversation for the model, newest kept first within a token
 * budget (the model's context is shared by the prompt, the history and the answer). Every person's message is its
 * own user turn and the bot's escalations and refusals are flagged policy messages: the core decides what of the
 * thread reaches the model (shared/policy/conversationGuard.ts), message by message.
 *
 * @see https://docs.slack.dev/reference/methods/conversations.replies
 */
import type {webApi} from "@slack/bolt";
import type {ChatMessage} from "../../shared/types";
import {isPolicyNoticeMetadata, NOTICE_METADATA} from "../blocks";

export interface ThreadHistoryOptions {
    channel: string;
    threadTs: string;
    /** Messages at or after this ts are left out (the question itself, and anything posted since). */
    beforeTs?: string;
    botUserId: string;
    botId?: string;
    tokenBudget: number;
    /** Text to strip from the bot's answers (the disclaimer is shown, not part of the conversation). */
    stripFromAnswers?: string[];
}

interface SlackThreadMessage {
    ts?: string;
    user?: string;
    bot_id?: string;
    subtype?: string;
    text?: string;
    metadata?: {event_type?: string; event_payload?: Record<string, unknown>};
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

/**
 * Maps thread messages to chat turns: the bot's answers are `assistant` (its policy messages flagged), people are
 * `user`, other bots and the bot's other notices dropped.
 */
export function threadToConversation(messages: SlackThreadMessage[], options: ThreadHistoryOptions): ChatMessage[] {
    const turns: ChatMessage[] = [];
    // Newest first, and no further than the budget can reach: only the newest turns are kept, so older messages are
    // never read (the core decides every earlier turn with the policy: 200 long messages would hold the bot for seconds).
    let chars = 0;
    for (let i = messages.length - 1; i >= 0 && chars <= options.tokenBudget * 4; i--) {
        const m = messages[i];
        if (!m.ts || (options.beforeTs && Number(m.ts) >= Number(options.beforeTs))) continue;
        const policyNotice = isPolicyNoticeMetadata(m.metadata);
        if (m.metadata?.event_type === NOTICE_METADATA.event_type && !policyNotice) continue;
        const fromBot = m.user === options.botUserId || (options.botId !== undefined && m.bot_id === options.botId);
        if (!fromBot && (m.bot_id || m.subtype)) continue; // other bots, joins, edits...
        let text = stripMentions(m.text ?? "", options.botUserId);
        if (fromBot) for (const s of options.stripFromAnswers ?? []) text = text.split(s).join("");
        text = text.trim();
        if (!text) continue;
        turns.unshift(fromBot ? {role: "assistant", content: text, ...(policyNotice ? {policyNotice} : {})} : {role: "user", content: text});
        chars += text.length;
    }
    return keepWithinBudget(mergeBotMessages(turns), options.tokenBudget);
}

/** Removes `<@BOT>` mentions (the bot's own name is noise in a question). */
export function stripMentions(text: string, botUserId: string): string {
    return text.replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g"), "").replace(/\s{2,}/g, " ").trim();
}

/**
 * One answer split over several messages becomes one assistant turn. People's messages stay apart, so the core
 * decides on each (a harmful message must not hide among others), and merges what it keeps.
 */
function mergeBotMessages(turns: ChatMessage[]): ChatMessage[] {
    const merged: ChatMessage[] = [];
    for (const t of turns) {
        const last = merged[merged.length - 1];
        if (last && last.role === "assistant" && t.role === "assistant" && !last.policyNotice === !t.policyNotice) {
            last.content += `\n\n${t.content}`;
        } else merged.push({...t});
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
