/**
 * Out of scope: messages clearly unrelated to health or health data (poems, stocks, travel, sports trivia).
 * Decided from vocabulary (healthLexicon.ts): a message with no clinical vocabulary at all is out of scope, and so is
 * one whose only link to health is a workplace word ("a birthday poem for our head nurse") next to an off-topic
 * subject. Greetings and questions about the assistant itself are answered.
 */
import type {AnalyzedText} from "../normalize";
import type {TopicSignal} from "./healthLexicon";
import type {PolicyRule} from "./ruleTypes";
import {prefiltered} from "../prefilter/prefilteredRegExp";

/** Small talk and questions about the tool: the model answers these briefly, refusing them would be rude. */
const SMALL_TALK = prefiltered(/^(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|thanks?|thank you|thx|ty|ok|okay|cool|great|perfect|awesome|got it|yes|no|bye|goodbye|test|testing|ping)(?: (?:there|med42|everyone|all|so much|a lot|again|that helps|that helped|this helps|that is helpful|that was helpful|very much|makes sense|for the help|for your help))*|(?:who|what) are you|what can you do|how (?:do|can) i use (?:you|this)|help|what is med42|are you (?:there|working|a bot|an ai))$/);
const FINANCE_RE = prefiltered(/\b(?:(?:buy|sell|invest in|short|hold) (?:[^\s.]+ ){0,3}(?:stocks?|shares|options|crypto|calls|puts|etfs?)|stocks? (?:to buy|should i buy|to invest in)|stock price|share price|price target|market cap|earnings (?:call|report)|ipo)\b/);

/** Requests for a task of any kind: with no health vocabulary at all, they are out of scope. */
const GENERIC_TASK = prefiltered(/^(?:please |can you |could you |would you |pls |hey |hi )*(?:help me (?:write|plan|pick|choose|find|draft|make)|what (?:is|s) (?:a good|the address|the nearest|the best way to get)|what is \d+(?:\.\d+)? ?%? (?:of|times|plus|minus|divided by) \d+|\d+ ?[-+*/x] ?\d+|write|compose|draft|create|make|generate|give me|suggest|recommend|plan|translate|convert|calculate|summari[sz]e (?:the|this) (?:movie|book|plot|game|match)|tell me (?:a|about a|some)|list (?:some|the best|good)|name (?:some|a few)|who (?:won|is|was|were|invented|wrote|sang|directed|plays|played|painted|built|discovered|founded|created|composed|designed|owns)|what (?:is|was|are) the (?:capital|population|best|score|plot|weather|price|exchange|time|height|distance)|where (?:is|can i find|can i buy|should i go|do i find)|when (?:is|does|did) the (?:game|match|show|movie|concert|store|cafeteria|party)|how (?:do|can|should) i (?:set up|install|configure|fix|repair|build|cook|bake|make|get to|change|reset|clean my|start a|learn)|explain (?:how (?:a|an|the) (?:car|engine|blockchain|computer|internet|stock|economy|election))|is there a good|does anyone (?:know|have|want)|anyone (?:know|want|up for|have)|any (?:recommendations|suggestions|tips) for (?:a |an |the )?(?:good )?(?:restaurant|place|movie|book|show|game|gift|hotel|trip|mechanic|car))\b/);

/** Greetings, thanks and questions about the assistant: answered briefly, never refused as off topic. */
export function isSmallTalk(t: AnalyzedText): boolean {
    return t.norm.length === 0 || SMALL_TALK.test(t.norm.replace(/ \.$/, "").replace(/ \. /g, " ").trim());
}

export interface ScopeOptions {
    /**
     * The message's health and off-topic vocabulary, with the institution's allowed terms (system names, local
     * services) counted as health terms; memoised per message (`memoizedTopicSignal`).
     */
    signal: (t: AnalyzedText) => TopicSignal;
}

export function scopeRules({signal}: ScopeOptions): PolicyRule[] {
    return [
        {
            id: "out_of_scope.no_health_topic", category: "out_of_scope",
            description: "No medical, clinical or health-data vocabulary, and either an off-topic subject (sports, travel, finance...) or a generic task (write, plan, recommend, translate).",
            test: (t) => {
                if (isSmallTalk(t)) return false;
                const s = signal(t);
                // A question with no vocabulary either way gets the benefit of the doubt: over-refusing is worse.
                return s.clinical === 0 && s.setting === 0 && (s.offTopic > 0 || GENERIC_TASK.test(t.norm));
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
