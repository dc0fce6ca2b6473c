/**
 * Features of a message for the policy's text classifier: words, five-letter stems (so "poisoning" and "poisoned"
 * share "poiso"), word pairs and pairs with one word between ("kill my ex" gives "kill ex"). Computed from the same
 * normalised text the rules read (contractions expanded, chat spellings folded), so both layers see one form.
 */

/** Sentence marker in the normalised text; pairs never span it. */
const SENTENCE_BREAK = ".";

/** Tokens of a normalised message, with "." between sentences. */
export function tokens(norm: string): string[] {
    return norm.split(" ").filter((t) => t.length > 0);
}

/** The distinct feature strings of a normalised message (see the module comment for the kinds). */
export function textFeatures(norm: string): string[] {
    const out = new Set<string>();
    const words = tokens(norm);
    for (let i = 0; i < words.length; i++) {
        const w = words[i];
        if (w === SENTENCE_BREAK) continue;
        out.add(`u:${w}`);
        if (w.length > 5) out.add(`p:${w.slice(0, 5)}`);
        const next = words[i + 1];
        if (next !== undefined && next !== SENTENCE_BREAK) {
            out.add(`b:${w} ${next}`);
            const after = words[i + 2];
            if (after !== undefined && after !== SENTENCE_BREAK) out.add(`g:${w} ${after}`);
        }
    }
    return [...out];
}
