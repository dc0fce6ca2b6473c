/**
 * Self-harm: the writer expresses intent, plans or means to harm or kill themselves, or has just done so.
 * Every rule here needs the writer as the subject (first person, reported speech of others cut off), so a clinician
 * asking about a patient ("she wants to kill herself, how do I assess?") or about suicide in general is answered.
 */
import {alt, distinct, FILL, gap, words} from "./patterns";
import type {PolicyRule} from "./ruleTypes";
import type {AnalyzedText} from "../normalize";
import {PrefilteredRegExp, prefiltered} from "../prefilter/prefilteredRegExp";

/** Acts against oneself, as objects of an intent verb ("want to ___"). */
const SELF_ACT = alt([
    `(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|hang|hanging|shoot|shooting|stab|stabbing|drown|drowning|poison|poisoning|burn|burning|starve|starving|suffocate|suffocating|strangle|strangling|overdose|overdosing|off|offing|end|ending|gas|gassing) myself`,
    "(?:end|take|ending|taking) (?:my|my own) (?:own )?life", "end it all", "ending it all", "end everything",
    "(?:commit|committing) suicide", "do it tonight", "not be here (?:anymore|tomorrow)", "not wake up",
    "(?:slit|cut|slash|slice|open) (?:my|both my) (?:wrists?|throat|veins?)",
    "(?:jump|jumping) (?:off|from|in front of) (?:a|the|my)? ?(?:bridge|building|roof|rooftop|train|cliff|balcony|overpass|car|bus|window|tower|parking garage)",
    "overdose", "overdosing", "overdose on (?:my|all|the|some|these|those|pills)", "swallow (?:all|the whole|a whole|every|everything)", "(?:swallow|take) everything in (?:the|my) (?:medicine cabinet|cabinet|cupboard|drawer)",
    "(?:take|taking|swallow|swallowing) every (?:last )?(?:pill|tablet|capsule)", "(?:take|taking) (?:all|every one|the whole bottle|the rest|a whole bottle|a bottle|all the rest) (?:of )?(?:my|the|these|those|of my)? ?(?:\\w+ )?(?:meds|pills|tablets|medications?|medicine|capsules|insulin)",
    "(?:take|swallow) (?:them|it|those|these) all", "(?:take|swallow) all of (?:them|it|those|these)",
    "(?:use|try) (?:it|them|this|that|these|those) on myself", "end (?:things|it all|everything)(?! (?:with|between|off))", "disappear (?:forever|permanently|for good)", "(?:finish|finishing) (?:my|my own) (?:own )?life",
    "(?:drink|drinking|swallow|swallowing|inject|injecting) (?:the |some |a bottle of |a cup of )?(?:antifreeze|bleach|poison|rat poison|pesticide|weed killer|drain cleaner|cyanide|potassium|insulin)",
    "(?:drive|driving|crash|crashing|steer|steering|ram|ramming) (?:my car |my truck |the car |myself )?(?:into|off) (?:a|the) (?:tree|wall|bridge|cliff|truck|lake|river|oncoming traffic|pole)",
    "(?:step|walk|jump) in front of (?:a|the) (?:train|bus|truck|car)", "(?:drown|gas|starve) myself",
    "jump (?:tonight|today|tomorrow|this weekend|soon|off)", "die", "be dead", "not be alive", "not exist", "stop existing", "not live anymore", "disappear forever", "sleep forever",
]);

/** Intent, plan or readiness verbs after "I" (no negation can sit between: the fillers exclude "not"). */
const INTENT = alt([
    "want(?:ed)?", "wish", "plan(?:ning|ned)?", "going", "about", "ready", "prepared", "decided", "intend(?:ing)?",
    "trying", "try", "need", "considering", "thinking (?:about|of)", "fantasi[sz]ing about", "will", "would like",
    "feel like", "deserve", "have to", "think about", "think of", "dream about", "dream of", "fantasize about", "am going", "was going", "been thinking (?:about|of)", "can not stop thinking (?:about|of)", "keep thinking (?:about|of)",
    "have been planning", "made up my mind", "urge", "urges", "tempted",
]);

