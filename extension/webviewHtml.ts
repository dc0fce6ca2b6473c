/**
 * The chat webview's HTML shell. Strict Content-Security-Policy: no network, no inline or eval'd script; the only
 * script is the bundle carrying this page's nonce, loaded from the extension through asWebviewUri. Even if model
 * output got markup past the renderer, it could not run.
 */
import * as crypto from "node:crypto";

export interface WebviewHtmlOptions {
    /** webview.cspSource */
    cspSource: string;
    scriptUri: string;
    styleUri: string;
    nonce?: string;
}

export function makeNonce(): string {
    return crypto.randomBytes(18).toString("base64").replace(/[^A-Za-z0-9]/g, "");
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
    return [
        "default-src 'none'",
        `style-src ${cspSource}`,
        `font-src ${cspSource}`,
        `img-src ${cspSource}`,
        `script-src 'nonce-${nonce}'`,
        "connect-src 'none'",
        "frame-src 'none'",
        "form-action 'none'",
        "base-uri 'none'"
    ].join("; ");
}

function attr(s: string): string {
    return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

export function renderWebviewHtml(o: WebviewHtmlOptions): string {
    const nonce = o.nonce ?? makeNonce();
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(o.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(o.styleUri)}">
<title>Med42</title>
</head>
<body>
<div id="app">
  <section id="model-panel" class="model-panel" aria-label="Model status" aria-live="polite"></section>
  <section id="setup" class="setup" aria-label="Policy and audit log in force" hidden></section>
  <section id="history" class="history" aria-label="Past chats" hidden></section>
  <div id="empty" class="empty">
    <p>Ask Med42 a clinical question. It runs locally on this computer.</p>
    <p class="empty-warning">Med42 is not ready for clinical use: check every answer.</p>
  </div>
  <main id="messages" class="messages" role="log" aria-label="Conversation" aria-live="off" tabindex="0"></main>
  <div id="sr-live" class="sr-only" aria-live="polite"></div>
  <div id="toast" class="toast" role="status" hidden></div>
  <form id="composer" class="composer">
    <div id="attachments" class="chips" aria-label="Attached to your next question" hidden></div>
    <textarea id="input" rows="3" aria-label="Ask Med42" placeholder="Ask Med42… (Enter to send, Shift+Enter for a new line, ↑ to edit the last question)"></textarea>
    <div class="composer-actions">
      <button type="button" id="add-context" class="add-context" aria-label="Add context: the selection, the active file or another file (Ctrl+/)" title="Add context: the selection, the active file or another file (Ctrl+/)">Add context…</button>
      <button type="submit" id="send" class="primary" aria-label="Send question">Send</button>
      <button type="button" id="stop" aria-label="Stop generating (Escape)" hidden>Stop</button>
    </div>
  </form>
</div>
<script nonce="${attr(nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>`;
}
