/**
 * The core when a request fails after text was streamed (the model crashes, the audit log cannot be written): the
 * stream still names its disclaimer for the front ends, the error is clear, and the failure is audited.
 */
import {strict as assert} from "node:assert";
import {AuditWriteError, Med42Assistant} from "../../shared/assistant";
import type {AnswerEvent} from "../../shared/assistantTypes";
import type {AuditEntry, AuditSink} from "../../shared/audit/auditLog";
import {ScriptedBackend} from "../support/scriptedBackend";

class MemoryAudit implements AuditSink {
    readonly entries: AuditEntry[] = [];
    failing = false;
    record(entry: AuditEntry): void {
        if (this.failing) throw new Error("database is locked");
        this.entries.push(entry);
    }
}

const QUESTION = [{role: "user" as const, content: "What is the usual adult dose of amoxicillin?"}];

describe("Med42Assistant when a request fails after streaming started", () => {
    it("names the disclaimer on the stream before any event, and rejects with the model's error after partial text", async () => {
        const audit = new MemoryAudit();
        const assistant = new Med42Assistant({backend: new ScriptedBackend(["Partial ", "answer"], {failWith: new Error("model crashed")}), audit});
        try {
            const stream = assistant.ask({messages: QUESTION, surface: "vscode", userId: "u1"});
            assert.deepEqual(stream.disclaimer, assistant.disclaimer);
            const events: AnswerEvent[] = [];
            for await (const e of stream) events.push(e);
            assert.equal(events.filter((e) => e.type === "text").length, 2, "the partial text was streamed");
            await assert.rejects(stream.result, /model crashed/);
            assert.equal(audit.entries.length, 1, "the failed request is audited");
            assert.equal(audit.entries[0].stopReason, "error");
            assert.equal(audit.entries[0].action, "answer");
        } finally {
            await assistant.dispose();
        }
    });

    it("fails with a clear AuditWriteError when the audit record cannot be written, after the answer streamed", async () => {
        const audit = new MemoryAudit();
        audit.failing = true;
        const assistant = new Med42Assistant({backend: new ScriptedBackend(["Amoxicillin 500 mg."]), audit});
        try {
            const stream = assistant.ask({messages: QUESTION, surface: "slack-dm"});
            let streamed = "";
            for await (const e of stream) if (e.type === "text") streamed += e.text;
            assert.equal(streamed, "Amoxicillin 500 mg.");
            await assert.rejects(stream.result, (e: Error) => e instanceof AuditWriteError &&
                e.message === "The request could not be recorded in the audit log: database is locked");
        } finally {
            await assistant.dispose();
        }
    });
});