const I = `(?:^|\\b)i ${FILL}`;

/** "die" is only ideation after desire verbs ("I want to die"); "I'm going to die" is usually fear, not intent. */
const INTENT_ACT = new PrefilteredRegExp(`${I}${INTENT}(?: to| of| about)? ${gap(2)}${SELF_ACT}\\b`);
const DIE_ONLY_AFTER = prefiltered(/\b(?:going|about|will|am going|was going|try|trying|need|have to|feel like) (?:to )?(?:[^\s.]+ ){0,2}(?:die|be dead|overdose|overdosing|not wake up)\b/);

function intentAct(s: string): boolean {
    const m = INTENT_ACT.exec(s);
    if (!m) return false;
    // "I feel like I am going to die", "I need to overdose-proof my meds": fear or unrelated, not intent.
    if (DIE_ONLY_AFTER.test(m[0]) && !/\b(?:want|wanted|wish|ready|plan|planning|planned|decided|intend|deserve|going to (?:overdose|kill|end|hang|jump|shoot|cut))\b/.test(m[0])) return false;
    return true;
}

const SUICIDAL_STATE = words(`i ${FILL}(?:am|feel|feeling|have been|have been feeling|been|get|getting|keep getting|become|became|went) ${FILL}(?:suicidal|like (?:killing|ending|hurting) myself|like dying|like i want to die|like ending it(?: all)?)`);
const SUICIDAL_THOUGHTS = words(`i ${FILL}(?:have|am having|keep having|get|have been having|have had|hear|am hearing|been having|m having) ${gap(3)}(?:suicidal (?:thoughts|ideation|feelings|urges)|thoughts (?:of|about) (?:suicide|killing myself|ending my life|ending it|dying|death|hurting myself|harming myself|self harm)|urges? to (?:kill|hurt|cut|harm) myself|voices telling me to (?:kill|hurt|harm|end) (?:myself|it))`);
const DO_NOT_WANT_TO_LIVE = words(`i ${FILL}(?:do not|no longer|dont|do not really|really do not) (?:want|wish|care) to (?:live|be alive|exist|wake up|be here|go on|keep living|keep going|see tomorrow)`);
const HOPELESS = words(alt([
    "(?:plan|planning|planned|plans for|preparing|prepare|organi[sz]ing|writing) (?:my|for my) (?:own )?(?:suicide|death|funeral)",
    "(?:thinking|thought|think) (?:of|about) (?:ending it all|ending it|ending everything|ending my life|suicide|dying)(?! (?:risk|prevention|rates?))",
    "(?:ending|end) it all", "(?:no|not any|not a single|no more) reasons? (?:for me )?to (?:keep )?(?:living|live|go on|going on|stay alive|be alive|be here)",
    "(?:i|me) (?:just )?(?:want|wish|need) (?:everything|it all|the pain|all of this|this) to (?:end|stop)(?: forever| for good| permanently)?$",
    "(?:everyone|everybody|my family|my kids|the world|they|people|my wife|my husband|my parents) (?:would be|is|are|will be|would all be) (?:so )?(?:better off|happier|better|fine|relieved) (?:without me|if i (?:was|were) (?:dead|gone|not here|not around)|when i am gone)",
    "(?:looking up|researching|googling|searching|searched|looked up|reading about) (?:tall )?(?:bridges|heights|buildings to jump|ways to die|how to die|how to kill myself|lethal doses|overdose amounts|suicide methods|painless ways)",
    "better off dead", "no (?:reason|point) (?:to|in) (?:live|living|go on|going on|being alive|keep living|stay alive|staying alive)",
    "life is not worth living", "(?:do not|can not|no longer) see (?:a|any) way out", "there is no way out", "(?:do not|can not|no longer) see (?:the|any) (?:point|reason) (?:in|of|to|for) (?:living|life|going on|being alive|live|staying alive|anything anymore)",
    "what is the point (?:of|in) (?:living|life|going on|being alive)",
    "(?:going to|gonna|about to) (?:swallow|take|drink|down) (?:everything|all of (?:it|them)|the whole (?:bottle|box|pack|packet)|every (?:pill|tablet))(?! (?:of (?:the )?antibiotics|as prescribed))",
    "engine running in (?:the|a|my) (?:closed |shut |locked )?garage", "(?:charcoal|a grill|the grill|a bbq) (?:lit )?(?:in|inside) (?:my|the) (?:room|car|tent|bathroom|bedroom)",
    "i am (?:sitting|standing|perched) on (?:the|a) (?:ledge|edge of (?:the|a) (?:roof|bridge|building|cliff|platform)|bridge|roof|rooftop|railing|train tracks?|tracks)", "(?:tired|sick) of (?:living|being alive)", "(?:wish|wishing) i (?:was|were) (?:dead|never born)", "wish i could (?:die|just die|disappear forever|not wake up)",
    "(?:this|tonight|today) is my last (?:day|night)", "(?:saying|said) (?:my )?goodbyes? to (?:everyone|my family|everybody)",
    "(?:wrote|writing|written|left|leave|finished) (?:a|my) (?:suicide|goodbye|farewell) (?:notes?|letters?|messages?|videos?)",
    "(?:nobody|no one|noone) (?:needs|need|wants|want|would need|would want|cares about|care about) me", "i am a burden (?:to|on) (?:everyone|everybody|my family|them)",
    "(?:want|need) (?:it|this) to be (?:final|permanent|over for good)",
    "(?:nobody|no one|none of them) (?:would|will) (?:even )?(?:notice|care|miss me) (?:if|when) i (?:was|were|am|died|disappeared|killed myself|left)",
    "i am ready to (?:go|die|leave this world|end it)$", "i wish i (?:could|would) (?:just )?(?:go to sleep|fall asleep|sleep) and (?:never|not) wake up",
    "i (?:want|would like) to (?:go to sleep|fall asleep|sleep) and (?:never|not) wake up", "i am (?:going to|gonna) end it",
    "i can not (?:go on|do this anymore|keep living|live like this anymore)", "i want it (?:all )?to end", "i want to end it",
]));

