/**
 * Identifiers as they are written in the languages the policy serves besides English (Arabic in its script and in
 * Latin letters, Spanish, French, Hindi and Urdu): the labels of record numbers, phones and birth dates in those
 * languages, the local shapes of mobile numbers, ID numbers without a usable check digit (Pakistan's CNIC, Egypt's
 * national number, Mexico's CURP), dates with local month names, ages over 89 with local units, and people's names
 * after a local label or as a run of common given names in Arabic, Urdu or Devanagari script. phi.ts calls this on the
 * text with native digits already written as ASCII (asciiDigits), so every pattern here reads ASCII digits.
 *
 * As in English, a number is an identifier next to its label or in a shape nothing clinical takes (a dose, a lab value,
 * a year or a count stays what it is), and a name is one in the context that makes it a person.
 */
import {foldArabic} from "./deobfuscate";
import {eachMatch as each} from "./eachMatch";
import {prefiltered} from "./prefilter/prefilteredRegExp";

/** A kind of identifier this module finds (a subset of PhiType). */
export type LocalPhiType = "mrn" | "phone" | "national_id" | "date" | "age" | "name" | "address";

export interface LocalPhiSpan { type: LocalPhiType; start: number; end: number }

// ---- Record numbers -------------------------------------------------------------------------------------------------

/**
 * Medical record / file / registration numbers by their local labels: Spanish (historia clínica, NHC, expediente),
 * French (dossier, IPP, NIP), Arabic (رقم الملف, الرقم الطبي), Arabizi (raqam el malaf), Indian hospitals' UHID, CR,
 * IPD and OPD numbers, Hindi (पंजीकरण संख्या), Urdu (فائل نمبر, ایم آر نمبر), and the English "file number" or
 * "MR number" people mix in. The value is the English MRN pattern's: an optional short prefix and at least 4 digits.
 */
const MRN_LOCAL = prefiltered(new RegExp(
    "(?:(?<![\\p{L}\\d])(?:historia(?: cl[ií]nica)?|n[º°o]?\\.? ?de historia|NHC|expediente|n[º°o]\\.? de expediente|n[uú]mero de (?:historia|expediente|paciente|afiliaci[oó]n)|" +
    "dossier(?: m[ée]dical)?|n[°o]\\.? ?(?:de )?dossier|num[ée]ro (?:de )?(?:dossier|patient)|IPP|NIP|NDA|" +
    "(?:file|MR|registration|reg|UHID|CR|IPD|OPD|case|admission) ?(?:number|num|no\\.?|nmbr|#)|UHID|" +
    "(?:raqa?m|rakam|ra2a?m|rqm|nomra|nimra)(?: el| al| l)? ?(?:malaf|malaff|milaf|mlf|molaf|file)|(?:malaf|milaf) (?:raqam|rakam|ra2am|no|number)|" +
    "malaf(?:o|ha|uh)|HC|H\\.C\\.|medical record(?: number| no\\.?)?)|" +
    "رقم (?:الملف|ملف|المريض|السجل|الدخول)(?: الطبي)?|(?:الملف|ملف|السجل)(?: الطبي)? رقم|الرقم الطبي|" +
    "पंजीकरण (?:संख्या|नंबर|नं\\.?)|(?:मरीज़?|रोगी) (?:संख्या|नंबर|आईडी)|(?:फ़ाइल|फाइल|एमआर|यूएचआईडी) (?:नंबर|संख्या)|" +
    "(?:IPD|OPD|UHID|CR|MR|MRN) (?:नंबर|नं\\.?|संख्या)|मेडिकल रिकॉर्ड (?:नंबर|संख्या|नं\\.?)|" +
    "(?:فائل|ایم آر|مریض|رجسٹریشن) نمبر)" +
    "(?:\\s*(?:n[º°o]\\.?|num[ée]ro|n[uú]mero|number|no\\.?|رقم|नंबर|نمبر))?\\s*(?:(?:is|es|est|hai|:|#|=|-)\\s*)?(?:#\\s*)?([A-Z]{0,3}-?\\d[\\d/-]{3,}[A-Z]?)(?![\\d])", "giu"));

// ---- Phones -----------------------------------------------------------------------------------------------------------

