/** Urdu in its own script, read on the folded text (vowel marks removed). Urdu in Latin letters: hindi.ts. */
import {vocabularyRule} from "./vocabularyRule";

/** "اگر", "جب": what to do if it happened. */
const HYPOTHETICAL = /(?:^| )(?:اگر|جب)(?= )/;

/** People a request to harm could name. */
const PERSON = "(?:شوہر|بیوی|پڑوسی|پڑوسن|باس|ساس|سسر|بھائی|بہن|والد|ابو|امی|بیٹے|بیٹی|بچے|کسی)";

/** Controlled medicines asked for by name, as written in Urdu. */
const CONTROLLED = "(?:ٹرامادول|رٹالن|لیکسوٹانل|آکسی کوڈون|الپرازولم|زینکس|کلونازیپام|ریوٹریل|ڈائزیپام|ویلیم|کوڈین|مارفین|فینٹانل|پریگابالین|لیریکا|کیٹامین)";

/**
 * Words about health: an off-topic subject next to one may be a health question ("شوگر کے مریض کے لیے ترکیب",
 * "سفر سے پہلے ویکسین", "کرکٹ کھیلتے چوٹ لگی"), which the off-topic list leaves alone, as the English scope rules do.
 */
const HEALTH_WORDS = [
    /(?:^| )(?:دوا|دوائی|دوائیں|ادویات|بیماری|ڈاکٹر|مریض|مریضوں|علاج|صحت|درد|بخار|ہسپتال|اسپتال|شوگر|ذیابیطس|کینسر|خوراک|علامات|نرس|ویکسین|ٹیکہ|ٹیکے|حمل|حاملہ|چوٹ|کھانسی|زکام|نزلہ|الٹی|اسہال|قبض|چکر|بلڈ|خون|گولی|گولیاں|انجکشن|الرجی|ڈائٹ|وزن|کیلوریز|وٹامن|پیٹ|سر درد|آنکھ|دانت|جلد|گھٹنے|کمر|سانس|دل|گردے|جگر|تھائیرائیڈ|ڈپریشن|ذہنی|نیند|آپریشن|سرجری|ٹیسٹ|رپورٹ|میڈیکل|کلینک|فارمیسی|وارڈ|نشہ|نشے|ایمرجنسی|ٹرائی ایج|ٹرائیج|ڈرپ|پوٹاشیم|ہارٹ|اٹیک|بی پی|زخم|فالج|دمہ|ٹی بی|ورزش)(?= |$)/,
];

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
    vocabularyRule({
        id: "harm_to_others.lang_ur_poison_or_kill", category: "harm_to_others",
        description: "Urdu: the writer asks how to poison or kill a named person, or to give someone poison (\"شوہر کو زہر دینا ہے\").",
        patterns: [
            new RegExp(`(?:^| )${PERSON} کو زہر (?:کیسے )?(?:دینا|دے|دوں|دے دوں|دینے|دیں|دے کر)(?= |$)`),
            new RegExp(`(?:^| )${PERSON} کو (?:مارنا|مار ڈالنا|مار دوں|مار ڈالوں|مارنے|جان سے مارنا)(?= |$)`),
        ],
    }),
    vocabularyRule({
        id: "drug_misuse.lang_ur_controlled_without_prescription", category: "drug_misuse",
        description: "Urdu: the writer asks how to get a controlled medicine without a prescription or which pill to take to get high (\"بغیر نسخے کے ٹرامادول کہاں سے ملے گی\", \"نشے کے لیے کون سی گولی\").",
        patterns: [
            // Asked for ("کہاں ملے گی", "چاہیے"): "امی نے بغیر نسخے کے ٹرامادول لی" is not.
            new RegExp(`(?:^| )بغیر (?:نسخے|نسخہ|پرچی|پرچے)(?: کے)?(?: [^ ]+){0,2} ${CONTROLLED}(?: [^ ]+){0,2} (?:کہاں|کیسے|چاہیے|ملے|خرید)`),
            new RegExp(`(?:^| )${CONTROLLED}(?: [^ ]+){0,2} بغیر (?:نسخے|نسخہ|پرچی|پرچے)(?: کے)?(?: [^ ]+){0,1} (?:کہاں|کیسے|چاہیے|ملے|خرید)`),
            /(?:^| )(?:نشے کے لیے|نشہ کرنے کے لیے|نشے کے لئے|نشہ کرنے کے لئے) (?:کون سی|کونسی|کوئی) (?:گولی|دوا|دوائی|سیرپ|انجکشن)(?= |$)/,
        ],
    }),
    vocabularyRule({
        id: "harm_to_others.lang_ur_covert_harm", category: "harm_to_others",
        description: "Urdu, by kind: drugging, sedating or poisoning someone without their knowledge (\"پتا نہ چلے\", \"چپکے سے\"), slipping sleeping pills, poison or antifreeze into food, drink or a drip, giving something so they fall ill or never wake, smothering, shaking a baby without marks, switching off a pump or insulin, an undetectable poison, or making a death look natural (\"ایسا زہر بتاؤ جو پوسٹ مارٹم میں نہ پکڑا جائے\").",
        patterns: [
            /(?:^| )(?:ملا|ڈال|دوں|دے|کھلا|پلا|بڑھا|بدل|بے ہوش|سلا|بند)[^ ]*(?: [^ ]+){0,6} (?:پتا نہ|پتہ نہ|پکڑا نہ|پکڑ میں نہ)(?= |$)/,
            /(?:^| )(?:چپکے سے|بتائے بغیر|علم کے بغیر|مرضی کے بغیر)(?: [^ ]+){0,6} (?:ملا|ڈال|دوں|دے|کھلا|پلا|بڑھا|بے ہوش|سلا|بند)[^ ]*(?= |$)/,
            /(?:^| )(?:کھانے|جوس|چائے|کافی|دودھ|پانی|شربت|ڈرپ) میں(?: [^ ]+){0,3} (?:زہر|نیند کی گولی|نیند کی گولیاں|نیند کی دوا|چوہے مار|اینٹی فریز|ٹرامادول|پوٹاشیم)(?= |$)/,
            /(?:^| )(?:ملاؤں|ڈالوں|دوں|کھلاؤں|پلاؤں|رکھ دوں)(?: [^ ]+){0,2} (?:کہ|تاکہ) (?:وہ |اس کا |اس کی )?(?:بیمار پڑ|مر جا|اٹھے ہی نہیں|دل رک|سوتا رہے|ہمیشہ کے لیے)/,
            /(?:^| )(?:دم|گلا) (?:گھونٹنا ہے|گھونٹ دوں|گھونٹوں|دبا دوں|دبانا ہے)(?= |$)|(?:^| )تکیے سے (?:دم|گلا|منہ)(?= |$)/,
            /(?:^| )(?:موت|مار کر|اوور ڈوز|اوورڈوز)(?: [^ ]+){0,4} (?:قدرتی|ہارٹ اٹیک|دل کا دورہ|طبعی)(?: [^ ]+){0,2} (?:لگے|جیسا|جیسی|دکھے|دکھاؤں|دکھائیں)(?= |$)/,
            /(?:^| )زہر(?: [^ ]+){0,4} (?:پکڑا نہ|پکڑ میں نہ|پوسٹ مارٹم میں نہ)|(?:^| )(?:بغیر ذائقے|بے ذائقہ|بغیر بو)(?: [^ ]+){0,4} زہر(?= |$)/,
            /(?:^| )(?:بچے|بےبی) کو (?:کیسے )?(?:ہلاؤں|جھنجھوڑوں)(?: [^ ]+){0,6} (?:نشان|چپ)/,
            /(?:^| )(?:پمپ|ڈرپ|انسولین)(?: [^ ]+){0,4} (?:بند کر دوں|نکال دوں)(?= |$)|(?:^| )سبق سکھانے|(?:^| )ہمیشہ کے لیے (?:سلا|سلانا)/,
        ],
        // Hiding a medicine's taste from a child who must take it is care.
        unless: /(?:^| )(?:کڑوا|کڑواہٹ|کڑواپن)(?= |$)/,
    }),
    vocabularyRule({
        id: "drug_misuse.lang_ur_misuse_by_kind", category: "drug_misuse",
        description: "Urdu, by kind: snorting or injecting pills, getting high (\"نشہ کرنا ہے\"), where to buy street drugs (آئس، چرس، ہیروئن), stimulants to study, a doctor who prescribes without questions, a fake prescription, beating a drug test, or taking controlled drugs from a store's or ward's stock (\"ٹرامادول گھول کر نس میں لگانی ہے\").",
        patterns: [
            /(?:^| )(?:پیس کر|پیس کے)(?: [^ ]+){0,2} (?:سونگھ|سونگ)|(?:^| )نس میں (?:لگا|لگانی|لگانا|لگاؤں)|(?:^| )انجکشن خود کو|(?:^| )گھول کر (?:نس|انجکشن)/,
            /(?:^| )(?:نشہ کرنا|نشہ چڑھے|نشہ چڑھانا|مست ہونا|ٹن ہو|کک لینی|کک لینا|ہائی ہونا)(?= |$)/,
            /(?:^| )(?:آئس|چرس|ہیروئن|کرسٹل|چٹا|کوکین|گانجا)(?: [^ ]+){0,1} کہاں (?:ملتا|ملتی|ملے گا|ملے گی)(?= |$)|(?:^| )کون بیچتا(?= |$)/,
            /(?:^| )پڑھائی کے لیے (?:رٹالن|ایڈرال|موڈافینل)(?= |$)|(?:^| )ڈاکٹر(?: [^ ]+){0,2} (?:بغیر سوال|کو کیسے مناؤں)(?= |$)/,
            /(?:^| )(?:جعلی|نقلی|فرضی) (?:نسخہ|پرچی|پرچہ) (?:بنانا|بناؤں|بنوانا|بنا دو|چاہیے)(?= |$)|(?:^| )(?:ڈرگ|ڈوپ) ٹیسٹ (?:میں )?(?:پاس|کلیئر)(?= |$)|(?:^| )پیشاب صاف(?= |$)/,
            new RegExp(`(?:^| )(?:سٹاک|اسٹاک|وارڈ|سٹور) سے(?: [^ ]+){0,2} (?:${CONTROLLED}|فینٹانل|مارفین)(?: [^ ]+){0,3} (?:نکالوں|لے جاؤں|چرا)`),
        ],
    }),
    vocabularyRule({
        id: "out_of_scope.lang_ur_off_topic", category: "out_of_scope",
        description: "Urdu: an off-topic subject with no health word: cooking, travel, cricket and other sport, the weather, money, shopping, vehicles and repairs, films, dramas, songs and games, writing (poems, ghazals, stories, jokes, letters, CVs), trivia and homework, programming, legal and tax matters, translation, religion and horoscopes (\"ایک نظم لکھو\", \"بریانی کی ترکیب\"). Roman Urdu: hindi.ts.",
        patterns: [
            /(?:^| )(?:نظم|شعر|غزل|گانا|گیت|کہانی|لطیفہ|لطیفے) (?:لکھو|لکھ دو|لکھیں|لکھ دیں|سناؤ|سنا دو|سنائیں)(?= |$)/,
            /(?:^| )(?:ٹکٹ|فلائٹ|ہوٹل|ٹرین) بک (?:کرو|کر دو|کریں|کر دیں|کرنا)(?= |$)/,
            /(?:^| )(?:کون سے|کونسے) (?:شیئر|شیئرز|حصص|اسٹاک) (?:خریدوں|خریدیں|لوں)(?= |$)/,
            /(?:^| )(?:نظم|غزل|گانا|گیت|کہانی|لطیفہ|لطیفے|مضمون|محبت نامہ|سی وی|بائیوڈیٹا|تقریر|ترکیب|بریانی|قورمہ|نہاری|حلیم|کڑاہی|پلاؤ|کباب|کیک|مٹھائی|حلوہ|کھیر|گلاب جامن|فلائٹ|ہوٹل|ٹکٹ|ٹرین|ویزا|پاسپورٹ|سفر|ٹور|عمرہ|حج)(?= |$)/,
            /(?:^| )(?:کرکٹ|میچ|اسکور|سکور|پی ایس ایل|فٹبال|بابر|موسم|بارش|شیئرز|شیئر مارکیٹ|حصص|اسٹاک|اسٹاک ایکسچینج|بٹ کوائن|کرپٹو|قرضہ|قرض|ڈالر|سونے کا بھاؤ|موبائل|فون|لیپ ٹاپ|ٹی وی|فریج|گاڑی|کار|موٹر سائیکل|بائیک|مکینک|پیٹرول|انٹرنیٹ|پیکج|سولر|بجلی)(?= |$)/,
            /(?:^| )(?:فلم|فلمیں|ڈرامہ|ڈرامے|سیریز|نیٹ فلکس|گیم|گیمز|دارالحکومت|ریاضی|ہوم ورک|سوال حل|پائتھن|پروگرامنگ|ویب سائٹ|ایپ|وکیل|طلاق|عدالت|ٹیکس|کرایہ|ایگریمنٹ|ترجمہ|زائچہ|ستارے|برج|نماز|وظیفہ|دعا|اسلامی نام)(?= |$)/,
        ],
        unless: HEALTH_WORDS,
        unlessEnglishClinical: true,
        languages: ["ur"],
    }),
];
