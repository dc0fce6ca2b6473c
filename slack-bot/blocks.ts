/**
 * Block Kit for everything the bot posts: answer footers (disclaimer, feedback), the Stop control, policy notices
 * and the App Home tab. Limits: section text 3,000 characters, markdown blocks 12,000 in total, 50 blocks.
 *
 * @see https://docs.slack.dev/reference/block-kit/blocks
 */
import type {types} from "@slack/bolt";
import type {Disclaimer} from "../shared/policy/types";

type KnownBlock = types.KnownBlock;

export const ACTION_STOP = "med42_stop";
export const ACTION_FEEDBACK_UP = "med42_feedback_up";
export const ACTION_FEEDBACK_DOWN = "med42_feedback_down";
export const ACTION_OPEN_ASK_MODAL = "med42_open_ask_modal";
export const VIEW_ASK_MODAL = "med42_ask_modal";
export const SHORTCUT_SUMMARIZE = "med42_summarize_thread";

/** Metadata marking the bot's notices (queue, errors, limits), so thread history leaves them out. */
export const NOTICE_METADATA = {event_type: "med42_notice", event_payload: {}} as const;

/**
 * Metadata marking the policy's escalations and refusals posted in a thread: thread history gives them to the core
 * as policy messages, so the core leaves them and the question they answered out of what the model sees.
 */
export const POLICY_NOTICE_METADATA = {event_type: NOTICE_METADATA.event_type, event_payload: {kind: "policy"}} as const;

/** Whether a message's metadata marks a policy notice (see POLICY_NOTICE_METADATA). */
export function isPolicyNoticeMetadata(metadata: {event_type?: string; event_payload?: Record<string, unknown>} | undefined): boolean {
    return metadata?.event_type === POLICY_NOTICE_METADATA.event_type &&
        metadata.event_payload?.kind === POLICY_NOTICE_METADATA.event_payload.kind;
}

/** What a feedback button carries back. */
export interface FeedbackRef {
    /** "channel/ts" of the answer. */
    ref: string;
    surface: "slack-channel" | "slack-dm";
}

export function disclaimerBlock(disclaimer: Disclaimer): KnownBlock {
    return {type: "context", elements: [{type: "mrkdwn", text: `:warning: ${toMrkdwn(disclaimer.markdown)}`}]};
}

/**
 * A message's plain `text` (notifications, screen readers, clients that show no blocks) with the disclaimer after it,
 * within `limit` characters: the body is shortened, never the disclaimer.
 */
export function textWithDisclaimer(text: string, disclaimer: Disclaimer, limit = 3_900): string {
    const body = text.trimEnd();
    const tail = `\n\n${disclaimer.text}`;
    if (!body) return disclaimer.text.slice(0, limit);
    const room = limit - tail.length;
    if (room < 2) return disclaimer.text.slice(0, limit);
    return (body.length > room ? `${body.slice(0, room - 1)}…` : body) + tail;
}

export function feedbackBlock(ref: FeedbackRef): KnownBlock {
    const value = JSON.stringify(ref);
    return {type: "actions", block_id: "med42_feedback", elements: [
        {type: "button", action_id: ACTION_FEEDBACK_UP, text: {type: "plain_text", text: ":thumbsup:", emoji: true},
            value},
        {type: "button", action_id: ACTION_FEEDBACK_DOWN, text: {type: "plain_text", text: ":thumbsdown:", emoji: true},
            value}
    ]};
}

/** The footer every answer ends with: the disclaimer as a context block, then the feedback buttons. */
export function answerFooter(disclaimer: Disclaimer, ref?: FeedbackRef): KnownBlock[] {
    return ref ? [disclaimerBlock(disclaimer), feedbackBlock(ref)] : [disclaimerBlock(disclaimer)];
}

/** A body of standard Markdown (the markdown block renders it like the streamed `markdown_text`). */
export function markdownBlock(text: string): KnownBlock {
    return {type: "markdown", text};
}

/** The small message with the Stop button shown while an answer waits or is written. */
export function controlBlocks(status: string, answerId: string): KnownBlock[] {
    return [{type: "section", text: {type: "mrkdwn", text: status},
        accessory: {type: "button", action_id: ACTION_STOP, value: answerId, style: "danger",
            text: {type: "plain_text", text: "Stop", emoji: true}}}];
}

/** The App Home tab: what the bot is, the disclaimer, how to use it. */
export function appHomeView(disclaimer: Disclaimer): types.HomeView {
    return {type: "home", blocks: [
        {type: "header", text: {type: "plain_text", text: "Med42 Assist", emoji: true}},
        {type: "section", text: {type: "mrkdwn", text:
            "A clinical question-answering assistant running the *Med42-v2* model on your organisation's own " +
            "servers: questions and answers never leave your network."}},
        {type: "context", elements: [{type: "mrkdwn", text: `:warning: ${toMrkdwn(disclaimer.markdown)}`}]},
        {type: "divider"},
        {type: "section", text: {type: "mrkdwn", text: [
            "*How to ask*",
            "• *Mention me* in a channel: `@Med42 first-line treatment for community-acquired pneumonia?` " +
            "I answer in the thread; reply in the thread to follow up.",
            "• *Message me directly* (Messages tab): every message is a question; threads continue a conversation.",
            "• */med42 your question* anywhere: only you see the answer.",
            "• *Summarize with Med42* (message menu ⋮ → More message shortcuts): summarises a thread into it."
        ].join("\n")}},
        {type: "section", text: {type: "mrkdwn", text: [
            "*Patient privacy*",
            "Channels are read by many people: a question with patient identifiers (names, MRNs, dates of birth, " +
            "phone numbers...) posted in a channel is not answered, and only you get a warning. " +
            "Ask in a direct message instead, or remove the identifiers.",
            "Emergencies and self-harm get crisis resources straight away, without the model."
        ].join("\n")}},
        {type: "actions", elements: [{type: "button", action_id: ACTION_OPEN_ASK_MODAL, style: "primary",
            text: {type: "plain_text", text: "Ask Med42", emoji: true}}]}
    ]};
}

/** The modal opened from App Home: one question, answered in the user's DM with the bot. */
export function askModalView(): types.ModalView {
    return {type: "modal", callback_id: VIEW_ASK_MODAL,
        title: {type: "plain_text", text: "Ask Med42"},
        submit: {type: "plain_text", text: "Ask"},
        close: {type: "plain_text", text: "Cancel"},
        blocks: [{type: "input", block_id: "question",
            label: {type: "plain_text", text: "Your question"},
            element: {type: "plain_text_input", action_id: "text", multiline: true, max_length: 3000}}]};
}

/**
 * Slack's mrkdwn (context blocks, sections) differs from Markdown: bold is *x*, links are <url|text>.
 * Converts the few constructs the bot's own texts use.
 */
export function toMrkdwn(markdown: string): string {
    return markdown
        .replace(/\*\*(.+?)\*\*/g, "*$1*")
        .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, "<$2|$1>");
}
