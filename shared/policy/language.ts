/**
 * Which language a message is written in, so the policy can answer in it (messages.ts, translations.ts) and say
 * which language it saw (`med42 policy`, the audit of a decision).
 *
 * Short messages are where statistical language identification is weakest, and the languages this policy serves
 * most are often typed in another script than their own (Arabic in Latin letters, "Arabizi"; Hindi/Urdu in Latin
 * letters, "Hinglish"), which no identifier is trained on. So, in order:
 *   1. the script decides where it can: Arabic letters are Arabic, or Urdu when letters only Urdu uses appear;
 *      Devanagari is Hindi;
 *   2. in Latin letters, Arabizi cues (digits used as Arabic letters inside words, "3ayez", "wi2e3") and common
 *      Arabizi or Hinglish words;
 *   3. otherwise the tinyld library (CommonJS, loads synchronously; compared with franc-min and eld in
 *      docs/policy.md), and English when it is unsure or when English is a close second.
 * Pure and synchronous; reads at most the first MAX_CHARS characters (the library LIBRARY_MAX_CHARS), so a 40 KB
 * message costs what a short one does.
 */
import {detectAll} from "tinyld";

/** Languages with built-in translations of the policy's messages (translations.ts). */
export const SUPPORTED_LANGUAGES = ["en", "ar", "es", "fr", "hi", "ur"] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

export type LanguageEvidence = "script" | "arabizi-cues" | "hinglish-cues" | "tinyld" | "default";

export interface DetectedLanguage {
    /** ISO 639-1 code ("ar", "es", "de"), or "und" when nothing could be told (no letters). */
    code: string;
    /** The script it was written in: Arab, Deva, Latn, or Other. */
    script: "Arab" | "Deva" | "Latn" | "Other";
    /** What decided: the script alone, transliteration cues, the tinyld library, or the default (English). */
    by: LanguageEvidence;
}

/** Enough text to tell a language; the rest of a long message changes nothing but the cost. */
const MAX_CHARS = 2_000;
/**
 * What the library reads: its cost grows with the number of tokens (about 1 ms for 300 characters of one-letter
 * words, the worst case), and the first sentences tell the language of a message as well as the whole.
 */
const LIBRARY_MAX_CHARS = 300;

const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]/gu;
const DEVANAGARI_LETTER = /[\u0904-\u0939\u093d\u0950\u0958-\u0961\u0972-\u097f]/gu;
const LATIN_LETTER = /[a-zA-Z\u00c0-\u024f]/gu;
const OTHER_LETTER = /(?![a-zA-Z\u00c0-\u024f\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff\u0900-\u097f])\p{L}/gu;
/** Letters Urdu writes and Arabic does not: ٹ ڈ ڑ ں ے ۓ ھ ہ (Persian shares some others, not these). */
const URDU_ONLY_LETTER = /[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2\u06d3]/u;

/**
 * Arabizi: a digit standing for an Arabic letter inside a word (2 ء, 3 ع, 5 خ, 7 ح, 9 ق/ص) next to letters, as in
 * "3ayez", "wi2e3", "ma7al", "ta3ban". Units ("5mg", "b12", "covid19") have the digit at the end or before a unit.
 */
