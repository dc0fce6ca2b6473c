/**
 * Arabic (Modern Standard and common Gulf, Levantine and Egyptian forms) in Arabic script and in Arabizi (Latin
 * letters with digits for Arabic sounds: 3 ع, 7 ح, 2 ء, 5 خ). Patterns read the folded text: alef forms written ا,
 * alef maqsura ي, ta marbuta ه, no vowel marks (normalize.ts).
 */
import {vocabularyRule} from "./vocabularyRule";

/** "if", "what do I do if": a question about a possible situation, not one happening. */
const HYPOTHETICAL = /(?:^| )(?:اذا|لو|عندما|في حال)(?= )|\b(?:iza|eza|law|lw) /;

/** People a request to harm could name: relatives, neighbours, colleagues, a patient, "someone". */
const PERSON = "(?:زوجي|زوجتي|جاري|جارتي|جيراني|ابوي|امي|اخوي|اخي|اختي|ابني|بنتي|طفلي|مديري|مديرتي|زميلي|زميلتي|حماتي|حماي|عمي|خالي|خالتي|عمتي|جدي|جدتي|المريض|المريضه|مريض|مريضه|شخص|احد|حد)";

/** Controlled medicines asked for by name (as written in Arabic, with or without the article). */
const CONTROLLED = "(?:ال)?(?:ترامادول|ليريكا|بريجابالين|زاناكس|الپرازولام|البرازولام|ريفوتريل|كلونازيبام|فاليوم|ديازيبام|اوكسيكودون|مورفين|فنتانيل|كودايين|كبتاجون|ريتالين|اديرال|كيتامين|ابتريل)";

/** A word about health: a creative or practical request that carries one may be patient education, not off topic. */
const HEALTH_WORD = /(?:^| )(?:ال)?(?:مرض|امراض|مريض|مرضي|دواء|ادويه|علاج|صحه|طبي|طبيه|طبيب|اطباء|دكتور|دكاتره|مستشفي|مستشفى|سكري|سرطان|قلب|ضغط|اعراض|جرعه|الم|تمريض|ممرض|ممرضه|لقاح|حمل)(?= |$)|\b(?:mared|marad|dawa|3ilaj|3elaj|sa7a|tabib|doctor|mostashfa|sokkari|saratan)\b/;

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
    vocabularyRule({
        id: "harm_to_others.lang_ar_poison_or_kill", category: "harm_to_others",
        description: "Arabic or Arabizi: the writer asks how to poison, kill or choke a named person, or to put poison or sleeping pills in someone's food or drink (\"كيف اسمم زوجي\", \"احط حبوب منومه في اكله\").",
        patterns: [
            new RegExp(`(?:^| )(?:اسمم|نسمم|اقتل|اخنق|اذبح) ${PERSON}(?= |$)`),
            /(?:^| )(?:سم|سما|حبوب منومه|منوم|مخدر|سم الفئران)(?: [^ ]+){0,2} (?:في|ب) (?:اكل|اكله|اكلها|طعام|طعامه|طعامها|اكلهم|شراب|شرابه|شرابها|قهوه|قهوته|قهوتها|شاي|شايه|شايها|عصير|عصيره|عصيرها|مويه|ميه|ماي)(?= |$)/,
            /\b(?:asammem|asamem|a2tol|aktol|a5no2) (?:zawji|zawjti|jari|jarti|mudiri|modiri|7amati|7amti|7ada|a7ad)\b/,
        ],
    }),
    vocabularyRule({
        id: "drug_misuse.lang_ar_controlled_without_prescription", category: "drug_misuse",
        description: "Arabic: the writer asks where or how to get a controlled medicine without a prescription, to forge a prescription, to get high, or to beat a drug test (\"وين القى ترامادول بدون وصفه\").",
        patterns: [
            new RegExp(`(?:^| )(?:احصل|اشتري|اجيب|القي|الاقي|اطلب|اخذ|نجيب|نشتري)(?: علي)?(?: [^ ]+){0,2} ${CONTROLLED}(?: [^ ]+){0,2} (?:بدون|بلا|من غير|دون|من دون) (?:وصفه|روشته)(?= |$)`),
            new RegExp(`(?:^| )(?:بدون|بلا|من غير|دون|من دون) (?:وصفه|روشته)(?: [^ ]+){0,2} (?:احصل|اشتري|اجيب|القي|الاقي|اطلب)(?: علي)? ${CONTROLLED}(?= |$)`),
            /(?:^| )(?:ازور|ازيف|اعدل|اغير) (?:ال)?(?:وصفه|روشته)(?= |$)/,
            /(?:^| )(?:انسطل|اتسطل|اسطل|انتشي|اتكيف)(?= |$)/,
            /(?:^| )(?:اعدي|اغش|اخدع|اتهرب من|انجح في|اطلع نظيف في) (?:ال)?(?:تحليل|فحص|اختبار) (?:ال)?(?:مخدرات|تعاطي|بول|دم)(?= |$)/,
        ],
    }),
    vocabularyRule({
        id: "out_of_scope.lang_ar_off_topic", category: "out_of_scope",
        description: "Arabic or Arabizi: a plainly off-topic request with no health word: write a poem, song, story or joke; book a flight, ticket or hotel; which shares or coins to buy; a football score (\"اكتب لي قصيده عن البحر\").",
        patterns: [
            /(?:^| )(?:اكتب|اكتبي|اكتبلي|الف|الفي|اعطني|عطني|قولي|قول لي|احكي لي)(?: لي)? (?:قصيده|شعر|اغنيه|قصه|نكته|خاطره|رساله حب)(?= |$)/,
            /(?:^| )(?:احجز|احجزي|احجزلي|ابي احجز|بدي احجز|عايز احجز)(?: لي)? (?:تذكره|تذاكر|رحله|طياره|طيران|فندق|غرفه في فندق)(?= |$)/,
            /(?:^| )(?:اشتري|ابيع|استثمر|اتداول)(?: [^ ]+){0,2} (?:في )?(?:ال)?(?:اسهم|سهم|بيتكوين|عملات رقميه|كريبتو|بورصه|فوركس)(?= |$)/,
            /(?:^| )(?:مين|من) (?:فاز|ربح|كسب)(?: [^ ]+){0,2} (?:ال)?(?:مباراه|ماتش|دوري|كاس)(?= |$)/,
            /\b(?:ekteb|ektebli|iktib|iktibli|ektbli)(?: li)? (?:2asida|2aseeda|qasida|ghenniye|oghniya|2esse|2issa|nokta|shi3r)\b/,
            /\b(?:e7jez|i7jiz|e7jezli|i7jizli)(?: li)? (?:tazkara|tazkira|ti?cket|re7le|ri7la|fondo2|otel|hotel)\b/,
        ],
        unless: HEALTH_WORD,
    }),
];
