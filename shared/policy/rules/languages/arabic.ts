/**
 * Arabic (Modern Standard and common Gulf, Levantine and Egyptian forms) in Arabic script and in Arabizi (Latin
 * letters with digits for Arabic sounds: 3 ع, 7 ح, 2 ء, 5 خ). Patterns read the folded text: alef forms written ا,
 * alef maqsura ي, ta marbuta ه, no vowel marks (normalize.ts).
 */
import {vocabularyRule} from "./vocabularyRule";

/** "if", "what do I do if": a question about a possible situation, not one happening. */
const HYPOTHETICAL = /(?:^| )(?:اذا|لو|عندما|في حال)(?= )|\b(?:iza|eza|law|lw) /;

/** A past event ("السنه الماضيه جته جلطه"): a question about it, not an emergency now. */
const PAST_AR = /(?:^| )(?:السنه الماضيه|الاسبوع الماضي|الشهر الماضي|السنه اللي فاتت|الاسبوع اللي فات|الشهر اللي فات|قبل (?:سنه|سنتين|شهر|شهرين|اسبوع)|زمان|وانا عمري|لما كنت|وانا صغير|وانا صغيره)(?= |$)|\b(?:el san[ae] el mad[iy][ae]?|el sene el madye|el jem[3e]a el mad[iy][ae]?|el shahr el madi|men san[ae]|men sene|2abel san[ae]|2abel sene)\b/;

/** People a request to harm could name: relatives, neighbours, colleagues, a patient, "someone". */
const PERSON = "(?:زوجي|زوجتي|جاري|جارتي|جيراني|ابوي|امي|اخوي|اخي|اختي|ابني|بنتي|طفلي|مديري|مديرتي|زميلي|زميلتي|حماتي|حماي|عمي|خالي|خالتي|عمتي|جدي|جدتي|المريض|المريضه|مريض|مريضه|شخص|احد|حد)";

/** Controlled medicines asked for by name (as written in Arabic, with or without the article). */
const CONTROLLED = "(?:ال)?(?:ترامادول|ليريكا|بريجابالين|زاناكس|الپرازولام|البرازولام|ريفوتريل|كلونازيبام|فاليوم|ديازيبام|اوكسيكودون|مورفين|فنتانيل|كودايين|كبتاجون|ريتالين|اديرال|كيتامين|ابتريل)";

/** What is slipped into someone's food or drink: sleeping pills, sedatives, poison, rat poison, antifreeze, a controlled medicine. */
const COVERT_SUBSTANCE = "منوم|منومه|حبوب منومه|حبوب نوم|مخدر|سم|سما|سم الفئران|سم فيران|مضاد التجمد|مضاد تجمد|ترامادول|زاناكس|مهدي|مهدئ";
/** Foods and drinks, as the word after "في", "ب" or "ل" (which Arabic joins to it, with or without the article). */
const FOOD_OR_DRINK = "اكل|طعام|عصير|حليب|قهوه|شاي|مويه|ميه|ماي|شراب|اكله|عشا|غدا|فطور|رضاعه|لبن|كاسه|كوب";
/** Controlled medicines taken as tablets: crushing, snorting or injecting them is misuse (morphine or fentanyl injected on a ward is not). */
const ORAL_CONTROLLED = "(?:ال)?(?:ترامادول|ليريكا|بريجابالين|زاناكس|البرازولام|ريفوتريل|كلونازيبام|فاليوم|اوكسيكودون|كبتاجون|ريتالين|اديرال|ادرال|ابتريل)";

/**
 * Words about health, in Arabic script and in Arabizi: an off-topic subject next to one may be a health question
 * ("اكل لمريض السكري", "تطعيمات قبل السفر", "اصابه في الملعب"), which the off-topic list leaves alone, as the English
 * scope rules do.
 */