const ARABIZI_DIGIT = /[23579]/;
const LETTERS_AND_ARABIZI_DIGITS = /^[a-z23579']{3,20}$/;
/** "5mg", "2nd", "b12", "covid19", "10am": numbers with units or names, not Arabizi. */
const UNIT_LIKE = /^(?:\d+(?:mg|mcg|ml|kg|mmol|iu|am|pm|nd|rd|th|st|yo|hrs?|mins?|[dghxyfcs])|[a-z]+\d+)$/;
/** Leetspeak writes o, i, a, s as 0, 1, 4, 5 inside words ("h0w", "p1lls"): then digits inside words are not Arabizi. */
const LEET_WORD = /^[a-z]*[014][a-z]+$|^[a-z]+[014][a-z]*$/;

function isArabiziDigitWord(w: string): boolean {
    return LETTERS_AND_ARABIZI_DIGITS.test(w) && ARABIZI_DIGIT.test(w) && !UNIT_LIKE.test(w) && w.replace(/[^a-z]/g, "").length >= 2;
}

/** Frequent Arabizi words (Levantine, Gulf, Egyptian) that are not English, French or Spanish words. */
const ARABIZI_WORDS = new Set(("ana enta enti inti ente inta ahl ahla shu sho shou chou esh eish eih leh lesh lech keef kif kifak kaif " +
    "kaifak bddi baddi biddi badi bidi abgha abgha 3ayez 3ayza 3awez mesh mish msh mafi feeh " +
    "wallah walla yalla habibi habibti khalas khalaas akhi ukhti ya3ni yani ya3ny bas kaman kamaan hal2a halla2 " +
    "dilwa2ti dilwati delwa2ty lazem lazim mumkin momken mumken 7ada 7ad 3andi 3ndi andi 3endi alhamdulillah " +
    "inshallah insha2allah mashallah abuya abouy ummi umi akhooy akhoya ibni binti zawji zawjti " +
    "ayez aiza ayza 3alashan 3ashan 3shan " +
    // Frequent words of the Arabizi training files (test/policy/training/multilingual-*ar-latn*.jsonl, Levantine, Gulf,
    // Iraqi, Egyptian and Maghrebi) that no English, French or Spanish case file and no English word list has.
    "bl fel lel mn shi hal bala lal emta bdi dyal kteer elli ezzay ezay shway shahr kol kifach enno iza akl " +
    "ktir wasfe bil mareed bokra eza atfal ebni shlon elly jaddi marra roshetta yban bdoon badde abadan benti " +
    "abooy chno shabab akel ekteb amoot fakker fiha mrati shoghl yetnaffas sayyara nafsi dwa ahli lela meen " +
    "wach fih abl daght anam wlad bfakker ymoot shgad ybayyen gozi snin katabt jozi amaan sokkar hassa dayir " +
    "ynam zghire walad mostashfa yrod kwayes ashtri shwaya wein bzabt bnti gheer bukra gher fiyye sayf ykoun " +
    "ayya asawi saydali sadri okhti ibn beit kellon awwal sadro kamel shinu yeban ndir kammel mzawwara aktar " +
    "mudeer nabd nafaso tnam shereb ashan nazel tani ghayyer sukkar tkoon hiye ektebli hayda fiye fein bidoon " +
    "sneen kbeer ykoon kifech mzyan").split(" "));

/** Frequent Hindi/Urdu words in Latin letters that are not English words (or too rare in English to matter). */
const HINGLISH_WORDS = new Set(("hai hain hoon hun nahi nahin nhi mujhe mujhko mera meri mere mai tum tumhara aap " +
    "aapka apna apni apne kya kyu kyun kyon kaise kaisa kaun kaunsi kitna kitni kitne kab kaha kahan " +
    "ke ki ka ko liye chahiye chahta chahti raha rahi rahe rha rhi rhe bahut bohot bahot thoda " +
    "aur bhi tha thi karna karni karo kiya karke hota hoti hote gaya gayi gaye sakta sakti sakte " +
    "dawai dawa dard bukhar saans sans bimar bimari ilaaj ilaj doctor-sahab jaldi abhi " +
    "mummy maa mummi pitaji bhai behen beti pati patni ghar yeh woh iska uska").split(" "));

/** How many of the words are cues, and of how many words. */
function cueShare(words: readonly string[], isCue: (w: string) => boolean): {cues: number; share: number} {
    const cues = words.filter(isCue).length;
    return {cues, share: words.length ? cues / words.length : 0};
}

function count(text: string, re: RegExp): number {
    // One array of the matched letters, not an iterator object per letter (each match is one letter, never empty).
    return text.match(re)?.length ?? 0;
}

/** The language of a message; see the file comment for how it is decided. */
export function detectLanguage(text: string): DetectedLanguage {
    const sample = text.slice(0, MAX_CHARS).normalize("NFC");
    const arabic = count(sample, ARABIC_LETTER);
    const devanagari = count(sample, DEVANAGARI_LETTER);
    const latin = count(sample, LATIN_LETTER);
    const other = count(sample, OTHER_LETTER);
    // A message can mix scripts ("BP 180/110 عند والدي"): the script with the most letters decides.
    const most = Math.max(arabic, devanagari, latin, other);
    if (most === 0) return {code: "und", script: "Other", by: "default"};
    if (arabic === most) return {code: URDU_ONLY_LETTER.test(sample) ? "ur" : "ar", script: "Arab", by: "script"};
    if (devanagari === most) return {code: "hi", script: "Deva", by: "script"};
    if (other === most) return fromLibrary(sample, "Other");

    const {words, isArabiziCue} = latinCueWords(sample);
    const arabizi = cueShare(words, isArabiziCue);
    const hinglish = cueShare(words, (w) => HINGLISH_WORDS.has(w));
    // Two cue words and a fifth of the message: one "main" or "bas" in English is not enough.
    const enough = (c: {cues: number; share: number}) => c.cues >= 2 && c.share >= 0.2;
    if (enough(arabizi) && arabizi.cues >= hinglish.cues && (words.some((w) => ARABIZI_WORDS.has(w)) || arabizi.cues >= 3)) return {code: "ar", script: "Latn", by: "arabizi-cues"};
    if (enough(hinglish)) return {code: "hi", script: "Latn", by: "hinglish-cues"};
    return fromLibrary(sample, "Latn");
}

/**
 * Whether a Latin-script message has at least `atLeast` distinct words of Arabizi (a cue word, or a digit standing for
 * an Arabic letter inside a word) or of Hindi/Urdu in Latin letters: fewer than detection needs to call it Arabic or
 * Hindi (it also needs a fifth of the words), but with two a message the library placed in Polish or Tagalog is more
 * likely one of those written loosely. The policy's classifier then reads it with its multilingual model
 * (textClassifier.ts, classifierLanguage); without them, a message in a language neither model was taught is read by
 * the English model, whose words do not pass for Italian or Swahili ones.
 */
export function hasTransliterationCue(text: string, atLeast = 1): boolean {
    return transliterationCues(text) >= atLeast;
}

/** How many distinct words of `text` are Arabizi or Hinglish cues (see hasTransliterationCue). */
export function transliterationCues(text: string): number {
    const {words, isArabiziCue} = latinCueWords(text.slice(0, MAX_CHARS));
    return new Set(words.filter((w) => isArabiziCue(w) || HINGLISH_WORDS.has(w))).size;
}

/**
 * The lower-cased Latin words of a sample, and which of them are Arabizi cues: a cue word, or a digit standing for an
 * Arabic letter inside a word, unless the message writes leetspeak ("h0w", "p1lls").
 */
function latinCueWords(sample: string): {words: string[]; isArabiziCue: (w: string) => boolean} {
    const words = sample.toLowerCase().split(/[^a-z0-9\u00c0-\u024f']+/u).filter((w) => w.length > 0);
    const leet = words.some((w) => LEET_WORD.test(w));
    return {words, isArabiziCue: (w) => ARABIZI_WORDS.has(w) || (!leet && isArabiziDigitWord(w))};
}

/** Below this the library's best guess is not used (a few words of English often score low). */
const MIN_ACCURACY = 0.05;
/**
 * Latin-script languages the library may choose from: those of many hospital patients in Europe, the Gulf, the
 * Americas and South Asia. Without a list, clinical shorthand ("Pt is 72yo, BP 180/110") scores as Irish or Tagalog.
 */
const LATIN_CANDIDATES = ["en", "es", "fr", "pt", "de", "it", "nl", "pl", "ro", "tr", "id", "tl", "vi", "sw", "so", "sq", "hr", "cs", "sv"];

/**
 * Words of Spanish and French that short English clinical notes do not use: the library's guess of Spanish or French
 * (whose messages would then be shown in it) needs one of them, so "Cyanide antidote options?" stays English.
 */
const FUNCTION_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
    es: new Set(("el la los las un una unos de del y o que en con por para mi mis tu su sus es esta estoy esta está son no si sí " +
        "como cómo cuanto cuánto cuántas cuantas cuántos qué quiero puedo puede tiene tengo hay muy pero ya yo él ella me se le lo").split(" ")),
    fr: new Set(("le la les un une des du de et ou que qui en dans avec pour par mon ma mes ton ta son sa ses est suis sont ne pas " +
        "plus je tu il elle nous vous ils elles comment combien quelle quel quels quelles veux peux peut très mais ce cette au aux").split(" ")),
};

function fromLibrary(sample: string, script: DetectedLanguage["script"]): DetectedLanguage {
    const head = sample.slice(0, LIBRARY_MAX_CHARS);
    const ranked = script === "Latn" ? detectAll(head, {only: LATIN_CANDIDATES}) : detectAll(head);
    const best = ranked[0];
    if (!best || best.accuracy < MIN_ACCURACY) return {code: script === "Latn" ? "en" : "und", script, by: "default"};
    // English close behind: keep English (the language every message and rule was written in first).
    const english = ranked.find((r) => r.lang === "en");
    if (best.lang !== "en" && english && english.accuracy >= best.accuracy / 2) return {code: "en", script, by: "tinyld"};
    const functionWords = FUNCTION_WORDS[best.lang];
    if (script === "Latn" && functionWords) {
        const words = sample.toLowerCase().split(/[^\p{L}]+/u);
        if (!words.some((w) => functionWords.has(w))) return {code: english ? "en" : "und", script, by: english ? "tinyld" : "default"};
    }
    return {code: best.lang, script, by: "tinyld"};
}

/** The English word list (an-array-of-english-words, ~275,000 words), read on first need: ~0.2 s and ~36 MB, once. */
let englishWords: ReadonlySet<string> | undefined;
function englishWordList(): ReadonlySet<string> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON array, loaded lazily (most messages never need it)
    return englishWords ??= new Set(require("an-array-of-english-words") as string[]);
}

/**
 * Whether a Latin-script text reads as English: at least half of its words of three or more letters are English words
 * (a text with none, such as "BP 180/110", counts as English). The library cannot place many languages (Swahili,
 * Somali, Hausa...) and such a message is then taken for English; this tells "Dalili za kisukari ni zipi?" (0 of 3)
 * from terse English such as "tire pressure camry" (2 of 3), so the English scope vocabulary judges only the second.
 */
export function readsAsEnglish(text: string): boolean {
    const words = text.slice(0, MAX_CHARS).toLowerCase().split(/[^a-z]+/u).filter((w) => w.length >= 3);
    if (words.length === 0) return true;
    const list = englishWordList();
    let english = 0;
    for (const w of words) if (list.has(w)) english++;
    return english * 2 >= words.length;
}

const NAMES: Record<string, string> = {en: "English", ar: "Arabic", es: "Spanish", fr: "French", hi: "Hindi", ur: "Urdu", und: "undetermined"};

/** "Arabic (Latin letters, Arabizi cues)" for people reading `med42 policy`. */
export function describeLanguage(l: DetectedLanguage): string {
    const name = NAMES[l.code] ?? l.code;
    const script = l.script === "Latn" && l.code !== "en" && (l.code === "ar" || l.code === "hi" || l.code === "ur") ? "Latin letters, "
        : "";
    const by = l.by === "script" ? "by its script" : l.by === "tinyld" ? "tinyld" : l.by === "default" ? "default" : l.by.replace("-", " ");
    return `${name} (${l.code}; ${script}${by})`;
}

/** The built-in language for a detected one: its own when translated, else English. */
export function messageLanguage(l: DetectedLanguage): SupportedLanguage {
    return (SUPPORTED_LANGUAGES as readonly string[]).includes(l.code) ? l.code as SupportedLanguage : "en";
}
