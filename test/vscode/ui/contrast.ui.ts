/**
 * Colour contrast of the chat view in a real VS Code, in the default light and dark themes and both high-contrast
 * themes: the view is filled with every element it can show (viewFixture.ts), and for each text the WCAG 2 contrast
 * ratio of its computed colour against its computed background (translucent layers composited) must reach 4.5:1
 * (3:1 for large text); placeholder text too. Also the texts of states hard to catch live (a question waiting for
 * the model to load, an empty answer). Screenshots of every theme go to .vscode-test/artifacts/screenshots.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type {FrameLocator, Page} from "playwright-core";
import type {HostMessage} from "../../../extension/protocol";
import {launchChromium, repoRoot, VscodeServer, type BrowserSession} from "../../support/vscodeServer";
import {makeTestWorkspace, testServerEnv} from "../testWorkspace";
import {uiHarness} from "./harness";
import {FIXTURE_EXTRA_MESSAGES, FIXTURE_MODELS, fixtureState} from "./viewFixture";
import {chatFrame, screenshot, waitForWorkbench, writeWorkspaceSettings} from "./workbench";

/** Theme setting → the theme kind VS Code tells the webview. */
const THEMES: [string, string][] = [
    ["Light 2026", "vscode-light"], ["Dark 2026", "vscode-dark"], ["Light Modern", "vscode-light"], ["Dark Modern", "vscode-dark"],
    ["Default High Contrast", "vscode-high-contrast"], ["Default High Contrast Light", "vscode-high-contrast-light"]
];

interface Pair {
    text: string;
    selector: string;
    fg: string;
    bg: string;
    ratio: number;
    needed: number;
}

/** Posts a message to the webview as the host does (the view reads `event.data` of window messages). */
async function postToView(chat: FrameLocator, msg: HostMessage): Promise<void> {
    await chat.locator("body").evaluate((_, m) => window.postMessage(m, "*"), msg);
}