/**
 * A phone number next to a phone word in one of the languages. The number: an optional "+", then 8 to 13 digits in
 * groups separated by single spaces, dots or dashes (a dose or a lab value is never written so).
 */
const PHONE_WORDS =
    "(?:(?<![\\p{L}\\d])(?:tel[eé]fono|tel[ée]phone|t[ée]l\\.?|tlf|m[oó]vil|celular|cel|portable|whats ?app|mobile|mob\\.?|phone|fone|" +
    "nomra|nimra|numra|numbr|nmbr|ra2mo|ra2ma|ra2mha|raqmo|raqmaha|rakamo|rakmo)|رقمو|رقمه|رقمها|هاتف(?:ه|ها)?|الهاتف|جوال(?:ه|ها)?|الجوال|موبايل(?:ه|ها)?|تلفون(?:ه|ها)?|تليفون(?:ه|ها)?|واتساب|" +
    "फ़ोन|फोन|मोबाइल|فون|موبائل|واٹس ایپ)(?![\\p{L}])";
const PHONE_LABELED = prefiltered(new RegExp(`${PHONE_WORDS}[^\\d\\n+]{0,14}(\\+?\\d(?:[\\s.-]?\\d){7,12})(?![\\d])`, "giu"));
/** International numbers the English pattern misses ("+91 98765 43210", "+33 6 12 34 56 78"). */
const PHONE_INTL_GROUPED = prefiltered(/(?<![\d+])\+\d{1,3}[\s.-]?\d(?:[\s.-]?\d){7,11}(?![\d])/g);
/**
 * National mobile shapes, unlabelled: UAE and Saudi 05x, Egypt 010/011/012/015, Pakistan 03xx, India's 5+5 grouping,
 * France's 0x xx xx xx xx, Spain's 6xx/7xx in three groups.
 */
const PHONE_NATIONAL = prefiltered(new RegExp(
    "(?<![\\d+.,/-])(?:05\\d[\\s-]?\\d{3}[\\s-]?\\d{4}|01[0125][\\s-]?\\d{4}[\\s-]?\\d{4}|03\\d{2}[\\s-]?\\d{7}|[6-9]\\d{4} \\d{5}|" +
    "0[1-9](?:[\\s.]\\d{2}){4}|[67]\\d{2} \\d{3} \\d{3})(?![\\d.,/-])", "g"));

// ---- ID numbers without a usable check digit -----------------------------------------------------------------------

