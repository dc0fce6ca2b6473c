/**
 * An AI-generated block inserted into a document cannot be made, by the model's text, to hide its disclaimer or to
 * fake its markers. Each block of the corpus is rendered with markdown-it with raw HTML on (as VS Code's preview and
 * GitHub allow it) and read back as a browser would parse it (parse5): the disclaimer must be visible prose.
 */
import * as assert from "node:assert/strict";
import MarkdownIt from "markdown-it";
import {formatAiBlock} from "../../extension/aiBlock";
import {neutralizeMarkdown} from "../../extension/markdownNeutralize";
import {MARKDOWN_BENIGN, MARKDOWN_HIDING_CORPUS} from "./markdownHidingCorpus";
import {visibleProse} from "./visibleProse";

const disclaimer = {text: "Med42 is not ready for clinical use.", markdown: "_Med42 is **not** ready for clinical use._"};
const DISCLAIMER_SHOWN = "Med42 is not ready for clinical use.";
const date = new Date("2025-01-02T10:00:00Z");
const preview = new MarkdownIt({html: true, linkify: true});

function markerLines(block: string): string[] {
    return block.split(/\r?\n/).filter((l) => /^\s*(<!--|-----)\s*(BEGIN|END)\s+AI-GENERATED/i.test(l));
}

describe("AI-generated block: the model's text cannot hide the disclaimer or fake the markers", () => {
    for (const [name, answer] of MARKDOWN_HIDING_CORPUS) {
        it(`Markdown: ${name}`, () => {
            for (const kind of ["answer", "summary"] as const) {
                const block = formatAiBlock({kind, body: answer, disclaimer, model: "/m/Llama3-Med42-8B.gguf", languageId: "markdown", date});
                const {prose, rawElements} = visibleProse(preview.render(block));
                assert.deepEqual(rawElements, [], `no raw HTML element from the answer:\n${block}`);
                assert.ok(prose.trimEnd().endsWith(DISCLAIMER_SHOWN), `the disclaimer is the last visible prose:\n${block}\n---\n${prose}`);
                const markers = markerLines(block);
                assert.equal(markers.length, 2, `only the real markers:\n${markers.join("\n")}`);
                assert.ok(block.startsWith(markers[0]) && block.endsWith(markers[1]));
            }
        });
    }

    it("Markdown: a model answer keeps its visible text (what was escaped still shows as typed)", () => {
        for (const [name, answer] of MARKDOWN_HIDING_CORPUS) {
            const shown = visibleProse(preview.render(neutralizeMarkdown(answer))).prose + visibleCode(neutralizeMarkdown(answer));
            for (const word of ["500", "mg", "details", "script", "hidden"]) {
                if (answer.includes(word)) assert.ok(shown.includes(word), `${name}: "${word}" is still shown`);
            }
        }
    });

    it("Markdown: comparisons, code spans, code blocks and entities go in as written", () => {
        for (const answer of MARKDOWN_BENIGN) assert.equal(neutralizeMarkdown(answer), answer);
    });

    it("plain text: forged markers are marked as quoted and an HTML comment cannot open", () => {
        for (const [name, answer] of MARKDOWN_HIDING_CORPUS) {
            const block = formatAiBlock({kind: "answer", body: answer, disclaimer, model: "med42-8b", languageId: "plaintext", eol: "\r\n", date});
            assert.equal(markerLines(block).length, 2, name);
            assert.doesNotMatch(block, /<!--|-->/, name);
            assert.ok(block.endsWith(`\r\n${disclaimer.text}\r\n----- END AI-GENERATED ANSWER -----`), name);
        }
    });

    it("HTML: the answer goes in as text, so no tag or comment of it can hide the disclaimer", () => {
        for (const [name, answer] of MARKDOWN_HIDING_CORPUS) {
            const block = formatAiBlock({kind: "answer", body: answer, disclaimer, model: "med42-8b", languageId: "html", date});
            const {prose, rawElements} = visibleProse(block);
            assert.deepEqual(rawElements, [], name);
            assert.ok(prose.includes(`${disclaimer.text} ----- END AI-GENERATED ANSWER -----`), `${name}: ${prose}`);
        }
    });
});

/** Text inside code elements (shown as code). */
function visibleCode(markdown: string): string {
    return [...preview.render(markdown).matchAll(/<code[^>]*>([\s\S]*?)<\/code>/g)].map((m) => m[1]).join(" ");
}
