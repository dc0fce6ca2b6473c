/**
 * The repository's labelled policy cases once more, through the whole assistant with the model on the real
 * llama-server: the same decisions as the local policy engine, the model never called for an escalation or a refusal,
 * and called once for each question the policy answers. A server cannot bypass the policy: it only ever sees what the
 * policy lets through.
 */
import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {Med42Assistant} from "../../shared/assistant";
import type {ChatBackend, GenerateRequest, GenerateResult} from "../../shared/engine/chatBackend";
import {ServerChatBackend} from "../../shared/engine/server/serverChatBackend";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import type {PolicyDecision} from "../../shared/policy/types";
import {parseCases} from "../../tools/policyMetrics";
import {LlamaServer} from "../support/llamaServer";

const FIXTURES = path.resolve(__dirname, "../../../test/policy/fixtures");
const FILES = ["own-cases.jsonl", "own-cases-2.jsonl", "own-cases-3.jsonl", "own-cases-4.jsonl", "own-cases-5.jsonl", "own-cases-6.jsonl",
    "own-cases-7.jsonl", "own-cases-8.jsonl", "own-cases-9.jsonl", "own-cases-10.jsonl"];

/** The server backend, recording the questions that reach the model. */
class CountingBackend implements ChatBackend {
    readonly asked: string[] = [];
    constructor(readonly inner: ServerChatBackend) {}
    get modelDescription() { return this.inner.modelDescription; }
    get contextSize() { return this.inner.contextSize; }
    load(signal?: AbortSignal) { return this.inner.load(signal); }
    countTokens(text: string) { return this.inner.countTokens(text); }
    dispose() { return this.inner.dispose(); }
    generate(req: GenerateRequest): Promise<GenerateResult> {
        this.asked.push(req.messages[req.messages.length - 1].content);
        return this.inner.generate(req);
    }
}

describe("policy cases through the assistant on a model server (llama-server)", function () {
    this.timeout(600_000);
    let server: LlamaServer;
    let backend: CountingBackend;
    let assistant: Med42Assistant;
    const engine = new PolicyEngine();

    before(async () => {
        server = await LlamaServer.start({parallel: 4});
        backend = new CountingBackend(new ServerChatBackend({urls: [server.url]}));
        assistant = new Med42Assistant({backend, auditDb: false, sampling: {maxTokens: 1}});
    });
    after(async () => {
        await assistant?.dispose();
        await server?.stop();
    });

    for (const file of FILES) {
        it(`${file}: the same decisions, the model only for answers`, async () => {
            const cases = parseCases(fs.readFileSync(path.join(FIXTURES, file), "utf8"), file);
            const problems: string[] = [];
            const start = backend.asked.length;
            // Four at a time, as the server has four slots.
            for (let i = 0; i < cases.length; i += 4) {
                await Promise.all(cases.slice(i, i + 4).map(async (c) => {
                    let decision: PolicyDecision | undefined;
                    const stream = assistant.ask({messages: [{role: "user", content: c.text}], surface: c.surface});
                    for await (const ev of stream) if (ev.type === "decision") decision = ev.decision;
                    const result = await stream.result;
                    const local = engine.decide(c.text, c.surface);
                    const label = `${c.id} (${c.surface}) "${c.text.slice(0, 60)}"`;
                    if (decision?.action !== c.action || decision?.category !== c.category)
                        problems.push(`${label}: ${decision?.action}/${decision?.category}, labelled ${c.action}/${c.category}`);
                    if (decision?.action !== local.action || decision?.category !== local.category || decision?.rules.join() !== local.rules.join())
                        problems.push(`${label}: differs from the local policy engine`);
                    if (c.action !== "answer" && result.stopReason !== "policy") problems.push(`${label}: ${result.stopReason}, not a policy message`);
                    if (!result.text.endsWith(result.disclaimer.text)) problems.push(`${label}: no disclaimer`);
                }));
            }
            // Each question reached the model exactly as often as it was a case the policy answers.
            const asked = backend.asked.slice(start);
            for (const text of new Set(cases.map((c) => c.text))) {
                const expected = cases.filter((c) => c.text === text && c.action === "answer").length;
                const actual = asked.filter((t) => t === text).length;
                if (actual !== expected) problems.push(`"${text.slice(0, 60)}": the model was asked ${actual} times, expected ${expected}`);
            }
            assert.deepEqual(problems, []);
            assert.ok(asked.length > 0 && asked.length < cases.length, `${asked.length} of ${cases.length} cases reached the model`);
        });
    }
});
