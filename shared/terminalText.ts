/**
 * Model text shown on a terminal must not be able to drive the terminal: an escape sequence in an answer could
 * conceal what follows (`ESC[8m`), recolour it invisible, move the cursor back over it, clear the screen, set the
 * clipboard (OSC 52), plant a link whose target differs from its text (OSC 8) or retitle the window. The
 * disclaimer printed after the answer must always be visible, so every control is removed from model text before
 * it is printed:
 *
 * - ECMA-48 sequences, 7-bit (ESC …) and 8-bit (C1): CSI (`ESC[` / U+009B … final byte), control strings OSC, DCS,
 *   SOS, PM and APC (up to BEL or ST), nF / Fp / Fe / Fs escapes (`ESC(B`, `ESC7`, `ESCc` …), a lone ESC;
 * - every other C0 and C1 control and DEL, except line feed and tab; a carriage return becomes a line break (so no
 *   text is printed over other text), CR LF becomes LF; backspace is dropped.
 *
 * strip-ansi / ansi-regex were considered: they match CSI and a subset of OSC, but not OSC payloads with `+` (base64,
 * as OSC 52 uses), DCS/APC strings, other C1 controls, a lone ESC, CR or backspace, and they cannot hold back a
 * sequence split across streamed chunks. Hence this scanner.
 *
 * Streaming: `TerminalTextFilter.push` holds back an incomplete sequence (or a CR that may start CR LF) at the end
 * of a chunk until the next chunk completes it, so a sequence split across chunks is removed like a whole one. The
 * output never contains a control character whatever the chunking; a held-back tail is bounded (MAX_HELD): past
 * that the introducer is dropped and the rest is shown as plain text.
 */

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;
const C1_CSI = 0x9b;
const C1_ST = 0x9c;
/** C1 introducers of control strings (DCS, SOS, OSC, PM, APC) and their 7-bit ESC forms (P, X, ], ^, _). */
const C1_STRINGS = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);
const ESC_STRINGS = new Set(["P", "X", "]", "^", "_"]);

/** Longest tail held back while waiting for a sequence to end; longer ones are treated as malformed. */
export const MAX_HELD = 4096;

type Step =
    /** Drop text[i, end) and continue at end. */
    | {kind: "drop"; end: number}
    /** The sequence starting at i is not complete yet: wait for more text. */
    | {kind: "incomplete"};

/** Removes every terminal control from a whole text (see the file comment). */
export function stripTerminalControls(text: string): string {
    const filter = new TerminalTextFilter();
    return filter.push(text) + filter.flush();
}

/** The streaming form: `push` each chunk, `flush` at the end; the outputs joined equal stripTerminalControls(all). */
export class TerminalTextFilter {
    private held = "";

    push(chunk: string): string {
        const {out, rest} = scan(this.held + chunk, false);
        this.held = rest;
        return out;
    }

    /** Ends the text: what was held back is written (a sequence that never ended is dropped as such). */
    flush(): string {
        const {out} = scan(this.held, true);
        this.held = "";
        return out;
    }
}

function scan(text: string, final: boolean): {out: string; rest: string} {
    let out = "";
    let plainFrom = 0;
    let i = 0;
    while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c <= 0x9f)) { i++; continue; }
        if (c === 0x0a || c === 0x09) { i++; continue; }
        out += text.slice(plainFrom, i);
        // A sequence may span at most MAX_HELD characters: the same decision whatever the chunking.
        const limit = Math.min(text.length, i + MAX_HELD);
        let step: Step;
        if (c === 0x0d) {
            if (i + 1 < text.length || final) {
                if (text.charCodeAt(i + 1) !== 0x0a) out += "\n"; // a lone CR never returns over earlier text
                step = {kind: "drop", end: i + 1};
            } else {
                step = {kind: "incomplete"};
            }
        } else if (c === ESC) {
            step = escape(text, i, limit);
        } else if (c === C1_CSI) {
            step = csi(text, i + 1, limit);
        } else if (C1_STRINGS.has(c)) {
            step = controlString(text, i + 1, limit);
        } else {
            step = {kind: "drop", end: i + 1}; // other C0/C1 controls, DEL, a stray ST
        }
        if (step.kind === "incomplete") {
            const wholeWindowSeen = text.length - i >= MAX_HELD;
            if (!final && !wholeWindowSeen) return {out, rest: text.slice(i)};
            i = malformed(text, i, wholeWindowSeen);
        } else {
            i = step.end;
        }
        plainFrom = i;
    }
    return {out: out + text.slice(plainFrom), rest: ""};
}

/** ESC at i: which sequence it starts, and where that ends. */
function escape(text: string, i: number, limit: number): Step {
    if (i + 1 >= limit) return {kind: "incomplete"};
    const next = text[i + 1];
    const code = text.charCodeAt(i + 1);
    if (next === "[") return csi(text, i + 2, limit);
    if (ESC_STRINGS.has(next)) return controlString(text, i + 2, limit);
    if (code >= 0x20 && code <= 0x2f) {
        // nF: intermediate bytes, then one final byte 0x30–0x7E.
        let j = i + 2;
        while (j < limit && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
        if (j >= limit) return {kind: "incomplete"};
        const f = text.charCodeAt(j);
        return {kind: "drop", end: f >= 0x30 && f <= 0x7e ? j + 1 : j};
    }
    if (code >= 0x30 && code <= 0x7e) return {kind: "drop", end: i + 2}; // Fp, Fe, Fs: ESC 7, ESC c, ESC M …
    return {kind: "drop", end: i + 1}; // a lone ESC before anything else
}

/** CSI parameters and intermediates (0x20–0x3F) from `from`, then a final byte 0x40–0x7E. */
function csi(text: string, from: number, limit: number): Step {
    for (let j = from; j < limit; j++) {
        const b = text.charCodeAt(j);
        if (b >= 0x40 && b <= 0x7e) return {kind: "drop", end: j + 1};
        if (b < 0x20 || b > 0x3f) return {kind: "drop", end: j}; // not a CSI byte: the sequence is cut off there
    }
    return {kind: "incomplete"};
}

/**
 * A control string's payload from `from`, ended by BEL, ST (ESC \ or U+009C), or cancelled by CAN / SUB; an ESC
 * that is not ST ends it too (the ESC then starts the next sequence).
 */
function controlString(text: string, from: number, limit: number): Step {
    for (let j = from; j < limit; j++) {
        const b = text.charCodeAt(j);
        if (b === BEL || b === C1_ST || b === CAN || b === SUB) return {kind: "drop", end: j + 1};
        if (b === ESC) {
            if (j + 1 >= limit) return {kind: "incomplete"};
            return {kind: "drop", end: text[j + 1] === "\\" ? j + 2 : j};
        }
    }
    return {kind: "incomplete"};
}

/**
 * A sequence at i that did not end: at the end of the text it goes entirely; one longer than MAX_HELD loses its
 * introducer and what followed is shown as plain text (filtered in turn).
 */
function malformed(text: string, i: number, tooLong: boolean): number {
    if (!tooLong) return text.length;
    return text.charCodeAt(i) === ESC ? i + 2 : i + 1;
}

/**
 * JSON for stdout: JSON.stringify escapes C0 controls but leaves DEL and the C1 range (U+007F–U+009F) raw, and a
 * terminal may act on those (U+009B is CSI). They are written as \u escapes: the same JSON value, nothing to act on.
 */
export function jsonForTerminal(value: unknown): string {
    return JSON.stringify(value).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
