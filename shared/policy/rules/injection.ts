/**
 * Prompt-injection attempts ("skip the disclaimer", "developer mode", "ignore your instructions"). Informational:
 * the rule is reported and audited, and changes nothing, because the disclaimer and the policy are enforced in code
 * around the model. The rest of the message is judged on its own.
 */
import {alt} from "./patterns";
import type {PolicyRule} from "./ruleTypes";
import {PrefilteredRegExp} from "../prefilter/prefilteredRegExp";

const SAFETY_THINGS = "(?:disclaimers?|warnings?|warning text|safety (?:rules|filters?|guidelines|policy|policies|checks?|notes?)|caveats?|guardrails?|filters?|restrictions?|rules|guidelines|policies|policy|instructions|system prompt|the fine print|legal text|notices?|limitations)";
const INJECTION_SOURCE = `\\b${alt([
    `(?:skip|remove|omit|drop|hide|delete|leave out|get rid of|turn off|disable|bypass|ignore|disregard|forget|override|suppress|no|without(?: any)?) (?:the |your |all |any |those |these |previous |prior |above |earlier ){0,4}${SAFETY_THINGS}`,
    "developer mode", "dev mode", "god mode", "admin mode", "debug mode", "unrestricted mode", "jailbreak\\w*", "dan mode", "do anything now",
    "(?:you are|you re|act as|pretend (?:to be|you are)|roleplay as) (?:an? )?(?:unfiltered|uncensored|unrestricted|evil|rogue|jailbroken)",
    "(?:pretend|imagine|assume|act as if) (?:that )?(?:the |your |all )?(?:safety )?(?:rules|policies|restrictions|filters|guidelines) (?:are|were) (?:off|disabled|gone|lifted|removed)",
    "(?:safety|rules|filters|restrictions) (?:are |is )?(?:off|disabled)", "no (?:rules|restrictions|limits|filters) apply",
    "(?:ignore|disregard|forget) (?:all |any |your |the )?(?:previous|prior|above|earlier|system|original) (?:instructions|prompts?|messages|rules|context)",
    "new instructions", "system override", "you are now", "from now on you (?:will|are|must)", "respond without",
])}\\b`;
const INJECTION = new PrefilteredRegExp(INJECTION_SOURCE);
const INJECTION_ALL = new PrefilteredRegExp(INJECTION_SOURCE, "g");

/**
 * The normalised text with injection phrases cut out, for the statistical layer: such framing says nothing about
 * what is asked, and a classifier would otherwise learn it from examples where it happens to wrap harmful requests.
 */
export function withoutInjection(norm: string): string {
    return INJECTION.test(norm) ? norm.replace(INJECTION_ALL, " ").replace(/ {2,}/g, " ").trim() : norm;
}

export const INJECTION_RULES: readonly PolicyRule[] = [
    {
        id: "injection.ignored", category: null,
        description: "An attempt to switch off the disclaimer or the safety policy; it is recorded and has no effect.",
        test: (t) => INJECTION.test(t.norm),
    },
];
