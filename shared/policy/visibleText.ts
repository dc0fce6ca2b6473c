/**
 * What a reader actually sees of a policy file's texts (the disclaimer, crisis resources, messages). A file must not
 * be able to hide them: zero-width or other invisible characters, text that is only whitespace, a Markdown form that
 * renders to almost nothing (an HTML comment, an image, a link with a one-character label) are refused.
 *
 * The rule: a text may contain no invisible or control character, defined as the Unicode categories Cc (control,
 * except tab and line breaks), Cf (format: zero-width space, word joiner, bidirectional embeddings, overrides and
 * isolates, soft hyphen, tag characters...), Co (private use), Cn (unassigned), Zl and Zp, and the blank letters
 * U+115F, U+1160, U+3164, U+FFA0 and U+2800; the joiners and direction marks that scripts need (U+200C ZWNJ, U+200D
 * ZWJ, U+200E LRM, U+200F RLM, U+061C ALM) are allowed. What is visible is counted in letters and digits (Unicode L
 * and N), after Markdown is rendered: link targets, images and code fences' info strings do not count, and raw HTML
 * is refused (a renderer may hide it).
 */
import MarkdownIt from "markdown-it";

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u;
const ALLOWED_MARKS = new Set(["\t", "\n", "\r", "\u200C", "\u200D", "\u200E", "\u200F", "\u061C"]);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;

/** The first invisible or control character of `text` as "U+200B", or undefined when there is none. */
export function firstInvisibleCharacter(text: string): string | undefined {
    for (const ch of text) {
        if (!ALLOWED_MARKS.has(ch) && INVISIBLE.test(ch)) return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
    }
    return undefined;
}

/** Letters and digits in `text` (any script). */
export function visibleLength(text: string): number {
    return text.match(LETTER_OR_DIGIT)?.length ?? 0;
}

const markdown = new MarkdownIt({html: true});

/**
 * The text a reader sees once `source` is rendered as Markdown, or `{html}` when it contains raw HTML (a comment
 * or a tag), which some renderers hide.
 */
export function renderedMarkdownText(source: string): {text: string} | {html: string} {
    const parts: string[] = [];
    for (const block of markdown.parse(source, {})) {
        if (block.type === "html_block") return {html: block.content.trim()};
        if (block.type === "code_block" || block.type === "fence") parts.push(block.content);
        for (const t of block.children ?? []) {
            if (t.type === "html_inline") return {html: t.content};
            if (t.type === "text" || t.type === "code_inline") parts.push(t.content);
        }
    }
    return {text: parts.join(" ")};
}
