/**
 * Markdown → HTML for the chat webview. Model output is untrusted: raw HTML is off (markdown-it escapes it), links
 * are limited to http(s) and mailto (no javascript:, vbscript:, data:, file:, command: …), images are shown as their
 * alt text (nothing is fetched), and code blocks get Copy/Insert buttons. The webview's CSP is the second wall.
 * Runs in the browser (bundled by esbuild) and in Node (unit tests).
 */
import MarkdownIt from "markdown-it";

const SAFE_LINK = /^(https?:|mailto:)/i;

/** Whether a link target may be rendered as a link (and opened by the host). */
export function isSafeLink(href: string): boolean {
    // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"): strip them before checking.
    const normalized = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
    return SAFE_LINK.test(normalized);
}

function escapeHtml(s: string): string {
    return s.replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"})[c]!);
}

export interface MarkdownRenderer {
    render(markdown: string): string;
}

export function createMarkdownRenderer(): MarkdownRenderer {
    const md = new MarkdownIt({html: false, linkify: true, typographer: false, breaks: false});
    md.validateLink = isSafeLink;

    md.renderer.rules.link_open = (tokens, idx) => {
        const href = tokens[idx].attrGet("href") ?? "";
        const title = tokens[idx].attrGet("title");
        return `<a href="${escapeHtml(href)}" data-href="${escapeHtml(href)}" title="${escapeHtml(title ?? href)}" rel="noopener noreferrer">`;
    };
    md.renderer.rules.image = (tokens, idx) => {
        const alt = tokens[idx].content;
        return `<span class="image-alt" title="Images are not loaded">[image${alt ? `: ${escapeHtml(alt)}` : ""}]</span>`;
    };
    const codeBlock = (code: string, lang: string): string => {
        const safeLang = lang.replace(/[^\w+#.-]/g, "").slice(0, 30);
        const langClass = safeLang ? ` class="language-${safeLang}"` : "";
        return `<div class="code-block">` +
            `<div class="code-actions">${safeLang ? `<span class="code-lang">${escapeHtml(safeLang)}</span>` : ""}` +
            `<button type="button" class="code-action" data-action="copy-code" aria-label="Copy code">Copy</button>` +
            `<button type="button" class="code-action" data-action="insert-code" aria-label="Insert code at cursor">Insert</button></div>` +
            `<pre><code${langClass}>${escapeHtml(code)}</code></pre></div>\n`;
    };
    md.renderer.rules.fence = (tokens, idx) => codeBlock(tokens[idx].content, tokens[idx].info.trim().split(/\s+/)[0] ?? "");
    md.renderer.rules.code_block = (tokens, idx) => codeBlock(tokens[idx].content, "");

    return {render: (markdown) => md.render(markdown)};
}
