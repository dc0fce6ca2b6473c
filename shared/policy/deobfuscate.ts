/**
 * Undoing the disguises people use to slip a request past word rules: look-alike letters from other scripts
 * ("kіll" with a Cyrillic і), leetspeak ("h0w 2 g3t p3rc 30s"), letters spaced out ("k i l l"), and Arabic
 * tatweel and vowel marks. Only the text the rules read changes (normalize.ts); what the user wrote, what the model
 * sees and what identifiers are found in stay the original.
 *
 * Each step is conservative where clinical text looks alike: "b12", "t4", "covid19", "500mg", "hba1c" and "30s" keep
 * their digits; a spaced run needs four letters or more, and a token of look-alikes is mapped only inside a Latin
 * word or a mostly Latin message, so Russian or Greek text stays itself.
 */

/** Cyrillic and Greek letters that look like Latin ones (lower case; the text is lower-cased before). */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
    // Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w",
    // Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ω": "w", "ς": "s", "γ": "y",
};
const CONFUSABLE = /[авеёкмнорстухіїјѕԁһӏԛԝαβεηικνορτυχωςγ]/u;
const WORD = /[\p{L}\p{N}@$!|+]+/gu;
const LATIN = /[a-z]/;
const LATIN_LETTERS = /[a-z]/g;
const CYRILLIC_OR_GREEK_LETTERS = /[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]/gu;
const CYRILLIC_OR_GREEK = /[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]/u;

function mapHomoglyphs(word: string): string {
    let out = "";
    for (const ch of word) out += HOMOGLYPHS[ch] ?? ch;
    return out;
}

/**
 * Look-alike letters to Latin: in a word that mixes them with Latin letters, and in words made only of look-alikes
 * when the message is mostly Latin ("сосаіnе" in an English sentence). A real Cyrillic word in a Russian message is
 * left alone.
 */
export function foldHomoglyphs(text: string): string {
    if (!CYRILLIC_OR_GREEK.test(text)) return text;
    const latin = (text.match(LATIN_LETTERS) ?? []).length;
    const other = (text.match(CYRILLIC_OR_GREEK_LETTERS) ?? []).length;
    const mostlyLatin = latin > other;
    return text.replace(WORD, (word) => {
        if (!CONFUSABLE.test(word)) return word;
        const mapped = mapHomoglyphs(word);
        if (LATIN.test(word)) return mapped;
        // Only look-alikes: mapped when every letter had a Latin twin and the message is mostly Latin.
        return mostlyLatin && !CYRILLIC_OR_GREEK.test(mapped) ? mapped : word;
    });
}

