/**
 * Building blocks for the policy rules: word lists for the features every rule composes (who speaks, who is the
 * target, when it happens, negation, request framing) and helpers to turn them into regular expressions over
 * normalised text (see normalize.ts: lower case, contractions expanded, sentences split).
 */
import type {AnalyzedText} from "../normalize";
import {PrefilteredRegExp} from "../prefilter/prefilteredRegExp";

/** An alternation group of words or regex fragments. */
export function alt(items: readonly string[]): string {
    return `(?:${items.join("|")})`;
}

/** Up to `n` whole words, never crossing a sentence break and never a negation ("want to not ..."). */
export function gap(n: number): string {
    return `(?:(?!(?:not|never|no|without|nor) )[^\\s.]+ ){0,${n}}`;
}

/** A regex matching `body` on word boundaries. */
export function words(body: string): RegExp {
    return new PrefilteredRegExp(`(?:^|\\b)${body}(?:\\b|$)`);
}

const MESSAGE_TESTS = new WeakMap<AnalyzedText, Map<RegExp, boolean>>();

/**
 * Whether `re` matches the whole normalised message, computed once per message: rules that ask this inside a loop
 * over the sentences would otherwise re-read the whole message for every sentence (time quadratic in its length).
 */
export function messageMatches(t: AnalyzedText, re: RegExp): boolean {
    if (re.global || re.sticky) throw new TypeError(`messageMatches needs a pattern without state (flags "${re.flags}")`);
    let tests = MESSAGE_TESTS.get(t);
    if (!tests) MESSAGE_TESTS.set(t, tests = new Map());
    let found = tests.get(re);
    if (found === undefined) tests.set(re, found = re.test(t.norm));
    return found;
}

const DISTINCT = new WeakMap<readonly string[], readonly string[]>();

/**
 * The distinct sentences of a list (a message's `sentences` or `ownSentences`), in first-seen order, computed once per
 * message. A rule's per-sentence test depends on the sentence alone, so a sentence repeated a thousand times (a
 * pasted document, a crafted message) is tested once and the rule's answer is the same.
 */
export function distinct(sentences: readonly string[]): readonly string[] {
    let unique = DISTINCT.get(sentences);
    if (!unique) DISTINCT.set(sentences, unique = [...new Set(sentences)]);
    return unique;
}

/** True when any of the patterns matches. */
export function any(text: string, ...patterns: RegExp[]): boolean {
    return patterns.some((p) => p.test(text));
}

const NEGATORS = new Set(["no", "not", "never", "without", "denies", "denied", "deny", "nor", "none", "free", "negative",
    "absent", "stop", "stopped", "prevent", "preventing", "avoid", "avoiding", "against"]);

/**
 * Whether one of the `window` words before `index` negates what follows ("no chest pain", "without hurting"). Reads
 * backwards from `index` and stops after `window` words or at a sentence break, so a rule that asks for every match
 * of a long sentence does not re-read the whole sentence each time.
 */
export function isNegatedBefore(text: string, index: number, window = 4): boolean {
    let end = index;
    for (let words = 0; words < window; words++) {
        while (end > 0 && /\s/.test(text[end - 1])) end--;
        let start = end;
        while (start > 0 && !/\s/.test(text[start - 1])) start--;
        if (start === end) return false;
        const word = text.slice(start, end);
        if (word === ".") return false; // a sentence break: what comes before belongs to another sentence
        if (NEGATORS.has(word)) return true;
        end = start;
    }
    return false;
}

// ---- Shared features --------------------------------------------------------------------------------------------

/**
 * Filler words allowed between a subject and its verb without changing the meaning ("I really want to"). At most six:
 * rules put it on both sides of a verb that is itself a filler ("i am ... am ..."), and an unbounded run there would
 * let one message take time quadratic in its length.
 */
export const FILL = `(?:(?:really|just|honestly|seriously|truly|kind of|kinda|sort of|pretty|very|so|actually|literally|still|now|again|also|definitely|totally|always|often|sometimes|constantly|even|already|finally|am|have been|have|had|was|keep|m) ){0,6}`;

