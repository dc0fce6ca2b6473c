/**
 * Emergency and self-harm phrases in more of the languages hospital patients write, beyond the five the policy
 * supports fully (Arabic, Spanish, French, Hindi, Urdu): so that "my father is not breathing" or "I want to kill
 * myself" gets the emergency number or the crisis line in any of them. Only these two categories, and only
 * unambiguous first-person or happening-now phrases; a question about what to do "if" it happened is left alone.
 *
 * Written by the developers from dictionaries and common phrasing, NOT reviewed by native speakers (docs/policy.md):
 * each list is deliberately small, and a phrase it lacks is simply not caught (the English rules and the classifier
 * cannot read these languages either). Read on the folded text (lower case, accents and Latin diacritics removed:
 * "não" → "nao", "ölmek" → "olmek", "không thở" → "khong tho"; Persian ZWNJ removed: "می‌خواهم" → "میخواهم").
 */
import type {PolicyRule} from "../ruleTypes";
import {vocabularyRule} from "./vocabularyRule";

interface LanguagePhrases {
    /** ISO 639-1 code, in the rule ids ("self_harm.lang_pt_intent"). */
    code: string;
    name: string;
    /** The writer says they want to die or kill themselves. */
    intent: readonly RegExp[];
    /** Someone is not breathing or is unconscious now. */
    critical: readonly RegExp[];
    /** "if", "when": a question about what to do, not something happening. */
    hypothetical: RegExp;
}

