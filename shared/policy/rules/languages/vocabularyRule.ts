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

export interface VocabularyRuleSpec {
    id: string;
    category: PolicyCategory;
    description: string;
    /** Any of these on the folded text fires the rule. */
    patterns: readonly RegExp[];
    /** A question about what to do if it happened ("si no respira", "اذا"): the rule does not fire. */
    unless?: RegExp;
}

export function vocabularyRule(spec: VocabularyRuleSpec): PolicyRule {
    const {id, category, description} = spec;
    // The patterns are written as people type; the text they read is folded, so they are folded the same way
    // ("گئی" reads "گيی" once its hamza is gone; Korean syllables read as their letters). Only letters change, never
    // the pattern's syntax. Each skips, at once, a text without the literal words any of its matches needs
    // (prefilter/prefilteredRegExp.ts).
    const fold = (p: RegExp) => new PrefilteredRegExp(foldArabic(p.source), p.flags);
    const patterns = spec.patterns.map(fold);
    const unless = spec.unless && fold(spec.unless);
    return {
        id, category, description,
        test: (t) => t.folded.length > 0 && patterns.some((p) => p.test(t.folded)) && !(unless?.test(t.folded) ?? false),
    };
}
