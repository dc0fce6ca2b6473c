import * as assert from "node:assert/strict";
import {splitMessage} from "../../slack-bot/answering/splitMessage";

describe("slack: splitMessage", () => {
    it("keeps a short text whole", () => {
        assert.deepEqual(splitMessage("Short answer.", 100), ["Short answer."]);
    });

    it("splits at paragraph breaks, every piece within the limit, nothing lost", () => {
        const paragraphs = Array.from({length: 30}, (_, i) => `Paragraph ${i}: ${"word ".repeat(30).trim()}.`);
        const text = paragraphs.join("\n\n");
        const pieces = splitMessage(text, 500);
        assert.ok(pieces.length > 1);
        for (const p of pieces) assert.ok(p.length <= 500, `piece of ${p.length}`);
        for (const p of paragraphs) assert.ok(pieces.some((piece) => piece.includes(p)), "a paragraph was cut or lost");
    });

    it("cuts a text without breaks within the limit and keeps every character", () => {
        const text = "x".repeat(2_345);
        const pieces = splitMessage(text, 1_000);
        for (const p of pieces) assert.ok(p.length <= 1_000);
        assert.equal(pieces.join(""), text);
    });

    it("closes a code fence cut in two and reopens it in the next piece", () => {
        const code = Array.from({length: 80}, (_, i) => `line_${i} = ${i} * 2`).join("\n");
        const text = `Intro.\n\n\`\`\`python\n${code}\n\`\`\`\n\nOutro.`;
        const pieces = splitMessage(text, 600);
        assert.ok(pieces.length > 2);
        for (const p of pieces) {
            assert.ok(p.length <= 600);
            const fences = p.split("\n").filter((l) => l.trim().startsWith("```")).length;
            assert.equal(fences % 2, 0, `unbalanced fences in:\n${p}`);
        }
        for (let i = 0; i < 80; i++) assert.ok(pieces.some((p) => p.includes(`line_${i} = ${i} * 2`)));
    });
});
