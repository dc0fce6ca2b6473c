/**
 * Inputs built to make the policy's regular expressions backtrack: long runs the PHI patterns scan ("a-a-a-", issue
 * 11), labels followed by whitespace, repeated filler and negation words, terminators, one endless word, thousands of
 * short sentences (work done per sentence), sentences in Arabic and Devanagari script, and ordinary questions repeated (the
 * cost of honest text of the same size). Shared by the benchmark and the test that checks the
 * policy's decisions on them are unchanged by its speed-ups.
 */
export const ADVERSARIAL_UNITS: Readonly<Record<string, string>> = {
    "a-a-a-": "a-", "a.a.a.": "a.", "1-1-1-": "1-", "one word": "a", "spaces after a label": "account ", "!!!!": "!",
    "\"no chest pain\" repeated": "no chest pain ", "\"i am\" repeated": "i am ", "\"Dr.\" repeated": "Dr. ",
    "\"all the\" repeated": "no all the ",
    // Many short sentences: rules that re-read the whole message for every sentence took 14 s on "chest pain. "
    // before the fix (time quadratic in the length).
    "\"chest pain.\" repeated": "chest pain. ", "\"if i have chest pain.\" repeated": "if i have chest pain. ", "\"no.\" repeated": "no. ",
    "ordinary questions": "What are the first-line treatments for hypertension in adults? How is type 2 diabetes diagnosed? ",
    // Other scripts: the classifier reads their words too (scriptFeatures), work it never did before issue 15.
    "Arabic sentence repeated": "والدي سقط ولا يتنفس ",
    "Devanagari sentence repeated": "मेरे पिता बेहोश हैं ",
};

/** `unit` repeated to exactly `chars` characters. */
export function adversarialText(unit: string, chars: number): string {
    return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}
