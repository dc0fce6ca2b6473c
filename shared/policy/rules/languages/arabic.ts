/**
 * Arabic (Modern Standard and common Gulf, Levantine and Egyptian forms) in Arabic script and in Arabizi (Latin
 * letters with digits for Arabic sounds: 3 ع, 7 ح, 2 ء, 5 خ). Patterns read the folded text: alef forms written ا,
 * alef maqsura ي, ta marbuta ه, no vowel marks (normalize.ts).
 */
import {vocabularyRule} from "./vocabularyRule";

/** "if", "what do I do if": a question about a possible situation, not one happening. */
const HYPOTHETICAL = /(?:^| )(?:اذا|لو|عندما|في حال)(?= )|\b(?:iza|eza|law|lw) /;

export const ARABIC_RULES = [
    vocabularyRule({
        id: "self_harm.lang_ar_intent", category: "self_harm",
        description: "Arabic or Arabizi: the writer says they want to die, kill themselves or end their life (\"اريد ان اموت\", \"بدي انتحر\", \"bddi mout\").",
        patterns: [
            /(?:^| )(?:اريد|ابي|ابغي|بدي|ودي|عايز|عايزه|عاوز|عاوزه|نفسي|اود)(?: ان)? (?:اموت|انتحر|اقتل نفسي|انهي حياتي)(?= |$)/,
            /(?:^| )(?:سانتحر|راح انتحر|رح انتحر|ح انتحر|هنتحر|بنتحر|اقتل نفسي|انهي حياتي|انهاء حياتي)(?= |$)/,
            /(?:^| )(?:ما ابي|مابي|ما بدي|مش عايز|مش عاوز|لا اريد ان|ما اريد)(?: ان)? (?:اعيش|عيش)(?= |$)/,
            /(?:^| )افكر (?:في|ب) ?(?:الانتحار|انتحر)(?= |$)/,
            /\b(?:bddi|baddi|biddi|badi|abi|abgha|3ayez|3ayza|3awez|ayez|a7eb) (?:mout|moot|amoot|amout|ento7er|anta7er|ante7er|2ente7er|2anta7er)\b/,
            /\b(?:a2tol|aktol|2o2tol|2e2tol) (?:nafsi|7ali)\b/,
        ],
    }),
    vocabularyRule({
        id: "self_harm.lang_ar_overdose_plan", category: "self_harm",
        description: "Arabic or Arabizi: the writer plans to take all of a supply of pills (\"راح اخذ كل حبوب النوم\").",
        patterns: [
            /(?:^| )(?:ساخذ|راح اخذ|رح اخذ|باخذ|هاخد|ح اخد|سابلع|راح ابلع|رح ابلع|ببلع|هبلع|ابي اخذ|بدي اخد|بدي اخذ)(?: [^ ]+){0,3} (?:كل|جميع) (?:ال)?(?:حبوب|اقراص|ادويه|دوا|علب)(?= |$)/,
            /\b(?:ba5od|hakhod|ha5od|ra7 ekhod|ra7 e5od|bade 5od|bddi 5od) (?:kel|kol|kil) (?:el )?(?:7boob|7bub|hobob|7oboob|adwieh|dawa)\b/,
        ],
    }),
    vocabularyRule({
        id: "emergency.lang_ar_critical_sign", category: "emergency",
        description: "Arabic or Arabizi: someone is not breathing, unconscious or unresponsive now (\"لا يتنفس\", \"فاقد الوعي\", \"ma 3am yetnaffas\").",
        patterns: [
            /(?:^| )و?(?:لا|ما|مش|مو|ما عم|مش عم|ما قاعد) (?:ي|ب|بي)?تنفس(?= |$)/,
            /(?:^| )(?:توقف|وقف) (?:عن )?(?:التنفس|تنفسه|تنفسها|نفسه)(?= |$)/,
            /(?:^| )(?:لا يستطيع|ما يقدر|مش قادر|مو قادر) (?:ي)?تنفس(?= |$)/,
            /(?:^| )(?:فاقد|فاقده|فقد|فقدت) (?:ال)?وعي(?= |$)/,
            /(?:^| )(?:اغمي|مغمي) (?:عليه|عليها)(?= |$)/,
            /(?:^| )و?(?:لا يستجيب|لا تستجيب|ما يستجيب|ما تستجيب)(?= |$)/,
            /\b(?:ma|mish|mesh|mush|mo) (?:3am |3m )?(?:ye|yi|bye|bi|be)?t?naff?as\b/,
            /\b(?:o8mi|oghmi|ughmi|oghma|ogma) (?:3alei|3aleih|3aleiha|3aleeh|3lei)\b|\bfa2ed (?:el )?wa3i\b/,
        ],
        unless: HYPOTHETICAL,
    }),
];
