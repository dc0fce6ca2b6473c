/**
 * The extension on the central audit log, inside the real VS Code extension host, with a real PostgreSQL (started
 * here on loopback): MED42_DATABASE_URL in VS Code's environment, or med42.auditDatabase set to a postgres:// URL,
 * sends VS Code's requests to the same audit table as the bot and the CLI; while the database is down, requests pause
 * with a clear message (the model is not asked) and resume by themselves; a password in the setting is refused.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type {Med42ExtensionApi} from "../../../extension/extension";
import type {ChatTurn} from "../../../extension/protocol";
import {PostgresAuditStore} from "../../../shared/audit/postgresAuditStore";
import type {AuditRecord} from "../../../shared/audit/auditLog";
import {TestPostgres} from "../../support/postgres";

const EXTENSION_ID = "med42-assist.med42-assist";

function config() {
    return vscode.workspace.getConfiguration("med42");
}

async function rowsIn(url: string): Promise<AuditRecord[]> {
    const store = new PostgresAuditStore(url);
    try {
        return (await store.list({limit: 100})).reverse();
    } finally {
        await store.close();
    }
}

const ask = (question: string) => vscode.commands.executeCommand<ChatTurn | undefined>("med42.ask", question);

describe("Med42 extension with the central audit log (PostgreSQL)", function () {
    this.timeout(180_000);
    let api: Med42ExtensionApi;
    let pg: TestPostgres;

    before(async () => {
        pg = await TestPostgres.create();
        api = await vscode.extensions.getExtension<Med42ExtensionApi>(EXTENSION_ID)!.activate();
    });

    after(async () => {
        delete process.env.MED42_DATABASE_URL;
        await config().update("auditDatabase", undefined, vscode.ConfigurationTarget.Global);
        await api.host.reload();
        pg?.destroy();
    });

    it("MED42_DATABASE_URL in VS Code's environment: requests are audited in PostgreSQL, and the view says where", async () => {
        const url = pg.createDatabase("from_env");
        process.env.MED42_DATABASE_URL = url;
        await api.host.reload();
        const turn = await ask("What is the usual starting dose of lisinopril?");
        assert.equal(turn?.status, "done", turn?.error);
        const rows = await rowsIn(url);
        assert.deepEqual(rows.map((r) => [r.kind, r.surface, r.action, r.model, r.stopReason]),
            [["decision", "vscode", "answer", "med42-test.gguf", turn.stopReason]], "the question, audited once, centrally");
        assert.deepEqual(api.host.setup.audit, {source: "environment", database: url});
    });

    it("med42.auditDatabase as a postgres:// URL; while the database is down requests pause, then resume by themselves", async () => {
        const url = pg.createDatabase("from_setting");
        process.env.MED42_DATABASE_URL = pg.createDatabase("not_this_one");
        await config().update("auditDatabase", url, vscode.ConfigurationTarget.Global);
        await api.host.settled();
        const answered = await ask("What is gout?");
        assert.equal(answered?.status, "done", answered?.error);
        assert.equal((await rowsIn(url)).length, 1, "the setting wins over the environment");
        assert.equal((await rowsIn(process.env.MED42_DATABASE_URL)).length, 0);

        pg.stop();
        try {
            const paused = await ask("What is asthma?");
            assert.equal(paused?.status, "error");
            assert.match(paused?.error ?? "", /^Med42 has paused answers: the central audit log \(postgres:\/\/postgres@127\.0\.0\.1:\d+\/from_setting\) cannot be reached .*no answer is given without its audit record/);
            assert.equal(paused?.answer, "", "the model was not asked");
            assert.doesNotMatch(paused?.error ?? "", /\n\s+at /, "no stack trace");

            // An emergency is the exception: its escalation (no model involved) is still shown, with the audit gap said.
            const crisis = await ask("My father collapsed and is not breathing");
            assert.equal(crisis?.notice?.action, "escalate", JSON.stringify(crisis));
            assert.match(crisis?.notice?.message ?? "", /\b911\b/, "the emergency number is shown");
            assert.ok(crisis?.disclaimer, "under the disclaimer");
            assert.equal(crisis?.status, "error", "the audit write that failed is reported");
            assert.match(crisis?.error ?? "", /could not be recorded in the audit log/);

            // A summary pauses the same way (an error notification), and the document is left as it was.
            const note = "Patient seen for follow-up of hypertension.\nBP 150/95 today.\n";
            const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({content: note, language: "markdown"}));
            const summary = await api.summarize("document");
            assert.equal(summary.status, "failed");
            assert.match(summary.message ?? "", /^Med42 has paused answers: the central audit log/);
            assert.equal(editor.document.getText(), note);
            await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
        } finally {
            pg.start();
        }
        const resumed = await ask("What is asthma?");
        assert.equal(resumed?.status, "done", resumed?.error);
        assert.deepEqual((await rowsIn(url)).map((r) => [r.surface, r.action]), [["vscode", "answer"], ["vscode", "answer"]],
            "the paused request left no row; the resumed one did");
    });

    it("refuses a password in the setting (settings are plain text) and a MED42_DATABASE_URL that is no PostgreSQL URL, and answers nothing", async () => {
        await config().update("auditDatabase", `postgres://postgres:s3cret@127.0.0.1:${pg.port}/from_setting`, vscode.ConfigurationTarget.Global);
        await api.host.settled();
        const refused = await ask("What is eczema?");
        assert.equal(refused?.status, "error");
        assert.match(refused?.error ?? "", /med42\.auditDatabase holds a password.*~\/\.pgpass or PGPASSWORD/);
        assert.ok(!(refused?.error ?? "").includes("s3cret"), "the password is never shown");
        assert.ok(!JSON.stringify(api.host.setup).includes("s3cret"), "nor in the view");
        assert.equal((await rowsIn(pg.url("from_setting"))).length, 2, "nothing more was audited, nothing answered");

        // A MED42_DATABASE_URL that is not a PostgreSQL URL: said plainly, nothing answered, the model label unchanged.
        await config().update("auditDatabase", undefined, vscode.ConfigurationTarget.Global);
        process.env.MED42_DATABASE_URL = "audit.sqlite";
        await api.host.reload();
        const bad = await ask("What is eczema?");
        assert.equal(bad?.status, "error");
        assert.equal(bad?.error, "MED42_DATABASE_URL must be a postgres:// or postgresql:// URL (the central audit log).");
        assert.equal(api.host.usesServer, false, "still the local model");
    });
});
