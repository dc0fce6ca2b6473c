/**
 * Output screening: rules for the model's own text. They look for instructions (second person, steps, amounts),
 * not requests, so a clinical answer about toxicology, drug testing or abuse-deterrent formulations passes, and an
 * answer that gives weapon recipes, covert poisoning advice, illicit sources or test-cheating tips is replaced.
 */
import type {PolicyRule} from "./ruleTypes";
import {HARM_INSTRUCTION_RE, isCovertDosing, STEALTH_RE, WEAPON_PRODUCTION_RE} from "./harmToOthers";
import {prefiltered} from "../prefilter/prefilteredRegExp";

const PROCEDURE = prefiltered(/\b(?:step \d|steps?:|first,? |then |next,? |finally,? |mix|combine|heat|boil|dissolve|filter|distil|distill|evaporate|grind|crush|extract|purify|incubate|culture|yield|\d+ ?(?:g|grams|ml|mg|kg|liters?|litres?|°c|degrees))\b/g);
const REFUSING = prefiltered(/\b(?:can not|cannot|will not|won't|unable to|not able to|do not|never|illegal|refuse|decline)\b/);

function countMatches(re: RegExp, s: string): number {
    return (s.match(re) ?? []).length;
}

export const OUTPUT_RULES: readonly PolicyRule[] = [
    {
        id: "output.weapon_instructions", category: "harm_to_others",
        description: "The answer gives production steps for a toxin, pathogen, poison gas or explosive.",
        test: (t) => WEAPON_PRODUCTION_RE.test(t.norm) && countMatches(PROCEDURE, t.norm) >= 3
            && !t.sentences.slice(0, 2).some((s) => REFUSING.test(s)),
    },
    {
        id: "output.covert_harm_advice", category: "harm_to_others",
        description: "The answer advises how to harm or poison someone without it being detected.",
        test: (t) => t.sentences.some((s) => STEALTH_RE.test(s) && /\b(?:you (?:can|could|should|would|might)|try|use|give|add|slip|put)\b/.test(s)
            && /\b(?:poison|kill|overdose|lethal|fatal|harm|death|die)\b/.test(s) && !REFUSING.test(s)),
    },
    {
        id: "output.harm_instructions", category: "harm_to_others",
        description: "The answer tells the reader how to poison, drug or hurt a person (\"to poison your coworker, put ... in their coffee\").",
        test: (t) => !REFUSING.test(t.sentences[0] ?? "") && (HARM_INSTRUCTION_RE.test(t.norm) || t.sentences.some((s) => isCovertDosing(s) && !REFUSING.test(s))),
    },
    {
        id: "output.illicit_drug_source", category: "drug_misuse",
        description: "The answer points to where to buy controlled drugs illegally (dark web markets, vendors without prescription).",
        test: (t) => t.sentences.some((s) => /\b(?:dark ?web|darknet|onion (?:site|market)|vendor|vendors|telegram (?:channel|group)s?)\b/.test(s)
            && /\b(?:buy|order|purchase|find|get|source)\b/.test(s) && !REFUSING.test(s) && !/\b(?:risk|risks|dangerous|counterfeit|fake|laced)\b/.test(s)),
    },
    {
        id: "output.drug_test_evasion_tips", category: "drug_misuse",
        description: "The answer explains how to beat a drug test (substitute or dilute urine, masking products).",
        test: (t) => t.sentences.some((s) => /\b(?:synthetic urine|substitute (?:your|the) (?:urine|sample)|dilute your urine|detox (?:drink|kit)s?|someone else s urine|masking agents?)\b/.test(s)
            && /\b(?:you (?:can|could|should)|try|use|buy|drink|take)\b/.test(s) && !REFUSING.test(s) && !/\b(?:labs? (?:can|check|detect|test)|detected|adulteration)\b/.test(s)),
    },
];
