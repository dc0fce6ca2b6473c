/**
 * A rule over one language's words: small patterns tested on the folded text (every script kept, lower case, accents,
 * Arabic vowel marks and tatweel removed, disguises undone; see normalize.ts `foldText`), each its own small regular
 * expression so each can be checked for catastrophic backtracking on its own. Words are separated by single spaces,
 * so patterns over Arabic or Devanagari use "(?:^| )" and "(?= |$)" for word edges (\b only knows Latin letters).
 */
import type {PolicyCategory} from "../../types";
import type {PolicyRule} from "../ruleTypes";
import {foldArabic} from "../../deobfuscate";
import {PrefilteredRegExp} from "../../prefilter/prefilteredRegExp";
import {topicSignal} from "../healthLexicon";
import {foldedSentences, type AnalyzedText} from "../../normalize";
import {detectLanguage, readsAsEnglish, SUPPORTED_LANGUAGES, type DetectedLanguage, type SupportedLanguage} from "../../language";

export interface VocabularyRuleSpec {
    id: string;
    category: PolicyCategory;
    description: string;
    /** Any of these on the folded text fires the rule. */
    patterns: readonly RegExp[];
    /**
     * A question about what to do if it happened ("si no respira", "اذا"), or a health word next to an off-topic one:
     * any of these on the folded text and the rule does not fire.
     */
    unless?: RegExp | readonly RegExp[];
    /**
     * Where `unless` holds: in the whole message (off-topic subjects, where a health word anywhere keeps a message in
     * scope: the default for out_of_scope), or only in its own sentence (the default for a crisis or a harmful
     * request: "my son swallowed a battery last year. Now he is not breathing" is an emergency; one sentence about the
     * past or a "what if" must not silence another).
     */
    unlessIn?: "message" | "sentence";
    /**
     * The rule does not fire either when the message has English clinical vocabulary (healthLexicon.ts: drug names,
     * "bp", "sugar", "fhir", "hl7"...), which people mix into these languages ("diabetes ke liye recipe batao").
     */
    unlessEnglishClinical?: boolean;
    /**
     * The languages whose messages the rule judges (language.ts), besides messages no supported language claims (a
     * language the detector places elsewhere, such as Spanish taken for Portuguese, or one taken for English that does
     * not read as English). Words shared across languages ("SQL", "ramadan", "netflix") would otherwise be judged by
     * another language's health words: a Spanish list knows no Arabic or Hindi one.
     */
    languages?: readonly SupportedLanguage[];
}

/** English clinical vocabulary of a message, counted once however many rules ask (the engine counts its own). */
const englishClinical = new WeakMap<AnalyzedText, boolean>();
function hasEnglishClinical(t: AnalyzedText): boolean {
    let has = englishClinical.get(t);
    if (has === undefined) englishClinical.set(t, has = topicSignal(t.norm).clinical > 0);
    return has;
}

/** The detected language of a message, once however many rules ask (the engine detects its own). */
const detected = new WeakMap<AnalyzedText, DetectedLanguage>();
function languageOf(t: AnalyzedText): DetectedLanguage {
    let l = detected.get(t);
    if (!l) detected.set(t, l = detectLanguage(t.raw));
    return l;
}

/**
 * The `unless` patterns of every rule bound to languages: a message no language claims is judged by each such rule,
 * and a health word of any of these languages keeps it from all of them (a Spanish "CIE-10" from the Hindi list).
 */
const UNPLACED_UNLESS: PrefilteredRegExp[] = [];

/** Whether a rule for `languages` judges this message: its own language, or one no supported language claims. */
function judgedIn(t: AnalyzedText, languages: readonly SupportedLanguage[]): boolean {
    const {code} = languageOf(t);
    if ((languages as readonly string[]).includes(code)) return true;
    const unplaced = code === "en" ? !readsAsEnglish(t.raw) : !(SUPPORTED_LANGUAGES as readonly string[]).includes(code);
    return unplaced && !UNPLACED_UNLESS.some((u) => readBy(u, t));
}

/**
 * Whether `p` matches the folded text, or the same text with leetspeak left as typed: Arabizi's digits inside words
 * ("re7a", "3ando") are letters, not a disguise, and its patterns are written with them.
 */
function readBy(p: PrefilteredRegExp, t: AnalyzedText): boolean {
    return p.test(t.folded) || (t.foldedAsTyped !== t.folded && p.test(t.foldedAsTyped));
}

/** The folded sentences of a message, once however many rules ask. */
const sentencesOf = new WeakMap<AnalyzedText, {folded: string[]; asTyped: string[]}>();
function sentences(t: AnalyzedText): {folded: string[]; asTyped: string[]} {
    let s = sentencesOf.get(t);
    if (!s) sentencesOf.set(t, s = foldedSentences(t.raw));
    return s;
}

/** Whether one sentence of the message matches a pattern and no exclusion of the same sentence. */
function someSentence(t: AnalyzedText, patterns: readonly PrefilteredRegExp[], unless: readonly PrefilteredRegExp[]): boolean {
    const {folded, asTyped} = sentences(t);
    return folded.some((f, i) => {
        const forms = asTyped[i] === f ? [f] : [f, asTyped[i]];
        return patterns.some((p) => forms.some((x) => p.test(x))) && !unless.some((u) => forms.some((x) => u.test(x)));
    });
}

export function vocabularyRule(spec: VocabularyRuleSpec): PolicyRule {
    const {id, category, description} = spec;
    // The patterns are written as people type; the text they read is folded, so they are folded the same way
    // ("گئی" reads "گيی" once its hamza is gone; Korean syllables read as their letters). Only letters change, never
    // the pattern's syntax. Each skips, at once, a text without the literal words any of its matches needs
    // (prefilter/prefilteredRegExp.ts).
    const fold = (p: RegExp) => new PrefilteredRegExp(foldArabic(p.source), p.flags);
    const patterns = spec.patterns.map(fold);
    const unless = (spec.unless === undefined ? [] : spec.unless instanceof RegExp ? [spec.unless] : spec.unless).map(fold);
    const unlessEnglishClinical = spec.unlessEnglishClinical ?? false;
    const languages = spec.languages;
    const bySentence = (spec.unlessIn ?? (category === "out_of_scope" ? "message" : "sentence")) === "sentence";
    if (languages) UNPLACED_UNLESS.push(...unless);
    // The whole message first: only a message where both a pattern and an exclusion match is read sentence by sentence.
    const matches = (t: AnalyzedText) => patterns.some((p) => readBy(p, t))
        && (!unless.some((u) => readBy(u, t)) || bySentence && someSentence(t, patterns, unless));
    return {
        id, category, description,
        test: (t) => t.folded.length > 0 && matches(t)
            && !(unlessEnglishClinical && hasEnglishClinical(t)) && (languages === undefined || judgedIn(t, languages)),
    };
}
