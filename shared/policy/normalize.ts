/**
 * Text normalisation for the policy rules: rules match one canonical form (lower case, contractions expanded,
 * punctuation reduced to spaces, sentences kept apart), so each rule can stay a small pattern over words.
 */

import {decodeLeet, foldArabic, foldHomoglyphs, foldLatinLetters, joinSpacedLetters} from "./deobfuscate";
import {prefiltered} from "./prefilter/prefilteredRegExp";

/** A message prepared for the rules. */
export interface AnalyzedText {
    /** The text as given. */
    readonly raw: string;
    /** The whole message, normalised, sentences joined with " . ". */
    readonly norm: string;
    /**
     * The whole message in every script, lower case, accents, Arabic vowel marks and tatweel removed and disguises
     * undone, words separated by single spaces: for the vocabularies of other languages (rules/languages/).
     */
    readonly folded: string;
    /**
     * `folded` without leetspeak decoded: Arabizi writes Arabic letters as digits inside words ("re7a", "3ando",
     * "ta3m"), which read as leetspeak would become other words ("reta", "eando", "taem"). The same as `folded` when
     * the message has no leetspeak. The vocabularies of other languages read both.
     */
    readonly foldedAsTyped: string;
    /** Normalised sentences (no terminators). */
    readonly sentences: readonly string[];
    /**
     * Sentences with reported speech of other people cut off ("my patient told me 'I want to die'" keeps
     * "my patient told me"), for the rules about the writer's own intent.
     */
    readonly ownSentences: readonly string[];
}

/**
 * The replacements below, each skipped at once on a text without the literal words it needs (an apostrophe, "im ",
 * "mi madre"...): most of them have nothing to replace in most messages (prefilter/prefilteredRegExp.ts).
 */
function prefilteredPairs<T>(pairs: readonly (readonly [RegExp, T])[]): [RegExp, T][] {
    return pairs.map(([re, by]) => [prefiltered(re), by]);
}

