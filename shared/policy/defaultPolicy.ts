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

/**
 * Emergency and crisis numbers per locale, in the locale's language. Each number is cited in docs/policy.md
 * ("Resources by place"); the first locale of a language is the one a bare language ("ar", "fr") gets.
 */
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
    "ar-AE": {
        emergency: "اتصل الآن بالرقم 998 (الإسعاف) أو 999 (الشرطة).",
        crisis: "اتصل بخط الدعم النفسي 800 4673 (800HOPE، مجاني، بالعربية والإنجليزية). إذا كنت في خطر مباشر، اتصل بالرقم 998 أو 999.",
    },
    "en-AE": {
        emergency: "Call 998 (ambulance) or 999 (police) now.",
        crisis: "Call the Mental Support Line on 800 4673 (800HOPE; free, Arabic and English). If you are in immediate danger, call 998 or 999.",
    },
    "ar-SA": {
        emergency: "اتصل الآن برقم الطوارئ الموحد 911 (أو 999)، أو بالهلال الأحمر السعودي على 997 للإسعاف.",
        crisis: "إذا كنت في خطر مباشر، اتصل بالرقم 911 أو 997 الآن، وتحدّث مع طبيب أو شخص تثق به.",
    },
    "en-SA": {
        emergency: "Call the unified emergency number 911 (or 999) now, or the Saudi Red Crescent on 997 for an ambulance.",
        crisis: "If you are in immediate danger, call 911 or 997 now, and talk to a doctor or someone you trust.",
    },
    "ar-EG": {
        emergency: "اتصل الآن بالرقم 123 (الإسعاف) أو 122 (الشرطة).",
        crisis: "اتصل بالخط الساخن للأمانة العامة للصحة النفسية 08008880700 أو 0220816831. إذا كنت في خطر مباشر، اتصل بالرقم 123.",
    },
    "en-EG": {
        emergency: "Call 123 (ambulance) or 122 (police) now.",
        crisis: "Call the General Secretariat of Mental Health hotline on 08008880700 or 0220816831. If you are in immediate danger, call 123.",
    },
    "es-ES": {
        emergency: "Llame ahora al 112.",
        crisis: "Llame al 024 (línea de atención a la conducta suicida, gratuita, 24 horas). Si está en peligro inmediato, llame al 112.",
    },
    "fr-FR": {
        emergency: "Appelez maintenant le 15 (SAMU) ou le 112.",
        crisis: "Appelez le 3114 (numéro national de prévention du suicide, gratuit, 24h/24). En cas de danger immédiat, appelez le 15 ou le 112.",
    },
    "hi-IN": {
        emergency: "अभी 112 पर कॉल करें (आपातकालीन सेवाएँ)।",
        crisis: "Tele-MANAS हेल्पलाइन 14416 या 1-800-891-4416 पर कॉल करें (निःशुल्क, 24 घंटे, कई भाषाओं में)। अगर आप तुरंत खतरे में हैं, तो 112 पर कॉल करें।",
    },
    "en-IN": {
        emergency: "Call 112 now.",
        crisis: "Call Tele-MANAS on 14416 or 1-800-891-4416 (free, 24/7, many languages). If you are in immediate danger, call 112.",
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
 * The resources' locale: the policy file's locale when it sets one (the institution knows where it is); else the
 * requested locale (the surface's: VS Code's display language or med42.locale, the system locale of the CLI and the
 * Slack bot) when there are resources for it, else another locale of the same country ("fr-AE" → the UAE's), else
 * of the same language (a bare "ar" → ar-AE, "en" → en-US); else en-US.
 */
export function resolveResourceLocale(requested: string | undefined, policyLocale: string | undefined, available: readonly string[]): ResourceLocale {
    const asked = requested?.trim() ? {requested: requested.trim()} : {};
    if (policyLocale && available.includes(policyLocale)) return {locale: policyLocale, from: "policy-file", ...asked};
    if (!requested?.trim()) return {locale: DEFAULT_LOCALE, from: "default"};
    const wanted = canonicalLocale(requested);
    if (available.includes(wanted)) return {locale: wanted, from: "requested", ...asked};
    const [language, region] = wanted.split("-");
    const sameCountry = region ? available.find((l) => l.split("-")[1] === region) : undefined;
    if (sameCountry) return {locale: sameCountry, from: "requested", ...asked};
    const sameLanguage = [DEFAULT_LOCALE, ...available].find((l) => available.includes(l) && l.split("-")[0] === language);
    if (sameLanguage) return {locale: sameLanguage, from: "requested", ...asked};
    return {locale: DEFAULT_LOCALE, from: "default", ...asked};
}

/**
 * The locale of this process's environment, as POSIX programs read it for messages: LC_ALL, then LC_MESSAGES, then
 * LANG ("en_AE.UTF-8" → "en-AE"); undefined for the C/POSIX locale or none.
 */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const raw = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v.trim() !== "");
    if (!raw) return undefined;
    const tag = raw.trim().split(/[.@]/)[0];
    if (tag === "C" || tag === "POSIX" || !/^[A-Za-z]{2,3}(?:[_-][A-Za-z]{2})?$/.test(tag)) return undefined;
    return canonicalLocale(tag);
}

export type PhiMode = "refuse" | "notice" | "ignore";

/** Identifiers are refused in channels (many readers), noted in DMs, and fine locally. */
export const DEFAULT_PHI_MODE: Readonly<Record<Surface, PhiMode>> = {
    "vscode": "ignore", "cli": "ignore", "slack-dm": "notice", "slack-channel": "refuse",
};
