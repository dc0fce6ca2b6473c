/**
 * What `med42 ask`, `chat` and `summarize` print (printAnswerStream) when the model's output is adversarial or the
 * request fails half-way: the real core with a scripted model, printed to a terminal-like stream.
 */
import {strict as assert} from "node:assert";
import {AuditWriteError, Med42Assistant} from "../../shared/assistant";
import type {AuditEntry, AuditSink} from "../../shared/audit/auditLog";
import {printAnswerStream} from "../../cli/renderAnswer";
import {ScriptedBackend} from "../support/scriptedBackend";

const E = "\x1b";
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** A stand-in for a terminal: collects what is written. */
function terminal(): NodeJS.WriteStream & {text: string} {
    const t = {isTTY: true, text: "", write(chunk: string) { t.text += chunk; return true; }};
    return t as unknown as NodeJS.WriteStream & {text: string};
}

class FailingAudit implements AuditSink {
    readonly attempts: AuditEntry[] = [];
    record(entry: AuditEntry): void {
        this.attempts.push(entry);
        throw new Error("SQLITE_FULL: database or disk is full");
    }
}

function assistantWith(chunks: string[], options: {failWith?: Error; audit?: AuditSink} = {}): Med42Assistant {
    return new Med42Assistant({backend: new ScriptedBackend(chunks, {failWith: options.failWith}),
        ...(options.audit ? {audit: options.audit} : {auditDb: false})});
}

const QUESTION = [{role: "user" as const, content: "What is the usual adult dose of amoxicillin?"}];

describe("CLI answer printing: model text cannot hide the disclaimer", () => {
    it("strips escape sequences from streamed model text, also when split across chunks, and ends with the disclaimer", async () => {
        const chunks = ["Usual dose: 500 mg", E, "[8", "m every 8 hours.", `${E}]52;c;cm0gLXJm`, "+/8=\x07",
            `${E}]8;;https://evil.example/\x07see guideline${E}]8;;\x07`, "\rSafe for clinical use.", "\b\b\b\b", `${E}]0;`];
        const assistant = assistantWith(chunks);
        const out = terminal();
        try {
            const r = await printAnswerStream(assistant.ask({messages: QUESTION, surface: "cli"}), out, terminal());
            assert.doesNotMatch(out.text, CONTROL);
            assert.match(out.text, /Usual dose: 500 mg every 8 hours\./);
            assert.match(out.text, /see guideline\nSafe for clinical use\./, "a carriage return cannot print over earlier text");
            assert.ok(out.text.endsWith(`\n\n${r.disclaimer.text}\n`), JSON.stringify(out.text.slice(-200)));
        } finally {
            await assistant.dispose();
        }
    });

    it("prints the disclaimer under the partial answer when the model fails mid-stream, then reports the error", async () => {
        const assistant = assistantWith(["The first part of the answer", ` is here.${E}[8m`], {failWith: new Error("the model crashed")});
        const out = terminal();
        try {
            await assert.rejects(printAnswerStream(assistant.ask({messages: QUESTION, surface: "cli"}), out, terminal()),
                /the model crashed/);
            assert.match(out.text, /^The first part of the answer is here\./);
            assert.doesNotMatch(out.text, CONTROL);
            assert.ok(out.text.endsWith(`\n\n${assistant.disclaimer.text}\n`), JSON.stringify(out.text));
        } finally {
            await assistant.dispose();
        }
    });

    it("prints the disclaimer under a complete answer whose audit record could not be written", async () => {
        const audit = new FailingAudit();
        const assistant = assistantWith(["Amoxicillin 500 mg three times a day."], {audit});
        const out = terminal();
        try {
            await assert.rejects(printAnswerStream(assistant.ask({messages: QUESTION, surface: "cli"}), out, terminal()),
                (e: Error) => e instanceof AuditWriteError && /audit log: SQLITE_FULL/.test(e.message));
            assert.equal(audit.attempts.length, 1);
            assert.ok(out.text.startsWith("Amoxicillin 500 mg three times a day."));
            assert.ok(out.text.endsWith(`\n\n${assistant.disclaimer.text}\n`), JSON.stringify(out.text));
        } finally {
            await assistant.dispose();
        }
    });

    it("shows an escalation's resources and the disclaimer even when the audit log fails", async () => {
        const assistant = assistantWith(["never called"], {audit: new FailingAudit()});
        const out = terminal();
        try {
            const stream = assistant.ask({messages: [{role: "user", content: "My father just collapsed and isn't breathing, what do I do?"}],
                surface: "cli"});
            await assert.rejects(printAnswerStream(stream, out, terminal()), AuditWriteError);
            const decision = assistant.decide("My father just collapsed and isn't breathing, what do I do?", "cli");
            assert.equal(decision.action, "escalate");
            assert.ok(out.text.includes(decision.message!.trim()), "the emergency message was printed");
            assert.ok(out.text.endsWith(`\n\n${assistant.disclaimer.text}\n`));
        } finally {
            await assistant.dispose();
        }
    });
});
