/**
 * Recognises the policy's own messages (escalations, refusals) when they come back as an assistant turn of a
 * conversation: a Slack thread gives the bot's posted refusal back as text, reformatted (mrkdwn, links wrapped by
 * Slack, defanged mentions, emoji codes), perhaps with the disclaimer. The core drops such turns and the user turn
 * they answered (see conversationGuard.ts), so recognition must survive formatting but never needs the exact string.
 *
 * A text is a policy message when most of it (by letters and digits) is made of sentences of the policy's messages.
 * Whole sentences are compared, so a model answer that shares a phrase with a refusal stays an answer; a message with
 * a variable part (the kinds of identifier found) is still recognised by its fixed sentences.
 */

/** Share of a text (letters and digits, disclaimer left aside) that must be policy sentences. */
const MIN_COVERAGE = 0.75;
/** Sentences shorter than this (fingerprint characters) are too generic to count. */
const MIN_SENTENCE_LENGTH = 12;

/**
 * Lower-case letters and digits in single spaces: what survives Markdown, Slack's mrkdwn, links rewritten as
 * `<url|text>` or `[text](url)`, `:emoji:` codes and zero-width characters.
 */
export function fingerprint(text: string): string {
    // Linear time on any input (model text can be steered by a user): every repeated class excludes the character
    // that starts its pattern, so no two attempts scan the same characters.
    return text.normalize("NFKC")
        .replace(/<[^<>|\s]+\|([^<>]*)>/g, " $1 ") // Slack link with a label: the label is what was written
        .replace(/\[([^[\]]*)\]\([^()\s]*\)/g, " $1 ") // Markdown link
        .replace(/:[a-z0-9_+-]+:/g, " ") // emoji codes
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, " ")
        .trim();
}

/** Sentences (and paragraphs, lines) of a message, fingerprinted. */
function sentences(text: string): string[] {
    return text.split(/\n+|(?<=[.!?\u061f\u06d4\u0964])\s+/).map(fingerprint).filter((s) => s.length >= MIN_SENTENCE_LENGTH);
}

function letterCount(fp: string): number {
    return fp.replace(/ /g, "").length;
}

export class PolicyMessageMatcher {
    /** Longest first, so a sentence that contains a shorter one is removed whole. */
    private readonly policySentences: string[];
    private readonly neutralSentences: string[];

    /**
     * @param messages every message the policy shows instead of an answer
     * @param neutral text that may accompany them without being part of them (the disclaimer)
     */
    constructor(messages: readonly string[], neutral: readonly string[] = []) {
        const byLength = (a: string, b: string) => b.length - a.length;
        this.policySentences = [...new Set(messages.flatMap(sentences))].sort(byLength);
        this.neutralSentences = [...new Set(neutral.flatMap(sentences))].sort(byLength);
    }

    /** True when `text` is (almost all) one or more of the policy's messages. */
    matches(text: string): boolean {
        let rest = ` ${fingerprint(text)} `;
        for (const s of this.neutralSentences) rest = rest.split(` ${s} `).join("  ");
        const total = letterCount(rest);
        if (total === 0) return false;
        let found = false;
        for (const s of this.policySentences) {
            const parts = rest.split(` ${s} `);
            if (parts.length > 1) {
                found = true;
                rest = parts.join("  ");
            }
        }
        return found && (total - letterCount(rest)) / total >= MIN_COVERAGE;
    }
}
