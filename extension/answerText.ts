/**
 * A chat answer as text for the clipboard: plain text (an EHR text box shows Markdown and comment markers as they
 * are), the answer's incompleteness said, and the disclaimer. The AI-generated markers are for documents only
 * (aiBlock.ts, Insert).
 */
import MarkdownIt from "markdown-it";
import type {Disclaimer} from "../shared/policy/types";
import type {ChatTurn} from "./protocol";

const md = new MarkdownIt({html: false, linkify: false});

/** Why an answer is incomplete, or undefined when it ended on its own. */
export function incompleteReason(turn: ChatTurn): string | undefined {
    if (turn.status === "stopped") return "the answer was stopped before it finished";
    if (turn.stopReason === "maxTokens") return "the answer was cut off at the length limit";
    return undefined;
}

/** Markdown as readable plain text: paragraphs, "- " and "1. " list items, code as is, links with their address. */
export function markdownToPlainText(markdown: string): string {
    const out: string[] = [];
    const lists: {ordered: boolean; n: number}[] = [];
    let link: string | undefined;
    for (const t of md.parse(markdown, {})) {
        switch (t.type) {
            case "bullet_list_open": lists.push({ordered: false, n: 0}); break;
            case "ordered_list_open": lists.push({ordered: true, n: Number(t.attrGet("start") ?? 1) - 1}); break;
            case "bullet_list_close": case "ordered_list_close": lists.pop(); if (!lists.length) out.push("\n"); break;
            case "list_item_open": {
                const list = lists[lists.length - 1];
                out.push(`${"  ".repeat(lists.length - 1)}${list?.ordered ? `${++list.n}. ` : "- "}`);
                break;
            }
            case "paragraph_close": out.push(lists.length ? "\n" : "\n\n"); break;
            case "heading_close": out.push("\n\n"); break;
            case "fence": case "code_block": out.push(t.content, "\n"); break;
            case "hr": out.push("----------\n\n"); break;
            case "tr_close": out.push("\n"); break;
            case "th_open": case "td_open": if (out[out.length - 1] !== "\n" && !out[out.length - 1]?.endsWith("\n")) out.push(" | "); break;
            case "table_close": out.push("\n"); break;
            case "inline":
                for (const c of t.children ?? []) {
                    if (c.type === "text" || c.type === "code_inline") out.push(c.content);
                    else if (c.type === "softbreak" || c.type === "hardbreak") out.push("\n");
                    else if (c.type === "link_open") link = c.attrGet("href") ?? undefined;
                    else if (c.type === "link_close" && link) { out.push(` (${link})`); link = undefined; }
                    else if (c.type === "image") out.push(c.content);
                }
                break;
        }
    }
    return out.join("").replace(/\n{3,}/g, "\n\n").trim();
}

/** What Copy puts on the clipboard: the answer (or policy notice) as plain text, then the disclaimer. */
export function copyText(turn: ChatTurn, disclaimer: Disclaimer, eol = "\n"): string {
    const body = markdownToPlainText(turn.answer || turn.notice?.message || "");
    const incomplete = incompleteReason(turn);
    const parts = [body, ...(incomplete ? [`(Incomplete: ${incomplete}.)`] : []), disclaimer.text.trim()];
    return parts.join("\n\n").replace(/\n/g, eol);
}