/** Every visible text of the view with its colour, background and WCAG contrast ratio (computed in the page). */
async function contrastPairs(chat: FrameLocator): Promise<Pair[]> {
    return chat.locator("body").evaluate(() => {
        type Rgba = [number, number, number, number];
        const parse = (c: string): Rgba => {
            const m = /rgba?\(([^)]+)\)/.exec(c);
            if (!m) return [0, 0, 0, 0];
            const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
            return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
        };
        const over = (top: Rgba, under: Rgba): Rgba => {
            const a = top[3] + under[3] * (1 - top[3]);
            if (a === 0) return [0, 0, 0, 0];
            const mix = (i: number) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a;
            return [mix(0), mix(1), mix(2), a];
        };
        const luminance = ([r, g, b]: Rgba) => {
            const ch = (v: number) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
        };
        const ratio = (a: Rgba, b: Rgba) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
        const canvas = parse(getComputedStyle(document.documentElement).backgroundColor)[3] > 0
            ? parse(getComputedStyle(document.documentElement).backgroundColor) : parse(getComputedStyle(document.body).backgroundColor);
        const background = (e: Element | null): Rgba => {
            const layers: Rgba[] = [];
            for (let n = e; n; n = n.parentElement) layers.push(parse(getComputedStyle(n).backgroundColor));
            return layers.reduceRight((under, top) => over(top, under), [canvas[0], canvas[1], canvas[2], 1] as Rgba);
        };
        const name = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${Array.from(e.classList).map((c) => `.${c}`).join("")}`;
        const pairs: Pair[] = [];
        const visible = (e: Element) => (e as HTMLElement).getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
        for (const e of Array.from(document.body.querySelectorAll("*"))) {
            if (e.closest(".sr-only") || !visible(e)) continue;
            const own = Array.from(e.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()).map((n) => n.textContent!.trim()).join(" ");
            if (!own) continue;
            const style = getComputedStyle(e);
            const bg = background(e);
            const fg = over(parse(style.color), bg);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            pairs.push({text: own.slice(0, 40), selector: name(e), fg: style.color, bg: `rgb(${bg.slice(0, 3).map(Math.round).join(", ")})`,
                ratio: Math.round(ratio(fg, bg) * 100) / 100, needed: large ? 3 : 4.5});
        }
        // Placeholder text of the chat box.
        const input = document.getElementById("input") as HTMLTextAreaElement | null;
        if (input && visible(input)) {
            const bg = background(input);
            const fg = over(parse(getComputedStyle(input, "::placeholder").color), bg);
            pairs.push({text: input.placeholder.slice(0, 40), selector: "textarea#input::placeholder", fg: getComputedStyle(input, "::placeholder").color,
                bg: `rgb(${bg.slice(0, 3).map(Math.round).join(", ")})`, ratio: Math.round(ratio(fg, bg) * 100) / 100, needed: 4.5});
        }
        return pairs;
    });
}

describe("Med42 chat view colour contrast and states (UI)", function () {
    this.timeout(300_000);
    let server: VscodeServer;
    let session: BrowserSession;
    let page: Page;
    let ws: string;

    before(async () => {
        ws = makeTestWorkspace();
        server = await VscodeServer.start({
            install: uiHarness.install!,
            env: testServerEnv(uiHarness.artifactsDir!, "contrast-ui"),
            logFile: path.join(uiHarness.artifactsDir!, "contrast-ui-server.log"),
            keepLogsIn: path.join(uiHarness.artifactsDir!, "contrast-ui-logs")
        });
        session = await launchChromium(uiHarness.install!);
        page = session.page;
        await page.goto(server.workbenchUrl({folder: ws, extensionDevelopmentPath: repoRoot}), {timeout: 60_000});
        await waitForWorkbench(page);
        const status = page.locator(".statusbar-item", {hasText: "Med42"}).first();
        await status.waitFor({state: "visible", timeout: 90_000});
        await status.click();
        await chatFrame(page).locator("body[data-synced=true]").waitFor({timeout: 60_000});
    });

    afterEach(async function () {
        if (this.currentTest?.state === "failed" && page) {
            await screenshot(page, `failed-contrast-${this.currentTest.title.replace(/\W+/g, "-")}`).catch(() => undefined);
        }
    });

    after(async () => {
        await session?.close();
        await server?.stop();
        if (ws) fs.rmSync(ws, {recursive: true, force: true});
    });

    const chat = () => chatFrame(page);

    it("says the model is loading for a waiting question, and explains an empty answer", async () => {
        await postToView(chat(), {type: "state", state: fixtureState(FIXTURE_MODELS.idle, "streaming", {setup: undefined})});
        await chat().locator("article[data-turn-id=t-condensing]").waitFor({timeout: 10_000});
        assert.match(await chat().locator("#model-panel").innerText(), /^Loading Med42-v2 8B Q4_K_M for your question…$/);
        assert.match(await chat().locator("article[data-turn-id=t-condensing] .status-line").innerText(), /^Summarising ward-notes\.md first/);
        assert.match(await chat().locator("article[data-turn-id=t-empty] [data-note=empty]").innerText(), /empty answer\. Regenerate to try again/);
        await screenshot(page, "40-fixture-loading-for-question");
    });

    for (const [theme, kind] of THEMES) {
        it(`has WCAG AA contrast for every text of the view in ${theme}`, async () => {
            writeWorkspaceSettings(ws, {"workbench.colorTheme": theme});
            await chat().locator(`body.${kind}[data-vscode-theme-id="${theme}"]`).waitFor({timeout: 30_000});
            const failures: Pair[] = [];
            let checked = 0;
            const variants: [string, HostMessage[]][] = [
                ["error", [{type: "state", state: fixtureState(FIXTURE_MODELS.error, "error")}, ...FIXTURE_EXTRA_MESSAGES]],
                ["not-downloaded", [{type: "state", state: fixtureState(FIXTURE_MODELS.notDownloaded, "answer", {
                    setup: {machineSettings: "user", policy: {source: "default"}, audit: {source: "user", off: true}, resources: {locale: "en-GB", why: "med42.locale: en-GB", matched: true}}
                })}]],
                ["downloading", [{type: "state", state: fixtureState(FIXTURE_MODELS.downloading, "streaming")}]],
                ["model error", [{type: "state", state: fixtureState(FIXTURE_MODELS.error, "answer", {
                    setup: {machineSettings: "user", policy: {source: "user", file: "/etc/p.json"}, audit: {source: "user", database: "/a.sqlite"}}
                })}]],
                ["empty chat", [{type: "state", state: {...fixtureState(FIXTURE_MODELS.ready, "answer"), activeChat: {id: "c9", title: "", createdAt: 0, updatedAt: 0, turns: []}}},
                    {type: "toggleHistory", show: false}]]
            ];
            for (const [variant, messages] of variants) {
                for (const m of messages) await postToView(chat(), m);
                await page.waitForTimeout(300);
                const pairs = await contrastPairs(chat());
                checked += pairs.length;
                failures.push(...pairs.filter((p) => p.ratio < p.needed).map((p) => ({...p, text: `${variant}: ${p.text}`})));
                await screenshot(page, `41-contrast-${theme.replace(/\W+/g, "-")}-${variant.replace(/\W+/g, "-")}`);
            }
            assert.ok(checked > 100, `texts checked: ${checked}`);
            const summary = [...new Set(failures.map((f) => `${f.selector} ${f.ratio}:1 (${f.fg} on ${f.bg}, needs ${f.needed}) "${f.text}"`))];
            assert.deepEqual(summary, [], `contrast below WCAG AA in ${theme}`);
        });
    }

    it("draws borders around messages in high contrast", async () => {
        await chat().locator("body.vscode-high-contrast-light").waitFor({timeout: 30_000});
        await postToView(chat(), {type: "state", state: fixtureState(FIXTURE_MODELS.ready, "answer")});
        await chat().locator(".bubble.question").first().waitFor();
        assert.equal(await chat().locator(".bubble.question").first().evaluate((e) => getComputedStyle(e).borderTopStyle), "solid");
        writeWorkspaceSettings(ws, {"workbench.colorTheme": "Light 2026"});
    });
});