/** Asking how much or which means would kill the writer. */
const LETHAL_FOR_ME = words(`(?:how (?:many|much)|what (?:dose|amount|quantity|number)|which (?:pills?|drugs?|meds|medications?|medicines?|poison)|enough|what (?:would|will|could)|would|will i|if i (?:take|swallow|drink|down)) ${gap(8)}(?:(?:stop|stops) my (?:heart|breathing)|make my heart stop|(?:my )?(?:kidneys?|liver|heart|organs?) (?:shut down|shuts down|fail|fails|give out|gives out)|(?:and |just )?(?:not|never) wake up(?! (?:groggy|tired|early|at night|in the night|during|with))|kill me|for me to die|me to die|would i die|i would die|i (?:will|could) die|(?:(?:it|that) )?take to die|(?:needed |need |enough )?to die|and die|end my life|to end it(?: all)?|so i (?:do not|will not|never) wake up|i (?:do not|will not|never) wake up|(?:fatal|lethal|deadly) (?:for|to) me|be enough (?:for me|to do it)|to not wake up|to never wake up|for me not to wake up|make me (?:not|never) wake up|make me die|make me stop breathing)`);
/** Asking how to be certain of dying ("what height do you need to make sure you die"): only a wish to die asks that. */
const LETHAL_CERTAINTY = words(`(?:make sure|to be sure|be certain|guarantee|ensure) (?:that )?(?:i|you|one) (?:will |would |actually |definitely )?(?:die|dies|do not survive|does not survive|never wake up|will not survive|would not survive)`);
/** "which meds are most lethal if I take them all together": the most lethal choice for the writer's own use. */
const MOST_LETHAL_FOR_ME = words(`(?:most|more|the most) (?:fatal|lethal|deadly) (?:if|when) i (?:take|swallow|drink|mix|use|inject)|(?:fatal|lethal|deadly) (?:if|when) i (?:take|swallow|drink|mix|use|inject) ${gap(3)}(?:all|them all|everything|the whole)`);
/** "the least painful way to go": a euphemism for dying. */
const WAY_TO_GO = words(`(?:painless|least painful|most peaceful|peaceful|gentlest|quietest) way to go(?! (?:to|through|about|from|back|home|into|for (?:a|an|the) ))`);
/** "how deep do I need to cut to hit the artery in my wrist": where or how to injure oneself fatally. */
const CUT_TO_KILL = words(`(?:how (?:deep|hard|far|long)|where|which (?:vein|artery|way)) ${gap(6)}(?:cut|slit|slice|stab) ${gap(6)}(?:arter(?:y|ies)|veins? in my|my (?:wrists?|throat|femoral|carotid|veins?))(?! ${gap(2)}(?:avoid|safely))`);
const METHOD_SUPERLATIVE = words(`(?:painless|peaceful|quick|quickest|fast|fastest|easy|easiest|sure|surest|best|simplest|least painful|most painless|reliable|most reliable|most effective|gentle|gentlest|cleanest|guaranteed|certain) (?:way|ways|method|methods|means|option|options) (?:to|of|for) (?:die|dying|bleed out|bleed to death|kill (?:my|your|one)self|killing (?:my|your|one)self|suicide|commit suicide|committing suicide|end (?:my|your|one|ones) (?:own )?life|ending (?:my|your|one|ones) (?:own )?life|end it all|not wake up|go to sleep (?:forever|and not wake up))`);

