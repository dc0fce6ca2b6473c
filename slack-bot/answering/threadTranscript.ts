/**
 * A Slack thread as a conversation to summarise. People are labelled "Person 1", "Person 2"... (never their ids,
 * which the model could echo as pings) and the bot as "Med42"; the bot's notices (its policy messages included) and
 * other bots are left out. The core decides what of each message reaches the model (guardTranscript in
 * shared/policy/conversationGuard.ts).
 */
import type {TranscriptEntry} from "../../shared/policy/conversationGuard";
import {NOTICE_METADATA} from "../blocks";
import {stripMentions} from "./threadHistory";

interface ThreadMessage {
    user?: string;
    bot_id?: string;
    subtype?: string;
    text?: string;
    metadata?: {event_type?: string};
}

export function threadTranscript(messages: ThreadMessage[], bot: {botUserId: string; botId?: string},
    stripFromAnswers: string[] = []): TranscriptEntry[] {
    const people = new Map<string, string>();
    const entries: TranscriptEntry[] = [];
    for (const m of messages) {
        if (m.metadata?.event_type === NOTICE_METADATA.event_type) continue;
        const fromBot = m.user === bot.botUserId || (bot.botId !== undefined && m.bot_id === bot.botId);
        if (!fromBot && (m.bot_id || m.subtype || !m.user)) continue;
        let text = stripMentions(m.text ?? "", bot.botUserId).replace(/<@U[A-Z0-9]+(\|[^>]*)?>/g, "someone");
        if (fromBot) for (const s of stripFromAnswers) text = text.split(s).join("");
        text = text.trim();
        if (!text) continue;
        if (fromBot) {
            entries.push({speaker: "Med42", role: "assistant", content: text});
            continue;
        }
        if (!people.has(m.user!)) people.set(m.user!, `Person ${people.size + 1}`);
        entries.push({speaker: people.get(m.user!)!, role: "user", content: text});
    }
    return entries;
}
