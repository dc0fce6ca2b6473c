import * as assert from "node:assert/strict";
import {defangSlackSyntax, SlackDefanger} from "../../slack-bot/answering/slackDefang";

const Z = "\u200b";

/** Slack syntax that must never survive in model text: mentions, links whose text hides the target, definitions. */
const LIVE_SYNTAX = [
    /<[!@#]/,
    /<(?!\u200b)[^\s<>]*[|:]/,
    /\]\(/,
    /^ {0,3}\[[^\]\n]*\]:/m
];

export const SLACK_ATTACKS: [string, string][] = [
    ["channel-wide pings", "Paging <!here>, <!channel> and <!everyone>."],
    ["user, channel and group mentions", "Ask <@U0DOCTOR> in <#C0ONCALL> or <!subteam^S0NURSES>."],
    ["a Slack link with a spoofed label", "See the <https://evil.example/dose|NIH dosing guideline>."],
    ["a Slack link without a label", "Details: <https://evil.example/x>"],
    ["other Slack link schemes", "Call <tel:+15550100|the poison centre> or <mailto:x@evil.example|pharmacy>."],
    ["a label-only link", "Open <evil.example|NIH>"],
    ["a Markdown link with a spoofed label", "Read [CDC guidance](https://evil.example/cdc) first."],
    ["a Markdown image (a tracking pixel)", "![chart](https://evil.example/pixel.png)"],
    ["a nested Markdown link", "[[NIH]](https://evil.example)"],
    ["a reference link and its definition", "Read [CDC guidance][cdc].\n\n[cdc]: https://evil.example\n   [x]: <https://e.example> \"t\""],
];

const BENIGN = [
    "Give 0.5 mg/kg if weight < 20 kg, and dose <5 mg for infants; 3 > 2.",
    "In Java: `List<String> doses = new ArrayList<>();` and XML `<Patient><name/></Patient>`.",
    "Array a[0][1], a citation [1], and text in [brackets] (with a note).",
    "TypeScript: `{[key: string]: number}` and a time 10:30.",
    "Arabic: الجرعة المعتادة < 5 ملغ"
];

function chunked(text: string, cuts: number[]): string {
    const d = new SlackDefanger();
    let out = "";
    let from = 0;
    for (const cut of [...cuts, text.length]) {
        out += d.push(text.slice(from, cut));
        from = cut;
    }
    return out + d.flush();
}

describe("slack: defanging model text", () => {
    for (const [name, text] of SLACK_ATTACKS) {
        it(`breaks ${name}, keeping every character visible`, () => {
            const out = defangSlackSyntax(text);
            for (const live of LIVE_SYNTAX) assert.doesNotMatch(out, live, `${live} in ${JSON.stringify(out)}`);
            assert.equal(out.replaceAll(Z, ""), text, "only zero-width spaces were added: the URL shows literally");
        });
    }

    it("leaves comparisons, code and ordinary brackets as written", () => {
        for (const text of BENIGN) assert.equal(defangSlackSyntax(text), text);
    });

    it("breaks syntax split across streamed chunks exactly as in the whole text (< then !here>)", () => {
        for (const [name, text] of [...SLACK_ATTACKS, ...BENIGN.map((b) => ["benign", b] as [string, string])]) {
            const whole = defangSlackSyntax(text);
            for (let cut = 0; cut <= text.length; cut++) assert.equal(chunked(text, [cut]), whole, `${name}, cut at ${cut}`);
            assert.equal(chunked(text, [...text].map((_, k) => k + 1)), whole, `${name}, one character per chunk`);
        }
        assert.equal(chunked("Paging <!here> now", [8]), `Paging <${Z}!here> now`);
    });

    it("does not hold text back without bound", () => {
        const d = new SlackDefanger();
        let out = d.push("<");
        for (let i = 0; i < 1000; i++) out += d.push("abcdefgh");
        assert.ok(out.length >= 8000 - 4096, "text flows once the run is longer than any Slack link");
        out += d.flush();
        assert.equal(out, `<${"abcdefgh".repeat(1000)}`);
    });
});
