import * as assert from "node:assert/strict";
import {formatAiBlock, shortModelName} from "../../extension/aiBlock";

const disclaimer = {text: "Med42 is not ready for clinical use.", markdown: "_Med42 is **not** ready for clinical use._"};
const date = new Date("2025-01-02T10:00:00Z");

describe("AI-generated block marking", () => {
    it("marks Markdown with begin/end comments, the model, the date and the Markdown disclaimer", () => {
        const out = formatAiBlock({kind: "summary", body: "BP high; amlodipine started.\n", disclaimer, model: "/models/Llama3-Med42-8B.Q4_K_M.gguf", languageId: "markdown", date});
        const lines = out.split("\n");
        assert.equal(lines[0], "<!-- BEGIN AI-GENERATED SUMMARY (Med42, Llama3-Med42-8B.Q4_K_M.gguf, 2025-01-02) -->");
        assert.match(lines[1], /^> \*\*AI-generated summary\*\*/);
        assert.ok(lines.includes("BP high; amlodipine started."));
        assert.ok(lines.includes(`> ${disclaimer.markdown}`));
        assert.equal(lines[lines.length - 1], "<!-- END AI-GENERATED SUMMARY -->");
    });

    it("uses plain-text markers and the plain disclaimer elsewhere, with the document's line endings", () => {
        const out = formatAiBlock({kind: "answer", body: "Answer", disclaimer, model: "med42-8b", languageId: "plaintext", eol: "\r\n", date});
        assert.ok(out.startsWith("----- BEGIN AI-GENERATED ANSWER (Med42, med42-8b, 2025-01-02): review before use -----\r\n"));
        assert.ok(out.includes(`\r\n${disclaimer.text}\r\n`));
        assert.ok(out.endsWith("----- END AI-GENERATED ANSWER -----"));
        assert.doesNotMatch(out, /[^\r]\n/);
    });

    it("shortens model paths to the file name", () => {
        assert.equal(shortModelName("C:\\models\\x.gguf"), "x.gguf");
        assert.equal(shortModelName("med42-8b"), "med42-8b");
    });
});
