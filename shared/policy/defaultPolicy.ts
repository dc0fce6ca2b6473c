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

export type PhiMode = "refuse" | "notice" | "ignore";

/** Identifiers are refused in channels (many readers), noted in DMs, and fine locally. */
export const DEFAULT_PHI_MODE: Readonly<Record<Surface, PhiMode>> = {
    "vscode": "ignore", "cli": "ignore", "slack-dm": "notice", "slack-channel": "refuse",
};
