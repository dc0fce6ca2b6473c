/**
 * Emergency: the writer describes an acute emergency happening now to themselves or to someone with them.
 * Composed from: an acute sign, a subject (the writer, their family, someone physically with them), the present
 * time, and the absence of negation ("no chest pain"), history ("yesterday, gone now"), a recurring pattern
 * ("sometimes after coffee"), a hypothetical ("what should I do if...") or clinical framing (a clinician asking
 * about a patient is answered, not escalated).
 */
import {alt, CHRONIC, CLINICAL_SUBJECT, distinct, isNegatedBefore, messageMatches, MY_RELATION, NOW, PAST, PRESENT_PERSON} from "./patterns";
import type {PolicyRule} from "./ruleTypes";
import {signScore} from "./emergencySigns";
import type {AnalyzedText} from "../normalize";
import {PrefilteredRegExp, prefiltered} from "../prefilter/prefilteredRegExp";


/** Signs that are emergencies by themselves when they are happening (tier A). */
const CRITICAL_SIGNS = alt([
    "(?:is|are|am|he|she|they|baby|child) not breathing(?! (?:through|out of|well))", "(?<!(?:do|does|is|if|when|why|am i|is it) )not breathing(?! (?:through|out of|well|properly|right|deeply|normally|enough|correctly))",
    "(?:stopped|stops|has stopped) breathing",
    "(?:can not|can barely|unable to|struggling to|fighting to|can hardly|barely able to) (?:breathe|breath|catch (?:my|his|her|their) breath)(?! (?:through|out of|when|while|after|during))",
    "barely breathing", "hardly breathing", "gasping for (?:air|breath)", "(?:is|am|are) choking(?! on (?:my|his|her) (?:food|saliva|water|spit) (?:when|while|sometimes))",
    "(?:lips|face|skin|mouth) (?:is |are )?(?:turning |going |gone |turned )?(?:blue|purple|gray|grey)",
    "(?:he|she|they|baby|child|son|daughter|husband|wife|is|am) (?:is |are )?(?:turning|turned|going) (?:blue|purple|gray|grey)",
    "blue lips", "(?:is|are|was|went|gone|am|found (?:him|her|them)) (?:completely |totally |really |very |so |suddenly |all )?(?:unresponsive|unconscious|limp|floppy)",
    "(?<!so (?:that )?(?:he|she|they|i|it) )(?<!so (?:that )?(?:he|she|they|i|it) (?:will|would) )(?:will not|can not|could not) wake (?:up|him|her|them)",
    "(?<!if )(?<!is )(?<!when )(?:unconscious|unresponsive)(?! (?:for|patients?|person|adults?|child))", "cord (?:is )?(?:coming out|prolapsed|hanging out|came out)", "(?:see|feel|can see|can feel) the (?:umbilical )?cord",
    "(?:was|went|been|is|has been) (?:under ?water|submerged)", "(?:fell|fallen|slipped) (?:into|in) (?:the|a) (?:pool|lake|river|water|pond|bathtub|tub)",
    "(?:is|am|are) (?:having|going into) (?:a )?(?:severe |bad )?(?:allergic reaction|anaphylactic reaction)", "(?:throat|tongue) (?:is |keeps )?(?:swelling up|swelling)(?! from)", "not waking up", "not responding(?! to (?:treatment|antibiotics|medications?|meds|the|therapy|tylenol|ibuprofen|acetaminophen|insulin|diuretics|steroids|my (?:texts|messages|calls)))",
    "(?:passed out|fainted|blacked out|collapsed|keeled over|fell unconscious)(?! (?:lung|vein|disc|veins))", "(?:going to|about to|gonna) (?:pass out|faint|black out)",
    "(?:is|am|are) (?:having a |having an )?(?:seizure|seizing|convulsing|fitting|shaking uncontrollably)",
    "(?:is|am|are) having (?:a|another) seizure", "(?<!of |when |if |after )(?:and |now |keeps )having (?:a|another) seizure", "overheating", "seizure (?:is|has been) (?:going on|lasting|not stopping)", "(?:no|can not find a|can not feel a) pulse",
    "heart (?:has )?stopped", "(?:am|is|are|i think i am|think he is|think she is) having a (?:heart attack|stroke)",
    "(?:throat|airway) (?:is |are )?(?:closing|closing up|tightening|shutting)", "(?:having|going into|in) anaphyla\\w*",
    "(?:face|mouth|smile) (?:is |suddenly )?(?:drooping|droops|droopy|lopsided|crooked)",
    "bleeding (?:heavily|profusely|everywhere|nonstop|so much|really bad)", "bleeding (?:will not|does not|can not|is not going to) stop",
    "(?:can not|could not) stop (?:the|his|her|my) bleeding", "(?:spurting|gushing|pouring|squirting) (?:blood|out)",
    "blood (?:is )?(?:spurting|gushing|pouring|everywhere)", "lost a lot of blood",
    "(?:vomiting|throwing up|coughing up|puking) (?:a lot of |lots of )?blood", "slurr(?:ed|ing) (?:speech|words|his words|her words|my words)",
    "speech (?:is )?(?:suddenly )?slurred", "can not (?:speak|talk) (?:properly|clearly|right|normally|at all)", "can not get (?:the |my |his |her )?words out",
    "can not (?:move|feel|lift|raise|use) (?:my|his|her|their) (?:arm|leg|face|left|right|body|hand)",
    "speech (?:is |sounds )?(?:suddenly )?(?:slurred|garbled|jumbled|strange|weird|gibberish)", "(?:talking|speaking) gibberish", "(?:one|left|right) side (?:of (?:my|his|her|their) (?:body|face) )?(?:is |went |has gone )?(?:numb|weak|paralyzed|drooping|dead)",
    "worst headache of (?:my|his|her|their) life", "thunderclap headache", "(?:has been|have been|was just|just got|got|been) (?:stabbed|shot)(?! (?:with|in the arm|by (?:a|the) (?:nurse|pharmacist|doctor)))",
    "gunshot wound", "(?:is |was )?drowning(?! in)", "(?:pulled|fished) (?:him|her|them) (?:out )?(?:of|from) the (?:pool|water|lake|river|bath)",
    "(?:is overdosing|am overdosing|are overdosing)", "bone (?:is )?sticking out", "(?:is|are) hanging from", "found (?:him|her|them) hanging",
    "crushing (?:chest )?pain", "(?:is|he is|she is|they are|s|he|she) not moving", "(?:severe|bad|serious|terrible) asthma attack",
    "inhaler (?:is not|does not|did not|is not really) (?:working|helping)",
    "blood (?:is )?(?:coming|pouring|leaking|running) (?:out )?(?:from|of|out of) (?:his|her|their|my) (?:ears?|nose|mouth|head)", "(?:chest|heart) (?:pain|pressure) (?:and|with) (?:can not breathe|sweating|shortness of breath|pain (?:in|down) (?:my|his|her) (?:left )?arm)",
]);

