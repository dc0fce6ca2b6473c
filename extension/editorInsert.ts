/**
 * Puts text from the chat into the user's editor: at the cursor of the editor last used (the chat view has the
 * focus when its buttons are clicked), else into a new untitled document. Whole answers are marked as
 * AI-generated with the disclaimer; a code block the user picked goes in as is.
 */
import * as vscode from "vscode";
import type {Disclaimer} from "../shared/policy/types";
import {formatAiBlock} from "./aiBlock";
import {incompleteReason} from "./answerText";
import type {ChatTurn} from "./protocol";

export interface InsertOutcome {
    uri: string;
    text: string;
    newDocument: boolean;
}

export class EditorInsert implements vscode.Disposable {
    private lastEditor?: vscode.TextEditor;
    private readonly subscription: vscode.Disposable;

    constructor() {
        this.lastEditor = vscode.window.activeTextEditor;
        this.subscription = vscode.window.onDidChangeActiveTextEditor((e) => {
            if (e) this.lastEditor = e;
        });
    }

    /** The editor to insert into: the active one, else the last one still visible. */
    targetEditor(): vscode.TextEditor | undefined {
        const active = vscode.window.activeTextEditor;
        if (active) return active;
        const last = this.lastEditor;
        if (last && !last.document.isClosed && vscode.window.visibleTextEditors.some((e) => e.document === last.document)) return last;
        return undefined;
    }

    async insert(text: string, languageForNew = "markdown"): Promise<InsertOutcome> {
        const editor = this.targetEditor();
        if (editor) {
            const ok = await editor.edit((b) => {
                for (const sel of editor.selections) b.replace(sel, text);
            });
            if (ok) {
                await vscode.window.showTextDocument(editor.document, {viewColumn: editor.viewColumn, preserveFocus: false});
                return {uri: editor.document.uri.toString(), text, newDocument: false};
            }
        }
        const doc = await vscode.workspace.openTextDocument({content: text, language: languageForNew});
        await vscode.window.showTextDocument(doc, {preview: false});
        return {uri: doc.uri.toString(), text, newDocument: true};
    }

    /** A finished chat turn, marked as AI-generated with the disclaimer, for the target editor's language. */
    answerBlock(turn: ChatTurn, disclaimer: Disclaimer): string {
        const editor = this.targetEditor();
        const languageId = editor?.document.languageId ?? "markdown";
        return formatAiBlock({
            kind: "answer",
            body: turn.answer || turn.notice?.message || "",
            disclaimer,
            model: turn.model ?? "Med42",
            languageId,
            eol: editor?.document.eol === vscode.EndOfLine.CRLF ? "\r\n" : "\n",
            incomplete: incompleteReason(turn)
        });
    }

    dispose(): void {
        this.subscription.dispose();
    }
}
