/**
 * What the user sees instead of a model answer: escalations lead with the emergency number or crisis line;
 * refusals say briefly why and what to ask instead; the PHI message names the kinds of identifier, never the values.
 */
import type {PhiSpan, PolicyCategory} from "./types";
import {describeKinds, NOTICES, type PolicyNotices} from "./noticeTranslations";
import type {CrisisResources} from "./defaultPolicy";

export type MessageOverrides = Partial<Record<PolicyCategory, string>>;

/** "Numbers for: United Arab Emirates." in each language with translations (country names from Intl). */
const PLACE_LINE: Readonly<Record<string, (country: string) => string>> = {
    en: (c) => `Numbers for: ${c}.`,
    ar: (c) => `هذه الأرقام خاصة بـ: ${c}.`,
    es: (c) => `Números para: ${c}.`,
    fr: (c) => `Numéros pour : ${c}.`,
    hi: (c) => `ये नंबर इस देश के हैं: ${c}।`,
    ur: (c) => `یہ نمبر اس ملک کے ہیں: ${c}۔`,
};

/** placeLine's results by locale and language: Intl's country names are looked up once per process. */
const placeLines = new Map<string, string | undefined>();

/**
 * The line under the resources that says whose numbers they are, in the message's language (English where there is
 * no translation); undefined for a locale without a country ("en").
 */
export function placeLine(locale: string, language: string): string | undefined {
    const key = `${locale} ${language}`;
    if (!placeLines.has(key)) placeLines.set(key, lookUpPlaceLine(locale, language));
    return placeLines.get(key);
}

function lookUpPlaceLine(locale: string, language: string): string | undefined {
    const region = locale.split("-")[1];
    if (!region) return undefined;
    const line = PLACE_LINE[language] ?? PLACE_LINE.en;
    let country: string | undefined;
    try {
        country = new Intl.DisplayNames([PLACE_LINE[language] ? language : "en"], {type: "region"}).of(region);
    } catch {
        country = undefined;
    }
    return line(country ?? region);
}

/** The resources for a category, with the line saying whose they are. */
export function resourcesFor(category: "emergency" | "self_harm", resources: CrisisResources, place: string | undefined): string {
    const numbers = category === "emergency" ? resources.emergency : resources.crisis;
    return place ? `${numbers}\n${place}` : numbers;
}

export function escalationMessage(category: "emergency" | "self_harm", resources: CrisisResources, overrides: MessageOverrides, place?: string): string {
    if (category === "emergency") {
        return `${resourcesFor("emergency", resources, place)}\n\n${overrides.emergency ?? "This sounds like a medical emergency happening now. " +
            "Get help from emergency services and the people around you first; an AI assistant cannot help in an emergency."}`;
    }
    return `${resourcesFor("self_harm", resources, place)}\n\n${overrides.self_harm ?? "It sounds like you are going through something very painful, " +
        "and you deserve support right now. Trained counselors are available any time, day or night. If you can, reach out " +
        "to someone you trust and stay with them, and keep away from anything you could use to hurt yourself."}`;
}

const REFUSALS: Record<"harm_to_others" | "drug_misuse" | "out_of_scope", string> = {
    harm_to_others: "I can't help with harming, poisoning or incapacitating anyone, tampering with someone's care, or " +
        "making weapons or toxins. I can help with the clinical side instead: how a poisoning or injury presents and is " +
        "treated, antidotes, toxicology, or how to keep patients safe. If someone is in danger now, contact emergency services.",
    drug_misuse: "I can't help with getting controlled drugs without a prescription, forging or altering prescriptions, " +
        "diverting medicines, using drugs to get high, or beating drug tests. I can help with safe dosing, side effects " +
        "and interactions, how drug testing works clinically, and treatment for substance use (including naloxone and " +
        "where to find help).",
    out_of_scope: "Med42 answers medical, clinical and health-data questions only, so this one is outside what it can " +
        "help with. Try a question about a condition, a medicine, a test result, a guideline, or health-data programming.",
};

export function refusalMessage(category: "harm_to_others" | "drug_misuse" | "out_of_scope", overrides: MessageOverrides): string {
    return overrides[category] ?? REFUSALS[category];
}

/** The identifier refusal in a channel: the kinds found (never the values), then what to do. */
export function phiRefusalMessage(spans: readonly PhiSpan[], notices: PolicyNotices = NOTICES.en): string {
    return `${notices.phiFound(describeKinds(spans.map((s) => s.type), notices))} ${notices.phi}`;
}

/** The notice with an answer in a direct message: the kinds found, and that the question may not need them. */
export function phiNotice(spans: readonly PhiSpan[], notices: PolicyNotices = NOTICES.en): string {
    return notices.phiNotice(describeKinds(spans.map((s) => s.type), notices));
}

export const BLOCKED_TERM_MESSAGE = NOTICES.en.blockedTerm;

/** Shown with an answer whose conversation's previous message was left out (the "answer the previous question" case). */
export const PREVIOUS_TURN_LEFT_OUT_NOTICE = NOTICES.en.previousTurnLeftOut;

/** Shown with a summary of a conversation from which requests for harm were left out. */
export function withheldMessagesNotice(count: number): string {
    return NOTICES.en.messagesWithheld(count);
}
