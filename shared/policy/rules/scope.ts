/**
 * Out of scope: messages clearly unrelated to health or health data (poems, stocks, travel, sports trivia).
 * Decided from vocabulary (healthLexicon.ts): a message with no clinical vocabulary at all is out of scope, and so is
 * one whose only link to health is a workplace word ("a birthday poem for our head nurse") next to an off-topic
 * subject. Greetings and questions about the assistant itself are answered.
 */
import type {AnalyzedText} from "../normalize";
import {topicSignal, type TopicSignal} from "./healthLexicon";
import type {PolicyRule} from "./ruleTypes";

/** Small talk and questions about the tool: the model answers these briefly, refusing them would be rude. */
const SMALL_TALK = /^(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|thanks?|thank you|thx|ty|ok|okay|cool|great|perfect|awesome|got it|yes|no|bye|goodbye|test|testing|ping)(?: (?:there|med42|everyone|all|so much|a lot|again|that helps|that helped|this helps|that is helpful|that was helpful|very much|makes sense|for the help|for your help))*|(?:who|what) are you|what can you do|how (?:do|can) i use (?:you|this)|help|what is med42|are you (?:there|working|a bot|an ai))$/;
const FINANCE_RE = /\b(?:(?:buy|sell|invest in|short|hold) (?:[^\s.]+ ){0,3}(?:stocks?|shares|options|crypto|calls|puts|etfs?)|stocks? (?:to buy|should i buy|to invest in)|stock price|share price|price target|market cap|earnings (?:call|report)|ipo)\b/;

/** Terms an institution adds in its policy file as in scope (system names, local services). */
export interface ScopeOptions {
    allowedTerms: readonly string[];
}

export function scopeRules(options: ScopeOptions): PolicyRule[] {
    // Both topic rules read the same counts: compute them once per message.
    const signals = new WeakMap<AnalyzedText, TopicSignal>();
    const signal = (t: AnalyzedText): TopicSignal => {
        let s = signals.get(t);
        if (!s) signals.set(t, s = topicSignal(t.norm, options.allowedTerms));
        return s;
    };
    const isSmallTalk = (t: AnalyzedText) => t.norm.length === 0 || SMALL_TALK.test(t.norm.replace(/ \.$/, "").replace(/ \. /g, " ").trim());
    return [
        {
            id: "out_of_scope.no_health_topic", category: "out_of_scope",
            description: "The message has no medical, clinical or health-data vocabulary at all.",
            test: (t) => {
                if (isSmallTalk(t)) return false;
                const s = signal(t);
                return s.clinical === 0 && s.setting === 0;
            },
        },
        {
            id: "out_of_scope.off_topic_request", category: "out_of_scope",
            description: "An off-topic request (poem, gift, travel, sports, finance) whose only health link is a workplace word such as nurse or hospital.",
            test: (t) => {
                const s = signal(t);
                return s.clinical === 0 && s.setting > 0 && s.offTopic > 0;
            },
        },
        {
            id: "out_of_scope.financial_advice", category: "out_of_scope",
            description: "Investment advice (which stock to buy or sell), even about a healthcare company.",
            test: (t) => FINANCE_RE.test(t.norm),
        },
    ];
}