const CONTRACTIONS: [RegExp, string][] = prefilteredPairs([
    [/\b(can)'?t\b/g, "can not"],
    [/\bcannot\b/g, "can not"],
    [/\bwon'?t\b/g, "will not"],
    [/\bshan'?t\b/g, "shall not"],
    [/\bain'?t\b/g, "is not"],
    [/\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must|need|might)n'?t\b/g, "$1 not"],
    [/\b(he|she|it|that|what|there|who|where|how|here)'s\b/g, "$1 is"],
    [/\blet's\b/g, "let us"],
    [/\bi'm\b/g, "i am"],
    [/\b(\w+)'re\b/g, "$1 are"],
    [/\b(\w+)'ve\b/g, "$1 have"],
    [/\b(\w+)'ll\b/g, "$1 will"],
    [/\b(i|you|he|she|we|they)'d\b/g, "$1 would"],
    // What is left of "'s" is a possessive: "my coworker's coffee" -> "my coworker coffee".
    [/(\w)'s\b/g, "$1"],
    [/(\w)s'(?=\s|$)/g, "$1s"],
]);

/** Chat spellings people type when upset or in a hurry. */
type Replacement = [RegExp, string | ((match: string) => string)];

const INFORMAL: Replacement[] = prefilteredPairs<Replacement[1]>([
    [/\bim(?= (going|gonna|so|not|having|feeling|done|tired|ready|about|afraid|scared|suicidal|thinking|planning|alone|really|very|just|still|bleeding|dying|sure|worried|sick|at|in|on|a|an|the|literally|honestly|seriously|fine|ok|okay)\b)/g, "i am"],
    [/\bim(?= [a-z]+ing\b)(?! (?:injection|dosing|injecting))/g, "i am"],
    [/\bive\b/g, "i have"],
    [/\b(dont|doesnt|didnt|isnt|wasnt|arent|werent|couldnt|wouldnt|shouldnt|havent|hasnt|hadnt)\b/g, (w: string) => w.slice(0, -2) + " not"],
    [/\bcant\b/g, "can not"],
    [/\bwont\b/g, "will not"],
    [/\b(what|how|where|who|that|there|it)s\b(?= (?:a|an|the|my|his|her|their|your|going|happening|wrong|best|easiest|he|she|it|this|that|up|on|in|not|so|just|really|very|too|enough|\w+ing)\b)/g, "$1 is"],
    [/\bwanna\b/g, "want to"],
    [/\bgonna\b/g, "going to"],
    [/\bgotta\b/g, "got to"],
    [/\bu\b/g, "you"],
    [/\bur\b/g, "your"],
    [/\brn\s*$/g, "right now"],
    [/\brn(?= (?:and|but|please|pls|help|what|i|my)\b)/g, "right now"],
    [/\bkms\b/g, "kill myself"],
    [/\bkys\b/g, "kill yourself"],
    [/\bunalive\b/g, "kill"],
    [/\bod(?:'?d|'?ed)\b/g, "overdosed"],
    [/\bod(?:'?ing)\b/g, "overdosing"],
    [/\bod\b/g, "overdose"],
    [/\bmy ?self\b/g, "myself"],
    [/\bco ?workers?\b/g, (w: string) => (w.endsWith("s") ? "coworkers" : "coworker")],
]);

/**
 * Common crisis and emergency phrases in other languages people mix into English (Spanish, French, Portuguese,
 * German), mapped to English so the same rules apply: "mi madre tiene dolor de pecho ... no puede respirar".
 * Only whole phrases with one clear meaning are listed; this is a safety net, not translation.
 */
const OTHER_LANGUAGES: [RegExp, string][] = prefilteredPairs([
    [/\b(?:quiero|me quiero) morir(?:me)?\b|\bje veux mourir\b|\bquero morrer\b|\bich will sterben\b/g, "i want to die"],
    // "quiero matar" alone is not enough: "quiero matar los piojos de mi hija" (the lice in my daughter's hair).
    [/\bme quiero (?:matar|suicidar)(?:me)?\b|\bquiero (?:matarme|suicidarme)\b|\bje veux me (?:tuer|suicider)\b|\bquero me matar\b|\bich will mich umbringen\b/g, "i want to kill myself"],
    // Breathing badly through the nose (a blocked nose), or not well: not someone who has stopped breathing.
    [/\b(?:no (?:respira|puede respirar|puedo respirar)(?: bien)? por la nariz|ne (?:respire|peut pas respirer|peux pas respirer) (?:pas |plus )?(?:bien )?par le nez|nao (?:respira|consegue respirar)(?: bem)? pelo nariz)\b/g, "has a blocked nose"],
    [/\b(?:no (?:respira|puede respirar|puedo respirar) bien|ne (?:respire|peut|peux) pas bien(?: respirer)?|nao (?:respira|consegue respirar|consigo respirar) bem|atmet nicht gut)\b/g, "is having trouble breathing"],
    [/\b(?:tengo (?:dificultad|dificultades) para respirar|me cuesta respirar|j ai (?:du mal|de la difficulte) a respirer|tenho dificuldade (?:para|de|em) respirar)\b/g, "i am having trouble breathing"],
    [/\b(?:tiene (?:dificultad|dificultades) para respirar|le cuesta respirar|a (?:du mal|de la difficulte) a respirer|tem dificuldade (?:para|de|em) respirar)\b/g, "is having trouble breathing"],
    [/\b(?:no (?:puede|puedo) respirar|(?:il|elle) ne (?:peut|respire) (?:pas|plus)(?: respirer)?|je ne peux pas respirer|nao (?:consegue|consigo) respirar|kann nicht atmen)\b(?: bien)?/g, "can not breathe"],
    [/\b(?:no respira|ne respire (?:pas|plus)|nao (?:esta )?respira(?:ndo)?|atmet nicht)\b/g, "is not breathing"],
    [/\b(?:dolor (?:de|en el) pecho|douleur (?:a la|thoracique|dans la) ?(?:poitrine)?|dor no peito|brustschmerzen)\b/g, "chest pain"],
    [/\b(?:ahora mismo|en este momento|maintenant|tout de suite|agora mesmo|jetzt gerade)\b/g, "right now"],
    // "what to do if": a question about a possible situation, as the English rules read it.
    [/\b(?:que (?:hacer|hago|hacemos|debo hacer)|que faire|que dois je faire|o que fazer) (?:si|se)\b/g, "what to do if"],
    [/\b(?:se desmayo|no responde|inconsciente|s est evanoui|ne repond (?:pas|plus)|desmaiou|bewusstlos)\b/g, "is unresponsive"],
    [/\b(?:convulsionando|convulsiones|convulse|convulsao|krampfanfall)\b/g, "is seizing"],
    [/\b(?:mi|ma|mon|minha|meu|mein|meine) (madre|mere|mae|mutter|mama)\b/g, "my mother"],
    [/\b(?:mi|mon|meu|mein) (padre|pere|pai|vater|papa)\b/g, "my father"],
    [/\b(?:mi|mon|ma|meu|minha|mein|meine) (hijo|hija|fils|fille|filho|filha|sohn|tochter|bebe|nino|nina|enfant)\b/g, "my child"],
    [/\b(?:mi|mon|ma|meu|minha|mein|meine) (esposo|esposa|marido|mujer|mari|femme|mulher|mann|frau)\b/g, "my spouse"],
]);

/**
 * Lower case without accents or zero-width characters, with disguises undone (deobfuscate.ts): look-alike letters,
 * leetspeak, spaced-out letters. Every script is kept; `normalize` then keeps the Latin words the rules read.
 */
function undisguised(text: string): string {
    return undisguisedForms(text).undisguised;
}

/** The undisguised text, and the same with leetspeak left as typed (null when there was none to decode). */
function undisguisedForms(text: string): {undisguised: string; asTyped: string | null} {
    const t = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "").toLowerCase();
    const letters = foldHomoglyphs(foldLatinLetters(t));
    const decoded = decodeLeet(letters);
    return {undisguised: joinSpacedLetters(decoded), asTyped: decoded === letters ? null : joinSpacedLetters(letters)};
}

/** Lower-cases, folds accents and typographic quotes, expands contractions, keeps sentence breaks as " . ". */
export function normalize(text: string): string {
    return normalizeUndisguised(undisguised(text));
}

function normalizeUndisguised(undisguisedText: string): string {
    let t = undisguisedText;
    t = t.replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'").replace(/[\u201c\u201d\u00ab\u00bb]/g, "\"");
    for (const [re, by] of CONTRACTIONS) t = t.replace(re, by);
    for (const [re, by] of INFORMAL) t = typeof by === "string" ? t.replace(re, by) : t.replace(re, by);
    // Sentence breaks: terminators followed by space/end, line breaks, semicolons, dashes used as breaks.
    // (A run of terminators is matched from its first character only: "!!!!…" tried from every position is quadratic.)
    t = t.replace(/(?:(?<![.!?])[.!?]+(?=\s|$|["')])|[;\n\r]+|\s[-\u2013\u2014]+\s|\u2014)/g, " . ");
    // Everything that is not a word character, a digit, a slash or a sentence mark becomes a space.
    t = t.replace(/[^a-z0-9/.%+ ]+/g, " ").replace(/(\d)\.(\d)/g, "$1\u00b7$2").replace(/\.(?! )/g, " ").replace(/\u00b7/g, ".");
    t = t.replace(/\s+/g, " ");
    for (const [re, by] of OTHER_LANGUAGES) t = t.replace(re, by);
    return t.trim();
}

/** Verbs that introduce what someone else said or wrote. */
const REPORTING = prefiltered(/\b(\w+) (?:(?!you )\w+ )?(?:says|said|saying|told me|tells me|telling me|stated|states|reports|reported|reporting|endorses|endorsed|admits|admitted|wrote|writes|texted|messaged|posted|screamed|yelled|shouted|threatened|threatens|mentioned|mentions|disclosed|discloses|expressed|expresses|keeps saying|kept saying)\b(?! (?:my )?(?:goodbye|goodbyes|bye|farewell|sorry|thanks|thank you)\b)/);

function cutReportedSpeech(sentence: string): string {
    const m = REPORTING.exec(sentence);
    if (!m) return sentence;
    // "I told my therapist I want to die" is the writer's own statement: keep it.
    if (m[1] === "i" || m[1] === "we" || m[1] === "you") return sentence;
    const head = sentence.slice(0, m.index + m[0].length);
    // "the doctor said it is fine but i want to die": the writer speaks again after "but i".
    const resumed = /\b(?:but|and|so|yet|although|though) (i [\s\S]*)/.exec(sentence.slice(head.length));
    return resumed ? `${head} . ${resumed[1]}` : head;
}

/** See AnalyzedText.folded. */
export function foldText(text: string): string {
    return foldUndisguised(undisguised(text));
}

function foldUndisguised(undisguisedText: string): string {
    return foldArabic(undisguisedText).replace(/[^\p{L}\p{N}\p{M}]+/gu, " ").trim();
}

/** A sentence end in any script the policy reads: . ! ? ; ؟ ؛ ۔ । and line breaks. */
// (A run of marks is matched from its first one only: "!!!!…" tried from every position would be quadratic.)
const SENTENCE_END = /(?<![.!?;\u061F\u061B\u06D4\u0964\u0965])[.!?;\u061F\u061B\u06D4\u0964\u0965]+(?=\s|$)|[\n\r]+/;

/**
 * The message's sentences, each folded as `folded` and `foldedAsTyped` are (empty ones left out): for exclusions that
 * hold only where they are written ("si...", "el año pasado...": a question about what could happen or what did
 * happen), so that one such sentence does not silence a crisis in the next.
 */
export function foldedSentences(text: string): {folded: string[]; asTyped: string[]} {
    const folded: string[] = [];
    const asTyped: string[] = [];
    for (const sentence of text.split(SENTENCE_END)) {
        const {undisguised: u, asTyped: typed} = undisguisedForms(sentence);
        const f = foldUndisguised(u);
        if (f.length === 0) continue;
        folded.push(f);
        asTyped.push(typed === null ? f : foldUndisguised(typed));
    }
    return {folded, asTyped};
}

export function analyze(text: string): AnalyzedText {
    // Disguises are undone once, for both forms.
    const {undisguised: u, asTyped} = undisguisedForms(text);
    const norm = normalizeUndisguised(u);
    const folded = foldUndisguised(u);
    const foldedAsTyped = asTyped === null ? folded : foldUndisguised(asTyped);
    const sentences = norm.split(" . ").map((s) => s.replace(/^\.\s*|(?<!\s)\s*\.$/g, "").trim()).filter((s) => s.length > 0);
    return {raw: text, norm, folded, foldedAsTyped, sentences, ownSentences: sentences.map(cutReportedSpeech)};
}