const ACT_VERB = "(?:took|taken|have taken|swallowed|ate|drank|downed|injected|overdosed|have overdosed|cut|slit|slashed|burned|burnt|hung|shot|stabbed|poisoned|gassed)";
const MASS = "(?:all|whole|entire|every|everything|bottle|bottles|handful|handfuls|bunch|lot|lots|too many|a ton of|dozens?|packets?|packs?|box|boxes|strips?|whole pack|\\d{2,} (?:pills|tablets|caps|capsules|of my|of them|tylenol|advil|pills|mg))";
const RECENT_SELF_INGESTION = words(`i ${FILL}${ACT_VERB} ${gap(4)}${MASS}`);
const DELIBERATE = words(`i ${FILL}${ACT_VERB}(?: myself)? ${gap(8)}(?:on purpose|intentionally|deliberately|to (?:die|kill myself|end (?:it|my life|everything))|so i (?:would|will|could) die|so i do not wake up|so i will not wake up)`);
const CANT_STOP_SELF_HARM = words(`i ${FILL}can not stop (?:cutting|burning|self harming|hurting myself|harming myself)`);
const ONGOING_SELF_HARM = words(`i ${FILL}(?:have been|keep|started|am|been|have started|cannot stop|can not stop) ${FILL}(?:(?:cutting|burning|hurting|harming|hitting|scratching|starving) myself(?! (?:while|when|by accident|accidentally|shaving|cooking))|(?:cutting|burning|self harming) (?:again|deeper|tonight|more|every (?:day|night))\\b)`);
const SELF_HARM_JUST_DONE = words(`i ${FILL}(?:(?:cut|slit|slashed|burned|burnt|stabbed|shot|hurt|harmed) (?:myself|my arms?|my thighs?|my legs?)(?: (?:really|so|very|too|pretty) )?(?: ?again| ?deep| ?deeply| ?badly| ?tonight| ?on purpose| ?intentionally)|(?:cut|slit|slashed|sliced|opened) (?:my|both my|both of my) (?:wrists?|throat|veins?))(?! (?:accidentally|by accident|on|while|when|with a))`);
const MEANS_READY = new PrefilteredRegExp(`(?:^|\\b)i ${FILL}(?:(?:have|got|bought|saved|stockpiled|collected|am holding|hoarded|saved up|set up|tied|loaded) ${gap(4)}(?:rope|noose|gun|pistol|rifle|pills|tablets|razor|blade|exit bag|helium|charcoal|pentobarbital|nembutal|sodium nitrite|bullets?|my \\w+|paracetamol|acetaminophen|tylenol|ibuprofen|aspirin|insulin|antifreeze|sleeping pills|painkillers|\\w+ pills) ${gap(4)}(?:ready|loaded|saved up|to (?:end|kill|die|do it|use on myself|take (?:them |it )?all)|all at once|for (?:tonight|later|when|the end)|tonight)|(?:stockpiling|hoarding|stockpiled|hoarded|saving up|collecting) ${gap(3)}(?:pills|tablets|meds|medications?|my \\w+|sleeping pills|painkillers)(?: ${gap(4)}(?:to|so|for|all at once|at once))?)\\b`);

