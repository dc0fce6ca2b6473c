/**
 * The built-in policy: the disclaimer, crisis and emergency resources for a few locales, and which categories apply
 * on which surface. An institution's policy file (policyConfig.ts) overrides any of it.
 */
import type {Surface} from "../types";
import type {Disclaimer} from "./types";

export const DEFAULT_DISCLAIMER: Disclaimer = {
    text: "Med42 is not ready for clinical use: its answers may be incorrect, incomplete or harmful. Do not use them for " +
        "diagnosis or treatment decisions; verify with authoritative sources and your own clinical judgement.",
    markdown: "_**Not for clinical use.** Med42 is not ready for clinical use: its answers may be incorrect, incomplete or " +
        "harmful. Do not use them for diagnosis or treatment decisions; verify with authoritative sources and your own " +
        "clinical judgement._",
};

export interface CrisisResources {
    emergency: string;
    crisis: string;
}

export const DEFAULT_LOCALE = "en-US";

export const DEFAULT_RESOURCES: Readonly<Record<string, CrisisResources>> = {
    "en-US": {
        emergency: "Call 911 now (or your local emergency number). For a possible poisoning, call Poison Control at 1-800-222-1222.",
        crisis: "Call or text 988 (988 Suicide & Crisis Lifeline, US, free, 24/7) or chat at 988lifeline.org. If you are in immediate danger, call 911.",
    },
    "en-CA": {
        emergency: "Call 911 now (or your local emergency number). For a possible poisoning, call your provincial poison centre.",
        crisis: "Call or text 9-8-8 (Suicide Crisis Helpline, Canada, free, 24/7). If you are in immediate danger, call 911.",
    },
    "en-GB": {
        emergency: "Call 999 now (or 112). For urgent advice that is not life-threatening, call NHS 111.",
        crisis: "Call Samaritans on 116 123 (free, 24/7) or text SHOUT to 85258. If you are in immediate danger, call 999.",
    },
    "en-AU": {
        emergency: "Call 000 now. For a possible poisoning, call the Poisons Information Centre on 13 11 26.",
        crisis: "Call Lifeline on 13 11 14 (24/7) or text 0477 13 11 14. If you are in immediate danger, call 000.",
    },
    "en-IE": {
        emergency: "Call 112 or 999 now.",
        crisis: "Call Samaritans on 116 123 (free, 24/7) or text HELLO to 50808. If you are in immediate danger, call 112.",
    },
};

/** Which resources are in force, and why (shown by front ends, e.g. the VS Code view). */
export interface ResourceLocale {
    /** The locale whose resources are used, e.g. "en-GB". */
    locale: string;
    /** The user's locale as asked for (a front end's setting or display language), when one was given. */
    requested?: string;
    /** requested: it (or its language) has resources; policy-file: the policy file's locale; default: en-US. */
    from: "requested" | "policy-file" | "default";
}

/** "en-gb" → "en-GB", "pt_BR" → "pt-BR", "zh-Hant-TW" → "zh-TW"; the language alone when no region. */
export function canonicalLocale(tag: string): string {
    const parts = tag.trim().replace(/_/g, "-").split("-").filter(Boolean);
    const language = (parts[0] ?? "").toLowerCase();
    const region = parts.slice(1).find((p) => /^[a-z]{2}$/i.test(p));
    return region ? `${language}-${region.toUpperCase()}` : language;
}

/**
 * The resources' locale: the requested locale when there are resources for it; a requested language without a
 * region (VS Code's display language is "en", "fr", "pt-br"…) or with a region that has none takes the policy file's
 * locale, then en-US, when they are of the same language, else the first locale of that language; otherwise the
 * policy file's locale, else en-US.
 */
export function resolveResourceLocale(requested: string | undefined, policyLocale: string | undefined, available: readonly string[]): ResourceLocale {
    const fallback: ResourceLocale = policyLocale && available.includes(policyLocale) ? {locale: policyLocale, from: "policy-file"}
        : {locale: DEFAULT_LOCALE, from: "default"};
    if (!requested?.trim()) return fallback;
    const wanted = canonicalLocale(requested);
    const asked = {requested: requested.trim()};
    if (available.includes(wanted)) return {locale: wanted, from: "requested", ...asked};
    const language = wanted.split("-")[0];
    const sameLanguage = [policyLocale, DEFAULT_LOCALE, ...available].find((l) => l && available.includes(l) && l.split("-")[0] === language);
    if (sameLanguage) return {locale: sameLanguage, from: sameLanguage === policyLocale ? "policy-file" : "requested", ...asked};
    return {...fallback, ...asked};
}

export type PhiMode = "refuse" | "notice" | "ignore";

/** Identifiers are refused in channels (many readers), noted in DMs, and fine locally. */
export const DEFAULT_PHI_MODE: Readonly<Record<Surface, PhiMode>> = {
    "vscode": "ignore", "cli": "ignore", "slack-dm": "notice", "slack-channel": "refuse",
};
