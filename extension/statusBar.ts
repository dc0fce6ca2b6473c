/** The status-bar item: the model's state at a glance; a click opens the chat view. */
import * as vscode from "vscode";
import type {ModelState} from "../shared/assistantTypes";
import type {ModelInfo} from "./protocol";

export function statusText(state: ModelState, info: ModelInfo): {text: string; tooltip: string} {
    const name = info.label || state.model;
    switch (state.status) {
        case "idle": return {text: "$(hubot) Med42", tooltip: `Med42: ${name} (loads on first use)`};
        case "not-downloaded": return {text: "$(cloud-download) Med42: not downloaded", tooltip: `Med42: ${name} is not downloaded${info.size ? ` (${info.size})` : ""}. Click to open the chat and download it.`};
        case "downloading": {
            const pct = state.totalBytes ? Math.floor((state.receivedBytes / state.totalBytes) * 100) : undefined;
            return {text: `$(sync~spin) Med42: downloading${pct !== undefined ? ` ${pct}%` : "…"}`, tooltip: `Med42: downloading ${name}`};
        }
        case "loading": return {text: "$(loading~spin) Med42: loading", tooltip: `Med42: loading ${name}`};
        case "ready": return {text: "$(check) Med42", tooltip: `Med42: ${name} ready`};
        case "error": return {text: "$(error) Med42", tooltip: `Med42: ${state.message}`};
    }
}

export class ModelStatusBar implements vscode.Disposable {
    private readonly item: vscode.StatusBarItem;

    constructor(command: string) {
        this.item = vscode.window.createStatusBarItem("med42.status", vscode.StatusBarAlignment.Right, 100);
        this.item.name = "Med42 model";
        this.item.command = command;
        this.item.show();
    }

    update(state: ModelState, info: ModelInfo): void {
        const {text, tooltip} = statusText(state, info);
        this.item.text = text;
        this.item.tooltip = tooltip;
        this.item.backgroundColor = state.status === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
        this.item.accessibilityInformation = {label: tooltip};
    }

    get text(): string {
        return this.item.text;
    }

    dispose(): void {
        this.item.dispose();
    }
}