/** Signs that are emergencies when they started now and are severe (tier B): "chest pressure right now". */
const ACUTE_SIGNS = alt([
    "chest (?:pains?|pressure|tightness|heaviness|hurts|is tight|feels tight|is hurting|discomfort)", "pressure in (?:my|his|her) chest",
    "pain (?:radiating|spreading|going|shooting) (?:to|down|into) (?:my|his|her) (?:left )?(?:arm|jaw|neck|back)",
    "short(?:ness)? of breath", "(?:trouble|difficulty|hard time|problems?) breathing", "(?:hard|difficult) to breathe", "wheez\\w*",
    "(?:face|lips?|tongue|throat|eyes?|mouth) (?:is |are |feels |feel |getting |looks |is getting |keeps )?(?:swelling|swollen|puffing up|tight|tighter|closing)", "hives (?:all over|everywhere|and)",
    "(?:severe|serious|bad) allergic reaction", "anaphyla\\w*", "room is spinning", "(?:can not|could not) (?:see|walk|stand)",
    "(?:lost|losing) (?:my|his|her|the) (?:vision|sight)", "(?:went|going|gone) blind", "confused", "confusion", "disoriented",
    "(?:one|left|right) (?:arm|leg|side) (?:is |went |feels )?(?:numb|weak|heavy)", "(?:face|arm|leg) (?:is |went |feels )?numb",
    "heart (?:is )?(?:racing|pounding|beating (?:really |so )?fast)", "(?:severe|terrible|unbearable|excruciating|intense|crushing|worst) (?:chest|abdominal|stomach|belly|head) ?(?:pain|ache)",
    "(?:severe|terrible|unbearable|excruciating|intense|sudden) headache", "(?:severe|terrible|unbearable|excruciating|horrible|agonizing) pain", "seizure", "fever (?:of )?10[4-9]", "stiff neck",
    "(?:heavy|severe|a lot of) (?:vaginal )?bleeding", "bleeding (?:a lot|badly|heavily)", "(?:severe|bad|major) burns?", "electrocuted",
    "hit (?:my|his|her|their) head", "(?:head|neck) injury", "water broke", "baby is coming", "in cardiac arrest",
    "went into cardiac arrest", "overdosed", "unresponsive", "faint(?:ed|ing)?", "passing out", "lightheaded", "drooling",
    "can not swallow", "unable to swallow", "(?:stung|bitten) by", "snake ?bite", "(?:is |am )?(?:vomiting|throwing up) (?:and|with) (?:confused|can not)",
    "not making (?:any )?sense", "not acting (?:right|normal|like himself|like herself)", "shaking", "coughing", "allergic reaction", "chest (?:feels|is) (?:like|heavy|crushed)", "elephant (?:is )?(?:sitting|standing) on (?:my|his|her) chest",
    "sweaty", "sweating", "nauseous", "clammy", "having an asthma attack", "fell down the stairs", "(?:is|am) bleeding", "(?:really|very|extremely) (?:drowsy|sleepy|out of it)", "hard to wake",
    "suicide attempt", "(?:he|she|they) (?:is|are) threatening to (?:kill|hurt) (?:himself|herself|themselves)",
]);