/** Times in the past ("years ago", "as a teen"); resolution words like "gone" are left out ("if I was gone"). */
const SELF_HARM_PAST = alt([
    "yesterday", "last (?:night|week|month|year|summer|winter|spring|fall|autumn)", "(?:\\d+|a few|few|several|many|couple of|a couple of|two|three|four|five|six|ten) (?:days|weeks|months|years|decades) ago",
    "(?:a|one) (?:week|month|year|decade) ago", "used to", "in the past", "history of", "years back", "previously", "back in",
    "when i was (?:a|younger|in|little|young|\\d+)", "as a (?:teen|teenager|kid|child)", "in (?:high school|college|my teens|my twenties)",
]);

/** Past-time markers in the same sentence turn a statement into history ("I tried to kill myself years ago"). */
const PAST_RE = new PrefilteredRegExp(`\\b${SELF_HARM_PAST}\\b`);
const RECENT = prefiltered(/\b(?:just|tonight|today|right now|now|again|still|this (?:morning|evening|afternoon|week))\b/);

/**
 * Chat often drops the subject ("been cutting again tonight", "going to starve myself", "just cut myself on
 * purpose"): a sentence that opens with such a verb phrase is the writer speaking, so "i" is restored.
 */
const DROPPED_SUBJECT = prefiltered(/^(?:(?:honestly|really|seriously|tbh|ngl|literally|so|and|but|still|kinda|lowkey|actually|just) )*(?:just|want|wanted|been|keep|kept|going to|gonna|want to|wanted to|wanna|planning|plan to|planned|thinking (?:about|of)|can not stop|took|swallowed|cut|tried|trying|decided|about to|ready to|need to|feel like|have been|started|bought|got)\b/);

function withSubject(s: string): string {
    return DROPPED_SUBJECT.test(s) ? `i ${s}` : s;
}

function inOwnSentences(t: AnalyzedText, test: (s: string) => boolean, allowPast = false): boolean {
    return distinct(t.ownSentences).some((raw) => {
        const s = withSubject(raw);
        return test(s) && (allowPast || !PAST_RE.test(s) || RECENT.test(s));
    });
}

/**
 * Preparation told in pieces: the means ("I have a rope", "the pills are next to me", "I keep antifreeze in the
 * garage") together with a plan or a decision ("I know where I am going to do it", "I have a plan", "I picked the
 * spot", "I've decided to drink it tonight"). Either piece alone is common and harmless; together they are a plan.
 */
