/**
 * The renderer's output in a real browser: each hostile input from the XSS corpus is rendered by the webview's
 * renderer and set with innerHTML (as the chat view does), in a page without any CSP, so only the renderer stands
 * between model output and script. A positive control proves the detector sees script that does run.
 */
import * as assert from "node:assert/strict";
import {createMarkdownRenderer} from "../../../extension/webview/render";
import {launchChromium, type BrowserSession} from "../../support/vscodeServer";
import {XSS_CORPUS} from "../xssCorpus";
import {uiHarness} from "./harness";

describe("webview renderer in Chromium (XSS corpus)", function () {
    this.timeout(60_000);
    let session: BrowserSession;

    before(async () => {
        session = await launchChromium(uiHarness.install!, {width: 800, height: 600});
        await session.page.setContent("<!DOCTYPE html><html><body><div id=\"out\"></div></body></html>");
        await session.page.evaluate(() => {
            const w = window as unknown as {hits: string[]; __xss: (n: string) => void; alert: (m: string) => void};
            w.hits = [];
            w.__xss = (n: string) => w.hits.push(n);
            w.alert = (m: string) => w.hits.push(`alert:${m}`);
        });
    });

    after(async () => {
        await session?.close();
    });

    /** Renders the HTML in the page, hovers/clicks/focuses everything, waits for loads, returns what ran. */
    async function exercise(html: string): Promise<string[]> {
        return session.page.evaluate(async (h) => {
            const w = window as unknown as {hits: string[]};
            w.hits = [];
            const out = document.getElementById("out")!;
            out.innerHTML = h;
            for (const e of Array.from(out.querySelectorAll("*"))) {
                for (const type of ["mouseover", "focus", "toggle", "load", "error"]) e.dispatchEvent(new Event(type));
                // Links must not navigate: a safe link only has http(s)/mailto, so clicking it is checked by href instead.
                if (e.tagName !== "A") (e as HTMLElement).click?.();
            }
            await new Promise((r) => setTimeout(r, 150));
            const bad = Array.from(out.querySelectorAll("script,iframe,object,embed,svg,img,style,form,meta,base,math,details"));
            const links = Array.from(out.querySelectorAll("a")).map((a) => a.getAttribute("href") ?? "").filter((href) => !/^(https?:|mailto:)/i.test(href));
            return [...w.hits, ...bad.map((e) => `element:${e.tagName}`), ...links.map((l) => `link:${l}`)];
        }, html);
    }

    it("detects script that runs (positive control)", async () => {
        const hits = await exercise("<img src=\"data:,x\" onerror=\"window.__xss('control')\">");
        assert.ok(hits.includes("control"), `the detector saw: ${JSON.stringify(hits)}`);
    });

    it("runs nothing from any corpus entry", async () => {
        const md = createMarkdownRenderer();
        const failures: string[] = [];
        for (const c of XSS_CORPUS) {
            const hits = await exercise(md.render(c.markdown));
            if (hits.length) failures.push(`${c.name}: ${hits.join(", ")}`);
        }
        assert.deepEqual(failures, []);
    });
});