/** Latin letters that no Unicode decomposition takes to a plain letter ("kílł": the í decomposes, the ł does not). */
const LATIN_EXTRA: Readonly<Record<string, string>> = {"ł": "l", "ŀ": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"};
const LATIN_EXTRA_LETTER = /[łŀøđħıßæœþ]/g;

/** Writes the Latin letters with strokes and ligatures as plain letters. */
export function foldLatinLetters(text: string): string {
    return text.replace(LATIN_EXTRA_LETTER, (c) => LATIN_EXTRA[c] ?? c);
}

/** Leetspeak digits and symbols for letters. */
const LEET: Readonly<Record<string, string>> = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l", "+": "t"};
/** A token that may be leet: letters, digits and the leet symbols, 3 to 24 long, with a leet character in it. */
const LEET_CANDIDATE = /^[a-z0-9@$!|+]{3,24}$/;
const HAS_LEET = /[013457@$!|+]/;
/**
 * Tokens that are clinical or ordinary, never leet: units and ordinals ("500mg", "30s", "2nd"), names ending in digits
 * ("b12", "covid19"), and common clinical codes with digits inside ("hba1c", "q4h", "g3p1", "h1n1", "t1dm", "cyp3a4").
 */
const NOT_LEET = /^(?:\d+[a-z]{0,4}|[a-z]+\d+|hba1c|a1c|q\d+h|g\d+p\d+|h\d+n\d+|t[12]dm|cyp\d+[a-z]\d+)$/;

function isLeetWord(word: string): boolean {
    if (!LEET_CANDIDATE.test(word) || !HAS_LEET.test(word) || NOT_LEET.test(word)) return false;
    const letters = word.replace(/[^a-z]/g, "").length;
    // Mostly letters: "k1ll", "h3r01n", "p3rc"; not "1+1" or "4/5".
    return letters >= 2 && letters >= word.length - letters;
}

function decodeLeetWord(word: string): string {
    let out = "";
    for (const ch of word) out += LEET[ch] ?? ch;
    return out;
}

/** "how 2 get", "want 2 die": a lone 2 as "to", only between the words that take it. */
const TWO_AS_TO = /\b(how|want|wants|going|trying|way|ways|need) 2 (?=(?:die|kill|get|buy|make|end|od|overdose|hurt|cut|take|score|find|cop)\b)/g;
/** Words with leet symbols only inside them ("cr@ck"), so "help!!" stays a word with punctuation after it. */
const LEET_TOKEN = /[a-z0-9]+(?:[@$!|+][a-z0-9]+)*/g;

/**
 * Leetspeak to letters ("h0w 2 g3t p3rc 30s" → "how to get perc 30s"). Only when two or more words of a message are
 * leet: one clinical code with a digit inside is far likelier than a disguise.
 */
export function decodeLeet(text: string): string {
    if (!HAS_LEET.test(text)) return text.replace(TWO_AS_TO, "$1 to ");
    let leet = 0;
    for (const m of text.matchAll(LEET_TOKEN)) if (isLeetWord(m[0]) && ++leet >= 2) break;
    const decoded = leet >= 2 ? text.replace(LEET_TOKEN, (w) => (isLeetWord(w) ? decodeLeetWord(w) : w)) : text;
    return decoded.replace(TWO_AS_TO, "$1 to ");
}

/** A run of four or more single letters separated by one space, dot, dash, underscore or asterisk: "k i l l". */
const SPACED_LETTERS = /(?<![a-z])[a-z](?:[ .*_-][a-z]){3,}(?![a-z])/g;
/** "killmyself" from "k i l l m y s e l f": the reflexive pronoun is put back apart. */
const REFLEXIVE_TAIL = /^([a-z]{2,}?)(myself|yourself|himself|herself|themselves)$/;

function joined(run: string): string {
    return run.replace(/[ .*_-]/g, "").replace(REFLEXIVE_TAIL, "$1 $2");
}

const SINGLE_LETTER = /^[a-z]$/;

/**
 * Words written letter by letter with two or more spaces between words ("h o w  t o  m a k e"): each word's letters
 * joined, the words kept apart. Done by walking the words (a regular expression for it backtracks quadratically on
 * long runs of single letters).
 */
function joinSpacedWords(text: string): string {
    if (!text.includes("  ")) return text;
    const parts = text.split(/( +)/); // words at even indexes, runs of spaces at odd ones
    // Groups: maximal runs of single letters one space apart, as [first index, last index] into parts.
    const groups: [number, number][] = [];
    for (let i = 0; i < parts.length; i += 2) {
        if (!SINGLE_LETTER.test(parts[i])) continue;
        let end = i;
        while (end + 2 < parts.length && parts[end + 1] === " " && SINGLE_LETTER.test(parts[end + 2])) end += 2;
        groups.push([i, end]);
        i = end;
    }
    // A phrase: two or more groups, each next one after two or more spaces, one with two letters or more.
    const out = [...parts];
    let k = 0;
    while (k < groups.length) {
        let last = k;
        while (last + 1 < groups.length && groups[last + 1][0] === groups[last][1] + 2 && parts[groups[last][1] + 1].length >= 2) last++;
        if (last > k && groups.slice(k, last + 1).some(([a, b]) => b > a)) {
            for (let g = k; g <= last; g++) {
                const [a, b] = groups[g];
                out[a] = parts.slice(a, b + 1).join("").replace(/ /g, "");
                for (let j = a + 1; j <= b; j++) out[j] = "";
                if (g < last) out[b + 1] = " ";
            }
        }
        k = last + 1;
    }
    return out.join("");
}

/** "k i l l myself" → "kill myself"; "h o w  t o  m a k e" → "how to make"; "vitamin b c" is left. */
export function joinSpacedLetters(text: string): string {
    return joinSpacedWords(text).replace(SPACED_LETTERS, joined);
}

/** Arabic tatweel (the stretching stroke) and short-vowel marks, which change no word but break word matching. */
const ARABIC_MARKS = /[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g;

/**
 * Removes Arabic tatweel and vowel marks (hamza above and below included, as compatibility decomposition leaves
 * them: "ئ" becomes "ي"), writes the letters that are often interchanged one way, and drops the Devanagari nukta.
 * Also applied to the vocabularies' own patterns (rules/languages/), so they are written as people type.
 */
export function foldArabic(text: string): string {
    return text.normalize("NFKD").replace(ARABIC_MARKS, "").replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه")
        .replace(/\u093c/g, "");
}