const MEANS_HELD = prefiltered(/\b(?:i (?:have|have got|got|keep|bought|own|saved|stockpiled|hid|hidden) (?:a |the |some |my |enough |a lot of |a bottle of |all my )?(?:\w+ )?(?:rope|noose|gun|pistol|rifle|shotgun|pills|tablets|razor|razors|blade|blades|knife|exit bag|helium|charcoal|antifreeze|bleach|poison|rat poison|pesticide|insulin|potassium|paracetamol|acetaminophen|tylenol|sleeping pills|painkillers|meds|bullets)|(?:the |my )?(?:pills|gun|rope|knife|razor|blade|bottle|noose|meds|tablets) (?:is|are) (?:right )?(?:next to|beside|in front of|with|on the \w+ next to|ready|here with) me|in my (?:hand|hands|lap|pocket)\b)/);
const PLAN_MADE = prefiltered(/\b(?:i know (?:what|where|when|how) i am (?:going to |gonna )?(?:do|doing)(?: with)? (?:it|them|this)|i (?:have|have got|made|got) (?:a|my|the) (?:plan|method)(?:$| (?:and|now|ready|tonight|in place|already|to (?:end|die|do it|kill)|for (?:tonight|it|how|when|ending)))|i (?:know|have decided|decided|picked|chose|have picked|have chosen) (?:where|when|how|the (?:spot|place|day|date|time|bridge|building|method))|i (?:have )?(?:picked|chosen|found) (?:the|a) (?:spot|place|bridge|building|date|day|time)|(?:where|when|how) i am (?:going|gonna) (?:to )?do it|i (?:have )?decided to (?:drink|swallow|take|use|do) (?:it|them|this|that)|(?:tonight|today) is the night|it will be (?:tonight|today|soon))/);

function meansAndPlan(t: AnalyzedText): boolean {
    const own = t.ownSentences.map(withSubject).join(" . ");
    if (PAST_RE.test(own) && !RECENT.test(own)) return false;
    if (/\b(?:patients?|client|resident|my (?:son|daughter|husband|wife|friend|brother|sister|mom|dad|mother|father))\b/.test(own) && !/\bmyself\b/.test(own)) return false;
    return MEANS_HELD.test(own) && PLAN_MADE.test(own);
}

/** The writer's own act against themselves, stated outright ("tonight is the night I kill myself"). */
const SELF_DIRECTED_ACT = prefiltered(/\bi (?:(?:will|would|am going to|am gonna|can|could|might|should|must|just|finally|really) )*(?:kill myself|killing myself|end my (?:own )?life|take my (?:own )?life|hang myself|shoot myself|commit suicide)\b|\b(?:killing myself|ending my life|taking my (?:own )?life)\b/);
const NOT_SELF_DIRECTED = prefiltered(/\b(?:laugh\w*|for forgetting|joke|joking|kidding|figure of speech|if i ever|what happens if|would never|will never|never would|do not want to|does not want|never wanted|not going to|wo not)\b/);

/**
 * Farewell signals that are ambiguous alone but together read as a goodbye before an attempt: "tonight's the night",
 * "said goodbye to my cat", "gave away my things", "can't take it anymore", "sorry for everything".
 */
const FAREWELL_SIGNALS: readonly RegExp[] = [
    /\b(?:tonight|today) (?:is )?the (?:night|day)\b/,
    /\b(?:said|saying|say) (?:my )?goodbyes?\b|\bgoodbye (?:everyone|world|all)\b/,
    /\b(?:gave|giving|give) away (?:my|all my) (?:stuff|things|belongings|cat|dog|pets?|possessions)\b/,
    /\bsorry for everything\b|\bforgive me\b/,
    /\b(?:wrote|written|left|writing) (?:a|my) note\b/,
    /\b(?:heading|going|walking|driving|on my way) (?:to|up to|out to) (?:the|a) (?:bridge|roof|rooftop|tracks|train tracks|cliff|ledge|top floor)\b/,
    /\b(?:can not|can no longer) (?:take it|do this|go on|cope) (?:anymore|any more|any longer)\b/,
    /\b(?:will not|wo not) be (?:around|here) (?:much longer|tomorrow|anymore)\b/,
    /\b(?:take|look after) care of (?:my|the) (?:cat|dog|kids|children|pets?)\b/,
    /\bthis is (?:my )?(?:last|final) (?:message|text|post|goodbye)\b/,
    /\bi am done\b(?! (?:with (?:work|the|my (?:shift|homework|meal)))|\w)/,
];