/** The writer's family, friends and the people around them (targets of harm, or people having an emergency). */
export const RELATION = alt([
    "wife", "husband", "spouse", "partner", "ex", "ex wife", "ex husband", "ex girlfriend", "ex boyfriend", "girlfriend",
    "boyfriend", "gf", "bf", "fiance", "fiancee", "mother", "mom", "mum", "mommy", "mama", "father", "dad", "daddy", "papa",
    "stepdad", "stepmom", "stepfather", "stepmother", "stepson", "stepdaughter", "mother in law", "father in law",
    "brother", "sister", "brother in law", "sister in law", "son", "daughter", "child", "children", "kid", "kids",
    "baby", "infant", "newborn", "toddler", "teen", "teenager", "grandma", "grandmother", "grandpa", "grandfather",
    "granny", "nana", "grandson", "granddaughter", "grandchild", "uncle", "aunt", "auntie", "cousin", "nephew", "niece",
    "boss", "manager", "supervisor", "coworker", "coworkers", "colleague", "colleagues", "employee", "employer",
    "neighbor", "neighbour", "neighbors", "neighbours", "roommate", "roommates", "flatmate", "housemate", "landlord",
    "tenant", "teacher", "classmate", "classmates", "friend", "friends", "best friend", "buddy", "bully", "rival",
    "enemy", "family", "parents", "in laws", "date", "twins", "twin",
].map((w) => w.replace(/ /g, " ")));

/** Optional age or adjective between "my" and the relation ("my 3 year old son", "my elderly mother"). */
const RELATION_MOD = `(?:(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:year|month|week|yr|mo)s? old |(?:little|baby|older|younger|elderly|old|teenage|pregnant|new|best|diabetic|disabled|sick|asthmatic|\\d+ ?(?:yo|y o|mo)) )?`;

/** "my wife", "our 2 year old daughter", "my friend", "his mother". */
export const MY_RELATION = `(?:my|our) ${RELATION_MOD}(?:[a-z]+ )?${RELATION}`;

/** Somebody physically with the writer ("someone here", "this guy", "a man next to me"). */
export const PRESENT_PERSON = alt([
    `(?:someone|somebody|a person|a man|a woman|a guy|a lady|a kid|a child|a boy|a girl|an old man|an old woman|a customer|a student|a coworker|a passenger|a player|a hiker|a stranger|a diner) (?:here|next to me|near me|with me|in front of me|beside me|at (?:work|school|home|the (?:gym|store|party|office|restaurant|park|pool|beach)))`,
    "this (?:man|woman|guy|lady|person|kid|child|boy|girl|old man|old woman)",
]);

/** A patient or a clinical vignette: the writer is a clinician asking about care, not describing their own crisis. */
export const CLINICAL_SUBJECT = alt([
    "patients?", "pts?", "client", "clients", "resident", "residents", "vignette", "case study", "exam question",
    "(?:^|[^y] )(?:a|an) \\d+ ?(?:yo|y o|year old|yr old|month old|week old|day old)",
    "presents? with", "presenting with", "brought in", "came in with", "admitted with", "on the ward", "in the ed",
    "in the er", "in triage", "on my unit", "on the unit", "in clinic", "in my clinic", "my caseload", "on rounds",
    "as a (?:nurse|doctor|physician|paramedic|emt|clinician|pharmacist|resident|medic|student)", "hypothetical",
    "i am an? (?:nurse|doctor|physician|paramedic|emt|clinician|pharmacist|resident|medic|medical student|nursing student|np|pa|midwife|first responder|er doc|icu nurse)",
    "walk me through", "(?:what|which) (?:labs|tests|workup|imaging) (?:do|should) i (?:order|get)",
]);

/** Ways of asking for a method or an amount: the frame of a request for help doing something. */
export const REQUEST = alt([
    "how (?:do|can|could|would|should|might|does one|would one|can one|will) (?:i|we|you|one|someone|somebody|a person)",
    "how to", "how much", "how many", "how long would it take to", "how hard is it to",
    "what (?:can|could|should|would|will|do) (?:i|we|you|one)", "what (?:is|are) the (?:best|easiest|quickest|fastest|simplest|surest|safest|most effective|cheapest)",
    "what (?:dose|amount|drug|poison|pill|pills|medication|medicine|substance|chemical|household|plant|stuff|thing|quantity)",
    "which (?:drug|drugs|poison|poisons|medication|medications|medicine|pill|pills|substance|substances|chemical|chemicals|household|plant|plants|insulin|dose|one)",
    "(?:best|easiest|quickest|fastest|simplest|surest|safest|cheapest|cleanest|most effective|most reliable|good|a good|any|a|the|other|some|easy|simple|quick|sneaky|clever) (?:way|ways|method|methods|trick|tricks|tip|tips)",
    "ways to", "tips (?:on|for)", "help me", "teach me", "show me", "tell me (?:how|what|which)", "explain how to",
    "guide (?:me|to|for|on)", "steps (?:to|for)", "step by step", "instructions (?:for|to|on)", "recipe for", "tutorial",
    "is there (?:a|any) (?:way|drug|poison|pill|substance|method)", "can you (?:help|tell|explain|give|show|list)", "give me",
    "i (?:want|need|plan|am going|am planning|intend|would like|am trying|will|have decided|decided|am about|wish) to",
    "i (?:want|need) (?:a|some|something)", "can i", "could i", "should i", "would it take", "does it take", "is needed to",
    "do i need", "let me know how",
]);

