/**
 * Reads rendered Markdown the way a browser parses it (parse5) and returns what a reader sees as prose: text outside
 * comments and code, and outside any element that raw HTML put there (such an element may hide what it holds:
 * <details>, hidden, style, script, template …). Used to check that an inserted disclaimer is really visible.
 */
import {parseFragment} from "parse5";

/** The only elements markdown-it makes itself; any other element in the output came from raw HTML. */
const MARKDOWN_TAGS = new Set(["p", "blockquote", "strong", "em", "code", "pre", "a", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
    "ol", "li", "hr", "br", "img", "table", "thead", "tbody", "tr", "th", "td", "s"]);

interface DomNode {nodeName: string; tagName?: string; value?: string; childNodes?: DomNode[]; attrs?: {name: string; value: string}[]}

/** Attributes Markdown renderers write themselves (markdown-it, and VS Code's source-line and direction marks). */
function harmless(a: {name: string; value: string}): boolean {
    if (["href", "title", "src", "alt", "start", "id", "dir", "data-line", "data-href"].includes(a.name)) return true;
    if (a.name === "class") return a.value.split(/\s+/).every((c) => /^(code-line|language-[\w+#.-]+)$/.test(c));
    if (a.name === "style") return /^text-align:\s*(left|right|center);?$/.test(a.value);
    return false;
}

/** What a reader sees as prose: text outside comments, code, and anything raw HTML put there. */
export function visibleProse(html: string): {prose: string; rawElements: string[]} {
    const rawElements: string[] = [];
    let prose = "";
    // Inside code, raw HTML is escaped by the renderer: elements there are its own (syntax highlighting).
    const walk = (node: DomNode, hidden: boolean, inCode: boolean) => {
        if (node.nodeName === "#comment") return;
        if (node.nodeName === "#text") {
            if (!hidden) prose += node.value;
            return;
        }
        let hide = hidden;
        let code = inCode;
        if (node.tagName && !inCode) {
            if (!MARKDOWN_TAGS.has(node.tagName)) { rawElements.push(node.tagName); hide = true; }
            if (!(node.attrs ?? []).every(harmless)) { rawElements.push(`${node.tagName}[${node.attrs!.map((a) => a.name)}]`); hide = true; }
            if (node.tagName === "pre" || node.tagName === "code") hide = code = true;
        }
        for (const child of node.childNodes ?? []) walk(child, hide, code);
    };
    walk(parseFragment(html) as unknown as DomNode, false, false);
    return {prose: prose.replace(/\s+/g, " "), rawElements};
}