/** Things that poison someone who swallows them (ingestion emergencies, children above all). */
const TOXIC = alt([
    "bleach", "drain cleaner", "drano", "antifreeze", "battery", "batteries", "button battery", "magnets?", "laundry pods?",
    "detergent pods?", "detergent", "dishwasher (?:pods?|tablets?|detergent)", "pesticide", "insecticide", "rat poison", "weed killer",
    "lye", "oven cleaner", "toilet cleaner", "lighter fluid", "gasoline", "petrol", "kerosene", "lamp oil", "paint thinner",
    "windshield washer fluid", "nail polish remover", "hand sanitizer", "mouthwash", "essential oils?", "e liquid", "vape (?:juice|liquid)",
    "nicotine", "iron (?:pills|tablets)", "(?:his|her|my|grandma|grandpa|mom|dad|the) (?:pills|meds|medication|medicine|tablets|gummies|vitamins)",
    "(?:a|some|the|a few|several|a bunch of|a handful of|all the|all of the|all of my|all of his|all of her) (?:pills|tablets|meds|capsules)",
    "(?:blood pressure|heart|sleeping|diabetes|pain|adhd|seizure|thyroid) (?:pills|meds|medication|tablets)", "mushrooms?", "berries",
    "cleaning (?:product|solution|fluid|spray)", "bleach", "ammonia", "poison", "poisonous \\w+", "edibles?", "weed gummies", "cannabis gummies",
]);
const INGESTED = "(?:swallowed|drank|ate|ingested|chewed|got into|has eaten|has swallowed|has drunk|just ate|just drank|just swallowed|put in (?:his|her) mouth|licked|sucked on|took)";

