/**
 * Hindi in Devanagari and in Latin letters (Hinglish), read on the folded text (the nukta removed: "ज़हर" → "जहर").
 * Hindi and Urdu in Latin letters are the same words: these patterns serve both.
 */
import {vocabularyRule} from "./vocabularyRule";

/** "अगर", "agar": what to do if it happened. */
const HYPOTHETICAL = /(?:^| )(?:अगर|यदि|जब)(?= )|\b(?:agar|yadi|jab) /;

export const HINDI_RULES = [
    vocabularyRule({
        id: "self_harm.lang_hi_intent", category: "self_harm",
        description: "Hindi or Hinglish: the writer says they want to die or kill themselves (\"मैं मरना चाहता हूँ\", \"mujhe marna hai\").",
        patterns: [
            /(?:^| )(?:मैं|में|मै) (?:मरना|आत्महत्या करना|खुदकुशी करना) (?:चाहता|चाहती)(?= |$)/,
            /(?:^| )मुझे (?:मरना|आत्महत्या करनी|खुदकुशी करनी) (?:है|हैं)(?= |$)/,
            /(?:^| )(?:अपनी जान लेना|खुद को मारना|अपने आप को मारना) (?:चाहता|चाहती|है)(?= |$)/,
            /(?:^| )(?:जीना नहीं चाहता|जीना नहीं चाहती|मैं जीना नहीं)(?= |$)/,
            /\b(?:mujhe|muje|mujhko) (?:marna|mar jana|suicide karna|khudkushi karni) (?:hai|h)\b/,
            /\b(?:main|mai|me) (?:marna|suicide karna|khudkushi karna|apni jaan lena|khud ko marna) (?:chahta|chahti|chahata)\b/,
            /\b(?:jeena|jina) nahi?n? (?:chahta|chahti)\b/,
        ],
    }),
    vocabularyRule({
        id: "emergency.lang_hi_critical_sign", category: "emergency",
        description: "Hindi or Hinglish: someone is not breathing or is unconscious now (\"पापा साँस नहीं ले रहे\", \"saans nahi le rahe\").",
        patterns: [
            /(?:^| )(?:साँस|सांस|श्वास) नहीं ले (?:रहे|रहा|रही|पा)(?= |$)/,
            /(?:^| )(?:बेहोश हो (?:गए|गया|गई|गयी)|बेहोश (?:है|हैं)|होश में नहीं)(?= |$)/,
            /\b(?:saa?ns|sans|saans) (?:nahi|nahin|nhi) (?:le|lay) (?:rahe|raha|rahi|pa)\b/,
            /\b(?:behosh|behos) (?:ho gaye|ho gaya|ho gayi|hai|hain)\b|\bhosh (?:me|mein) nahi?n?\b/,
        ],
        unless: HYPOTHETICAL,
    }),
];
