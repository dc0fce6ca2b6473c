/** Urdu in its own script, read on the folded text (vowel marks removed). Urdu in Latin letters: hindi.ts. */
import {vocabularyRule} from "./vocabularyRule";

/** "اگر", "جب": what to do if it happened. */
const HYPOTHETICAL = /(?:^| )(?:اگر|جب)(?= )/;

export const URDU_RULES = [
    vocabularyRule({
        id: "self_harm.lang_ur_intent", category: "self_harm",
        description: "Urdu: the writer says they want to die or kill themselves (\"میں مرنا چاہتا ہوں\", \"میں خودکشی کرنا چاہتا ہوں\").",
        patterns: [
            /(?:^| )میں (?:مرنا|خودکشی کرنا|خود کو مارنا|اپنی جان لینا) (?:چاہتا|چاہتی)(?= |$)/,
            /(?:^| )مجھے (?:مرنا|خودکشی کرنی) ہے(?= |$)/,
            /(?:^| )(?:جینا نہیں چاہتا|جینا نہیں چاہتی)(?= |$)/,
        ],
    }),
    vocabularyRule({
        id: "emergency.lang_ur_critical_sign", category: "emergency",
        description: "Urdu: someone is not breathing or is unconscious now (\"میرے والد سانس نہیں لے رہے\").",
        patterns: [
            /(?:^| )سانس نہیں لے (?:رہے|رہا|رہی|پا)(?= |$)/,
            /(?:^| )(?:بے ہوش|بےہوش) (?:ہو گئے|ہو گیا|ہو گئی|ہیں|ہے)(?= |$)/,
            /(?:^| )ہوش میں نہیں(?= |$)/,
        ],
        unless: HYPOTHETICAL,
    }),
];
