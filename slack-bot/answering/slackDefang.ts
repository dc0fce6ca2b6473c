/**
 * Model text posted to Slack must not ping people or channels, and must not show a link whose text hides where it
 * goes. Slack's special syntax is broken with a zero-width space, so it shows literally (the URL included):
 *
 * - `<!here>`, `<!channel>`, `<@U123>`, `<#C123>`, `<!subteam^…>`: `<` before `!`, `@` or `#`;
 * - `<https://evil|NIH guideline>` and `<tel:…>`: `<` before a run (up to a space, `<` or `>`) holding `|` or `:`;
 * - `[NIH guideline](https://evil)` and `![image](…)`: `]` before `(`;
 * - reference definitions `[ref]: https://evil` (at the start of a line): `]` before `:`.
 *
 * Comparisons and code stay as written ("dose < 5 mg", `List<String>`, `<Patient>`, `a[0][1]`).
 *
 * Streaming: `SlackDefanger.push` decides each position only once the text it depends on has arrived (a trailing
 * `<` or `]` waits for what follows, a `<https://…` run for its end), so `<` + `!here>` split across chunks is broken
 * exactly as in the whole text. What is held back is bounded (MAX_RUN).
 */

const ZWSP = "\u200b";
/** The longest `<…` run looked at: a longer one is not a Slack link (its URL would exceed Slack's limits anyway). */
const MAX_RUN = 4096;
/** A reference definition's label is at most 999 characters (CommonMark). */
const DEFINITION_START = /^ {0,3}\[[^\]\n]{0,999}$/;

/** Breaks Slack's mention and link syntax in a whole text (see the file comment). */
export function defangSlackSyntax(text: string): string {
    const d = new SlackDefanger();
    return d.push(text) + d.flush();
}

export class SlackDefanger {
    private pending = "";
    /** The current line as already emitted (raw, unbroken), for reference definitions; undefined once too long. */
    private line: string | undefined = "";

    push(chunk: string): string {
        this.pending += chunk;
        return this.take(false);
    }

    /** Ends the text: what was held back is decided with nothing after it. */
    flush(): string {
        return this.take(true);
    }

    private take(final: boolean): string {
        const text = this.pending;
        let out = "";
        let from = 0;
        let i = 0;
        for (; i < text.length; i++) {
            const c = text[i];
            if (c !== "<" && c !== "]") continue;
            const brk = c === "<" ? this.angle(text, i, final) : this.bracket(text, i, from, final);
            if (brk === undefined) break; // wait for more text
            if (brk) {
                out += text.slice(from, i + 1) + ZWSP;
                this.advanceLine(text.slice(from, i + 1));
                from = i + 1;
            }
        }
        out += text.slice(from, i);
        this.advanceLine(text.slice(from, i));
        this.pending = text.slice(i);
        return out;
    }

    /** Whether the `<` at i must be broken; undefined while the text that decides it has not arrived. */
    private angle(text: string, i: number, final: boolean): boolean | undefined {
        if (i + 1 >= text.length) return final ? false : undefined;
        if ("!@#".includes(text[i + 1])) return true;
        for (let j = i + 1; j < text.length && j - i <= MAX_RUN; j++) {
            const ch = text[j];
            if (ch === "|" || ch === ":") return true;
            if (ch === "<" || ch === ">" || /\s/.test(ch)) return false;
        }
        return final || text.length - i > MAX_RUN ? false : undefined;
    }

    /** Whether the `]` at i must be broken: before `(` always, before `:` when it ends a definition's label. */
    private bracket(text: string, i: number, from: number, final: boolean): boolean | undefined {
        if (i + 1 >= text.length) return final ? false : undefined;
        const next = text[i + 1];
        if (next === "(") return true;
        if (next !== ":") return false;
        const lineSoFar = this.lineWith(text.slice(from, i));
        return lineSoFar !== undefined && DEFINITION_START.test(lineSoFar);
    }

    private lineWith(more: string): string | undefined {
        const nl = more.lastIndexOf("\n");
        if (nl >= 0) return more.slice(nl + 1);
        return this.line === undefined ? undefined : this.line + more;
    }

    private advanceLine(emitted: string): void {
        const line = this.lineWith(emitted);
        this.line = line !== undefined && line.length <= 1004 ? line : undefined;
    }
}