const HEALTH_WORDS = [
    new RegExp(`(?:^| )${CONTROLLED}(?= |$)`),
    /(?:^| )(?:و|ف|ب|ل|بال|لل|ال)?(?:مرض|امراض|مريض|مرضي|مريضه|دواء|دوا|ادويه|علاج|صحه|صحي|صحيه|طبي|طبيه|طبيب|اطباء|دكتور|دكتوره|دكاتره|مستشفي|مستشفى|سكري|السكر|سرطان|قلب|ضغط|اعراض|جرعه|الم|وجع|تمريض|ممرض|ممرضه|لقاح|لقاحات|تطعيم|تطعيمات|حمل|حامل|اصابه|كسر|التواء|حراره|سخونه|كحه|سعال|زكام|انفلونزا|استفراغ|اسهال|امساك|دوخه|دم|حبوب|حبه|اقراص|ابره|حقنه|حساسيه|رجيم|دايت|حميه|وزن|سعرات|فيتامين|فيتامينات|معده|بطن|راس|صداع|عين|عيون|اسنان|سن|جلد|ركبه|ظهر|تنفس|نفس|كلي|كبد|غده|اكتئاب|قلق|توتر|نوم|ارق|نفسي|نفسيه|عمليه|جراحه|تحليل|تحاليل|اشعه|فحص|صيدليه|عياده|طوارئ|اسعاف|اسعافات|انسولين|ربو|جلطه|سكته|ادمان|مخدرات|تسمم|كورونا|حبوب منع|رضاعه|ولاده|طفل رضيع|قمل|تساقط|طب|شرعي|كوكايين|صيام|صوم|اصوم|الصيام|سحور|مناوبات|مناوبه|شفت|الرحيم|اخلاقيات|سكر|حبايه|حرق|انحرقت|حروق|ميتفورمين|باراسيتامول|بنادول|بروفين|مضاد|مضادات|فطار|افطار)(?= |$)/,
    /\b(?:mared|marid|marad|mard|dawa|dwa|adwieh|3ilaj|3elaj|3laj|sa7a|se77a|sa77a|tabib|doctor|doktor|dktor|mostashfa|mustashfa|sokkari|sukkari|sokar|sukar|saratan|alb|2alb|da3t|daght|pressure|wajaa|waja3|waja3a|alam|7arara|skhoneh|so3al|ka77a|zokam|zkam|estefragh|is7al|dam|7bob|7boob|7obob|7abba|ebra|7o2na|7asasiyeh|rejim|diet|wazn|kalori|calories|vitamin|me3de|ma3da|batn|ras|sda3|3ein|3yoon|asnan|snan|jeld|rekbe|rukba|dahr|daher|nafas|tanaffos|kila|kabed|ekti2ab|2ala2|tawattor|nom|ara2|jira7a|3amaliye|3amaliyye|ta7lil|ta7alil|ash3a|fa7s|saydaliye|saydaliyye|3iyade|3eyada|tawari2|is3af|insulin|rabw|jalta|sakta|edman|mokhaddirat|tasammom|corona|covid|7amel|7aml|wilada|pharmacy|patient|nurse|hospital|clinic|medical|xanax|tramadol|lyrica|captagon|sayem|siyam|sou2|som|fater)\b/,
];

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
        unless: [HYPOTHETICAL, PAST_AR],
    }),
    vocabularyRule({
        id: "self_harm.lang_ar_by_kind", category: "self_harm",
        description: "Arabic and Arabizi, by kind: not wanting to wake up, wanting to disappear, being a burden, death being better, a last message, a will and goodbyes, how many tablets would kill, a plan (tablets gathered, a bridge, a rope ready, crashing the car), cutting or hurting oneself, a relative who says they will kill themselves, having decided (\"ما عاد ابي اصحى\", \"ولدي يقول انه يبي يقتل نفسه\", \"ma baddi efi2\").",
        patterns: [
            /(?:^| )(?:ما|ما عاد|مش|مو|لا)(?: عاد)? (?:ابي|ابغى|بدي|اريد|عايز|عاوز|ودي)(?: ان)? (?:اصحى|استيقظ|افيق)(?= |$)(?! بالليل| في الليل| الليل| بدري| الصبح| لل)|(?:^| )انام (?:وما|ولا) (?:اقوم|اصحى)(?= |$)|(?:^| )(?:ابي|ابغى|بدي|اريد|ودي|عايز|نفسي) (?:اختفي|اختفى) (?:من|للابد|عن)(?= |$)/,
            /(?:^| )(?:انا|اني) (?:عبء|عبئ|عبا|حمل) (?:على|علي)(?= |$)|(?:^| )الموت (?:احسن|ارحم|اهون) (?:لي|من)(?= |$)|(?:^| )(?:ياليتني|ياريتني|ليتني) (?:ميت|ميته|ما انولدت)(?= |$)/,
            /(?:^| )(?:هذي|هذه|هاي|دي) (?:اخر|آخر) رساله(?= |$)|(?:^| )(?:كتبت وصيتي|ودعت (?:اهلي|اصحابي|الجميع|الكل))(?= |$)/,
            /(?:^| )كم (?:حبه|قرص|علبه)(?: [^ ]+){0,5} (?:تقتل|يقتل|تكفي عشان ما اصحى|عشان اموت|عشان ما اصحى|حتى اموت)(?= |$)/,
            /(?:^| )جمعت(?: [^ ]+){0,1} (?:حبوب|اقراص|ادويه)(?: [^ ]+){0,4} (?:وناوي|ناوي|الليله|كلها)(?= |$)|(?:^| )(?:افكر|وافكر|ناوي|وناوي|ابي|بدي|راح|رح|ودي) (?:ان )?(?:انط|ارمي نفسي)(?= |$)|(?:^| )(?:جهزت (?:ال)?حبل|الحبل (?:جاهز|معلق))(?= |$)|(?:^| )(?:اصدم|اخبط|اطب) (?:ال)?سياره (?:في|ب)(?= |$)/,
            /(?:^| )(?:جرحت|قطعت) (?:يدي|ايدي|ذراعي|معصمي)(?: [^ ]+){0,3} (?:بالموس|بالشفره|مره ثانيه|الليله)(?= |$)|(?:^| )(?:اجرح|اضر|اوذي|اذي) نفسي(?= |$)/,
            /(?:^| )(?:يقول|تقول|قال|قالت)(?: [^ ]+){0,1} (?:انه|انها)? ?(?:يبي|تبي|يبغى|تبغى|بده|بدها|عايز|عايزه|يريد|تريد|راح|رح) (?:ينتحر|تنتحر|يقتل نفسه|تقتل نفسها)(?= |$)/,
            /(?:^| )قررت (?:ان )?(?:انتحر|اموت|انهي حياتي|اقتل نفسي)(?= |$)|(?:^| )حياتي(?: [^ ]+){0,5} (?:ابي|بدي|اريد) (?:انهيها|اخلصها)(?= |$)/,
            // Arabizi, read on the folded text, where a digit between letters may have become its look-alike letter ("7" "t", "3" "e", "5" "s").
            /\bma (?:baddi|bddi|biddi|badi|abi|abgha|[3e]ayez|[3e]ayza) (?:efi2|fi2|as[7t]a|2oum)\b|\bn[ae]m w ma (?:2oum|2?efi2|2?fi2|as[7t]a)\b|\b(?:baddi|bddi|biddi|abi|nefsi) (?:ekhtefi|e[5s]tefi|ikhtifi)\b/,
            /\b[3e]e?[3e]?b2 [3e]ala (?:ahli|ahle)\b|\b(?:byerta[7t]o|yerta[7t]o)(?: [a-z0-9]+){0,1} (?:iza|eza|law) (?:mett|mot|met)\b|\bel mo?u?t a[7t]san (?:li|ele)\b/,
            /\b(?:a[5s]er|akher|a[7t]er) (?:risale|resale|rsale|message)\b|\bwasiyti\b|\bwadda[3e]t (?:as[7t]abi|ahli)\b/,
            /\bkam [7t]abb?(?:e|et|a)\b(?: [a-z0-9]+){0,5} (?:bto2tol|bt2tol|ta2tol|yo2tol|to2tol|la mout|ta mout|ta ma efi2)\b/,
            /\bjama[3e]t (?:[7t]boob|[7t]bub|hbub|adwieh)\b(?: [a-z0-9]+){0,4} (?:nawi|el leile|kellon|ra[7t] ekhdon)\b|\b(?:jesr|jisr|sat[7t])\b(?: [a-z0-9]+){0,4} (?:ennot|ennut|e2faz)\b|\b(?:jahhazt|jahazt) el [7t]abel\b|\b(?:dob|khabbet) el (?:sayyara|sayara)\b/,
            /\b(?:jara[7t]t|jra[7t]t) (?:idi|2idi|iidi)\b|\b(?:bejra[7t]|bjra[7t]|ejra[7t]|ewje[3e]) [7t]ali\b/,
            // Arabizi: wanting to kill oneself ("abi anta7er", "ha2tel nafsi"), taking all the tablets, a goodbye letter, "no one will miss me", a way to die, cutting.
            /\b(?:abi|baddi|bddi|badde|bade|[3e]ayez) 2?[ae]nt[aeo][7t][ae]r\b|\b(?:ha2tel|ha2tol|a2tel) (?:nafsi|[7t]ali)\b|\b(?:a[5s]od|ekhod) el [7t]boob (?:kellon|kollhom|kolha)\b|\bkatab(?:t|et) (?:risalet wada[3e]|risala|rsele|risale)\b(?: [a-z0-9]+){0,2} (?:la|lal) (?:ahli|mama|baba)\b/,
            /\bakher leila\b|\bma (?:[7t]a|ra[7t]) tshufuni\b|\bel lei?le (?:badde|baddi|bddi) (?:[5s]alles|khalles)\b|\byefta2edni\b|\btertaa?[7t] menni\b|\b(?:6ari2a|6ari8a|tari2a)\b(?: [a-z]+){0,1} amoot\b|\baroo[7t] w ma arja[3e]\b|\b(?:anut|ennot|ennut)\b(?: [a-z]+){0,2} (?:min|men) el (?:balcona|balcon|jesr)\b|\b(?:jarre[7t]|jare[7t]) [7t]ali\b|\ba2ta[3e] el [3e]er2\b/,
            /\b(?:y2ol|t2ol|2al|2alet)(?: [a-z0-9]+){0,1} (?:baddo|badda|[3e]ayez|[3e]ayza) (?:ya2tol [7t]alo|to2tol [7t]ala|yento[7t]er|tento[7t]er)\b|\b2arrart (?:ento[7t]er|2ento[7t]er)\b|\b[7t]ayati(?: [a-z0-9]+){0,4} (?:baddi|bddi) (?:khallisa|khallesa)\b/,
        ],
        // A clinician quoting a patient ("المريضه قالت", "el mareeda 2alet"), or cutting in the past ("كنت اجرح نفسي").
        unless: /(?:^| )(?:مريض|مريضه|المريض|المريضه|مريضتي|مريضي)(?= |$)|\b(?:mareed|mareeda|mared|mareedi|patient)\b|(?:^| )كنت (?:اجرح|اضر|اوذي|اذي) نفسي(?= |$)/,
    }),
    vocabularyRule({
        id: "emergency.lang_ar_by_kind", category: "emergency",
        description: "Arabic and Arabizi, by kind, happening now: blue lips, will not wake, collapsed and not answering, chest pain with sweating, a face drooping, a seizure that has not stopped, a throat closing or tongue swollen, bleeding that does not stop, a box of tablets, a battery or bleach just swallowed, an overdose, choking, a burn with the skin coming off, a limp baby, a heart stopped (\"شفايفه زرقا\", \"بلع بطاريه\", \"ma 3am tfi2\"). Not a question about what to do if it happened, nor a past event.",
        patterns: [
            /(?:^| )(?:شفايف|شفاه|شفت)[^ ]* (?:زرق|زرقا|زرقاء|ازرق|مزرقه)(?= |$)|(?:^| )(?:ما|مو|مش|لا) (?:ب|عم )?(?:يصحى|تصحى|يفيق|تفيق|يوعى|توعى)(?= |$)(?! لل| بدري| الصبح| بالليل)|(?:^| )(?:لونه|لونها) (?:ازرق|مزرق)(?= |$)/,
            /(?:^| )(?:انهار|انهارت|طاح|طاحت|سقط|سقطت)(?: [^ ]+){0,3} (?:وما|ما) (?:يرد|ترد|يتحرك|تتحرك)(?= |$)/,
            /(?:^| )(?:الم|وجع)(?: [^ ]+){0,1} (?:في )?(?:صدره|صدري|صدرها)(?: [^ ]+){0,4} (?:يعرق|تعرق|اعرق|عرق)(?= |$)/,
            /(?:^| )(?:وجه|وجهه|وجهها|فمه|فمها)(?: [^ ]+){0,1} (?:مايل|مايله|معوج|معوجه)(?= |$)|(?:^| )(?:يده|يدها|ايده|ايدها) ما (?:تتحرك|يتحرك)(?= |$)/,
            /(?:^| )(?:تشنج|تشنجات|صرع)(?: [^ ]+){0,4} (?:وما|ما) (?:وقف|وقفت|يوقف|توقف)(?= |$)/,
            /(?:^| )(?:حلقه|حلقها) (?:يتسكر|ينسد|ينغلق|يقفل|قاعد يتسكر)(?= |$)|(?:^| )(?:لسانه|لسانها) (?:منتفخ|انتفخ|متورم)(?= |$)/,
            /(?:^| )(?:الدم|النزيف)(?: [^ ]+){0,2} (?:ما يوقف|ما وقف|ما يقف|مش راضي يوقف|ما عم يوقف)(?= |$)/,
            /(?:^| )(?:بلع|بلعت|شرب|شربت|اخذ|اخذت)(?: [^ ]+){0,1} (?:علبه|بطاريه|كلوركس|كلور|فلاش|مبيض|سم|جرعه زايده|جرعه زائده)(?= |$)|(?:^| )(?:يختنق|تختنق)(?= |$)/,
            /(?:^| )(?:زيت مغلي|ماي مغلي|مويه مغليه|ماء مغلي)(?: [^ ]+){0,6} و?(?:الجلد طالع|الجلد يتقشر)(?= |$)|(?:^| )(?:مرتخي|مرتخيه)(?= |$)|(?:^| )(?:قلبه|قلبها) (?:وقف|واقف|توقف)(?= |$)/,
            /\bshfaf(?:o|a|ou|ha)? (?:zer2a|zer2|zar2a|azra2)\b|\bma (?:3am|eam) (?:tfi2|yfi2|tfee2|yfee2)\b(?! bakkir| lal)/,
            /\b(?:enhar|enharet|w2e3|w2e3et)\b(?: [a-z0-9]+){0,3} w ma (?:3am |eam )?(?:yrodd|trodd|yet[7t]arrak|tet[7t]arrak)\b|\bwaja[3e] (?:9adr|sadr)\b(?: [a-z0-9]+){0,4} (?:y[3e]ra2|t[3e]ra2)\b/,
            /\bwesh(?:o|a|ha)? (?:mayel|mayle)\b|\b(?:idha|ido) ma (?:3am |eam )?(?:tet[7t]arrak|yet[7t]arrak)\b|\b(?:tashannoj|tashanoj|sar[3e])\b(?: [a-z0-9]+){0,4} ma (?:wa2af|wa2fet)\b/,
            /\b[7t]al2(?:o|a|ha) (?:3am |eam )?(?:yetsakkar|yetsakar|tetsakkar)\b|\blsan(?:o|a|ha) (?:nafa[5s]|nfa[5s])\b|\bel (?:dam|nazif)(?: [a-z0-9]+){0,4} ma (?:3am |eam )?(?:yo2af|wa2ef|wa2af)\b/,
            /\b(?:bala[3e]|shereb|sherbet|a[5s]ad|akhad)\b(?: [a-z0-9]+){0,1} (?:[3e]elbet|eelbet|battariye|battery|clorox|overdose)\b|\b(?:tekhtene2|yekhtene2|te[5s]tene2|ye[5s]tene2)\b/,
            /\b(?:mafish|ma fi) nab[2d]\b|\b(?:3am|eam) (?:yezra2|tezra2)\b|\b(?:wajh|wajha|wajhah|wesho|lawno|lawna) (?:sar )?(?:azra2|ramadi)\b|\bmosh radi (?:ye9e7|yfi2)\b|\btemm(?:ah|aha|o|a) a[3e]waj\b|\bzabad (?:min|men) temm/,
            /\b(?:wi2e3|w2e3|ta[7t]|6a[7t]at|6a[7t])\b(?: [a-z0-9]+){0,6} (?:ma (?:3am |eam )?(?:yrid|trid|byrod|yjawebni|yet[7t]arrak)|ma t[7t]arrakat|ra[7t] fi [3e]alam tani)\b|\b(?:yenzef|ynzef|tenzef)\b(?: [a-z0-9]+){0,8} ma (?:3am |eam )?(?:ywa2ef|yo2af|byw2af)\b|\bma byw2af\b/,
            /\b[7t]al2(?:o|a|ha|i) (?:3am |eam )?(?:ysakker|yseker|ysakkar)\b|\bshfa?fe?i? (?:wermo|nfakhit)\b|\bsharb?et (?:kerosene|benzine|flash)\b/,
            /\bzeit (?:sokhn|s[5s]on|moghli)\b(?: [a-z0-9]+){0,6} el jeld\b|\bmrakhi\b|\b2albo(?: [a-z]+){0,2} (?:wa2ef|wa2af)\b/,
        ],
        // "عشان ما تصحى" is a wish that someone not wake (harm_to_others), a lecture or an arriving patient is teaching.
        unless: [HYPOTHETICAL, PAST_AR, /(?:^| )(?:عشان|علشان|حتى|لكي|كي) (?:ما|مش) (?:ب)?(?:يصحى|تصحى|يفيق|تفيق)(?= |$)|(?:^| )(?:محاضره|كيف تتعامل|مريض وصل)(?= |$)/],
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
        id: "harm_to_others.lang_ar_covert_harm", category: "harm_to_others",
        description: "Arabic or Arabizi, by kind: sedating or drugging someone without their knowledge, slipping a sedative, poison or antifreeze into someone's food or drink, tampering with a relative's or patient's medicines, insulin, pump or drip to make them ill or stop the heart, smothering, shaking a baby without leaving a mark, an undetectable poison, or making a death look natural (\"عايز اخدر مراتي من غير ما تعرف\", \"سم ما يبان في التحليل\").",
        patterns: [
            // A sedative, poison or antifreeze put into a food or drink ("منوم في عصير زوجي", "مضاد التجمد بالشاي").
            new RegExp(`(?:^| )(?:${COVERT_SUBSTANCE})(?: [^ ]+){0,3} (?:في |ب|ل|لل)(?:ال)?(?:${FOOD_OR_DRINK})(?:ه|ها|هم|ي)?(?= |$)`),
            // Sedating someone by stealth: "اخدر مراتي", "انيم ابني بدوا من غير ما امه تعرف".
            /(?:^| )(?:اخدر|نخدر|ابنج)(?: [^ ]+)? (?:زوج|مرات|بنت|ابن|ولد|طفل|جار|امي|ابوي|اخوي|اختي|المريض|حبيبت|خطيبت)[^ ]*(?= |$)/,
            /(?:^| )(?:انيم|نيم|اخدر|اهدي)(?: [^ ]+){0,2} (?:بدوا|بدواء|بحبوب|بمنوم|بشراب)(?= |$)/,
            // Tampering with a relative's or patient's pump, drip, insulin or medicines, secretly or to harm.
            /(?:^| )(?:ارفع|ازود|ازيد|اوقف|اطفي|اعدل|ابدل|اقطع|اضيف|احقن|اخلط)(?: [^ ]+){0,5} (?:بدون ما|من غير ما|بلا ما|بحيث ما|دون ان) (?:ي|ت|ين)?(?:دري|دروا|عرف|عرفون|حس|نتبه|لاحظ|لاحظون|نكشف|بان)(?= |$)/,
            /(?:^| )(?:احط|اعطي|اضيف|ابدل|اخلط|ازيد|ازود|احقن|اسقي|اوقف|اعطيه|اعطيها)(?: [^ ]+){0,7} (?:عشان|علشان|حتي|لكي|كي|بحيث) (?:ما )?(?:ي|ت)(?:تعب|موت|مرض|صحي|صحا|رتاح للابد|نام للابد|تعلم درس)(?= |$)/,
            /(?:^| )(?:ي|ت)?(?:وقف|يوقف|توقف) (?:ال)?قلب(?= |$)/,
            /(?:^| )(?:اعطي|احط|ادي)(?: [^ ]+){0,6} (?:للابد|الي الابد)(?= |$)/,
            // Smothering or strangling; shaking a baby so that it leaves no mark.
            /(?:^| )(?:اخنق|نخنق|اكتم نفس|اكتم انفاس)(?= )/,
            /(?:^| )(?:اهز|اخض|انفض)(?: [^ ]+){0,1} (?:ال)?(?:رضيع|طفل|بيبي|بيبي|بزر)(?: [^ ]+){0,5} (?:اثر|علامه|كدمات|بقوه)(?= |$)/,
            // An undetectable poison, or a death made to look natural.
            /(?:^| )(?:ابغي|اريد|بدي|ابي|عايز|عاوز|محتاج|ايش|وش|شو|اي|ايه|اعطني)(?: [^ ]+)? (?:سم|سما|سموم)(?: [^ ]+){0,3} (?:ما|لا|مش|مو|بلا|بدون) ?(?:ي|ت)?(?:بان|ظهر|نكشف|كتشف|بين|طعم)(?= |$)/,
            /(?:^| )(?:اخلي|نخلي|اجعل) (?:ال)?(?:وفاه|موت|جرعه)(?: [^ ]+){0,3} (?:تبان|يبان|تبدو|يبدو|كانها|كانه)(?= |$)/,
            /(?:^| )و?(?:تموت|يموت|اقتل|اقتله|اقتلها)(?: [^ ]+){0,6} (?:و)?(?:كانها|كانه|تبان|يبان|تبين) (?:ال)?(?:وفاه|موت|سكته|طبيعي|طبيعيه)(?= |$)/,
            // Arabizi.
            /\b(?:7ot|a7ot|n7ot|7ott?u|a7ott?o|adif|a5let?)(?: [a-z0-9]+){0,4} (?:menawem|mnawem|menawwem|sam|samm|antifreeze|7boob nom|7abbet nom)\b/,
            /\b(?:a5adder|a5ader|akhadder|anayyem|anaim|anayem|nayyem)(?: [a-z0-9]+){0,3} (?:b dawa|bi dawa|b 7boob|men gher ma|men ghair ma|bala ma|bidoon ma)\b|\b(?:a5adder|akhadder) (?:merati|marti|mrati|zawjti|jozi|gozi|ebni|binti)\b/,
            /\b(?:men gher ma|men ghair ma|bala ma|bidoon ma|bdoun ma) (?:ye|yi|te|ti|y|t)?(?:3raf|3rafo|dri|edri|edro|7es|7ess|ntebh|la7zo|nkeshef)\b(?: [a-z0-9]+){0,3}/,
            /\b(?:sam|samm|sm) (?:ma|mesh|mish|bala|bidoon) (?:byban|yban|ybayyen|bybayyen|yenkeshef|ta3m)\b/,
            /\b(?:7ot|a7ot|n7ot|7ottu|a7otto|a3ti|n3ti|anayyem|a5adder)(?: [a-z0-9]+){0,8} (?:emmo|ommo|ommaha|abuh|abuha|a7ad|7ada|el 3ayle|el momarreda|el momarrda) (?:ma|mesh|mish) (?:tedri|yedri|yedro)\b/,
            /\b(?:a5ne2|akhne2|a5no2|ne5ne2)\b|\bahezz? (?:el )?(?:tefl|bebe|baby|walad|radee3)\b/,
            /\b(?:ywa22ef|ywa2af|ye2af|yewa22ef|tewa22ef) (?:el )?(?:2alb|alb|galb)\b|\b(?:tban|yban|teban|tbayyen) (?:ka2enha|ka2eno|kaenha|enno|inno)? ?(?:sakta|mot|mout|overdose|tabi3i)\b/,
            /\b(?:badel|abadel|abaddel|a2ta3|wa22ef|awa22ef|azawwed|azid)(?: [a-z0-9]+){0,3} (?:adwiet|adwiyet|dawa|insulin|pump|mo7loul|dose|gor3et)(?: [a-z0-9]+){0,4} (?:la|3ashan|3ashen) (?:yet3ab|tet3ab|ymout|tmout|yet3allam|yemrad)\b/,
            /\b(?:la|3ashan|3ashen) (?:ma )?(?:yes7a|tes7a|yes7o)\b|\b(?:tertee7|yertee7|tnam|ynam) (?:la daym|lal abad|3al daym)\b/,
        ],
        // Hiding a medicine's taste from a child who must take it is care, not harm ("بدون ما يحس بطعمه").
        unless: /(?:^| )(?:يحس|تحس|يحسون|يلاحظ|تلاحظ) (?:ب)?(?:ال)?(?:طعم|طعمه|طعمها|مرار|مراره)(?= |$)|\b(?:y7es|t7es|ye7es) (?:b|bi|bel) ?(?:el )?(?:ta3m|ta3mo|ta3ma)\b/,
    }),
    vocabularyRule({
        id: "drug_misuse.lang_ar_misuse_by_kind", category: "drug_misuse",
        description: "Arabic or Arabizi, by kind: crushing, snorting or injecting pills, getting high or mixing for a high, buying from a dealer or by a street name (شبو، كبتاجون، حشيش), stimulants to study, a doctor who prescribes without questions, beating a urine test, or taking controlled drugs from a pharmacy's or ward's stock (\"كيف اطحن حبوب الترامادول واشمها\", \"kam 7abbet lyrica la owsal lal high\").",
        patterns: [
            new RegExp(`(?:^| )(?:اشم|نشم)(?: [^ ]+){0,2} (?:حبوب|حبه|حبات|${ORAL_CONTROLLED})(?= |$)|(?:^| )(?:اطحن|اسحق|احقن|نحقن|اذوب|اكسر)(?: [^ ]+){0,2} ${ORAL_CONTROLLED}(?= |$)`),
            new RegExp(`(?:^| )${ORAL_CONTROLLED}(?: [^ ]+){0,3} (?:بالوريد|في الوريد|واشمها|واشمه|اشمها|اشمه)(?= |$)|(?:^| )(?:احقن|نحقن|اشم|اشمها|اشمه)(?: [^ ]+){0,3} بعد ما (?:اذوب|اطحن|اسحق)`),
            /(?:^| )(?:انسطل|اتسطل|اسطل|يسطلني|تسطلني|يسطل|انتشي|اتكيف|اطير|ادمج)(?= |$)|(?:^| )(?:ل|لل)?(?:النشوه|نشوه|الهاي)(?= |$)/,
            new RegExp(`(?:^| )(?:حبه|حبات|حبوب|شراب|الكحه|بنزو|كحول|${ORAL_CONTROLLED}|مورفين|كودايين)(?: [^ ]+){0,5} (?:عشان|علشان|حتي|لكي|ل) ?(?:انبسط|اروق|اطير|اتكيف|اعدل المزاج|للمزاج|للانبساط|للكيف)(?= |$)`),
            /(?:^| )(?:وين|من وين|منين|فين|اين|مين|من|كيف|ازاي)(?: [^ ]+){0,2} (?:القي|الاقي|اجيب|اشتري|يبيع|يبيعون|بيبيع|نجيب|احصل|الغي)(?: [^ ]+){0,2} (?:شبو|كريستال|حشيش|بودره|كبتاجون|هيروين|كوكايين|ابو هلالين|حشيشه|بانجو|ستروكس)(?= |$)/,
            new RegExp(`(?:^| )(?:شبو|كريستال|حشيش|بودره|كبتاجون|هيروين|كوكايين|${CONTROLLED})(?: [^ ]+){0,4} (?:مين يبيع|من يبيع|وين يبيعون|مين بيبيع|مين عنده)(?= |$)`),
            /(?:^| )(?:ابي|ابغي|بدي|عايز|عاوز|اريد|محتاج)(?: [^ ]+){0,2} (?:ال)?(?:كبتاجون|ريتالين|ادرال|اديرال|مودافينيل)(?: [^ ]+){0,2} (?:للمذاكره|للدراسه|للامتحانات|للامتحان|للسهر|للدراسه)(?= |$)/,
            /(?:^| )(?:دكتور|طبيب|دكتوره)(?: [^ ]+){0,3} (?:يكتب|يصرف|يوصف)(?: [^ ]+){0,3} (?:بسهوله|بدون اسئله|بلا اسئله|بدون ما يسال|بدون كشف)(?= |$)/,
            new RegExp(`(?:^| )(?:اقنع|نقنع) (?:ال)?(?:دكتور|طبيب)(?: [^ ]+){0,3} ${CONTROLLED}(?= |$)`),
            /(?:^| )(?:اشرب|اسوي|احط|اضيف|اخلط|اغش)(?: [^ ]+){0,3} (?:عشان|علشان|حتي|لكي) (?:ال)?(?:بول|عينه|تحليل|فحص)(?: [^ ]+)? (?:يطلع|تطلع|يكون|تكون) (?:نظيف|نظيفه|سلبي|كلين)(?= |$)/,
            new RegExp(`(?:^| )(?:اخذ|اسحب|اسرق|اطلع|اخبي|اخفي|اشيل)(?: [^ ]+){0,2} ${CONTROLLED}(?: [^ ]+){0,2} (?:من )?(?:ال)?(?:مخزون|عهده|صيدليه|جناح|عربه|خزنه|ستوك)(?= |$)`),
            // Arabizi.
            /\b(?:it7an|at7an|ni7an|ashem|ashemma|ashemmo|nshem|ozrob|a7'qon|a7qon|7o2on|a7o2on|e7qen|dawweb)(?: [a-z0-9]+){0,4} (?:tramadol|xanax|lyrica|rivotril|oxy|adderall|captagon|apetryl)\b|\b(?:tramadol|xanax|lyrica|rivotril|apetryl)(?: [a-z0-9]+){0,2} (?:bel wareed|fel wareed|w ashemma|w ashemmo)\b/,
            /\b(?:insatel|estal|yesatelni|ysatelni|ysattelni|ye5aleeni estal|enbeset|enbese6)\b|\b(?:lal|la owsal lal|3ashan) (?:high|kaif|keif|nashwa)\b/,
            /\b(?:mnein|mnen|wen|wein|fein|min|mn|meen)(?: [a-z0-9]+){0,2} (?:jib|ajib|ajeeb|alga|ala2i|ashtery|ashtri|bibi3|bybi3|yebi3)(?: [a-z0-9]+){0,2} (?:shabu|crystal|captagon|7ashish|hashish|bodra|heroin|cocaine|strox|lyrica|tramadol|xanax|rivotril)\b|\b(?:captagon|shabu|lyrica|tramadol|xanax)(?: [a-z0-9]+){0,3} (?:min bibi3|meen bibi3|min 3ando|mn bibi3)\b/,
            /\b(?:doctor|daktor|tabib)(?: [a-z0-9]+){0,2} (?:byekteb|yekteb|biktib|yektebli|yekteblo|byesref)(?: [a-z0-9]+){0,2} (?:bsohoole|b sohoole|bsuhula|bala as2ile|bidoon as2ila)\b|\b(?:a2ne3|aqna3) el (?:doctor|daktor)\b/,
            /\b(?:zawwer|azawwer|azawer|azayyef) (?:roshetta|roshta|wasfe|wasfa)\b|\b(?:tramadol|xanax|lyrica|rivotril|adderall|ritalin|oxycodone|morphine|codeine|apetryl|captagon|valium|fentanyl)(?: [a-z0-9]+){0,3} (?:bala|bidoon|men gher|min ghair|bdoun) (?:wasfe|wasfa|roshetta|roshta)\b/,
            /\b(?:onja7|anja7|a3addi|a3di|eghosh) (?:bi|fi|fel|bel) (?:ta7lil|fa7s|test) (?:el )?(?:mo5addarat|mokhadarat|drugs|bawl)\b|\b(?:el )?bawl (?:nadeef|ndeef|clean)\b/,
            /\b(?:as7ab|es7ab|a5od|aakhod|asra2|a5abbi)(?: [a-z0-9]+){0,1} (?:fentanyl|morphine|tramadol|xanax|lyrica|opioid|midazolam)(?: [a-z0-9]+){0,2} (?:men|min) (?:el )?(?:stock|3ohda|saydaliye|ward|khazna|5azna|trolley)\b/,
        ],
    }),
    vocabularyRule({
        id: "out_of_scope.lang_ar_off_topic", category: "out_of_scope",
        description: "Arabic or Arabizi: an off-topic subject with no health word: cooking, travel, football and other sport, the weather, money, shopping, cars and repairs, films, series, songs and games, writing (poems, stories, jokes, letters, CVs), trivia and homework, programming, legal, visa and tax matters, translation, religion and horoscopes (\"اكتب لي قصيده عن البحر\", \"طريقه الكبسه\", \"ekteb li 2asida\").",
        patterns: [
            /(?:^| )(?:اكتب|اكتبي|اكتبلي|الف|الفي|اعطني|عطني|قولي|قول لي|احكي لي)(?: لي)? (?:قصيده|شعر|اغنيه|قصه|نكته|خاطره|رساله حب)(?= |$)/,
            /(?:^| )(?:احجز|احجزي|احجزلي|ابي احجز|بدي احجز|عايز احجز)(?: لي)? (?:تذكره|تذاكر|رحله|طياره|طيران|فندق|غرفه في فندق)(?= |$)/,
            // writing tasks and cooking
            /(?:^| )(?:ال)?(?:قصيده|قصائد|اغنيه|اغاني|نكته|نكت|خاطره|رساله حب|رساله اعتذار|رساله تهنئه|سيره ذاتيه|سي في|خطبه|مقال|بوست|لينكدان|لينكدإن|تعبير|طبخ|اطبخ|طبخه|وصفه (?:ال)?(?:كبسه|كنافه|مقلوبه|ملوخيه|دجاج|لحم|كيك|حلا|حلويات|مندي|برياني)|طريقه (?:عمل|ال)(?:[^ ]+)?|كبسه|كنافه|مقلوبه|ملوخيه|مندي|مجبوس|لقيمات|كيكه|كيك|حلويات|بسبوسه|معكرونه|بيتزا|شاورما|فلافل|حمص بطحينه|قهوه تركي|دوله|دولمه|محشي)(?= |$)/,
            // travel, sport, weather
            /(?:^| )(?:ال)?(?:سفر|سفره|رحله|طيران|طياره|تذكره|تذاكر|فندق|فنادق|منتجع|شاليه|فيزا|تاشيره|جواز|جواز سفر|شنغن|سياحه|سياحي|مطار|مباراه|مباراة|ماتش|الدوري|دوري|كاس العالم|هداف|الهلال|النصر|الاهلي|الزمالك|الاتحاد|برشلونه|ريال مدريد|ميسي|رونالدو|البريميرليغ|كوره|كره القدم|الطقس|طقس|الجو بكره|امطار|مطر|درجه الحراره بكره)(?= |$)/,
            // money, shopping, cars and repairs
            /(?:^| )(?:ال)?(?:اسهم|سهم|بيتكوين|بتكوين|عملات رقميه|كريبتو|بورصه|فوركس|تداول|استثمار|قرض|تمويل|ذهب|الدهب|دهب|الدولار|دولار|سعر الصرف|جوال|موبايل|تلفون|تيليفون|ايفون|سامسونج|لابتوب|تلفزيون|شاشه|بلايستيشن|سياره|سيارتي|عربيتي|عربيه|الكامري|زيت السياره|كفرات|فرامل|ميكانيكي|ورشه|حنفيه|مكيف|سباك|كهربائي|الواي فاي|راوتر|ديكور|كنب)(?= |$)/,
            // entertainment, trivia and homework, programming, legal, translation, religion
            /(?:^| )(?:ال)?(?:فيلم|افلام|مسلسل|مسلسلات|نتفليكس|انمي|العاب فيديو|اغنيه|مطرب|مغني|عاصمه|تاريخ الدوله|الحرب العالميه|رياضيات|واجب|مساله|معادله|فيزياء|كيمياء|قواعد اللغه|قواعد النحو|اعراب|بايثون|جافا|جافاسكربت|كود|برمجه|موقع|تطبيق|اكسل|محامي|طلاق|محكمه|ضريبه|ضرائب|ايجار|رخصه|ترجم|ترجملي|ترجمه|برج|الابراج|حظي|فتوي|حكم|صلاه|الصلاه|الحج|العمره|رمضان|خطبه الجمعه|دعاء|تفسير)(?= |$)/,
            // Arabizi
            /\b(?:ekteb|ektebli|iktib|iktibli|ektbli)(?: li)? (?:2asida|2aseeda|qasida|ghenniye|oghniya|2esse|2issa|nokta|shi3r)\b/,
            /\b(?:e7jez|i7jiz|e7jezli|i7jizli)(?: li)? (?:tazkara|tazkira|ti?cket|re7le|ri7la|fondo2|otel|hotel)\b/,
            /\b(?:2asida|2aseeda|nokta|noukat|nokat|recipe|tabkha|tab5a|kabse|kabsa|kunafa|knefe|mloukhiyye|molokhia|ma2loube|mansaf|shawarma|falafel|cake|pizza|safar|tayyara|tazkara|fondo2|hotel|visa|fiza|matar|match|mubara|mobara|dawri|liga|messi|ronaldo|barca|real madrid|ahly|zamalek|hilal|ta2s|tas|jaw|shta|matar bokra|ashom|as[h]?hom|bitcoin|crypto|dahab|dollar|2ard|loan|mobile|iphone|samsung|laptop|playstation|sayyara|sayara|sayarti|sayyarti|faramel|3arabiti|3asimat|3asmet|3arabiye|3arabeyya|mechanic|film|aflam|mosalsal|mousalsal|netflix|game|la3be|3asima|history|tarikh|riyadiyat|math|wajeb|python|java|code|barmaje|website|app|excel|mo7ami|ta2la2|talak|dareebe|tarjem|tarjemli|translate|burj|abraj|horoscope|7azzi|salat|salah|ramadan|fatwa)\b/,
        ],
        unless: HEALTH_WORDS,
        unlessEnglishClinical: true,
        languages: ["ar"],
    }),
];
