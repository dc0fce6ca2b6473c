import * as assert from "node:assert/strict";
import {formatAiBlock} from "../../extension/aiBlock";
import {copyText, incompleteReason, markdownToPlainText} from "../../extension/answerText";
import type {ChatTurn} from "../../extension/protocol";

const disclaimer = {text: "Med42 is not ready for clinical use.", markdown: "_Med42 is **not** ready for clinical use._"};
const turn = (patch: Partial<ChatTurn>): ChatTurn => ({id: "t", question: "q", answer: "", status: "done", createdAt: 0, ...patch});

describe("answers as text: Copy and incomplete answers", () => {
    it("turns Markdown into readable plain text", () => {
        assert.equal(markdownToPlainText("**Amlodipine** 5 mg daily.\n\n- check `K+`\n- see [NICE](https://nice.org.uk)\n\n1. first\n2. second\n\n```\nx = 1\n```"),
            "Amlodipine 5 mg daily.\n\n- check K+\n- see NICE (https://nice.org.uk)\n\n1. first\n2. second\n\nx = 1");
    });

    it("copies plain text with the disclaimer, without AI-generated markers", () => {
        const text = copyText(turn({answer: "## Plan\n\n**Start** amlodipine."}), disclaimer);
        assert.equal(text, "Plan\n\nStart amlodipine.\n\nMed42 is not ready for clinical use.");
        assert.doesNotMatch(text, /<!--|BEGIN|END AI-GENERATED|\*\*/);
    });

    it("says when a copied or inserted answer is incomplete (stopped, or cut off at the length limit)", () => {
        assert.equal(incompleteReason(turn({status: "stopped", answer: "Part"})), "the answer was stopped before it finished");
        assert.equal(incompleteReason(turn({stopReason: "maxTokens", answer: "Part"})), "the answer was cut off at the length limit");
        assert.equal(incompleteReason(turn({stopReason: "eos", answer: "Whole"})), undefined);
        assert.match(copyText(turn({status: "stopped", answer: "Part"}), disclaimer), /^Part\n\n\(Incomplete: the answer was stopped before it finished\.\)\n\nMed42/);
        const md = formatAiBlock({kind: "answer", body: "Part", disclaimer, model: "m.gguf", languageId: "markdown", incomplete: "the answer was stopped before it finished"});
        assert.equal(md.split("\n")[2], "> **Incomplete:** the answer was stopped before it finished.");
        const plain = formatAiBlock({kind: "answer", body: "Part", disclaimer, model: "m.gguf", languageId: "plaintext", incomplete: "the answer was cut off at the length limit"});
        assert.equal(plain.split("\n")[1], "[Incomplete: the answer was cut off at the length limit.]");
    });
});
