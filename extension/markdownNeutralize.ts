/**
 * Model text inserted into a user's Markdown document, made unable to hide or restructure what follows it (the
 * disclaimer, the end marker) in any renderer that allows raw HTML (VS Code's preview, GitHub):
 *
 * - every `<` that could start HTML (a comment `<!--`, `<details>`, `<div hidden>`, `<script>`, `<style>`,
 *   `<template>`, `<textarea>`, a declaration or processing instruction) is backslash-escaped, so it shows as typed;
 *   `-->` likewise. Code blocks and code spans are left as written (HTML is not parsed there);
 * - a code fence left open at the end is closed, so it cannot swallow the disclaimer.
 *
 * The result is checked with markdown-it (the parser of VS Code's preview), raw HTML on: it must hold no HTML at all
 * and leave a blockquote after it standing alone at the top level. A candidate that fails (the code-span scan
 * disagreeing with markdown-it in some corner) is replaced by one escaping inside code spans too, and as a last
 * resort the text goes in as a fenced code block. Markers that imitate ours are neutralised by neutralizeMarkers.
 */
import MarkdownIt from "markdown-it";

type Token = ReturnType<MarkdownIt["parse"]>[number];

/** The structure the escaped text will have: with its HTML escaped, raw HTML plays no part. */
const structure = new MarkdownIt({html: false});
/** How a renderer with raw HTML on reads the result. */
const withHtml = new MarkdownIt({html: true});

const SENTINEL = "med42-disclaimer-sentinel";
/** A `<` that can start raw HTML (tag, closing tag, comment, declaration, CDATA, processing instruction). */
const HTML_START = /[A-Za-z/!?]/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const CLOSING_FENCE = (char: string, length: number) => new RegExp(`^ {0,3}${char === "`" ? "`" : "~"}{${length},}[ \\t]*$`);

/** `BEGIN` / `END` before "AI-GENERATED" however separated: text that could pass for one of our markers. */
const MARKER_LOOKALIKE = /\b(BEGIN|END)(?=[^\p{L}\p{N}]{1,12}A[^\p{L}\p{N}]{0,3}I[^\p{L}\p{N}]{0,12}GENERATED)/giu;

/** Marks text that imitates the AI-generated block markers, visibly, so neither a reader nor a tool takes it for one. */
export function neutralizeMarkers(text: string): string {
    return text.replace(MARKER_LOOKALIKE, "(quoted) $1");
}

/** See the file comment. `text` may use any line endings; the result uses "\n". */
export function neutralizeMarkdown(text: string): string {
    const lines = text.replace(/\r\n?/g, "\n").split("\n");
    const code = codeBlockLines(lines);
    for (const keepCodeSpans of [true, false]) {
        const candidate = closeOpenFence(escapeHtml(lines, code, keepCodeSpans));
        if (standsApart(candidate)) return candidate;
    }
    return asCodeBlock(lines.join("\n"));
}

/** Lines inside fenced or indented code blocks (markdown-it's block structure, fences included). */
function codeBlockLines(lines: string[]): Set<number> {
    const code = new Set<number>();
    for (const token of structure.parse(lines.join("\n"), {})) {
        if ((token.type === "fence" || token.type === "code_block") && token.map) {
            for (let i = token.map[0]; i < token.map[1]; i++) code.add(i);
        }
    }
    return code;
}

/** Escapes HTML starts and `-->` outside code blocks (and outside code spans when `keepCodeSpans`). */
function escapeHtml(lines: string[], code: Set<number>, keepCodeSpans: boolean): string[] {
    const out = [...lines];
    // Paragraph-like runs of lines outside code blocks: a code span never crosses a blank line or a code block.
    for (let start = 0; start < lines.length;) {
        if (code.has(start) || !lines[start].trim()) { start++; continue; }
        let end = start;
        while (end < lines.length && !code.has(end) && lines[end].trim()) end++;
        const escaped = escapeRun(lines.slice(start, end).join("\n"), keepCodeSpans).split("\n");
        out.splice(start, end - start, ...escaped);
        start = end;
    }
    return out;
}

function escapeRun(text: string, keepCodeSpans: boolean): string {
    let out = "";
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (c === "\\" && i + 1 < text.length && ASCII_PUNCTUATION.test(text[i + 1])) {
            out += text.slice(i, i + 2); // already escaped
            i += 2;
        } else if (c === "`") {
            let run = 1;
            while (text[i + run] === "`") run++;
            const close = keepCodeSpans ? closingRun(text, i + run, run) : -1;
            const end = close >= 0 ? close + run : i + run;
            out += text.slice(i, end); // a code span as written, or a run of literal backticks
            i = end;
        } else if (c === "<" && i + 1 < text.length && HTML_START.test(text[i + 1])) {
            out += "\\<";
            i++;
        } else if (c === ">" && text.slice(i - 2, i) === "--") {
            out += "\\>";
            i++;
        } else {
            out += c;
            i++;
        }
    }
    return out;
}

/** Where the next backtick run of exactly `length` starts at or after `from`, or -1. */
function closingRun(text: string, from: number, length: number): number {
    for (let j = from; j < text.length;) {
        if (text[j] !== "`") { j++; continue; }
        let run = 1;
        while (text[j + run] === "`") run++;
        if (run === length) return j;
        j += run;
    }
    return -1;
}

/** A fence still open at the end of the text is closed (at the top level, where it would swallow what follows). */
function closeOpenFence(lines: string[]): string {
    const text = lines.join("\n");
    const fences = structure.parse(text, {}).filter((t) => t.type === "fence" && t.level === 0 && t.map);
    const last = fences[fences.length - 1];
    if (last?.map && last.map[1] >= lines.length) {
        const closingLine = last.map[1] - 1;
        const closed = closingLine > last.map[0] && CLOSING_FENCE(last.markup[0], last.markup.length).test(lines[closingLine]);
        if (!closed) return `${text}\n${last.markup}`;
    }
    return text;
}

/** No raw HTML anywhere, and a blockquote after the text is a top-level block of its own. */
function standsApart(text: string): boolean {
    const tokens = withHtml.parse(`${text}\n\n> ${SENTINEL}`, {});
    const html = (t: Token): boolean => t.type === "html_block" || t.type === "html_inline" || (t.children ?? []).some(html);
    if (tokens.some(html)) return false;
    // The sentinel's tokens close the list: blockquote_open, paragraph_open, inline, paragraph_close, blockquote_close.
    const n = tokens.length;
    return n >= 5 && tokens[n - 5].type === "blockquote_open" && tokens[n - 5].level === 0 &&
        tokens[n - 3].type === "inline" && tokens[n - 3].content === SENTINEL && tokens[n - 1].type === "blockquote_close";
}

/** The last resort: the text as a fenced code block, with a fence longer than any backtick run in it. */
function asCodeBlock(text: string): string {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = "`".repeat(longest + 1);
    return `${fence}text\n${text}\n${fence}`;
}