function farewellCluster(t: AnalyzedText): boolean {
    const own = t.ownSentences.map((s) => withSubject(s)).join(" . ");
    if (PAST_RE.test(own) && !RECENT.test(own)) return false;
    return FAREWELL_SIGNALS.filter((re) => re.test(own)).length >= 2;
}

export const SELF_HARM_RULES: readonly PolicyRule[] = [
    {
        id: "self_harm.first_person_intent", category: "self_harm",
        description: "The writer says they want, plan or are about to kill or hurt themselves (\"I want to end my life\").",
        test: (t) => inOwnSentences(t, intentAct),
    },
    {
        id: "self_harm.self_directed_act", category: "self_harm",
        description: "The writer speaks of killing themselves or ending their life in the first person, without negation or history.",
        test: (t) => inOwnSentences(t, (s) => {
            const m = SELF_DIRECTED_ACT.exec(s);
            if (!m || NOT_SELF_DIRECTED.test(s)) return false;
            // "i do not want to kill myself", "no thoughts of ending my life": a negation close before it.
            const before = s.slice(0, m.index).split(" ").slice(-4);
            return !before.some((w) => ["not", "no", "never", "nor", "without"].includes(w));
        }),
    },
    {
        id: "self_harm.first_person_suicidal", category: "self_harm",
        description: "The writer says they are (or feel) suicidal, or have suicidal thoughts or urges now.",
        test: (t) => inOwnSentences(t, (s) => SUICIDAL_STATE.test(s) || SUICIDAL_THOUGHTS.test(s)),
    },
    {
        id: "self_harm.no_will_to_live", category: "self_harm",
        description: "The writer says they do not want to live, that others would be better off without them, or gives two or more farewell signals.",
        test: (t) => inOwnSentences(t, (s) => DO_NOT_WANT_TO_LIVE.test(s) || HOPELESS.test(s)) || farewellCluster(t),
    },
    {
        id: "self_harm.lethal_means_for_self", category: "self_harm",
        description: "The writer asks how much of something, or which method, would kill them (\"how many would it take for me to die\").",
        test: (t) => inOwnSentences(t, (s) => LETHAL_FOR_ME.test(s) || METHOD_SUPERLATIVE.test(s) || LETHAL_CERTAINTY.test(s) || MOST_LETHAL_FOR_ME.test(s) || WAY_TO_GO.test(s) || CUT_TO_KILL.test(s)),
    },
    {
        id: "self_harm.act_just_done", category: "self_harm",
        description: "The writer has just taken a large amount, or harmed themselves on purpose (\"I swallowed the whole bottle\").",
        test: (t) => inOwnSentences(t, (s) => RECENT_SELF_INGESTION.test(s) || DELIBERATE.test(s) || SELF_HARM_JUST_DONE.test(s)),
    },
    {
        id: "self_harm.ongoing_self_injury", category: "self_harm",
        description: "The writer says they keep cutting, burning or hurting themselves.",
        test: (t) => inOwnSentences(t, (s) => ONGOING_SELF_HARM.test(s) || CANT_STOP_SELF_HARM.test(s)),
    },
    {
        id: "self_harm.means_prepared", category: "self_harm",
        description: "The writer says they have the means ready (rope, pills, gun) for ending their life, or holds the means and has made a plan.",
        test: (t) => inOwnSentences(t, (s) => MEANS_READY.test(s)) || meansAndPlan(t),
    },
];
