/**
 * PHI guard: finds HIPAA Safe Harbor identifiers with their character spans, and replaces them with typed
 * placeholders ("[NAME]", "[MRN]"). Each identifier is found in the context that makes it one: a number next to its
 * label (MRN, member ID, account), a date next to a birth/admission word, a capitalised name next to a patient label
 * or a common given name. Eponyms and drug names, guideline dates, ages under 90 and phone extensions are not
 * identifiers.
 */
import type {PhiSpan, PhiType} from "./types";
import {findNationalIds} from "./phiNationalIds";
import {findLocalIdentifiers} from "./phiOtherLanguages";
import {eachMatch as each} from "./eachMatch";
import {describeKinds, NOTICES} from "./noticeTranslations";
import {EPONYM_FOLLOWERS, EPONYMS, GIVEN_NAMES, NOT_NAMES, PUBLIC_DOMAINS, US_STATES} from "./phiLexicon";
import {PrefilteredRegExp, prefiltered} from "./prefilter/prefilteredRegExp";

export const PHI_PLACEHOLDERS: Readonly<Record<PhiType, string>> = {
    name: "[NAME]", mrn: "[MRN]", ssn: "[SSN]", health_plan: "[HEALTH_PLAN_ID]", account: "[ACCOUNT]", phone: "[PHONE]",
    fax: "[FAX]", email: "[EMAIL]", address: "[ADDRESS]", zip: "[ZIP]", date: "[DATE]", age: "[AGE_90+]", url: "[URL]", ip: "[IP]",
    national_id: "[NATIONAL_ID]",
};

/** Human words for each kind, for messages that name what was found (never the values); other languages: noticeTranslations.ts. */
export const PHI_LABELS: Readonly<Record<PhiType, string>> = NOTICES.en.phiKinds;

export interface PhiOptions {
    /** Terms never treated as identifiers (institution names, local system names), case-insensitive. */
    allowedTerms?: readonly string[];
}

const MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{4}-\\d{1,2}-\\d{1,2}|${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}\\.?(?:,? \\d{4})?)`;
const DATE_RE = new PrefilteredRegExp(DATE, "i");
const DATE_AFTER_NAME = new PrefilteredRegExp(`^(?:[\\s,(]*(?:DOB|born))?[\\s:,(]*(${DATE})`, "i");
const PERSON_DATE_KEYWORDS = "(?:DOB|D\\.O\\.B\\.?|date of birth|birth ?date|born(?: on)?|birthday(?: is)?|b\\.|admitted(?: on)?|admission(?: date)?(?: on| of)?|admit date|adm\\.?|discharged(?: on)?|discharge date|date of death|DOD|died(?: on)?|deceased(?: on)?|passed away(?: on)?|expired(?: on)?|seen(?: in clinic)?(?: on)?|last seen(?: on)?|visit(?:ed)?(?: on)?|surgery(?: on| date)?|procedure(?: on| date)?|operated(?: on)?|delivered(?: on)?|date of service|DOS|transferred(?: on)?|presented(?: on)?|injured(?: on)?|accident(?: on)?|DOI|date of injury|appointment(?: on)?|scheduled(?: for)?)";
const PERSON_DATE_RE = new PrefilteredRegExp(`\\b${PERSON_DATE_KEYWORDS}\\s*(?:is|was|:|-|=|of)?\\s*\\(?(${DATE})`, "gi");

interface Found { type: PhiType; start: number; end: number }

/** Records group `group` of a match (the value after its label) as an identifier span. */
function addGroup(out: Found[], type: PhiType, m: RegExpExecArray, group = 1): void {
    const value = m[group];
    if (!value) return;
    const start = m.index + m[0].lastIndexOf(value);
    out.push({type, start, end: start + value.length});
}


// Both start only where a run of their characters starts (a host after the run's leading dashes, which the callback
// leaves out): tried from every position inside a long run ("a-a-a-...") they would scan the rest of the run again
// each time, quadratic in its length. A later start in the same run cannot match where the first did not.
const EMAIL = prefiltered(/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g);
const URL_RE = prefiltered(/\b(?:https?:\/\/|www\.)[^\s<>"'()[\]]+|(?<![a-z0-9-])-*\b[a-z0-9][a-z0-9-]*\.(?:com|net|org|io|me|co|info|biz|us)\/[^\s<>"'()[\]]+/gi);
const IP = prefiltered(/\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g);
const IPV6 = prefiltered(/\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b/gi);
const SSN_PLAIN = prefiltered(/(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g);
const SSN_LABELED = prefiltered(/\b(?:SSN|SS#|social security(?: number| no\.?| #)?)\s*(?:(?:is|was|:|#|-)\s*)?(\d{3}[- ]?\d{2}[- ]?\d{4})\b/gi);
const MRN = prefiltered(/\b(?:MRN|MR#|MR no\.?|medical record(?: number| no\.?| #)?|record (?:number|no\.?|#)|chart (?:number|no\.?|#)|patient (?:id|identifier|number|no\.?|#)|pt (?:id|#)|hospital (?:number|no\.?|#|id)|encounter (?:number|id|#)|visit (?:number|id|#)|CSN|FIN|NHS (?:number|no\.?)|UR number|URN)\s*(?:(?:is|was|:|#|=|-)\s*)?(?:#\s*)?([A-Z]{0,3}-?\d[\d-]{3,}[A-Z]?)\b/gi);
const HEALTH_PLAN = prefiltered(/\b(?:member|subscriber|policy|insurance|insurer|medicare|medicaid|health plan|plan|group|beneficiary|MBI|HICN|BCBS|Aetna|Cigna|UHC|Humana|Kaiser)\s*(?:id|number|no\.?|#|num)\s*(?:(?:is|was|:|#|=)\s*)?([A-Z0-9][A-Z0-9-]{4,})/gi);
const ACCOUNT = prefiltered(/\b(?:account|acct|billing|invoice|claim)\s*(?:(?:number|no\.?|#|num|id)\s*)?(?:(?:is|was|:|#|=)\s*)?([A-Z0-9-]*\d[A-Z0-9-]{3,})/gi);
const PHONE = prefiltered(/(?<![\d-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d-])/g);
const PHONE_INTL = prefiltered(/(?<![\d])\+\d{1,3}[\s.-]?\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?![\d])/g);
const PHONE_LOCAL = prefiltered(/\b(?:call|phone|cell|mobile|tel|telephone|number|reach (?:him|her|them|me) at|text|contact)\b[^\d\n]{0,12}(\d{3}[-.]\d{4})\b/gi);
const STREET_SUFFIX = "(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Square|Sq|Trail|Trl|Loop|Row|Crescent|Close|Grove|Pike|Alley)";
const ADDRESS = new PrefilteredRegExp(`\\b\\d{1,6}\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Z][a-zA-Z]+\\.?\\s+){1,3}${STREET_SUFFIX}\\b\\.?(?:,?\\s+(?:Apt|Apartment|Unit|Suite|Ste|#)\\.?\\s*[A-Za-z0-9-]+)?(?:,?\\s+[A-Z][a-z]+(?:\\s[A-Z][a-z]+)?(?=,?\\s+[A-Z]{2}\\b))?`, "g");
const ADDRESS_NO_NUMBER = new PrefilteredRegExp(`\\b(?:lives?|living|resides?|residing|staying|home is)\\s+(?:on|at|in)\\s+((?:[A-Z][a-z]+\\s+){1,3}${STREET_SUFFIX})\\b`, "g");
const PO_BOX = prefiltered(/\bP\.?\s?O\.?\s+Box\s+\d+/gi);
const ZIP_STATE = prefiltered(/\b([A-Z]{2}),?\s+(\d{5}(?:-\d{4})?)\b/g);
const ZIP_LABELED = prefiltered(/\b(?:zip|zip code|zipcode|postal code|postcode)\s*(?:(?:is|:|#)\s*)?(\d{5}(?:-\d{4})?)\b/gi);
const AGE_UNIT = prefiltered(/\b(?:aged?\s*(?::\s*)?)?(9\d|1[01]\d)(?:\s*(?:-\s*)?(?:years?[- ]old|yrs?[- ]old|year-old|yo|y\/o|y\.o\.?|yr|yrs)\b|\s?(?:M|F)\b)/g);
const AGE_LABELED = prefiltered(/\bage[sd]?\s*(?:(?::|of|is|was)\s*)?(9\d|1[01]\d)\b/gi);
const TEMPERATURE_BEFORE = /(?:temp|temperature|fever|febrile|°|deg)\w{0,12}\W{0,3}(?:(?:was|is|of|at|up to|to|reached|peaked at)\W{1,3})?$/i;

const NAME_LABEL = prefiltered(/(?:\b(?:[Pp]atient|[Pp]t\.?|PT|[Rr]esident|[Cc]lient|Mrs?\.?|Ms\.?|Mx\.?|Miss|Mister|[Nn]amed|[Nn]ame\s+is|[Nn]ame:|[Cc]alled|[Ss]urname|[Ll]ast name|[Ff]irst name))\s+([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})/g);
/** Two capitalised words; the second is a lookahead so "Is Deborah Klein" still yields "Deborah Klein". */
const CAPITALISED_PAIR = prefiltered(/\b([A-Z][a-z]+)(?=(\s+)((?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b)/g);
const NAME_BEFORE_IDENTIFIER = prefiltered(/\b([A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+(?:Mc|Mac|O['’])?[A-Z][a-z]+){1,2})(?=\s*(?:[(,]\s*)?(?:DOB|D\.O\.B|MRN|MR#|SSN|born|age[sd]?\s*\d|\d{1,3}\s?(?:y\/?o\b|yo\b|[MF]\b|-?year)))/g);
const GIVEN_ALONE = prefiltered(/\b([A-Z][a-z]+)(?=(?:['’]s\s+(?:labs?|MRI|CT|scan|results?|meds|medications?|chart|bed|room|vitals|wife|husband|mom|dad|daughter|son|family|biopsy|surgery|discharge)|\s+in\s+(?:bed|room)\s+\d|\s*\(\s*\d|,\s*(?:a\s+)?\d{1,3}\s?(?:yo|y\/o|[MF]\b|year)|\s+is\s+an?\s+\d{1,3}[- ](?:yo|y\/o|year)|\s+was\s+(?:admitted|discharged|transferred|seen)))/g);
const CLINICIAN_BEFORE = /(?:\b(?:Dr|Doctor|Nurse|NP|PA|RN|Prof|Professor|Pharmacist|Dietitian|Therapist|Surgeon|Midwife|Dr\.)\.?\s*)$/;

function isNameWord(word: string): boolean {
    const w = word.toLowerCase().replace(/['’]s$/, "");
    return !NOT_NAMES.has(w) && !EPONYMS.has(w);
}

function nameSpans(text: string, out: Found[], allowed: (s: string) => boolean): void {
    const push = (start: number, value: string) => {
        const words = value.split(/\s+/);
        // Trim label and trailing non-name words ("Pt Robert Haines", "Tom Has").
        while (words.length > 0 && !isNameWord(words[0])) {
            start += words[0].length + (value.slice(value.indexOf(words[0]) + words[0].length).match(/^\s*/)?.[0].length ?? 1);
            value = value.slice(value.indexOf(words[0]) + words[0].length).trimStart();
            words.shift();
        }
        while (words.length > 0 && !isNameWord(words[words.length - 1])) words.pop();
        if (words.length === 0) return;
        const v = words.join(" ");
        if (allowed(v)) return;
        if (CLINICIAN_BEFORE.test(text.slice(Math.max(0, start - 14), start))) return;
        if (EPONYM_FOLLOWERS.test(text.slice(start + v.length))) return;
        out.push({type: "name", start, end: start + v.length});
    };
    each(NAME_LABEL, text, (m) => push(m.index + m[0].length - m[1].length, m[1]));
    each(CAPITALISED_PAIR, text, (m) => {
        const [first, last] = [m[1].toLowerCase(), m[3].toLowerCase()];
        if (!GIVEN_NAMES.has(first) || EPONYMS.has(last) || NOT_NAMES.has(last) || GIVEN_NAMES.has(last) && EPONYMS.has(first)) return;
        const before = text.slice(Math.max(0, m.index - 20), m.index);
        if (/\b[A-Z][a-z]+[-\s]$/.test(before) && EPONYMS.has((/(?<![A-Za-z])([A-Za-z]+)[-\s]$/.exec(before)?.[1] ?? "").toLowerCase())) return;
        push(m.index, m[1] + m[2] + m[3]);
    });
    each(NAME_BEFORE_IDENTIFIER, text, (m) => push(m.index, m[1]));
    each(GIVEN_ALONE, text, (m) => { if (GIVEN_NAMES.has(m[1].toLowerCase())) push(m.index, m[1]); });
}

/** Arabic-Indic (٠-٩), Eastern Arabic-Indic/Persian (۰-۹) and Devanagari (०-९) digits. */
const NATIVE_DIGIT = /[\u0660-\u0669\u06F0-\u06F9\u0966-\u096F]/g;

/**
 * The text with every native digit written as its ASCII digit, so that an Emirates ID, a phone number or a date typed
 * in Arabic or Devanagari digits is found by the same patterns. Each of those digits is one UTF-16 unit, as is its
 * ASCII digit: the length and every offset stay the same, so spans found here are exact on the original text.
 */
export function asciiDigits(text: string): string {
    return text.replace(NATIVE_DIGIT, (d) => {
        const c = d.charCodeAt(0);
        return String(c - (c >= 0x0966 ? 0x0966 : c >= 0x06F0 ? 0x06F0 : 0x0660));
    });
}

/** Finds identifiers in `text`; spans never overlap and are sorted by position. */
export function detectPhi(original: string, options: PhiOptions = {}): PhiSpan[] {
    const text = asciiDigits(original);
    const allowedTerms = (options.allowedTerms ?? []).map((t) => t.toLowerCase()).filter((t) => t.length > 0);
    const allowed = (s: string) => allowedTerms.some((t) => s.toLowerCase().includes(t) || t.includes(s.toLowerCase()));
    const found: Found[] = [];

    // First, so that where a phone or MRN pattern finds the same span ("943 476 5919", "NHS number 9434765919")
    // the more specific kind is kept (overlaps keep the earliest, then longest, then first found).
    for (const id of findNationalIds(text)) found.push({type: "national_id", ...id});
    // Labels, phone shapes, ID numbers, dates, ages and names as written in Arabic, Spanish, French, Hindi and Urdu.
    found.push(...findLocalIdentifiers(text));
    each(EMAIL, text, (m) => found.push({type: "email", start: m.index, end: m.index + m[0].length}));
    each(URL_RE, text, (m) => {
        const lead = m[0].length - m[0].replace(/^-+/, "").length;
        const url = m[0].slice(lead).replace(/(?<![.,;:!?])[.,;:!?]+$/, "");
        const host = url.replace(/^https?:\/\//i, "").split(/[/?#:]/)[0].toLowerCase();
        if (PUBLIC_DOMAINS.test(host) || allowed(host)) return;
        found.push({type: "url", start: m.index + lead, end: m.index + lead + url.length});
    });
    each(IP, text, (m) => {
        if (/\b(?:v|version|ver)\.?\s*$/i.test(text.slice(Math.max(0, m.index - 9), m.index))) return;
        found.push({type: "ip", start: m.index, end: m.index + m[0].length});
    });
    each(IPV6, text, (m) => found.push({type: "ip", start: m.index, end: m.index + m[0].length}));
    each(SSN_LABELED, text, (m) => addGroup(found, "ssn", m));
    each(SSN_PLAIN, text, (m) => found.push({type: "ssn", start: m.index, end: m.index + m[0].length}));
    each(MRN, text, (m) => addGroup(found, "mrn", m));
    each(HEALTH_PLAN, text, (m) => { if (/\d/.test(m[1])) addGroup(found, "health_plan", m); });
    each(ACCOUNT, text, (m) => { if ((m[1].match(/\d/g) ?? []).length >= 4) addGroup(found, "account", m); });
    each(PHONE, text, (m) => {
        const fax = /\bfax\b[^\d\n]{0,12}$/i.test(text.slice(Math.max(0, m.index - 16), m.index));
        found.push({type: fax ? "fax" : "phone", start: m.index, end: m.index + m[0].length});
    });
    each(PHONE_INTL, text, (m) => found.push({type: "phone", start: m.index, end: m.index + m[0].length}));
    each(PHONE_LOCAL, text, (m) => {
        if (/\b(?:ext|extension|x)\.?\s*$/i.test(text.slice(m.index, m.index + m[0].length - m[1].length))) return;
        addGroup(found, /fax/i.test(m[0]) ? "fax" : "phone", m);
    });
    each(ADDRESS, text, (m) => found.push({type: "address", start: m.index, end: m.index + m[0].length}));
    each(ADDRESS_NO_NUMBER, text, (m) => addGroup(found, "address", m));
    each(PO_BOX, text, (m) => found.push({type: "address", start: m.index, end: m.index + m[0].length}));
    each(ZIP_STATE, text, (m) => { if (US_STATES.has(m[1])) addGroup(found, "zip", m, 2); });
    each(ZIP_LABELED, text, (m) => addGroup(found, "zip", m));
    each(PERSON_DATE_RE, text, (m) => addGroup(found, "date", m));
    each(AGE_UNIT, text, (m) => {
        if (TEMPERATURE_BEFORE.test(text.slice(Math.max(0, m.index - 14), m.index))) return;
        if (/^\d+\s?[MF]$/.test(m[0]) && /[\d.]\s*$/.test(text.slice(Math.max(0, m.index - 2), m.index))) return;
        found.push({type: "age", start: m.index, end: m.index + m[0].length});
    });
    each(AGE_LABELED, text, (m) => found.push({type: "age", start: m.index, end: m.index + m[0].length}));
    const names: Found[] = [];
    nameSpans(text, names, allowed);
    found.push(...names);
    // A full date right after a person's name is that person's date ("Linda Park (04/22/1975)").
    for (const n of names) {
        const after = text.slice(n.end, n.end + 30);
        const d = DATE_AFTER_NAME.exec(after);
        if (d && DATE_RE.test(d[1]) && /\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}/.test(d[1])) {
            const start = n.end + after.indexOf(d[1]);
            found.push({type: "date", start, end: start + d[1].length});
        }
    }
    return resolveOverlaps(found);
}

/** Keeps the earliest, then longest, span where spans overlap. */
function resolveOverlaps(found: Found[]): PhiSpan[] {
    found.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
    const out: PhiSpan[] = [];
    for (const f of found) {
        if (f.end <= f.start) continue;
        const last = out[out.length - 1];
        if (last && f.start < last.end) continue;
        out.push({type: f.type, start: f.start, end: f.end});
    }
    return out;
}

/** Replaces each identifier with its typed placeholder ("[NAME]", "[MRN]"). */
export function redactPhi(text: string, options: PhiOptions = {}): string {
    const spans = detectPhi(text, options);
    let out = "";
    let at = 0;
    for (const s of spans) {
        out += text.slice(at, s.start) + PHI_PLACEHOLDERS[s.type];
        at = s.end;
    }
    return out + text.slice(at);
}

/** The distinct kinds found, in a stable order, for messages ("a patient name and a medical record number"). */
export function describePhiKinds(spans: readonly PhiSpan[]): string {
    return describeKinds(spans.map((s) => s.type), NOTICES.en);
}
