/** All input rules, in the order categories are decided (escalations first). */
import type {PolicyRule} from "./ruleTypes";
import {SELF_HARM_RULES} from "./selfHarm";
import {EMERGENCY_RULES} from "./emergency";
import {HARM_TO_OTHERS_RULES} from "./harmToOthers";
import {DRUG_MISUSE_RULES} from "./drugMisuse";
import {INJECTION_RULES} from "./injection";
import {scopeRules, type ScopeOptions} from "./scope";

export type {PolicyRule} from "./ruleTypes";
export {OUTPUT_RULES} from "./output";

export function inputRules(scope: ScopeOptions): PolicyRule[] {
    return [...SELF_HARM_RULES, ...EMERGENCY_RULES, ...HARM_TO_OTHERS_RULES, ...DRUG_MISUSE_RULES, ...scopeRules(scope), ...INJECTION_RULES];
}