/** The subject of the sentence is the writer, their family, or someone physically with them. */
const SELF_OR_COMPANION = new PrefilteredRegExp(`\\b(?:i|me|my|we|us|our|he|she|they|his|her|him|them|someone|somebody|${MY_RELATION})\\b|${PRESENT_PERSON}`);
const COMPANION = new PrefilteredRegExp(`\\b(?:${MY_RELATION})\\b|${PRESENT_PERSON}|\\b(?:someone|somebody) (?:here|at|in|next|near|with)\\b`);
const SELF_BODY = prefiltered(/\b(?:i am|i have|i can not|i feel|i just|i think i am|my (?:chest|heart|head|face|throat|lips|tongue|arm|leg|vision|eye|eyes|breathing))\b/);
const CHILD = prefiltered(/\b(?:toddler|baby|infant|newborn|kid|kids|child|son|daughter|boy|girl|\d+ ?(?:year|month) old|grandson|granddaughter|nephew|niece|twins?|grandma|grandpa|grandmother|grandfather|mom|dad|mother|father|husband|wife|friend|roommate|dog)\b/);

const CRITICAL_RE = new PrefilteredRegExp(`\\b${CRITICAL_SIGNS}`);
const ACUTE_ALL = new PrefilteredRegExp(`\\b${ACUTE_SIGNS}\\b`, "g");
const ACUTE_RE = new PrefilteredRegExp(`\\b${ACUTE_SIGNS}\\b`);
const NOW_RE = new PrefilteredRegExp(`\\b${NOW}\\b`);
const PAST_RE = new PrefilteredRegExp(`\\b${PAST}\\b`);
const CHRONIC_RE = new PrefilteredRegExp(`\\b${CHRONIC}\\b`);
const CLINICAL_RE = new PrefilteredRegExp(`\\b${CLINICAL_SUBJECT}\\b`);
const INGESTION_RE = new PrefilteredRegExp(`\\b${INGESTED} ${"(?:[^\\s.]+ ){0,5}"}${TOXIC}\\b|\\b(?:found|got into|got hold of|opened|grabbed) ${"(?:[^\\s.]+ ){0,3}"}${TOXIC} (?:and )?(?:ate|swallowed|chewed|drank|took|had) (?:some|them|it|one|a few|several|a handful|a couple|half|all)\\b`);
const STRONG_NOW = prefiltered(/\b(?:right now|just now|currently|at the moment|as we speak|as i type|minutes ago|hour ago|just (?:started|began|happened|took|swallowed|drank|ate|collapsed|fell|got|passed|went)|suddenly|all of a sudden|out of nowhere)\b/);
/** Mild or "is this normal?" wording: a question about a symptom, not a report of an emergency. */
const MILD = prefiltered(/\b(?:a bit|a little|slightly|mild|mildly|minor|is (?:that|this|it) normal|nothing serious)\b/);
/** Once resolved, whatever happened is history: "chest tightness yesterday, gone now". */
const RESOLVED = prefiltered(/\b(?:went away|gone now|is gone|it is gone|has gone away|resolved|subsided|passed now|has passed|it passed|fine now|okay now|ok now|better now|back to normal|stopped on its own|went back to normal|no longer|now (?:he|she|i|they|it) (?:is|am|are|seems?|feels?) (?:fine|ok|okay|better|normal|gone))\b/);

/** The writer describing their own body in the present. */
const PRESENT_SELF = prefiltered(/\b(?:i am|i feel|i have|i can not|i keep|my \w+ (?:feels|is|hurts|keeps))\b/);

/** Severity or urgency anywhere in the message. */
const SEVERE = prefiltered(/\b(?:severe|severely|sudden|suddenly|crushing|worst|really bad|so bad|terrible|horrible|unbearable|excruciating|fast|quickly|rapidly|a lot|everywhere|will not stop|getting worse|pass out|passing out|ambulance|911|999|112|please help|help me|scared|panicking|emergency|can not breathe|spreading|all over|tight|closing)\b/);