/** Marks of an acute event happening now. */
export const NOW = alt([
    "right now", "now", "just now", "currently", "at the moment", "as we speak", "as i type", "at this moment",
    "(?:a few|few|a couple of|couple|\\d+|one|two|three|five|ten|fifteen|twenty|thirty|forty|45) (?:minutes?|mins?|seconds?|hours?|hrs?) ago",
    "(?:an|half an|about an) hour ago", "a minute ago", "a moment ago", "moments ago",
    "just (?:started|began|happened|took|swallowed|drank|ate|collapsed|fell|got|passed|went|stopped|now)",
    "suddenly", "all of a sudden", "out of nowhere", "started (?:suddenly|just|a few|an hour|\\d+|minutes|out of)",
    "(?:is|are|keeps|keep) getting worse", "getting worse", "worse and worse", "still (?:going|happening|there|bleeding|not|can not|will not)",
    "fast", "quickly", "rapidly", "tonight", "this (?:morning|evening|afternoon)", "today", "will not stop", "can not stop",
    "not stopping", "going to pass out", "about to pass out", "(?:should|do) (?:i|we) call (?:911|999|112|000|an ambulance|ems)",
    "call(?:ed|ing)? (?:911|999|112|000|an ambulance)", "need an ambulance", "please help", "help me", "help us", "hurry",
    "what do i do", "what should i do", "what do we do", "what should we do", "urgent", "emergency",
]);

/** Marks of a time that has passed, or a history ("yesterday, gone now", "years ago", "used to"). */
export const PAST = alt([
    "yesterday", "last (?:night|week|month|year|time|weekend|summer|winter|spring|fall|autumn|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    "(?:\\d+|a few|few|several|many|couple of|a couple of|two|three|four|five|six|ten) (?:days|weeks|months|years|decades) ago",
    "(?:a|one) (?:day|week|month|year|decade) ago", "the other day", "earlier this (?:week|month|year)", "over the weekend",
    "went away", "has gone", "is gone", "gone now", "was gone", "resolved", "has resolved", "subsided", "has passed",
    "it passed", "passed now", "stopped on its own", "went back to normal", "back to normal", "fine now", "okay now",
    "ok now", "better now", "no longer", "not anymore", "used to", "in the past", "history of", "years back",
    "when i was (?:a|younger|in|little|young|\\d+)", "as a (?:teen|teenager|kid|child)", "in (?:high school|college|my teens|my twenties)",
    "previously", "back in", "at the time", "once had", "had an episode", "since resolved", "recovered",
    "(?<!at |all at )once(?! (?:daily|a day|weekly|a week|every|more|again|you|i|he|she|they|it))", "when (?:he|she) was (?:a|younger|little|\\d+)",
]);

/** Recurring or long-standing complaints (not an acute event): "sometimes", "after coffee", "for months". */
export const CHRONIC = alt([
    "sometimes", "occasionally", "on and off", "off and on", "every (?:time|day|morning|night|week|month|period|now and then)",
    "for (?:\\d+|a|one|two|three|four|five|six|several|a few|a couple of|many) (?:days|weeks|months|years)", "since (?:last|a few|\\d+)",
    "whenever", "from time to time", "once in a while", "often", "usually", "always", "frequently", "intermittent(?:ly)?",
    "for (?:weeks|months|years|a few weeks|a few months|a while|the past (?:few )?(?:weeks|months|years))", "chronic",
    "recurrent", "recurring", "lately", "these days", "when i (?:exercise|climb|run|walk|eat|drink|lie|bend|wake|stand|work|swim|go swimming|get cold|am cold)",
    "after (?:coffee|meals|workouts|every meal)", "at night", "in the mornings", "i (?:usually |often |always )?get", "i keep getting",
    "tend to", "tends to", "every so often",
]);

/** A question asked in the abstract, or a conditional ("what should I do if...", "what are the signs of"). */
export const HYPOTHETICAL = alt([
    "if", "in case", "what if", "suppose", "supposing", "imagine", "hypothetically", "scenario", "whether",
    "what (?:are|is) the (?:signs?|symptoms?|treatment|management|first aid|steps|causes?|risk|difference|warning)",
    "signs of", "symptoms of", "how (?:do|can|would|should) (?:you|i|we|one|people|someone|a person|parents|staff|nurses|clinicians|doctors) (?:know|tell|recognize|recognise|identify|spot|treat|manage|help|handle|respond)",
    "how to (?:recognize|recognise|tell|know|spot|identify|treat|manage|help|handle|respond)", "when (?:should|to|do|does|is)",
    "what to do", "first aid for", "teach", "training", "explain", "is it (?:normal|common|possible)", "can (?:a|an|you)",
]);
