/**
 * National and health ID numbers of the regions Med42 serves (UAE Emirates ID, Saudi national ID/Iqama, India
 * Aadhaar, UK NHS number, France NIR, Spain DNI/NIE). A bare number is an identifier only when its check digit is
 * right (Luhn, Verhoeff, modulus 11, mod 97, mod 23), so doses, dates, lab values and most phone numbers are not;
 * the formats without a usable check (a Saudi ID, an ungrouped Aadhaar) count only next to their label. The patterns
 * are small and linear (each is checked by recheck); the checks are code, not regex.
 */
import {prefiltered} from "./prefilter/prefilteredRegExp";

/** A found number: where it is in the text. */
export interface NationalIdSpan { start: number; end: number }

function digitsOf(s: string): number[] {
    return [...s.replace(/\D/g, "")].map(Number);
}

/** Luhn (Emirates ID): from the right, every second digit doubled (minus 9 over 9); the sum is a multiple of 10. */
export function luhnValid(digits: string): boolean {
    const d = digitsOf(digits);
    let sum = 0;
    for (let i = 0; i < d.length; i++) {
        let v = d[d.length - 1 - i];
        if (i % 2 === 1) { v *= 2; if (v > 9) v -= 9; }
        sum += v;
    }
    return d.length > 0 && sum % 10 === 0;
}

const VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Verhoeff (Aadhaar's last digit): catches every single-digit error and every swap of neighbours. */
export function verhoeffValid(digits: string): boolean {
    const d = digitsOf(digits).reverse();
    let c = 0;
    for (let i = 0; i < d.length; i++) c = VERHOEFF_D[c][VERHOEFF_P[i % 8][d[i]]];
    return d.length > 0 && c === 0;
}

/** NHS number: weights 10..2 on the first nine digits; 11 − (sum mod 11) is the tenth (11 → 0, 10 → never issued). */
export function nhsValid(digits: string): boolean {
    const d = digitsOf(digits);
    if (d.length !== 10) return false;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += d[i] * (10 - i);
    const check = 11 - (sum % 11);
    return check !== 10 && (check === 11 ? 0 : check) === d[9];
}

/** France NIR: the key is 97 − (the 13 digits mod 97); Corsica's departments 2A and 2B count as 19 and 18. */
export function nirValid(nir: string): boolean {
    const compact = nir.replace(/\s/g, "").toUpperCase();
    if (!/^[12]\d{4}(?:\d{2}|2A|2B)\d{8}$/.test(compact)) return false;
    const body = compact.slice(0, 13).replace("2A", "19").replace("2B", "18");
    const key = Number(compact.slice(13));
    let rest = 0;
    for (const ch of body) rest = (rest * 10 + Number(ch)) % 97;
    return key === 97 - rest;
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/** Spain DNI (8 digits) and NIE (X/Y/Z as 0/1/2, then 7 digits): the letter is the number mod 23 in a fixed table. */
export function dniNieValid(id: string): boolean {
    const compact = id.replace(/[\s-]/g, "").toUpperCase();
    const m = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(compact);
    if (!m || m[1].length + m[2].length !== 8) return false;
    const number = Number((m[1] ? String("XYZ".indexOf(m[1])) : "") + m[2]);
    return DNI_LETTERS[number % 23] === m[3];
}

const EMIRATES_ID = prefiltered(/(?<![\d-])784[- ]?(?:19|20)\d{2}[- ]?\d{7}[- ]?\d(?![\d-])/g);
/**
 * A Saudi national ID or iqama number after its label. The Arabic labels take their article and pronoun forms ("هويته",
 * "الإقامة", "السجل المدني") and up to two words between label and number, as staff write them ("هوية المريض
 * 1023456789", "رقم هويتها للمريضة ..."): Arabic puts the owner after the label.
 */
const SAUDI_ID_LABELED = prefiltered(/(?:\b(?:national ID|saudi ID|resident ID|ID|iqama)(?: (?:number|no\.?|#))?|(?:رقم )?(?:ال)?(?:هوي(?:ة|ه|ته|تها|تي)|[إا]قام(?:ة|ه|ته|تها|تي)|سجل المدني|سجل مدني)(?: [\u0621-\u064a]{2,12}){0,2})\s*(?:(?:is|:|#|=|-)\s*)?([12]\d{9})(?!\d)/gi);
const AADHAAR_GROUPED = prefiltered(/(?<![\d-])[2-9]\d{3}[ -]\d{4}[ -]\d{4}(?![\d-])/g);
const AADHAAR_LABELED = prefiltered(/(?:\b(?:aadhaa?r(?: (?:number|no\.?|card|#))?|UIDAI|UID)|आधार)\s*(?:(?:is|:|#|=|-)\s*)?([2-9]\d{3}[ -]?\d{4}[ -]?\d{4})(?![\d-])/gi);
const NHS_GROUPED = prefiltered(/(?<![\d-])\d{3} \d{3} \d{4}(?![\d-])/g);
const NHS_LABELED = prefiltered(/\bNHS(?: (?:number|no\.?|#))?\s*(?:(?:is|:|#|=|-)\s*)?(\d{3}[ -]?\d{3}[ -]?\d{4})(?![\d-])/gi);
const NIR = prefiltered(/(?<![\dA-Za-z])[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}(?![\d])/gi);
const DNI = prefiltered(/(?<![\dA-Za-z-])\d{8}-?[A-Z](?![\dA-Za-z])/gi);
const NIE = prefiltered(/(?<![\dA-Za-z-])[XYZ]-?\d{7}-?[A-Z](?![\dA-Za-z])/gi);

function scan(g: RegExp, text: string, out: NationalIdSpan[], keep: (value: string) => boolean, group = 0): void {
    g.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = g.exec(text)) !== null) {
        const value = m[group];
        if (value && keep(value)) {
            const start = m.index + m[0].length - value.length;
            out.push({start, end: start + value.length});
        }
        if (m[0].length === 0) g.lastIndex++;
    }
}

/** Every national or health ID number in `text` (possibly overlapping; the caller resolves overlaps). */
export function findNationalIds(text: string): NationalIdSpan[] {
    const out: NationalIdSpan[] = [];
    const any = () => true;
    scan(EMIRATES_ID, text, out, luhnValid);
    scan(SAUDI_ID_LABELED, text, out, any, 1);
    scan(AADHAAR_GROUPED, text, out, verhoeffValid);
    scan(AADHAAR_LABELED, text, out, any, 1);
    scan(NHS_GROUPED, text, out, nhsValid);
    scan(NHS_LABELED, text, out, any, 1);
    scan(NIR, text, out, nirValid);
    scan(DNI, text, out, dniNieValid);
    scan(NIE, text, out, dniNieValid);
    return out;
}
