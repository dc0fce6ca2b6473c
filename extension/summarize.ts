/**
 * Summarize Selection / Summarize Document: streams the core's summary (map-reduce for long documents) under a
 * cancellable progress notification, then puts it into the document as ONE undoable edit, marked as AI-generated
 * with the disclaimer. The target is tracked while the user keeps editing; if it became uncertain, the user chooses.
 */
import * as vscode from "vscode";
import type {AnswerEvent, AnswerResult} from "../shared/assistantTypes";
import {formatAiBlock} from "./aiBlock";
import {trackRange, type OffsetRange} from "./anchorTracker";
import {currentSettings, errorMessage, userMessage, type AssistantHost} from "./assistantHost";
import type {InsertMode} from "./settings";
import {SummaryProgressSteps} from "./summaryProgress";

export type SummaryScope = "selection" | "document";
export type SummaryPlacement = Exclude<InsertMode, "ask">;

export interface SummaryOutcome {
    status: "inserted" | "new-document" | "copied" | "policy" | "stopped" | "cancelled" | "failed" | "not-inserted";
    /** The marked block that was inserted (or would have been). */
    text?: string;
    /** The document the summary went into. */
    uri?: string;
    message?: string;
}

interface Target {
    document: vscode.TextDocument;
    range: OffsetRange;
    placement: SummaryPlacement;
}

async function choosePlacement(scope: SummaryScope, configured: InsertMode): Promise<SummaryPlacement | undefined> {
    if (configured !== "ask") return configured;
    const items: (vscode.QuickPickItem & {placement: SummaryPlacement})[] = [
        {label: scope === "selection" ? "Insert below the selection" : "Insert at the end of the document", placement: "below"},
        {label: scope === "selection" ? "Replace the selection" : "Replace the whole document", placement: "replace"},
        {label: "Open in a new document", placement: "newDocument"}
    ];
    const pick = await vscode.window.showQuickPick(items, {
        title: "Med42: where should the summary go?",
        placeHolder: "Set med42.summary.insertMode to skip this question"
    });
    return pick?.placement;
}

function targetRange(document: vscode.TextDocument, source: vscode.Range, placement: SummaryPlacement): OffsetRange {
    if (placement === "replace") return {start: document.offsetAt(source.start), end: document.offsetAt(source.end)};
    // Below: after the last line of the source (a selection ending at a line's start ends on the line before).
    const endLine = source.end.character === 0 && source.end.line > source.start.line ? source.end.line - 1 : source.end.line;
    const at = document.offsetAt(document.lineAt(endLine).range.end);
    return {start: at, end: at};
}

export interface SummaryHooks {
    /** Runs once, when the first summary text arrives (tests use it to edit the document mid-stream). */
    whileGenerating?: () => Promise<void>;
}

export async function summarizeInEditor(host: AssistantHost, scope: SummaryScope, log: vscode.LogOutputChannel,
    onConflict: ConflictPrompt = askUserOnConflict, hooks: SummaryHooks = {}): Promise<SummaryOutcome> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
        void vscode.window.showErrorMessage("Med42: open a document to summarize first.");
        return {status: "failed", message: "no editor"};
    }
    const document = editor.document;
    const source = scope === "selection" ? editor.selection : new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    const text = document.getText(source);
    if (!text.trim()) {
        const message = scope === "selection" ? "select the text to summarize (or run Med42: Summarize Document)." : "the document is empty.";
        void vscode.window.showErrorMessage(`Med42: ${message}`);
        return {status: "failed", message};
    }
    const placement = await choosePlacement(scope, currentSettings().insertMode);
    if (!placement) return {status: "cancelled"};

    let target: Target | undefined = placement === "newDocument" ? undefined : {document, range: targetRange(document, source, placement), placement};
    let lost: string | undefined;
    const watch = vscode.workspace.onDidChangeTextDocument((e) => {
        if (!target || lost || e.document !== target.document || e.contentChanges.length === 0) return;
        const r = trackRange(target.range, e.contentChanges);
        if (r.ok) target.range = r.range;
        else lost = placement === "replace" ? "the selected text was edited while Med42 was summarizing it" : "the text around the insertion point was edited";
    });
    const closed = vscode.workspace.onDidCloseTextDocument((d) => {
        if (target && d === target.document) lost = "the document was closed";
    });

    let result: AnswerResult;
    try {
        result = await runSummary(host, text, scope, hooks);
    } catch (err) {
        watch.dispose();
        closed.dispose();
        if ((err as Error).name === "AbortError") return {status: "stopped"};
        const message = userMessage(err, host.modelInfo);
        log.error(`summarize: ${errorMessage(err)}`);
        void vscode.window.showErrorMessage(`Med42: ${message}`);
        return {status: "failed", message};
    }
    watch.dispose();
    closed.dispose();

    if (result.policy.action !== "answer") {
        void vscode.window.showWarningMessage(`Med42: ${result.text}`, {modal: false});
        return {status: "policy", message: result.text};
    }
    if (result.stopReason === "abort") {
        void vscode.window.showInformationMessage("Med42: summary stopped; nothing was inserted.");
        return {status: "stopped"};
    }
    if (result.stopReason === "interrupted") {
        // Half a summary inserted into a clinical document would read as a whole one.
        const message = `the summary was cut off, so nothing was inserted: ${result.interruption ?? "the model server stopped answering."}`;
        void vscode.window.showErrorMessage(`Med42: ${message}`);
        return {status: "failed", message};
    }
    const block = formatAiBlock({
        kind: "summary", body: result.answer, disclaimer: result.disclaimer, model: result.model,
        languageId: document.languageId, eol: document.eol === vscode.EndOfLine.CRLF ? "\r\n" : "\n"
    });
    if (!target) return openInNewDocument(block, document.languageId);
    if (lost || target.document.isClosed) return askWhereInstead(block, document.languageId, lost ?? "the document was closed", onConflict);
    return applyAtTarget(target, block, onConflict);
}

