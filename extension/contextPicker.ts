/**
 * Context for the chat box, as Copilot Chat's "Add context…" / `#file`: the selection of the editor last used, the
 * active file, another open file, or a file chosen from disk. The text is read when it is picked (a selection is what
 * was selected then) and travels with the question; the core composes it into the message, the policy decides on
 * it, and text too long for the model's context is summarised there, never cut. Only a file too large to attach at
 * all (or not text) is refused, with a message.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import {formatBytes} from "../shared/models/formatBytes";
import type {Attachment} from "./protocol";

/** Larger files are refused (summarising them on a CPU would take hours): attach a selection of them instead. */
export const MAX_ATTACHMENT_BYTES = 512 * 1024;

/** Thrown with a message fit to show when a document cannot be attached. */
export class AttachmentError extends Error {}

function displayName(doc: vscode.TextDocument): string {
    return doc.isUntitled ? doc.uri.path : path.basename(doc.uri.path);
}

function checkedText(text: string, name: string): string {
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > MAX_ATTACHMENT_BYTES) {
        throw new AttachmentError(`${name} is too large to attach (${formatBytes(bytes)}; the limit is ${formatBytes(MAX_ATTACHMENT_BYTES)}): ` +
            "select the part you need and attach the selection.");
    }
    if (text.includes("\u0000")) throw new AttachmentError(`${name} is not a text file.`);
    if (!text.trim()) throw new AttachmentError(`${name} is empty.`);
    return text;
}

/** "note.md, lines 3-5" (a selection ending at a line's start ends on the line before). */
function selectionLabel(editor: vscode.TextEditor): string {
    const sel = editor.selection;
    const last = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line;
    const lines = sel.start.line === last ? `line ${sel.start.line + 1}` : `lines ${sel.start.line + 1}-${last + 1}`;
    return `${displayName(editor.document)}, ${lines}`;
}

/** The selection of `editor` as an attachment. */
export function selectionAttachment(editor: vscode.TextEditor): Attachment {
    const doc = editor.document;
    const label = selectionLabel(editor);
    return {kind: "selection", label, uri: doc.uri.toString(), languageId: doc.languageId, text: checkedText(doc.getText(editor.selection), label)};
}

/** A whole document as an attachment. */
export function fileAttachment(doc: vscode.TextDocument): Attachment {
    const label = displayName(doc);
    return {kind: "file", label, uri: doc.uri.toString(), languageId: doc.languageId, text: checkedText(doc.getText(), label)};
}

/**
 * Asks what to attach. `editor` is the editor last used (the chat view has the focus when its button is clicked).
 * Resolves to undefined when the user cancels.
 */
export async function pickContext(editor: vscode.TextEditor | undefined): Promise<Attachment | undefined> {
    type Item = vscode.QuickPickItem & {make?: () => Attachment | Promise<Attachment | undefined>};
    const items: Item[] = [];
    if (editor && !editor.selection.isEmpty) {
        items.push({label: "$(selection) Selection", description: selectionLabel(editor), make: () => selectionAttachment(editor)});
    }
    if (editor) {
        items.push({label: `$(file) Active file`, description: displayName(editor.document), make: () => fileAttachment(editor.document)});
    }
    const others = vscode.workspace.textDocuments.filter((d) => d !== editor?.document && !d.isClosed &&
        (d.uri.scheme === "file" || d.uri.scheme === "untitled" || d.uri.scheme === "vscode-remote"));
    if (others.length) {
        items.push({label: "Open files", kind: vscode.QuickPickItemKind.Separator});
        for (const d of others) items.push({label: `$(file) ${displayName(d)}`, description: vscode.workspace.asRelativePath(d.uri), make: () => fileAttachment(d)});
    }
    items.push({label: "", kind: vscode.QuickPickItemKind.Separator}, {
        label: "$(folder-opened) Choose a file…", make: async () => {
            const picked = await vscode.window.showOpenDialog({canSelectMany: false, openLabel: "Attach", title: "Med42: attach a file"});
            if (!picked?.[0]) return undefined;
            return fileAttachment(await vscode.workspace.openTextDocument(picked[0]));
        }
    });
    const pick = await vscode.window.showQuickPick(items, {
        title: "Med42: add context to the question",
        placeHolder: "The attached text is sent to the local model with your question and checked by the policy"
    });
    return pick?.make ? pick.make() : undefined;
}
