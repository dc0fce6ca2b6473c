import * as assert from "node:assert/strict";
import {createMarkdownRenderer, isSafeLink} from "../../extension/webview/render";
import {ALLOWED_ATTRIBUTES, ALLOWED_TAGS, XSS_CORPUS} from "./xssCorpus";

/** Every real tag in the renderer's output, with its attributes (escaped text contains no real "<"). */
function tagsOf(html: string): {name: string; attrs: Map<string, string>}[] {
    const tags: {name: string; attrs: Map<string, string>}[] = [];
    for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
        const attrs = new Map<string, string>();
        for (const a of m[2].matchAll(/\s+([^\s=>/]+)(?:="([^"]*)")?/g)) attrs.set(a[1].toLowerCase(), a[2] ?? "");
        tags.push({name: m[1].toLowerCase(), attrs});
    }
    return tags;
}

describe("webview Markdown renderer", () => {
    const md = createMarkdownRenderer();

    it("renders ordinary Markdown (lists, emphasis, tables, safe links)", () => {
        const html = md.render("**Dose**: 5 mg\n\n- one\n- two\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\nSee [NICE](https://www.nice.org.uk/).");
        assert.match(html, /<strong>Dose<\/strong>/);
        assert.match(html, /<li>one<\/li>/);
        assert.match(html, /<td style="text-align:right">2<\/td>/);
        assert.match(html, /<a href="https:\/\/www.nice.org.uk\/" data-href="https:\/\/www.nice.org.uk\/"[^>]*>NICE<\/a>/);
    });

    it("wraps code blocks with Copy and Insert buttons and escapes the code", () => {
        const html = md.render("```js\nif (a < b) run();\n```");
        assert.match(html, /data-action="copy-code"/);
        assert.match(html, /data-action="insert-code"/);
        assert.match(html, /<code class="language-js">if \(a &lt; b\) run\(\);\n<\/code>/);
    });

    it("allows only http(s) and mailto link targets", () => {
        for (const ok of ["https://a.example", "http://a.example", "mailto:x@y.example", "HTTPS://A.EXAMPLE"]) assert.ok(isSafeLink(ok), ok);
        for (const bad of ["javascript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "vbscript:x", "data:text/html,x",
            "file:///etc/passwd", "command:workbench.action.terminal.new", "vscode://x", "//evil.example", "#top", "relative/path"]) {
            assert.ok(!isSafeLink(bad), bad);
        }
    });

    describe("XSS corpus: nothing executable survives", () => {
        for (const c of XSS_CORPUS) {
            it(c.name, () => {
                const html = md.render(c.markdown);
                for (const tag of tagsOf(html)) {
                    assert.ok(ALLOWED_TAGS.has(tag.name), `tag <${tag.name}> in ${html}`);
                    for (const [name, value] of tag.attrs) {
                        assert.ok(ALLOWED_ATTRIBUTES.has(name), `attribute ${name} on <${tag.name}> in ${html}`);
                        if (name === "href" || name === "data-href") assert.ok(isSafeLink(value), `${name}="${value}"`);
                        if (name === "style") assert.match(value, /^text-align:(left|right|center)$/);
                    }
                }
                assert.doesNotMatch(html, /<(script|iframe|object|embed|svg|img|style|form|meta|base|math|details)\b/i);
                assert.doesNotMatch(html, /(href|src)="\s*(javascript|vbscript|data|file|command):/i);
            });
        }
    });

    it("shows images as alt text without loading them", () => {
        const html = md.render("![chest X-ray](https://tracker.example/p.png)");
        assert.doesNotMatch(html, /<img/);
        assert.match(html, /\[image: chest X-ray\]/);
    });

    it("keeps the text of rejected links visible", () => {
        const html = md.render("[click me](javascript:alert(1))");
        assert.doesNotMatch(html, /<a /);
        assert.match(html, /click me/);
    });
});
