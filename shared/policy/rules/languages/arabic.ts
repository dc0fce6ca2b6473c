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