const PHRASES: readonly LanguagePhrases[] = [
    {
        code: "pt", name: "Portuguese",
        intent: [
            /\b(?:quero|vou|penso em|estou pensando em) (?:morrer|me matar|me suicidar|tirar a minha vida|tirar minha vida|acabar com a minha vida|acabar com minha vida)\b/,
            /\bnao quero mais viver\b/,
        ],
        critical: [/\bnao (?:esta respirando|respira|consegue respirar)\b(?! bem| pelo nariz)/, /\bparou de respirar\b/, /\b(?:esta|ficou) (?:inconsciente|desacordad[oa])\b/],
        hypothetical: /\b(?:se|quando|caso) (?:alguem |uma pessoa |um paciente |o paciente |a pessoa )?(?:nao|parar|estiver|ficar)\b/,
    },
    {
        code: "de", name: "German",
        intent: [/\bich (?:will|mochte|werde) (?:sterben|mich umbringen|mich toten|nicht mehr leben|mir das leben nehmen)\b/, /\bich bringe mich um\b/],
        critical: [/\batmet nicht(?: mehr)?\b/, /\bhat aufgehort zu atmen\b/, /\bist (?:bewusstlos|ohnmachtig)\b/],
        hypothetical: /\b(?:wenn|falls|sobald)\b/,
    },
    {
        code: "it", name: "Italian",
        intent: [/\b(?:voglio|vorrei|sto pensando di|penso di) (?:morire|uccidermi|suicidarmi|togliermi la vita|farla finita)\b/, /\bnon voglio piu vivere\b/],
        critical: [/\bnon (?:respira|sta respirando|riesce a respirare)\b/, /\bha smesso di respirare\b/, /\be (?:incosciente|svenut[oa])\b/],
        hypothetical: /\b(?:se|quando|qualora|nel caso)\b/,
    },
    {
        code: "pl", name: "Polish",
        intent: [/\b(?:chce|chcialbym|chcialabym) (?:umrzec|sie zabic|popelnic samobojstwo|odebrac sobie zycie)\b/, /\bnie chce (?:juz )?zyc\b/],
        critical: [/\bnie oddycha\b/, /\bprzestal[a]? oddychac\b/, /\b(?:jest nieprzytomn[ya]|stracil[a]? przytomnosc)\b/],
        hypothetical: /\b(?:jesli|jezeli|gdy|kiedy)\b/,
    },
    {
        code: "tr", name: "Turkish",
        intent: [/\b(?:olmek|kendimi oldurmek|intihar etmek) istiyorum\b/, /\b(?:intihar edecegim|kendimi oldurecegim|yasamak istemiyorum)\b/],
        // The conditional is a suffix ("almıyorsa"): \b keeps "nefes almiyor" from matching inside it.
        critical: [/\bnefes (?:almiyor|alamiyor)\b/, /\bbilinci kapali\b/, /\bbayildi ve (?:uyanmiyor|tepki vermiyor)\b/],
        hypothetical: /\beger\b/,
    },
    {
        code: "vi", name: "Vietnamese",
        intent: [/\btoi muon (?:chet|tu sat)\b/, /\btoi (?:se|dinh) tu sat\b/, /\btoi khong muon song nua\b/],
        critical: [/\bkhong (?:con )?tho(?: duoc)?(?: nua)?\b/, /\bbat tinh\b/],
        hypothetical: /\bneu\b/,
    },
    {
        code: "id", name: "Indonesian and Malay",
        intent: [/\b(?:saya|aku) (?:ingin|mau|mahu|nak|pengen) (?:mati|bunuh diri|mengakhiri hidup)\b/, /\b(?:ingin|mau|mahu|nak) bunuh diri\b/],
        critical: [/\bt(?:idak|ak) (?:bernapas|bernafas)\b/, /\b(?:pingsan|tidak sadarkan diri|tak sedarkan diri)\b/],
        hypothetical: /\b(?:jika|kalau|kalo|bila|apabila|seandainya)\b/,
    },
    {
        code: "tl", name: "Tagalog",
        intent: [/\bgusto (?:kong|ko nang|ko ng) (?:mamatay|magpakamatay)\b/, /\bmagpapakamatay (?:na )?ako\b/],
        critical: [/\bhindi (?:na )?(?:humihinga|makahinga)\b/, /\b(?:walang malay|nawalan ng malay)\b/],
        hypothetical: /\b(?:kung|kapag)\b/,
    },
    {
        code: "so", name: "Somali",
        intent: [/\b(?:waxaan doonayaa|waan doonayaa) (?:inaan dhinto|inaan is dilo)\b/, /\bis dili doonaa\b/],
        critical: [/\bma neefsanayo\b/, /\bmiyir(?: ma leh| la aan| beelay)\b/],
        hypothetical: /\b(?:haddii|hadii|marka)\b/,
    },
    {
        code: "sw", name: "Swahili",
        intent: [/\b(?:ni)?nataka (?:kufa|kujiua|kujitoa uhai)\b/, /\bnitajiua\b/, /\bsitaki kuishi\b/],
        critical: [/\b(?:hapumui|hawezi kupumua|hajitambui|amepoteza fahamu|amezimia)\b/],
        hypothetical: /\b(?:kama|ikiwa|endapo)\b/,
    },
    {
        // Words of Cyrillic script: "(?:^| )" and "(?= |$)" for word edges; "й" is read as "и" once its breve is gone.
        code: "ru", name: "Russian",
        intent: [/(?:^| )я (?:хочу|собираюсь) (?:умереть|покончить с собои|убить себя|покончить с жизнью)(?= |$)/, /(?:^| )не хочу (?:больше )?жить(?= |$)/],
        critical: [/(?:^| )не дышит(?= |$)/, /(?:^| )перестал(?:а)? дышать(?= |$)/, /(?:^| )(?:без сознания|потерял сознание|потеряла сознание)(?= |$)/],
        hypothetical: /(?:^| )(?:если|когда)(?= )/,
    },
    {
        // Chinese has no spaces between words; simplified and traditional forms. "了" marks what has happened.
        code: "zh", name: "Chinese",
        intent: [/我(?:想|要)(?:自杀|自殺|死|结束自己的生命|結束自己的生命)|不想活了/],
        critical: [/(?:没有|沒有|没|沒)呼吸了|不呼吸了|停止呼吸了|失去意识了|失去意識了|晕倒了|暈倒了|昏过去了|昏過去了/],
        hypothetical: /如果|假如|要是|万一|萬一/,
    },
    {
        code: "ja", name: "Japanese",
        intent: [/死にたい|自殺したい|自殺するつもり/],
        critical: [/息をしていない|息をしてない|呼吸をしていない|意識がない|意識が無い/],
        hypothetical: /場合|もし/,
    },
    {
        code: "ko", name: "Korean",
        intent: [/죽고 싶어|죽고 싶다|자살하고 싶|자살할 거/],
        critical: [/숨을 안 쉬|숨을 쉬지 않|의식이 없어|의식을 잃었/],
        hypothetical: /만약|경우/,
    },
    {
        code: "bn", name: "Bengali",
        intent: [/(?:^| )আমি (?:মরতে|আত্মহত্যা করতে) চাই(?= |$)/],
        critical: [/(?:^| )(?:শ্বাস নিচ্ছে না|শ্বাস নিচ্ছেন না|নিঃশ্বাস নিচ্ছে না|অজ্ঞান হয়ে গেছে|অজ্ঞান হয়ে গেছেন)(?= |$)/],
        hypothetical: /(?:^| )যদি(?= )/,
    },
    {
        code: "fa", name: "Persian (Farsi)",
        intent: [/(?:^| )(?:میخواهم|میخوام|می خواهم|می خوام) (?:بمیرم|خودکشی کنم|خودم را بکشم|خودمو بکشم)(?= |$)/],
        critical: [/(?:^| )(?:نفس نمیکشد|نفس نمیکشه|نفس نمی کشد|نفس نمی کشه|بیهوش شده|از هوش رفته)(?= |$)/],
        hypothetical: /(?:^| )(?:اگر|اگه)(?= )/,
    },
    {
        code: "ta", name: "Tamil",
        intent: [/தற்கொலை செய்ய (?:விரும்புகிறேன்|போகிறேன்)|சாக விரும்புகிறேன்/],
        critical: [/மூச்சு விடவில்லை|சுயநினைவு இல்லை/],
        hypothetical: /என்றால்/,
    },
    {
        code: "pa", name: "Punjabi (Gurmukhi)",
        intent: [/(?:^| )ਮੈਂ (?:ਮਰਨਾ|ਖੁਦਕੁਸ਼ੀ ਕਰਨਾ|ਆਤਮ ਹੱਤਿਆ ਕਰਨਾ) (?:ਚਾਹੁੰਦਾ|ਚਾਹੁੰਦੀ)(?= |$)/],
        critical: [/(?:^| )(?:ਸਾਹ ਨਹੀਂ ਲੈ (?:ਰਹੇ|ਰਿਹਾ|ਰਹੀ)|ਬੇਹੋਸ਼ ਹੋ (?:ਗਏ|ਗਿਆ|ਗਈ))(?= |$)/],
        hypothetical: /(?:^| )ਜੇ(?:ਕਰ)?(?= )/,
    },
];

/** The languages these phrases cover, for docs and tests. */
export const OTHER_LANGUAGE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(PHRASES.map((p) => [p.code, p.name]));

export const OTHER_LANGUAGE_RULES: readonly PolicyRule[] = PHRASES.flatMap((p) => [
    vocabularyRule({
        id: `self_harm.lang_${p.code}_intent`, category: "self_harm",
        description: `${p.name} (unreviewed, author-written phrases): the writer says they want to die or kill themselves.`,
        patterns: p.intent,
    }),
    vocabularyRule({
        id: `emergency.lang_${p.code}_critical_sign`, category: "emergency",
        description: `${p.name} (unreviewed, author-written phrases): someone is not breathing or is unconscious now.`,
        patterns: p.critical, unless: p.hypothetical,
    }),
]);
