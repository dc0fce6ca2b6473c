/** Small Playwright helpers for driving the VS Code workbench and the Med42 chat webview. */
import * as fs from "node:fs";
import * as path from "node:path";
import type {FrameLocator, Locator, Page} from "playwright-core";
import {uiHarness} from "./harness";

export async function waitForWorkbench(page: Page): Promise<void> {
    await page.locator(".monaco-workbench").waitFor({state: "visible", timeout: 90_000});
    // The status bar appears once the workbench has restored its parts.
    await page.locator(".statusbar").waitFor({state: "visible", timeout: 60_000});
}

/**
 * Opens the command palette with `label` typed and its row shown; the input is returned for the caller to press Enter.
 * Tried twice: on a loaded machine the palette can open before it has the commands' list, and then never shows the
 * row for what was typed (a CI run timed out so on "Med42: Select Model"); closing it and opening it again does.
 */
export async function paletteWithCommand(page: Page, label: string): Promise<Locator> {
    const input = page.locator(".quick-input-widget input");
    const row = page.locator(".quick-input-widget .monaco-list-row", {hasText: label}).first();
    for (let attempt = 1; ; attempt++) {
        await page.keyboard.press("F1");
        await input.waitFor({state: "visible", timeout: 15_000});
        await input.fill(`>${label}`);
        try {
            await row.waitFor({state: "visible", timeout: 15_000});
            return input;
        } catch (err) {
            if (attempt >= 2) throw err;
            await page.keyboard.press("Escape");
            await page.locator(".quick-input-widget").waitFor({state: "hidden", timeout: 15_000});
        }
    }
}

/** Runs a command by its palette label ("Med42: Open Chat"). */
export async function runCommand(page: Page, label: string): Promise<void> {
    const input = await paletteWithCommand(page, label);
    await input.press("Enter");
    await page.locator(".quick-input-widget").waitFor({state: "hidden", timeout: 15_000});
}

/** Opens a workspace file through Quick Open. */
export async function openFile(page: Page, name: string): Promise<void> {
    await page.keyboard.press("Control+P");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({state: "visible", timeout: 15_000});
    await input.fill(name);
    await page.locator(".quick-input-widget .monaco-list-row", {hasText: name}).first().waitFor({state: "visible", timeout: 15_000});
    await input.press("Enter");
    await page.locator(`.tab[aria-label^="${name}"]`).first().waitFor({state: "visible", timeout: 15_000});
}

/** The chat view's content frame (VS Code hosts webviews in an iframe that hosts another). */
export function chatFrame(page: Page): FrameLocator {
    return page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
}

/** The visible text of the active editor (Monaco renders lines as DOM, non-breaking spaces included). */
export async function editorText(page: Page): Promise<string> {
    // Monaco reuses line elements, so their order in the DOM is not the text's: sort them by their position.
    const text = await page.locator(".editor-instance .monaco-editor .view-lines").first().evaluate((lines) =>
        Array.from(lines.querySelectorAll<HTMLElement>(".view-line"))
            .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
            .map((l) => l.textContent ?? "")
            .join("\n"));
    return text.replace(/\u00a0/g, " ");
}

export async function screenshot(page: Page, name: string): Promise<string> {
    const dir = path.join(uiHarness.artifactsDir!, "screenshots");
    fs.mkdirSync(dir, {recursive: true});
    const file = path.join(dir, `${name}.png`);
    await page.screenshot({path: file});
    return file;
}

/** Rewrites the workspace settings file; VS Code notices the change and fires a configuration change. */
export function writeWorkspaceSettings(ws: string, patch: Record<string, unknown>): void {
    const file = path.join(ws, ".vscode", "settings.json");
    const current = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({...current, ...patch}, null, 2));
}
