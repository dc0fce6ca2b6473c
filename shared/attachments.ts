/**
 * Context attached to a question (a selection, a file): how it becomes part of the user's message. What the policy
 * decides on is what the model is given: the question with its attached text, composed here, so an identifier or a
 * request for harm inside an attached file is seen exactly like one typed in the question. Earlier turns of a
 * conversation are composed the same way before the history rule decides on them.
 */
import type {ChatMessage, MessageAttachment} from "./types";

/** A fence longer than any backtick run in the text, so quoted text cannot close it early. */
export function fenceText(text: string, language = ""): string {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = "`".repeat(longest + 1);
    const lang = /^[\w+#.-]+$/.test(language) && language !== "plaintext" ? language : "";
    return `${fence}${lang}\n${text.replace(/\s+$/, "")}\n${fence}`;
}

/** One attachment as the model reads it. */
export function attachmentBlock(a: MessageAttachment): string {
    return `Attached: ${a.label}\n${fenceText(a.text, a.language)}`;
}

/** The user's message with its attachments, as decided by the policy and given to the model. */
export function composeUserMessage(content: string, attachments?: readonly MessageAttachment[]): string {
    if (!attachments?.length) return content;
    return [content.trim(), ...attachments.map(attachmentBlock)].join("\n\n");
}

/** The conversation with every user message's attachments composed into its text (the flags kept). */
export function composeConversation(messages: readonly ChatMessage[]): ChatMessage[] {
    return messages.map((m) => {
        if (!m.attachments?.length) return m;
        const {attachments, ...rest} = m;
        return {...rest, content: composeUserMessage(m.content, attachments)};
    });
}
