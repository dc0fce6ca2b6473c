/**
 * Splits Markdown into pieces that fit one Slack message, preferring paragraph, then line, then word boundaries,
 * and keeping fenced code blocks valid across pieces (a fence cut in two is closed and reopened).
 */

const FENCE = /^\s*(```|~~~)/;

/** Splits `text` into pieces of at most `limit` characters; never returns an empty list for non-empty text. */
export function splitMessage(text: string, limit: number): string[] {
    if (limit < 20) throw new RangeError("splitMessage: limit too small");
    const pieces: string[] = [];
    let rest = text;
    let reopen = "";
    while (rest.length > 0) {
        const budget = limit - reopen.length;
        if (reopen.length + rest.length <= limit) {
            pieces.push(reopen + rest);
            break;
        }
        const cut = findCut(rest, budget - 4); // leaves room to close an open fence ("\n```")
        let piece = rest.slice(0, cut);
        const openFence = unclosedFence(reopen + piece);
        if (openFence) piece = piece.replace(/\n?$/, "\n") + openFence;
        pieces.push((reopen + piece).replace(/\s+$/, ""));
        reopen = openFence ? `${openFence}\n` : "";
        rest = rest.slice(cut).replace(/^\n+/, "");
    }
    return pieces.filter((p) => p.trim().length > 0);
}

/** The best cut position at or before `max`: a paragraph break, else a line break, else a space, else `max`. */
function findCut(text: string, max: number): number {
    const window = text.slice(0, max);
    const minUseful = Math.floor(max / 2);
    for (const sep of ["\n\n", "\n", ". ", " "]) {
        const at = window.lastIndexOf(sep);
        if (at >= minUseful) return at + sep.length;
    }
    return Math.max(1, max);
}

/** The fence marker (``` or ~~~) left open at the end of `text`, if any. */
function unclosedFence(text: string): string | undefined {
    let open: string | undefined;
    for (const line of text.split("\n")) {
        const m = FENCE.exec(line);
        if (!m) continue;
        if (open === undefined) open = m[1];
        else if (m[1] === open) open = undefined;
    }
    return open;
}