/** Streams the summary with a cancellable progress notification; rejects with an AbortError when cancelled. */
async function runSummary(host: AssistantHost, text: string, scope: SummaryScope, hooks: SummaryHooks): Promise<AnswerResult> {
    await host.settled();
    const assistant = host.acquire();
    // No summary without its audit record: a central audit log that cannot be reached pauses the request here.
    await host.checkAudit();
    const controller = new AbortController();
    const untrack = host.track(controller);
    try {
        return await vscode.window.withProgress({
            location: vscode.ProgressLocation.Notification,
            title: scope === "selection" ? "Med42: summarizing the selection" : "Med42: summarizing the document",
            cancellable: true
        }, async (progress, token) => {
            token.onCancellationRequested(() => controller.abort());
            const steps = new SummaryProgressSteps();
            const stream = assistant.summarize({
                text, surface: "vscode", signal: controller.signal,
                onProgress: (done, total, p) => {
                    const step = steps.update(done, total, p);
                    if (step) progress.report(step);
                }
            });
            let chars = 0;
            for await (const ev of stream as AsyncIterable<AnswerEvent>) {
                if (ev.type === "queued") progress.report({message: `waiting for the model (position ${ev.position})…`});
                else if (ev.type === "started" && host.modelState.status !== "ready") progress.report({message: "loading the model…"});
                else if (ev.type === "text") {
                    steps.startWriting();
                    if (chars === 0 && hooks.whileGenerating) await hooks.whileGenerating();
                    chars += ev.text.length;
                    progress.report({message: `writing… ${chars} characters`});
                }
            }
            const result = await stream.result;
            if (result.stopReason === "abort" && token.isCancellationRequested) {
                const e = new Error("cancelled");
                e.name = "AbortError";
                throw e;
            }
            return result;
        });
    } catch (err) {
        if (controller.signal.aborted) {
            const e = new Error("cancelled");
            e.name = "AbortError";
            throw e;
        }
        throw err;
    } finally {
        untrack();
    }
}

async function applyAtTarget(target: Target, block: string, onConflict: ConflictPrompt): Promise<SummaryOutcome> {
    const {document, range, placement} = target;
    const eol = document.eol === vscode.EndOfLine.CRLF ? "\r\n" : "\n";
    const start = document.positionAt(range.start);
    const end = document.positionAt(range.end);
    const text = placement === "replace" ? block : `${eol}${eol}${block}${separatorAfter(document.getText().slice(range.end), eol)}`;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start, end), text, {label: "Med42: insert AI-generated summary", needsConfirmation: false});
    const ok = await vscode.workspace.applyEdit(edit);
    if (!ok) return askWhereInstead(block, document.languageId, "VS Code could not edit the document", onConflict);
    // The cursor goes to the end of the summary: the selection must not cover the summary too (a keystroke would
    // replace both), as VS Code leaves it when text is inserted at a selection's end.
    const blockEnd = document.positionAt(range.start + (placement === "replace" ? 0 : 2 * eol.length) + block.length);
    for (const editor of vscode.window.visibleTextEditors.filter((e) => e.document === document)) {
        editor.selection = new vscode.Selection(blockEnd, blockEnd);
        editor.revealRange(new vscode.Range(blockEnd, blockEnd));
    }
    return {status: "inserted", text: block, uri: document.uri.toString()};
}

/**
 * What follows a summary inserted at the end of a line so that exactly one blank line separates it from the next
 * text (none is added before a blank line that is already there), and the document still ends with a line break.
 */
export function separatorAfter(rest: string, eol: string): string {
    if (rest === "") return eol;
    const next = rest.startsWith(eol) ? rest.slice(eol.length) : rest;
    if (next === "" || next.startsWith(eol) || /^[ \t]*(\r?\n|$)/.test(next)) return "";
    return eol;
}

async function openInNewDocument(block: string, languageId: string): Promise<SummaryOutcome> {
    const doc = await vscode.workspace.openTextDocument({content: block, language: languageId});
    await vscode.window.showTextDocument(doc, {preview: false});
    return {status: "new-document", text: block, uri: doc.uri.toString()};
}

export type ConflictChoice = "cursor" | "newDocument" | "copy";

/** Asks the user where a summary goes when its intended place is gone or uncertain (replaceable in tests). */
export type ConflictPrompt = (why: string) => Promise<ConflictChoice | undefined>;

export const askUserOnConflict: ConflictPrompt = async (why) => {
    const choices: Record<string, ConflictChoice> = {"Insert at cursor": "cursor", "Open in new document": "newDocument", "Copy": "copy"};
    const picked = await vscode.window.showWarningMessage(`Med42: the summary was not inserted because ${why}. Where should it go?`, ...Object.keys(choices));
    return picked ? choices[picked] : undefined;
};

/** Never guesses: the user decides, and a dismissed question still leaves the summary in a new document. */
async function askWhereInstead(block: string, languageId: string, why: string, prompt: ConflictPrompt): Promise<SummaryOutcome> {
    const choice = await prompt(why);
    const editor = vscode.window.activeTextEditor;
    if (choice === "cursor" && editor) {
        const ok = await editor.edit((b) => b.replace(editor.selection, block));
        if (ok) return {status: "inserted", text: block, uri: editor.document.uri.toString(), message: why};
    }
    if (choice === "copy") {
        await vscode.env.clipboard.writeText(block);
        return {status: "copied", text: block, message: why};
    }
    return {...(await openInNewDocument(block, languageId)), message: why};
}
