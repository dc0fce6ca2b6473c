import {strict as assert} from "node:assert";
import {jsonForTerminal, MAX_HELD, stripTerminalControls, TerminalTextFilter} from "../../shared/terminalText";
import {mulberry32} from "../../tools/seededRandom";

const E = "\x1b";
/** Any character a terminal acts on instead of printing (tab and line feed are the only ones allowed through). */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** Model text that tries to hide, rewrite or act beyond what follows it, and what a terminal must show instead. */
export const TERMINAL_ATTACKS: [string, string, string][] = [
    ["SGR conceal", `Take 5 mg.${E}[8m`, "Take 5 mg."],
    ["SGR colours and reset", `${E}[30;40mblack on black${E}[0m ok`, "black on black ok"],
    ["8-bit CSI", "a\u009b8mb", "ab"],
    ["cursor up and erase line", `x${E}[1A${E}[2Ky`, "xy"],
    ["private mode: alternate screen", `${E}[?1049hhidden${E}[?1049l`, "hidden"],
    ["OSC 8 hyperlink (BEL)", `${E}]8;;https://evil.example/${E}\\safe site${E}]8;;${E}\\`, "safe site"],
    ["OSC 52 clipboard (BEL)", `${E}]52;c;cm0gLXJmIH4vKg==\x07done`, "done"],
    ["OSC 52 clipboard (8-bit OSC and ST)", "\u009d52;c;Zm9v+/8=\u009cdone", "done"],
    ["OSC window title", `${E}]0;pwned\x07text`, "text"],
    ["DCS string", `${E}Pq#0;2;0;0;0${E}\\after`, "after"],
    ["APC and PM strings", `${E}_apc${E}\\a${E}^pm${E}\\b`, "ab"],
    ["string cancelled by CAN", `${E}]0;x\x18visible`, "visible"],
    ["string ended by another ESC", `${E}]0;x${E}[8mvisible`, "visible"],
    ["full reset (Fs)", `${E}cafter reset`, "after reset"],
    ["save/restore cursor (Fp)", `${E}7a${E}8b`, "ab"],
    ["charset (nF)", `${E}(0lqk${E}(B`, "lqk"],
    ["screen alignment fills the screen (nF)", `${E}#8x`, "x"],
    ["lone ESC at the end", `ok${E}`, "ok"],
    ["lone ESC before text", `${E}\u00e9t\u00e9`, "\u00e9t\u00e9"],
    ["C1 controls", "a\u0085b\u008dc\u0084d", "abcd"],
    ["carriage return overwrite", "Not for clinical use\rFine for clinical use", "Not for clinical use\nFine for clinical use"],
    ["CR LF kept as a line break", "line one\r\nline two", "line one\nline two"],
    ["backspaces", "unsafe\b\b\b\b\b\bsafe!", "unsafesafe!"],
    ["BEL, NUL, form feed, vertical tab, DEL", "a\x07b\x00c\x0cd\x0be\x7ff", "abcdef"],
    ["unterminated CSI at the end", `dose${E}[3`, "dose"],
    ["unterminated OSC at the end", `dose${E}]52;c;AAAA`, "dose"],
    ["tabs, newlines and Unicode stay", "a\tb\nc \u00e9 \u0634 \u{1F600}", "a\tb\nc \u00e9 \u0634 \u{1F600}"],
];

function chunked(text: string, cuts: number[]): string {
    const filter = new TerminalTextFilter();
    let out = "";
    let from = 0;
    for (const cut of [...cuts, text.length]) {
        out += filter.push(text.slice(from, cut));
        from = cut;
    }
    return out + filter.flush();
}

describe("terminal text: model output cannot drive the terminal", () => {
    for (const [name, input, expected] of TERMINAL_ATTACKS) {
        it(`removes ${name}`, () => {
            const out = stripTerminalControls(input);
            assert.equal(out, expected);
            assert.doesNotMatch(out, CONTROL);
        });
    }

    it("gives the same output whatever the chunking: a sequence split across chunks never survives", () => {
        for (const [name, input] of TERMINAL_ATTACKS) {
            const whole = stripTerminalControls(input);
            for (let cut = 0; cut <= input.length; cut++) assert.equal(chunked(input, [cut]), whole, `${name}, cut at ${cut}`);
            // One character at a time, the hardest case for holding back.
            assert.equal(chunked(input, [...input].map((_, k) => k + 1)), whole, `${name}, one character per chunk`);
        }
    });

    it("never lets a control character through for random byte soup, whatever the chunking", () => {
        const random = mulberry32(42);
        const alphabet = [E, "[", "]", "\\", "\x07", "\x9b", "\x9c", "\x9d", "\r", "\n", "\b", "8", ";", "m", "a", "P", "_", "(", "#", "\x18"];
        for (let n = 0; n < 500; n++) {
            const length = 1 + Math.floor(random() * 40);
            const text = Array.from({length}, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
            const whole = stripTerminalControls(text);
            assert.doesNotMatch(whole, CONTROL, JSON.stringify(text));
            const cuts = [...new Set(Array.from({length: 3}, () => Math.floor(random() * (text.length + 1))))].sort((a, b) => a - b);
            assert.equal(chunked(text, cuts), whole, `${JSON.stringify(text)} cut at ${cuts}`);
        }
    });

    it("decides a long sequence the same way whatever the chunking, around the hold limit", () => {
        const random = mulberry32(7);
        for (const intro of [`${E}]8;;`, `${E}[`, "\u009d", `${E}P`]) {
            for (let filler = MAX_HELD - 6; filler <= MAX_HELD + 2; filler++) {
                for (const end of ["\x07", `${E}\\`, "m", ""]) {
                    const text = `before ${intro}${"1".repeat(filler)}${end} after`;
                    const whole = stripTerminalControls(text);
                    assert.doesNotMatch(whole, CONTROL);
                    const cuts = Array.from({length: 5}, () => Math.floor(random() * (text.length + 1))).sort((a, b) => a - b);
                    assert.equal(chunked(text, cuts), whole, `${JSON.stringify(intro)} + ${filler} + ${JSON.stringify(end)}`);
                }
            }
        }
    });

    it("writes DEL and C1 controls in JSON output as escapes (JSON.stringify leaves them raw)", () => {
        const value = {text: `a\u009b8mb\u007f${E}[8m`};
        const json = jsonForTerminal(value);
        assert.doesNotMatch(json, CONTROL);
        assert.deepEqual(JSON.parse(json), value);
    });

    it("bounds what it holds back: an escape that never ends does not swallow the rest of the answer", () => {
        const answer = "The usual adult dose is 500 mg every 8 hours. ".repeat(200);
        const filter = new TerminalTextFilter();
        let out = filter.push(`${E}]8;;`);
        for (let k = 0; k < answer.length; k += 7) out += filter.push(answer.slice(k, k + 7));
        assert.ok(out.length >= answer.length - MAX_HELD, "output kept flowing once the hold limit was reached");
        out += filter.flush();
        assert.doesNotMatch(out, CONTROL);
        assert.ok(out.endsWith(answer), "the answer is shown");
        assert.equal(out, stripTerminalControls(`${E}]8;;${answer}`));
    });
});
