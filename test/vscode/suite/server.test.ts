/**
 * The extension on a model server, inside the real VS Code extension host, against the real llama-server (started
 * here on loopback): med42.server.url in the settings, the API key only in VS Code's secret storage, answers through
 * the server with the disclaimer, and no local model loaded or offered for download.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type {Med42ExtensionApi} from "../../../extension/extension";
import type {ChatTurn} from "../../../extension/protocol";
import {LlamaServer} from "../../support/llamaServer";

const EXTENSION_ID = "med42-assist.med42-assist";
const KEY = "vscode-test-key";

function config() {
    return vscode.workspace.getConfiguration("med42");
}

describe("Med42 extension on a model server (llama-server)", function () {
    this.timeout(180_000);
    let api: Med42ExtensionApi;
    let server: LlamaServer;

    before(async () => {
        server = await LlamaServer.start({parallel: 2, apiKey: KEY});
        api = await vscode.extensions.getExtension<Med42ExtensionApi>(EXTENSION_ID)!.activate();
    });

    after(async () => {
        await vscode.commands.executeCommand("med42.clearServerApiKey");
        await config().update("server.url", undefined, vscode.ConfigurationTarget.Workspace);
        await api.host.settled();
        await server?.stop();
    });

    it("answers through the server with the key from secret storage; nothing loads locally and no download is offered", async () => {
        await config().update("server.url", server.url, vscode.ConfigurationTarget.Workspace);
        await api.host.settled();
        assert.equal(api.host.usesServer, true);

        const refused = await vscode.commands.executeCommand<ChatTurn | undefined>("med42.ask", "What is gout?");
        assert.equal(refused?.status, "error");
        assert.match(refused?.error ?? "", /refused the API key \(HTTP 401/);
        assert.match(refused?.error ?? "", /Set Model Server API Key/);

        assert.equal(await vscode.commands.executeCommand("med42.setServerApiKey", KEY), true);
        const turn = await vscode.commands.executeCommand<ChatTurn | undefined>("med42.ask", "What is the usual starting dose of amlodipine?");
        assert.ok(turn, "the command returns the finished turn");
        assert.equal(turn.status, "done", turn.error);
        assert.equal(turn.model, `med42-test on ${server.url}`);
        assert.equal(turn.disclaimer, api.host.disclaimer?.markdown);
        assert.equal(api.host.modelState.status, "ready");
        assert.notEqual(api.host.modelState.status, "not-downloaded");
        assert.doesNotMatch(api.statusBar.text, /not downloaded/i);

        const settingsFile = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, ".vscode", "settings.json");
        assert.ok(fs.readFileSync(settingsFile, "utf8").includes(server.url), "the URL is a setting");
        assert.ok(!fs.readFileSync(settingsFile, "utf8").includes(KEY), "the key never is");
        await assert.rejects(api.host.downloadModel(), /nothing to download/);
    });
});
