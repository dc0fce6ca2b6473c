import * as assert from "node:assert/strict";
import {contentSecurityPolicy, renderWebviewHtml} from "../../extension/webviewHtml";
import {parseWebviewMessage} from "../../extension/protocol";

describe("chat webview shell and protocol", () => {
    it("has a strict CSP: no network, scripts only with the nonce, nothing inline", () => {
        const csp = contentSecurityPolicy("https://x.vscode-cdn.net", "abc123");
        assert.match(csp, /default-src 'none'/);
        assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
        assert.match(csp, /connect-src 'none'/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    });

    it("loads exactly one script, carrying the nonce, from the given webview URI", () => {
        const html = renderWebviewHtml({cspSource: "vscode-resource:", scriptUri: "vscode-resource:/out/webview/main.js", styleUri: "vscode-resource:/out/webview/style.css", nonce: "n0nce"});
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        assert.deepEqual(scripts, ['<script nonce="n0nce" src="vscode-resource:/out/webview/main.js">']);
        assert.match(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'nonce-n0nce'/);
        assert.match(html, /aria-live="polite"/);
        assert.match(html, /aria-label="Stop generating \(Escape\)"/);
    });

    it("accepts well-formed webview messages and drops anything else", () => {
        assert.deepEqual(parseWebviewMessage({type: "ask", text: "hi"}), {type: "ask", text: "hi"});
        assert.deepEqual(parseWebviewMessage({type: "stop", extra: 1}), {type: "stop"});
        assert.equal(parseWebviewMessage({type: "ask"}), undefined);
        assert.equal(parseWebviewMessage({type: "runShell", cmd: "rm"}), undefined);
        assert.equal(parseWebviewMessage("ask"), undefined);
        assert.equal(parseWebviewMessage({type: "insertAnswer", chatId: "c"}), undefined);
    });
});