/** Words that, before the sign, make it a conditional or general question rather than a report. */
const HYPOTHETICAL_BEFORE = prefiltered(/\b(?:if|in case|what if|suppose|supposing|imagine|hypothetically|scenario|whenever|signs of|symptoms of|how (?:do|can|would|should) (?:you|i|we|one|people|someone|a person|parents|staff|nurses|clinicians|doctors) (?:know|tell|recognize|recognise|identify|spot|treat|manage|respond)|how to (?:recognize|recognise|tell|know|spot|identify|treat|manage|handle|respond|help|calm|support|comfort|care for)|what (?:are|is) the (?:signs?|symptoms?|treatment|management|first aid|causes?|warning)|when (?:someone|somebody|a person|people|you|a child|a baby|your|an? \w+) (?:is|are|has|have|starts?|gets?|becomes?)|can (?:stress|anxiety|a panic attack|dehydration|caffeine|low blood sugar)|why (?:do|does|would|can)|is it (?:normal|common|possible|true)|(?:can|could|does|do|will|would|might) (?:[^\s.]+ ){0,4}(?:cause|lead to|trigger|result in|produce|give you)|what causes|risk of|teach|training|course|exam|quiz)\b/);

interface SignHit { index: number; text: string }

const GLOBAL = new Map<RegExp, RegExp>();

function firstSign(s: string, re: RegExp): SignHit | null {
    let g = GLOBAL.get(re);
    if (!g) GLOBAL.set(re, g = new PrefilteredRegExp(re.source, "g"));
    g.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = g.exec(s)) !== null) {
        if (!isNegatedBefore(s, m.index, 3)) return {index: m.index, text: m[0]};
        if (m[0].length === 0) g.lastIndex++;
    }
    return null;
}

/** Whether the writer is a clinician asking about a patient rather than someone reporting their own crisis. */
const PROFESSION_INTRO = prefiltered(/\bi am an? (?:nurse|doctor|physician|paramedic|emt|clinician|pharmacist|resident|medic|medical student|nursing student|np|pa|midwife|first responder|er doc|icu nurse)\b/g);

function clinicalFraming(t: AnalyzedText): boolean {
    // "I am a paramedic" introduces the writer's job, not their own body.
    const norm = t.norm.replace(PROFESSION_INTRO, "");
    return CLINICAL_RE.test(t.norm) && !SELF_BODY.test(norm) && !COMPANION.test(norm);
}

/** The common conditions: a report about now, not a conditional, not history, not a long-standing pattern. */
function reportedNow(s: string, hit: SignHit, needNow: boolean, t: AnalyzedText, anySubject = false): boolean {
    if (HYPOTHETICAL_BEFORE.test(s.slice(0, hit.index))) return false;
    const strongNow = STRONG_NOW.test(s) || (needNow && NOW_RE.test(s));
    if (PAST_RE.test(s) && !STRONG_NOW.test(s)) return false;
    if (CHRONIC_RE.test(s) && !strongNow) return false;
    if (needNow && !NOW_RE.test(s) && !messageMatches(t, NOW_RE)) return false;
    return anySubject || SELF_OR_COMPANION.test(s) || messageMatches(t, SELF_OR_COMPANION) || /^(?:can not|will not|not|bleeding|choking|having)\b/.test(s);
}

function criticalNow(t: AnalyzedText): boolean {
    if (clinicalFraming(t) || RESOLVED.test(t.norm)) return false;
    return distinct(t.sentences).some((s) => {
        const hit = firstSign(s, CRITICAL_RE);
        // A life-threatening sign happening now is an emergency whoever it happens to (a visitor, a driver).
        return hit !== null && reportedNow(s, hit, false, t, true);
    });
}

const ACUTE_SIGN_COUNTS = new WeakMap<AnalyzedText, number>();

/** How many different acute signs the whole message names: counted once per message, not once per sentence. */
function distinctAcuteSigns(t: AnalyzedText): number {
    let n = ACUTE_SIGN_COUNTS.get(t);
    if (n === undefined) ACUTE_SIGN_COUNTS.set(t, n = new Set(t.norm.match(ACUTE_ALL) ?? []).size);
    return n;
}

