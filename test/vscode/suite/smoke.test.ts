import * as assert from "node:assert/strict";
import * as vscode from "vscode";

describe("smoke", () => {
    it("runs inside the VS Code extension host", () => {
        assert.ok(vscode.version.startsWith("1."));
    });
});