/** Pakistan's CNIC in its printed shape (5-7-1 digits), or its 13 digits next to a label. */
const CNIC_GROUPED = prefiltered(/(?<![\d-])\d{5}-\d{7}-\d(?![\d-])/g);
const CNIC_LABELED = prefiltered(/(?:\b(?:CNIC|NIC|NICOP|shanakhti card|shanakhti|id card)(?: (?:number|no\.?|#))?|شناختی کارڈ(?: نمبر)?)\s*(?:(?:is|hai|:|#|=|-)\s*)?(\d{13})(?!\d)/giu);
/**
 * Egypt's national number: 14 digits, the century (2 or 3), a birth date and a governorate code; counted where the
 * date and code are real, labelled or not (no clinical value has that shape).
 */
const EGYPT_NATIONAL = prefiltered(/(?<![\d-])[23]\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:0[1-4]|1[1-9]|2[1-9]|3[1-5]|88)\d{5}(?![\d-])/g);
/** Mexico's CURP: four letters, the birth date, sex, state and consonants, and two more characters. */
const CURP = prefiltered(/\b[A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d\b/g);
/** An Emirates ID written in its printed groups (784-YYYY-NNNNNNN-N) is one even with a wrong last digit (a typo). */
const EMIRATES_ID_GROUPED = prefiltered(/(?<![\d-])784-(?:19|20)\d{2}-\d{7}-\d(?![\d-])/g);
/** The Saudi, Emirati and Aadhaar labels as typed in Latin letters ("hawiya", "adhar card"). */
/**
 * National and social-security numbers after their label, in the formats of the countries whose staff write these
 * languages (issue 15): Colombian cédula and Chilean RUT/RUN ("1.020.456.789", "15.482.937-7"), Argentine DNI without
 * a letter ("28.456.913"), Mexican NSS, Spanish NUSS ("28 14738291 06"), Belgian national register ("58.03.15-123.84"),
 * Kuwaiti civil ID, India's ABHA ("91-4827-3916-0054") and Aadhaar after "आधार नंबर", an ID number after a Hindi or
 * Arabic label. The value: 7 to 16 digits in groups separated by single dots, spaces, dashes or slashes.
 */
const ID_LABELED_MORE = prefiltered(new RegExp(
    "(?:(?<![\\p{L}])(?:c[ée]dula(?: de ciudadan[ií]a| de identidad)?|C\\.?C\\.?|RUT|RUN|DNI|NSS|NUSS|NASS|CUIL|CUIT|" +
    "(?:num[ée]ro (?:de |du )?)?registre national|NISS|civil ID|national ID|ID (?:no\\.?|number)|ABHA(?: (?:no\\.?|number|ID))?|" +
    "aadhaa?r(?: card)?(?: (?:no\\.?|number))?)|आधार(?: कार्ड)?(?: नंबर| संख्या| नं\\.?)?|आभा(?: नंबर)?|(?:الرقم المدني|البطاقة المدنية|رقم الهوية|الهوية))" +
    "(?: (?:n[º°o]\\.?|number|no\\.?|नंबर))?\\s*(?:(?:is|es|est|hai|:|#|=|-)\\s*)?(\\d{1,3}(?:[. /-]?\\d{2,4}){2,5}(?:-[\\dkK])?)(?![\\d\\p{L}])", "giu"));

/** A Pakistani CNIC's 13 digits where the message calls something a CNIC, before or after the number. */
const CNIC_MENTIONED = prefiltered(/(?:\bCNIC\b|شناختی)/iu);
const THIRTEEN_DIGITS = prefiltered(/(?<![\d-])[1-7]\d{12}(?![\d-])/g);

const ID_LABELED_LATIN = prefiltered(/\b(?:hawiya|hawiyya|hawia|haweya|bitaqa|iqama|adhaar|adhar|aadhar card|emirates id|EID)(?: (?:number|no\.?|card|raqam|rakam|#))?\s*(?:(?:is|hai|:|#|=|-)\s*)?(\d[\d -]{8,16}\d)(?!\d)/gi);

// ---- Dates and ages ------------------------------------------------------------------------------------------------

const MONTHS_LATIN = "(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sept?iembre|octubre|noviembre|diciembre|" +
    "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)";
const MONTHS_SCRIPT = "(?:يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|" +
    "شباط|آذار|نيسان|أيار|حزيران|تموز|أيلول|تشرين (?:الأول|الثاني)|كانون (?:الأول|الثاني)|" +
    "जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्टूबर|नवंबर|दिसंबर|" +
    "جنوری|فروری|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر)";
/** A date in digits, or a day, a local month name and perhaps a year ("3 de marzo de 1948", "3 mars 1948", "3 مارس 1948"). */
const localDate = (months: string) =>
    `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}(?:er)? (?:de )?${months}(?:,? (?:de )?\\d{4})?)`;
/**
 * A person's birth, admission or death date, by the local words for them: in Latin letters (Spanish, French, Hinglish,
 * Arabizi), then in Arabic, Urdu and Devanagari script (two patterns, each small enough to be checked for backtracking).
 */
const PERSON_DATE_LATIN = prefiltered(new RegExp(
    "(?<![\\p{L}\\d])(?:nacid[oa](?: el)?|fecha de nacimiento|f\\. ?nac\\.?|FN|naci[oó](?: el)?|ingres[oó](?: el)?|fecha de ingreso|falleci[oó](?: el)?|" +
    "n[ée]e?(?: le)?|date de naissance|DDN|admise?(?: le)?|hospitalis[ée]e?(?: le)?|d[ée]c[ée]d[ée]e?(?: le)?|" +
    "janam tithi|janm tithi|paida hua|paida hui|paidaish|tareekh(?: el| al)? milad|mawaleed|mwaleed|mawlood)" +
    `\\s*(?:(?::|-|=|el|le|on)\\s*)?(${localDate(MONTHS_LATIN)})`, "giu"));
const PERSON_DATE_SCRIPT = prefiltered(new RegExp(
    "(?:تاريخ (?:الميلاد|ميلاده|ميلادها|الدخول|الوفاة)|(?:من )?مواليد|(?:ولد|ولدت|مولود|مولودة|دخل|دخلت|توفي|توفيت) (?:في|بتاريخ)|" +
    "जन्म ?तिथि|जन्म की तारीख|जन्म|भर्ती|تاریخ پیدائش|پیدائش|پیدا ہوا|پیدا ہوئی)" +
    `\\s*(?:(?::|-|=|في|को)\\s*)?(${localDate(MONTHS_SCRIPT)})`, "gu"));
/** Ages of 90 and over with a local unit ("92 años", "93 ans", "95 سنة", "91 saal", "९२ वर्ष" after asciiDigits). */
const AGE_LOCAL = prefiltered(/(?<![\d.,])(9\d|1[01]\d) ?(?:años|anos|ans|سنة|سنه|عام|عاما|عامًا|سال|साल|वर्ष|saal|sal|sana|sanah|sene)(?![\p{L}])/gu);
const AGE_LABELED_LOCAL = prefiltered(/(?:(?<![\p{L}\d])(?:edad|âge|umar|umr|3omro|3omraha|omro)|عمره|عمرها|العمر|عمر|उम्र|आयु|عمر)\s*(?:(?::|de|est de|hai|=)\s*)?(9\d|1[01]\d)(?!\d)/giu);

// ---- Names ---------------------------------------------------------------------------------------------------------

/** A capitalised Latin word (accents allowed). */
const CAP = "[A-ZÁÉÍÓÚÑÇÈÊÂÎÔÛ][a-záéíóúñçèêëïîôûü'’-]+";
/**
 * A person after a label in Spanish, French, Arabizi, Hinglish or Roman Urdu: "la paciente María García", "Mme Dupont",
 * "se llama Luis", "esmo Khaled", "naam Ramesh Kumar". The name words must be capitalised, as in English.
 */
const NAME_LABEL_LOCAL = prefiltered(new RegExp(
    "(?:\\b(?:[Pp]aciente|[Pp]atiente|Sra?\\.?|Srta\\.?|Doña|M\\.|Mme\\.?|Mlle\\.?|Monsieur|Madame|[Ll]lamad[oa]|[Ss]e llama|[Nn]ombre:|[Nn]om:|" +
    "[Nn]omm[ée]e?|[Ss]'appelle|[Nn]aam|[Nn]am|[Ee]smo|[Ii]smo|[Ee]smaha|[Ee]smha|[Ii]smaha|[Mm]are[ei]z[a]?|[Mm]ari[dz]a?|[Mm]areeda?|[Mm]ar[ei]da?))" +
    `\\s+(${CAP}(?:\\s+${CAP}){0,2})`, "g"));
/** Words a Latin-script label can be followed by without a name ("Paciente Con fiebre", "Madame La"). */
const NOT_NAME_LOCAL = new Set(`
con sin de del la el los las un una que y o en por para al le les du des et ou avec sans est a au aux ce cette ka ki ke
hai ko se aur ya el al w ma mesh msh fi men ana enta hiya howa tab abhi kal aaj sir madam dr doctor docteur doctora
m. mme mme. mlle mlle. sr sr. sra sra. srta srta. don doña monsieur madame
est es esta está estaba tiene tuvo toma presenta sous sur présente prend avait était souffre refuse ne se lo su sus son
tuberculosis pneumoniae catarrhalis avium leprae genitalium marinum kansasii abscessus hominis
`.trim().split(/\s+/));

/** Words folded so far (foldWord), cleared when full. */
const FOLDED = new Map<string, string>();
const FOLDED_MAX = 20_000;

/**
 * Common given names and family-name forms in Arabic script (Arabic and Urdu spellings; letters folded as foldWord
 * does), and in Devanagari; a run of two of them is a person's full name ("أحمد محمد", "राम कुमार शर्मा").
 */
const ARABIC_SCRIPT_NAMES = new Set(words(`
محمد احمد محمود مصطفي  عثمان خالد خليل سعد سعود سلطان سلمان سليمان عبدالله عبدالرحمن عبدالعزيز
عبدالرحيم عبدالكريم عبدالقادر عبدالمجيد ابراهيم اسماعيل يوسف يعقوب يحيي زكريا موسي عيسي هارون حسن حسين حمد حمدان
حامد حمزه طارق زياد زيد ماجد فهد فيصل ناصر نبيل نادر هشام وليد ياسر ياسين يزيد منصور مروان عماد
عمار انس بلال مازن باسل بسام رامي سامي سامر شادي فادي مهدي نوره فاطمه عائشه خديجه زينب مريم ساره
سلمي هند اسماء رنا رانيا رحاب ريم شيماء عبير علياء غاده لبني لطيفه منيره منال 
نجلاء نهي هاله هبه ياسمين سميره حصه شيخه موزه عفراء ميثاء شمه روضه اسلم اکرم ارشد اشرف افضل امجد
انور اعجاز بشير پرويز جاويد رضوان زاهد شوکت ظفر عاصم عمران فاروق قاسم کامران مقصود نديم نواز وقاص
ثناء صائمه عاليه فرزانه کوثر نسرين پروين رخسانه شازيه صدف عظمي غزاله مهوش نازيه بيبي 
`));
const DEVANAGARI_NAMES = new Set(words(`
राम श्याम मोहन सोहन राजेश रमेश सुरेश महेश दिनेश मुकेश राकेश अनिल सुनील विजय अजय संजय अमित सुमित रोहित राहुल विकास
विनोद प्रमोद अशोक मनोज संतोष दीपक प्रकाश अरुण वरुण गणेश कृष्ण गोपाल हरि लक्ष्मण शंकर प्रदीप नरेश योगेश सतीश
सीता गीता रीता सुनीता अनीता कविता सविता पूजा प्रिया नेहा अंजलि आरती लक्ष्मी सरस्वती पार्वती राधा मीना रेखा
 कमला पुष्पा सरोज 
शर्मा वर्मा सिंह कुमार कुमारी गुप्ता यादव पटेल मिश्रा तिवारी पांडे पाण्डेय दुबे चौहान राठौर जैन अग्रवाल बंसल मेहता
शाह देसाई जोशी कपूर खन्ना मल्होत्रा चौधरी ठाकुर रेड्डी नायर पिल्लै अय्यर दास बोस घोष मुखर्जी बनर्जी चटर्जी देवी
`));
/** Labels before a person in Arabic, Urdu and Hindi script ("المريض", "اسمها", "مریض کا نام", "मरीज़", "श्रीमती"). */
const SCRIPT_NAME_LABELS = new Set(words(`
المريض المريضه للمريض للمريضه مريض مريضه اسمه اسمها اسم الاسم السيد السيده الحاج الحاجه الطفل الطفله الاستاذ الشيخ
مريضه نام مسٹر مسز بيگم جناب محترمه
मरीज़ मरीज रोगी नाम श्री श्रीमती सुश्री कुमारी मिस्टर
`));

/**
 * A word as the lists compare it: deobfuscate.ts's fold (vowel marks, alef forms, taa marbuta, the Devanagari nukta),
 * and Urdu's own yeh, kaf and heh written as the Arabic letters, so "مریض" and "مريض" are one word.
 */
function foldWord(word: string): string {
    let folded = FOLDED.get(word);
    if (folded === undefined) {
        folded = foldArabic(word).replace(/ی/g, "ي").replace(/ک/g, "ك").replace(/[ہۃ]/g, "ه");
        // Messages repeat their words: folding each once keeps a long message linear and cheap (NFKD per word is not).
        if (FOLDED.size >= FOLDED_MAX) FOLDED.clear();
        FOLDED.set(word, folded);
    }
    return folded;
}

/** A word list, folded as the words compared with it are. */
function words(list: string): string[] {
    return list.trim().split(/\s+/).map(foldWord);
}

/** The words of `text` (runs of letters and marks in any script), with their offsets. */
function scriptWords(text: string): {word: string; start: number; end: number}[] {
    const out: {word: string; start: number; end: number}[] = [];
    // Letters and marks only: Arabic punctuation (، ؟) sits in the same block and must end a word.
    const re = /[\p{L}\p{M}\u200C\u200D]+/gu;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) out.push({word: m[0], start: m.index, end: m.index + m[0].length});
    return out;
}

/** A letter of the Arabic or Devanagari script: the only words the name lists can hold. */
const SCRIPT_LETTER = /[\u0620-\u064A\u0671-\u06D3\u0900-\u0939]/;

function isScriptName(word: string): boolean {
    if (!SCRIPT_LETTER.test(word)) return false;
    const f = foldWord(word);
    if (/[\u0900-\u097F]/.test(word)) return DEVANAGARI_NAMES.has(f);
    // A family name of the form "ال...ي" (العلي، المنصوري، الهاشمي) follows a given name.
    return ARABIC_SCRIPT_NAMES.has(f) || ARABIC_SCRIPT_NAMES.has(f.replace(/^(?:و|ل|ب)/, ""));
}

function isFamilyNisba(word: string): boolean {
    if (!SCRIPT_LETTER.test(word)) return false;
    const f = foldWord(word);
    return /^ال[\u0621-\u064A]{2,}ي$/.test(f);
}

function isScriptLabel(word: string): boolean {
    if (!SCRIPT_LETTER.test(word)) return false;
    return SCRIPT_NAME_LABELS.has(foldWord(word));
}

/** People named in Arabic, Urdu or Devanagari script: a label then a known name, or two known names in a row. */
function scriptNameSpans(text: string, out: LocalPhiSpan[]): void {
    if (!SCRIPT_LETTER.test(text)) return;
    const words = scriptWords(text);
    for (let i = 0; i < words.length; i++) {
        if (!isScriptName(words[i].word)) continue;
        const labelled = i > 0 && isScriptLabel(words[i - 1].word) && text.slice(words[i - 1].end, words[i].start).trim() === "";
        let j = i;
        // Further names of the same person: father's and grandfather's names, then a family name.
        while (j + 1 < words.length && j - i < 3 && text.slice(words[j].end, words[j + 1].start).trim() === ""
            && (isScriptName(words[j + 1].word) || isFamilyNisba(words[j + 1].word))) j++;
        if (labelled || j > i) {
            out.push({type: "name", start: words[i].start, end: words[j].end});
            i = j;
        }
    }
}

function latinNameSpans(text: string, out: LocalPhiSpan[]): void {
    NAME_LABEL_LOCAL.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NAME_LABEL_LOCAL.exec(text)) !== null) {
        let start = m.index + m[0].length - m[1].length;
        const words = m[1].split(/\s+/);
        while (words.length > 0 && NOT_NAME_LOCAL.has(words[0].toLowerCase())) {
            start = text.indexOf(words[1] ?? "", start + words[0].length);
            words.shift();
        }
        while (words.length > 0 && NOT_NAME_LOCAL.has(words[words.length - 1].toLowerCase())) words.pop();
        if (words.length === 0 || start < 0) continue;
        const value = words.join(" ");
        if (text.slice(start, start + value.length) !== value) continue;
        out.push({type: "name", start, end: start + value.length});
    }
}

/**
 * A name ending in a word that South Asian women's names end in and nothing else does ("Zubaida Khatoon", "Sana Bibi",
 * "Sunita Devi"): a name even without a title or a label.
 */
const NAME_WITH_SUFFIX = prefiltered(/(?<![\p{L}])\p{Lu}\p{Ll}{2,15}(?: \p{Lu}\p{Ll}{2,15})? (?:Khatoon|Khatun|Bibi|Begum|Devi|Kumari)(?![\p{L}])/gu);

// ---- Addresses ------------------------------------------------------------------------------------------------------

/**
 * A French address: a house number, a street type and its name ("14 rue des Lilas", "3 bis avenue Jean Jaurès").
 * Spanish and Latin American: the street type, its name, then the number ("calle Mayor 12", "Av. Insurgentes Sur
 * 1234", "C/ Alcalá, nº 45"); Colombian "Carrera 7 # 45-10" with the number right after the type. Street types that
 * are also everyday words ("camino", "paseo", "plaza") are left out, and the street's name starts with a capital: "camino
 * todos los días 30 minutos" and "la calle estaba muy mojada, 2 horas" are no addresses.
 */
const ADDRESS_FR = prefiltered(new RegExp(
    "(?<![\\p{L}\\d])\\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|av\\.|boulevard|chemin|all[ée]e|impasse|route|quai)" +
    "(?: (?:de la|des|du|de|la|le)|(?: de)? l'| d')? ?[\\p{L}'-]{2,20}(?: [\\p{L}'-]{2,20}){0,2}", "giu"));
const ADDRESS_ES = prefiltered(new RegExp(
    "(?<![\\p{L}])(?:(?:[Cc]alle|C\\/|[Aa]venida|[Aa]vda\\.?|[Aa]v\\.|[Cc]alzada|[Jj]ir[oó]n) (?:de (?:la |los |las )?)?\\p{Lu}[\\p{L}.'-]{1,19}(?: [\\p{L}.'-]{2,20}){0,3},? " +
    "(?:[Nn][º°o]\\.? ?|# ?)?\\d{1,5}|(?:[Cc]arrera|[Cc]ra\\.?|[Cc]alle|[Cc]l\\.?|[Dd]iagonal|[Tt]ransversal) \\d{1,3}[a-zA-Z]? ?(?:#|[Nn][º°o]\\.?) ?\\d{1,3}[a-zA-Z]?-\\d{1,3})(?![\\d])", "gu"));
/**
 * Arabic: where someone lives, after a word for living or an address ("ساكن في شارع الملك فهد، حي العليا", "عنوانها:
 * حي النزهة"), up to seven words; and a numbered villa, building or flat ("فيلا رقم 12"). A street named without
 * anyone living there ("صدمته سيارة في الشارع") is no address.
 */
const ADDRESS_AR = prefiltered(new RegExp(
    "(?:(?:ساكن(?:ة|ه)?|يسكن|تسكن|سكن(?:ه|ها)|عنوان(?:ه|ها)?|العنوان|بيت(?:ه|ها)|منزل(?:ه|ها))(?: في| فى| ب)?:? ?" +
    "((?:شارع|حي|طريق|منطقة|عمارة|بناية|فيلا|شقة|مجمع|جادة|ش\\.) ?[\\u0621-\\u064a\\d]+(?:[ ،,]{1,3}[\\u0621-\\u064a\\d]+){0,6})|" +
    "(?:فيلا|عمارة|بناية|شقة|منزل|بيت) رقم ?\\d{1,5})", "gu"));
/** Hindi and Urdu house numbers ("मकान नंबर 45", "مکان نمبر 12", "H.No. 4-5-67", "house no 23"). */
const ADDRESS_HOUSE_NUMBER = prefiltered(new RegExp(
    "(?:(?<![\\p{L}])(?:h\\.? ?no\\.?|house (?:no\\.?|number)|flat (?:no\\.?|number)|makan (?:no|number|nambar))|" +
    "(?:मकान|घर|फ्लैट|हाउस) (?:नंबर|नं\\.?|संख्या)|(?:مکان|گھر|فلیٹ) نمبر) ?:? ?\\d{1,5}(?:[-/]\\d{1,5}){0,3}(?![\\d])", "giu"));
/** An address after its label and a colon, in the languages here ("Adresse : ...", "Dirección: ...", "पता: ..."). */
const ADDRESS_LABELED = prefiltered(new RegExp(
    "(?:(?<![\\p{L}])(?:adresse|direcci[oó]n|domicilio|pata|address)|पता|پتہ|پتا|العنوان) ?[:：] ?([^\\n,;،]{5,60})", "giu"));
/**
 * Two numbered parts of an address one after the other ("street 19, villa 44", "House 27, Street 9", "imm. 4, appt
 * 12", "Flat 302, Shanti Apartments, Sector 21"; in Arabic "حي العليا، شارع ...، فيلا ١٢"): one part alone ("bed 4",
 * "room 12", "sector 3") says nothing, two say where someone lives.
 */
const ADDRESS_PART_LATIN = "(?:villa|flat|house|h\\.? ?no\\.?|apartment|apt\\.?|appt\\.?|appartement|imm\\.?|immeuble|building|bldg\\.?|street|st\\.|sector|block|apto\\.?|depto\\.?|piso|plot)";
const ADDRESS_PARTS_LATIN = prefiltered(new RegExp(
    `(?<![\\p{L}])${ADDRESS_PART_LATIN} ?(?:no\\.? ?|n[°º]\\.? ?|# ?)?\\d{1,5}[a-z]?(?:[,،] ?(?:[\\p{L}.'-]+ ){0,3}[\\p{L}.'-]*[,،]? ?)?` +
    `(?<![\\p{L}])${ADDRESS_PART_LATIN} ?(?:no\\.? ?|n[°º]\\.? ?|# ?)?\\d{1,5}(?![\\d])`, "giu"));
const ADDRESS_PARTS_AR = prefiltered(new RegExp(
    "(?:حي|شارع|طريق) [\\u0621-\\u064a]+(?: [\\u0621-\\u064a]+){0,4} ?[،,] ?(?:(?:شارع|طريق|حي) [\\u0621-\\u064a]+(?: [\\u0621-\\u064a]+){0,4} ?[،,] ?)?" +
    "(?:فيلا|عمارة|بناية|شقة|منزل|بيت)(?: رقم)? ?\\d{1,5}", "gu"));

// ---- Putting it together -------------------------------------------------------------------------------------------


function group(out: LocalPhiSpan[], type: LocalPhiType, m: RegExpExecArray, index = 1): void {
    const value = m[index];
    if (!value) return;
    const start = m.index + m[0].lastIndexOf(value);
    out.push({type, start, end: start + value.length});
}

function whole(out: LocalPhiSpan[], type: LocalPhiType, m: RegExpExecArray): void {
    out.push({type, start: m.index, end: m.index + m[0].length});
}

/** Every identifier this module knows in `text` (ASCII digits; spans may overlap: phi.ts resolves overlaps). */
export function findLocalIdentifiers(text: string): LocalPhiSpan[] {
    const out: LocalPhiSpan[] = [];
    each(EMIRATES_ID_GROUPED, text, (m) => whole(out, "national_id", m));
    each(CNIC_GROUPED, text, (m) => whole(out, "national_id", m));
    each(CNIC_LABELED, text, (m) => group(out, "national_id", m));
    each(EGYPT_NATIONAL, text, (m) => whole(out, "national_id", m));
    each(CURP, text, (m) => whole(out, "national_id", m));
    each(ID_LABELED_LATIN, text, (m) => { if ((m[1].match(/\d/g) ?? []).length >= 10) group(out, "national_id", m); });
    each(MRN_LOCAL, text, (m) => group(out, "mrn", m));
    each(PHONE_LABELED, text, (m) => { const n = (m[1].match(/\d/g) ?? []).length; if (n >= 8 && n <= 13) group(out, "phone", m); });
    each(PHONE_INTL_GROUPED, text, (m) => whole(out, "phone", m));
    each(PHONE_NATIONAL, text, (m) => whole(out, "phone", m));
    each(PERSON_DATE_LATIN, text, (m) => group(out, "date", m));
    each(PERSON_DATE_SCRIPT, text, (m) => group(out, "date", m));
    each(AGE_LOCAL, text, (m) => whole(out, "age", m));
    each(AGE_LABELED_LOCAL, text, (m) => whole(out, "age", m));
    each(ID_LABELED_MORE, text, (m) => { if ((m[1].match(/\d/g) ?? []).length >= 7) group(out, "national_id", m); });
    if (CNIC_MENTIONED.test(text)) each(THIRTEEN_DIGITS, text, (m) => whole(out, "national_id", m));
    each(ADDRESS_PARTS_LATIN, text, (m) => whole(out, "address", m));
    each(ADDRESS_PARTS_AR, text, (m) => whole(out, "address", m));
    each(NAME_WITH_SUFFIX, text, (m) => whole(out, "name", m));
    each(ADDRESS_FR, text, (m) => whole(out, "address", m));
    each(ADDRESS_ES, text, (m) => whole(out, "address", m));
    each(ADDRESS_AR, text, (m) => (m[1] ? group(out, "address", m) : whole(out, "address", m)));
    each(ADDRESS_HOUSE_NUMBER, text, (m) => whole(out, "address", m));
    each(ADDRESS_LABELED, text, (m) => group(out, "address", m));
    latinNameSpans(text, out);
    scriptNameSpans(text, out);
    return out;
}
