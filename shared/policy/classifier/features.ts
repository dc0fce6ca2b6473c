import type {PolicyCategory} from "../types";

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
    // The features at a position depend only on its word and the next two: a position whose three words were seen
    // before adds nothing new, so a repeated stretch of text (long messages, crafted ones) builds no strings again.
    const seen = new Map<string, Map<string, Set<string>>>();
    for (let i = 0; i < words.length; i++) {
        const w = words[i];
        if (w === SENTENCE_BREAK) continue;
        let byNext = seen.get(w);
        if (!byNext) seen.set(w, byNext = new Map());
        const nextKey = words[i + 1] ?? ""; // tokens are never empty: "" stands for the end
        let byAfter = byNext.get(nextKey);
        if (!byAfter) byNext.set(nextKey, byAfter = new Set());
        const afterKey = words[i + 2] ?? "";
        if (byAfter.has(afterKey)) continue;
        byAfter.add(afterKey);
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

/** A word with a letter beyond the Latin blocks (Arabic, Urdu, Devanagari, Cyrillic...). */
const NON_LATIN = /[^\u0000-\u024f\u1e00-\u1eff]/;

/** Arabic-script prefixes (and, so, with, for, the) and suffixes (her, them, plural and feminine endings), longest first. */
const ARABIC_PREFIXES = ["وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل"];
const ARABIC_SUFFIXES = ["هما", "كم", "هم", "ها", "نا", "ين", "ون", "ات", "ان", "يه", "ه", "ي"];
const ARABIC_LETTER = /[\u0600-\u06ff]/;

/**
 * A light stem of an Arabic-script word ("والحبوب" → "حبوب", "بالسكين" → "سكين"): one prefix and one suffix cut
 * where at least three letters stay. Arabic joins conjunctions, prepositions and the article to the word, so one
 * word appears in many written forms; the stem lets them share a feature.
 */
export function arabicStem(word: string): string {
    let w = word;
    const pre = ARABIC_PREFIXES.find((p) => w.startsWith(p) && w.length - p.length >= 3);
    if (pre) w = w.slice(pre.length);
    const suf = ARABIC_SUFFIXES.find((x) => w.endsWith(x) && w.length - x.length >= 3);
    if (suf) w = w.slice(0, -suf.length);
    return w;
}

/**
 * Features of the words in scripts other than Latin, from the folded text (`AnalyzedText.folded`): the normalised
 * text the rules and `textFeatures` read keeps only Latin words, so without these a message in Arabic, Urdu or
 * Devanagari gives the classifier nothing. The same kinds as `textFeatures` over those words in order, plus
 * "s:" light stems of Arabic-script words.
 */
export function scriptFeatures(folded: string): string[] {
    const words = folded.split(" ").filter((w) => w.length > 0 && NON_LATIN.test(w));
    if (words.length === 0) return [];
    const out = new Set(textFeatures(words.join(" ")));
    for (const w of new Set(words)) {
        if (!ARABIC_LETTER.test(w)) continue;
        const stem = arabicStem(w);
        out.add(`s:${stem}`);
    }
    return [...out];
}

/** What the rules found in a message, as the classifier sees it. */
export interface RuleFindings {
    /** The category the rules alone would give (PHI aside: identifiers are the detector's business). */
    category: PolicyCategory | null;
    /** Ids of every input rule that fired, informational ones included. */
    rules: readonly string[];
    /** Whether the health lexicon found any clinical or care-setting word. */
    healthVocabulary: boolean;
}

/**
 * The rules' findings as features ("rc:harm_to_others", "r:harm_to_others.stealth_marker", "v:none"), so the
 * classifier learns how far to trust each rule on wording it was not written for.
 */
export function ruleFeatures(f: RuleFindings): string[] {
    // A prompt injection changes nothing but its informational rule (docs/policy.md), so it is no evidence either way.
    const rules = f.rules.filter((id) => !id.startsWith("injection."));
    return [`rc:${f.category ?? "none"}`, ...rules.map((id) => `r:${id}`), f.healthVocabulary ? "v:some" : "v:none"];
}
