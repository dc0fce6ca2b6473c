import {strict as assert} from "node:assert";
import {Med42Assistant} from "../../shared/assistant";
import type {ChatBackend, GenerateRequest, GenerateResult} from "../../shared/engine/chatBackend";
import {InputTooLargeError, MAX_DOCUMENT_CHARS, MAX_HISTORY_CHARS, MAX_QUESTION_CHARS} from "../../shared/inputLimits";
import type {PolicyChecker} from "../../shared/policy/types";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import type {ChatMessage} from "../../shared/types";

/** Records what reaches the model; answers "ok". */
class RecordingBackend implements ChatBackend {
    readonly modelDescription = "recording";
    readonly contextSize = 8192;
    readonly requests: GenerateRequest[] = [];
    async load(): Promise<void> {}
    async countTokens(text: string): Promise<number> { return Math.ceil(text.length / 4); }
    async dispose(): Promise<void> {}
    async generate(req: GenerateRequest): Promise<GenerateResult> {
        this.requests.push(req);
        req.onText?.("ok");
        return {text: "ok", stopReason: "eos", droppedMessages: 0, usage: {promptTokens: 1, completionTokens: 1, evaluatedPromptTokens: 1}};
    }
}

/** The real policy, counting the characters it is asked to read. */
function countingPolicy(): PolicyChecker & {read: number} {
    const engine = new PolicyEngine();
    const policy = {
        read: 0,
        disclaimer: engine.disclaimer,
        decide: (text: string, surface: Parameters<PolicyEngine["decide"]>[1]) => { policy.read += text.length; return engine.decide(text, surface); },
        screenOutput: (text: string, surface: Parameters<PolicyEngine["screenOutput"]>[1]) => engine.screenOutput(text, surface),
    };
    return policy;
}

describe("input limits (core, every surface)", () => {
    it("refuses a question over the limit before the policy or the model reads it, with a message fit for users", async () => {
        const backend = new RecordingBackend();
        const policy = countingPolicy();
        const assistant = new Med42Assistant({backend, policy, auditDb: false});
        const question = "Is this amoxicillin dose right for my patient? ".repeat(1_000);
        assert.ok(question.length > MAX_QUESTION_CHARS);
        const stream = assistant.ask({messages: [{role: "user", content: question}], surface: "vscode"});
        const events = [];
        for await (const e of stream) events.push(e);
        await assert.rejects(stream.result, (e: Error) => e instanceof InputTooLargeError &&
            e.message === "The question is too long (47,000 characters; the limit is 32,000). Shorten it, or summarize a long text instead of asking about all of it.");
        assert.deepEqual(events, []);
        assert.equal(policy.read, 0);
        assert.equal(backend.requests.length, 0);
        // At the limit it is answered.
        const r = await assistant.ask({messages: [{role: "user", content: "What is the adult dose of amoxicillin? ".repeat(1_000).slice(0, MAX_QUESTION_CHARS)}], surface: "cli"}).result;
        assert.equal(r.answer, "ok");
    });

    it("refuses a document over the limit before the policy or the model reads it", async () => {
        const backend = new RecordingBackend();
        const policy = countingPolicy();
        const assistant = new Med42Assistant({backend, policy, auditDb: false});
        const stream = assistant.summarize({text: "Progress note. ".repeat(Math.ceil((MAX_DOCUMENT_CHARS + 1) / 15)), surface: "slack-dm"});
        await assert.rejects(stream.result, (e: Error) => e instanceof InputTooLargeError && e.what === "document" &&
            /^The text to summarize is too long \([0-9,]+ characters; the limit is 2,000,000\)\. Summarize it in parts\.$/.test(e.message));
        assert.equal(policy.read, 0);
        assert.equal(backend.requests.length, 0);
    });

    it("keeps only the newest earlier turns within the history limit, starting with a user turn", async () => {
        const backend = new RecordingBackend();
        const assistant = new Med42Assistant({backend, auditDb: false});
        // Clinical turns: the history rule (policy/conversationGuard.ts) would leave out-of-scope turns out anyway.
        const clinical = "Amoxicillin dosing for acute otitis media in adults and the penicillin-allergy alternatives. ";
        const turn = (role: ChatMessage["role"], i: number): ChatMessage =>
            ({role, content: `${role} turn ${i}: ${clinical.repeat(106)}`.slice(0, 10_000)});
        const history: ChatMessage[] = [];
        for (let i = 0; i < 20; i++) history.push(turn("user", i), turn("assistant", i));
        const messages = [...history, {role: "user" as const, content: "And the dose for children?"}];
        const r = await assistant.ask({messages, surface: "vscode"}).result;
        assert.equal(r.answer, "ok");
        const sent = backend.requests[0].messages;
        assert.equal(sent[sent.length - 1].content, "And the dose for children?");
        assert.equal(sent[0].role, "user");
        const earlier = sent.slice(0, -1).reduce((n, m) => n + m.content.length, 0);
        assert.ok(earlier <= MAX_HISTORY_CHARS, `${earlier} characters of history`);
        assert.ok(earlier > MAX_HISTORY_CHARS - 20_000, "as much as fits is kept");
        assert.deepEqual(sent.slice(0, -1), messages.slice(messages.length - sent.length, -1), "the newest turns, in order");
    });
});
