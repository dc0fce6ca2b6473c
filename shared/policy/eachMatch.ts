/** Calls `fn` for every match of the global regex `g` in `text` (the PHI detectors' patterns are all global). */
export function eachMatch(g: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
    g.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = g.exec(text)) !== null) {
        fn(m);
        if (m[0].length === 0) g.lastIndex++;
    }
}
