/**
 * The vocabularies of the languages the policy serves besides English: emergency, self-harm, harm to others, drug
 * misuse and plainly off-topic requests in Arabic, Spanish, French, Hindi and Urdu, and emergency and self-harm
 * phrases in more of the languages hospital patients write (otherLanguages.ts). They are decided after the
 * classifier, which was trained on English and cannot read these words, and it cannot overrule them
 * (policyEngine.ts): small, separate patterns, each checked for catastrophic backtracking on its own.
 */
import type {PolicyRule} from "../ruleTypes";
import {ARABIC_RULES} from "./arabic";
import {SPANISH_RULES} from "./spanish";
import {FRENCH_RULES} from "./french";
import {HINDI_RULES} from "./hindi";
import {URDU_RULES} from "./urdu";
import {OTHER_LANGUAGE_RULES} from "./otherLanguages";

export const LANGUAGE_RULES: readonly PolicyRule[] = [...ARABIC_RULES, ...SPANISH_RULES, ...FRENCH_RULES, ...HINDI_RULES, ...URDU_RULES,
    ...OTHER_LANGUAGE_RULES];
