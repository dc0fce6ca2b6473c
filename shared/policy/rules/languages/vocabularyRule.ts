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
import type {AnalyzedText} from "../../normalize";
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
    if (languages) UNPLACED_UNLESS.push(...unless);
    return {
        id, category, description,
        test: (t) => t.folded.length > 0 && patterns.some((p) => readBy(p, t)) && !unless.some((u) => readBy(u, t))
            && !(unlessEnglishClinical && hasEnglishClinical(t)) && (languages === undefined || judgedIn(t, languages)),
    };
}
