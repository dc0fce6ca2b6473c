import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {runCli} from "../support/runCli";
import {testModelPath} from "../support/testModel";

describe("med42: input limits (child process)", function () {
    this.timeout(120_000);

    it("ask: a question over 32,000 characters is one clear line and a non-zero exit, before any model work", async () => {
        const question = "Is this amoxicillin dose right for my patient? ".repeat(1_000);
        const r = await runCli(["ask", "--model", testModelPath(), "--no-audit", "-"], {input: question});
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /^med42: The question is too long \([0-9,]+ characters; the limit is 32,000\)\. Shorten it/m);
        assert.doesNotMatch(r.stderr, /\n\s+at /);
        assert.equal(r.stdout, "");
    });

    it("summarize: a document over 2,000,000 characters is refused the same way", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-limits-"));
        try {
            const file = path.join(dir, "note.txt");
            fs.writeFileSync(file, "Progress note: stable overnight, continue current plan.\n".repeat(40_000));
            const r = await runCli(["summarize", "--model", testModelPath(), "--no-audit", file]);
            assert.notEqual(r.code, 0);
            assert.match(r.stderr, /^med42: The text to summarize is too long \(2,240,000 characters; the limit is 2,000,000\)\. Summarize it in parts\./m);
            assert.doesNotMatch(r.stderr, /\n\s+at /);
        } finally {
            fs.rmSync(dir, {recursive: true, force: true});
        }
    });
});