function acuteWithOnset(t: AnalyzedText): boolean {
    if (clinicalFraming(t) || RESOLVED.test(t.norm)) return false;
    return distinct(t.sentences).some((s) => {
        const hit = firstSign(s, ACUTE_RE);
        if (hit === null) return false;
        // The sign must concern a person here: "I", "my husband", "someone here", or a pronoun in a report.
        if (messageMatches(t, MILD)) return false;
        const distinctSigns = distinctAcuteSigns(t);
        // Several signs described in the present by the writer ("my chest feels crushed, I am sweaty") are a report of now.
        if (distinctSigns >= 2 && messageMatches(t, PRESENT_SELF) && !HYPOTHETICAL_BEFORE.test(s.slice(0, hit.index))
            && !messageMatches(t, PAST_RE) && !messageMatches(t, CHRONIC_RE)) return true;
        return reportedNow(s, hit, true, t) && (messageMatches(t, SEVERE) || STRONG_NOW.test(s) || distinctSigns >= 2);
    });
}

function toxicIngestion(t: AnalyzedText): boolean {
    if (clinicalFraming(t)) return false;
    return distinct(t.sentences).some((s) => {
        const m = INGESTION_RE.exec(s);
        if (!m || isNegatedBefore(s, m.index, 3)) return false;
        if (HYPOTHETICAL_BEFORE.test(s.slice(0, m.index))) return false;
        if (PAST_RE.test(s) && !STRONG_NOW.test(s)) return false;
        // Someone with the writer (a child above all) swallowed it.
        return CHILD.test(s) || COMPANION.test(s) || /\b(?:he|she|they)\b/.test(s.slice(0, m.index));
    });
}

/**
 * Several features of an emergency together (see emergencySigns.ts), in a report about now: "clutching his chest
 * and fell to the floor", "rolled off the bed and now vomiting and very sleepy".
 */
const SIGNS_AS_TOPIC = prefiltered(/\b(?:signs?|symptoms?|red flags|warning|criteria|explain|teach|teaching|educate|protocol|guidelines?|workup|differential|which (?:\w+ )?(?:signs|symptoms) )\b/);

function signCluster(t: AnalyzedText): boolean {
    if (clinicalFraming(t) || RESOLVED.test(t.norm) || MILD.test(t.norm)) return false;
    const {score, firstIndex} = signScore(t.norm);
    if (score < 3) return false;
    const before = t.norm.slice(0, firstIndex).split(" . ").pop() ?? "";
    if (HYPOTHETICAL_BEFORE.test(before)) return false;
    // Signs named as a topic ("which head injury signs need the ER", "the red flags") rather than seen now.
    if (SIGNS_AS_TOPIC.test(t.norm) && !STRONG_NOW.test(t.norm)) return false;
    const strongNow = STRONG_NOW.test(t.norm) || NOW_RE.test(t.norm);
    if (PAST_RE.test(t.norm) && !STRONG_NOW.test(t.norm)) return false;
    if (CHRONIC_RE.test(t.norm) && !strongNow) return false;
    return SELF_OR_COMPANION.test(t.norm);
}

export const EMERGENCY_RULES: readonly PolicyRule[] = [
    {
        id: "emergency.critical_sign_now", category: "emergency",
        description: "A life-threatening sign (not breathing, unresponsive, seizing, turning blue, throat closing, heavy bleeding) is happening to the writer or someone with them.",
        test: criticalNow,
    },
    {
        id: "emergency.acute_sign_with_onset", category: "emergency",
        description: "A serious symptom (chest pressure, trouble breathing, sudden weakness or vision loss) that started now or is severe, in the writer or someone with them.",
        test: acuteWithOnset,
    },
    {
        id: "emergency.sign_cluster", category: "emergency",
        description: "Two or more features of an emergency together (collapse, unresponsive, odd breathing, seizure, chest pain, stroke signs, swelling, a head injury, with vomiting, drowsiness or sweating) reported now for the writer or someone with them.",
        test: signCluster,
    },
    {
        id: "emergency.toxic_ingestion", category: "emergency",
        description: "Someone with the writer (often a child) just swallowed a poison, a battery or someone else's pills.",
        test: toxicIngestion,
    },
];
