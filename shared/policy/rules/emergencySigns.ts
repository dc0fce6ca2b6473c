/**
 * Families of emergency signs, for reports that name no single textbook sign but describe a picture: "clutching his
 * chest and fell to the floor" (chest + collapse), "rolled off the bed, vomiting and very sleepy" (fall + vomiting +
 * drowsiness), "went down and is breathing funny" (collapse + abnormal breathing). Each family lists many everyday
 * wordings of one clinical feature; a report is an emergency when it combines enough of them (see `signScore`).
 *
 * Weights: 2 for a feature that is alarming in itself (a seizure that has lasted minutes scores 3, enough alone; collapse, unresponsive, abnormal breathing, seizure activity,
 * chest pain, stroke-like speech or weakness, allergic swelling, a head injury, a long seizure), 1 for one that is
 * alarming only with another (vomiting, drowsiness, sweating, a fall, a high fever, an allergen just eaten).
 */
import {PrefilteredRegExp} from "../prefilter/prefilteredRegExp";


export interface SignFamily {
    readonly name: string;
    readonly weight: 1 | 2 | 3;
    readonly re: RegExp;
}

const PERSON_POSS = "(?:my|his|her|their|the)";

function family(name: string, weight: 1 | 2 | 3, parts: readonly string[]): SignFamily {
    return {name, weight, re: new PrefilteredRegExp(`\\b(?:${parts.join("|")})\\b`)};
}

export const SIGN_FAMILIES: readonly SignFamily[] = [
    family("collapse", 2, [
        `(?:fell|fallen|falls|dropped|drops|collapsed|slumped|crumpled|went|gone|keeled|slid) (?:down )?(?:over |down )?(?:to|on|onto) (?:the )?(?:floor|ground|pavement|sidewalk|kitchen floor|bathroom floor)`,
        "slumped (?:over|down|forward|in (?:his|her|the) (?:chair|seat))", "keeled over", "went down hard", "just went down",
        "(?:is|was|lying|laying|found (?:him|her|them)) (?:on|face down on) the (?:[a-z]+ )?(?:floor|ground)", "hit the (?:floor|ground|deck)",
        "collapsed", "passed out", "fainted", "blacked out",
    ]),
    family("unresponsive", 2, [
        "(?:is not|not|will not|would not|can not|could not|does not|did not) (?:answer|answering|respond|responding|react|reacting|wake|waking|open (?:his|her|their) eyes|opening (?:his|her|their) eyes)(?! (?:to (?:treatment|antibiotics|therapy|meds|medication)|my (?:texts|messages|calls|emails)|(?:the|his|her) phone))",
        "(?:can not|could not) (?:rouse|wake) (?:him|her|them)", "hard to (?:wake|rouse)", "(?:out cold|unresponsive|unconscious|limp|floppy)",
        "eyes (?:rolled|rolling) back", "not moving", "(?:glassy|blank) (?:eyes|stare)", "not making (?:any )?sense",
    ]),
    family("breathing", 2, [
        "breathing (?:funny|weird|weirdly|strange|strangely|oddly|shallow|shallowly|very slowly|really slowly|slowly|noisily|irregularly)",
        "(?:shallow|noisy|gurgling|rattling|irregular|labou?red) breath(?:ing|s)?", "(?:snoring|gurgling|rattling) (?:weird|strangely|loudly)?",
        "gasping", "(?:struggling|fighting|working hard) to breathe", "can not (?:breathe|catch (?:my|his|her|their) breath)",
        "(?:lips|face|skin|fingers|mouth) (?:is |are |look |looks |turning |going |gone )?(?:blue|purple|grey|gray)", "not breathing",
    ]),
    family("seizure", 2, [
        "(?:shaking|jerking|twitching|convulsing|thrashing) (?:uncontrollably|all over|on the (?:floor|ground|bed)|violently|and (?:will|can) not stop)",
        "(?:arms|legs|body) (?:is |are )?(?:jerking|shaking|twitching)", "convulsing", "seizing",
        "seizure (?:has )?(?:lasted|lasting|been going on|going on|is still going)",
    ]),
    family("chest", 2, [
        "(?:clutching|clutches|clutched|grabbing|grabbed|holding|gripping|clasping) (?:at )?(?:his|her|their|my) chest",
        "chest (?:pain|pains|pressure|tightness|heaviness|hurts|is hurting|feels (?:tight|heavy|crushed))", "pressure in (?:my|his|her) chest",
        "pain (?:down|in|into|radiating to|spreading to|going down) (?:my|his|her|their) (?:left )?(?:arm|jaw|neck)",
    ]),
    // Stroke signs in three families (face, speech, limbs), so any two of them together reach the threshold.
    family("stroke_speech", 2, [
        "(?:words|speech|sentences) (?:are |is )?(?:coming out )?(?:wrong|jumbled|garbled|slurred|strange|weird|mixed up|nonsense)",
        "(?:can not|could not|unable to|struggling to) (?:speak|talk|find (?:his|her|my|their) words|get (?:a |the |his |her |my |any )?(?:words?|sentences?) out|form (?:words|sentences))",
        "slurr(?:ing|ed)", "(?:talking|speaking) (?:gibberish|nonsense|funny|weird)",
    ]),
    family("stroke_face", 2, [
        "(?:face|mouth|smile|lip|eyelid) (?:[a-z]+ ){0,2}(?:droopy|drooping|droops|drooped|crooked|lopsided|uneven|slack|sagging|sagged|numb|frozen|paraly[sz]ed)",
        "(?:can not|could not) (?:smile|close (?:his|her|my|their|one) eye)",
    ]),
    family("stroke_limb", 2, [
        "(?:one|left|right) side (?:of (?:his|her|my|their) (?:body|face) )?(?:is |went |has gone |feels )?(?:numb|weak|limp|dead|droopy|heavy)",
        "(?:can not|could not|unable to) (?:lift|raise|move|feel|grip with) (?:his|her|my|their) (?:left |right )?(?:arm|leg|hand)",
        "(?:left|right) (?:arm|leg|hand) (?:is |went |feels |has gone )?(?:numb|weak|limp|dead|heavy|useless)",
        "(?:can not|could not) see (?:out of )?(?:one|his|her|my)", "worst headache",
    ]),
    family("cyanosis", 3, [
        "(?:lips|face|skin|fingers|fingernails|nails|mouth|tongue) (?:[a-z]+ ){0,3}(?:blue|bluish|purple|dusky)", "turning blue", "blue lips", "(?:he|she|they|baby|child|son|daughter|husband|wife) (?:is|are|looks|look|went|turned) (?:[a-z]+ )?(?:blue|purple|grey|gray)",
    ]),
    family("postpartum", 1, ["after (?:giving birth|delivery|the delivery|the birth|having (?:the|my|her) baby)", "postpartum", "(?:just )?gave birth", "delivered (?:a|the|her|my) baby"]),
    // Any fever in an infant under three months is an emergency.
    family("young_infant_fever", 3, [
        "(?:newborn|(?:[1-9]|1[0-2]) (?:day|days|week|weeks) old)(?: [a-z0-9.]+){0,6} (?:fever|temp(?:erature)? (?:of )?(?:10[0-9]|3[89]))",
        "(?:fever|temp(?:erature)? (?:of )?(?:10[0-9]|3[89]))(?: [a-z0-9.]+){0,6} (?:newborn|(?:[1-9]|1[0-2]) (?:day|days|week|weeks) old)",
    ]),
    family("petechial_rash", 2, ["purple (?:spots|rash|dots|blotches|patches)", "(?:rash|spots) (?:that )?(?:does not|do not|will not|did not) fade"]),
    family("deformity", 2, [
        "(?:leg|arm|ankle|wrist|knee|shoulder|elbow|hip|finger) (?:is |looks )?(?:twisted|bent|pointing|facing|turned) (?:the wrong way|backwards|at (?:a|an) (?:weird|odd|strange) angle|sideways)",
        "bone (?:is )?(?:sticking|poking) (?:out|through)",
    ]),
    family("severe_pain", 1, ["screaming(?: in pain)?", "(?:severe|excruciating|unbearable|agonizing) pain", "can not stop crying"]),
    family("pregnancy", 1, ["\\d+ weeks pregnant", "pregnant"]),
    family("vision_change", 1, ["(?:blurry|blurred|double) vision", "vision (?:is |went |going )?(?:blurry|dark|black|spotty|fuzzy)", "seeing (?:spots|stars|flashes)"]),
    family("bad_headache", 1, ["(?:pounding|severe|terrible|splitting|worst|excruciating|sudden) headache"]),
    family("allergic_swelling", 2, [
        "(?:face|lips?|tongue|throat|eyes?|mouth) (?:is |are |feels |feel |looks |look |keeps |started |getting |is getting )?(?:swelling|swollen|puffing up|puffy|blowing up|tight|closing|huge|enormous|puffed up|thick)",
        "hives (?:all over|everywhere|spreading)", "(?:can not|can barely|hard to|trouble|struggling to) swallow", "swelling (?:up )?(?:fast|quickly|rapidly|like crazy)",
    ]),
    family("head_injury", 2, [
        "(?:hit|banged|bumped|smacked|cracked|knocked) (?:his|her|their|my) head", "(?:landed|fell) on (?:his|her|their|my) head", "head (?:injury|wound|trauma)", "bleeding (?:from|out of) (?:his|her|their|my) (?:head|ear|ears)",
        "(?:hit|struck|run over) by a (?:car|truck|bus|bike|van)", "knocked (?:out|unconscious)",
    ]),
    family("foaming", 1, ["foaming at the mouth", "frothing at the mouth"]),
    family("bleeding", 2, [
        "(?:a lot of|lots of|so much|tons of|too much) blood", "blood (?:is )?(?:everywhere|all over)", "(?:can not|could not|will not) stop (?:it|the bleeding|the blood|bleeding)",
        "bleeding (?:from (?:his|her|their|my) (?:belly|stomach|chest|neck|head|leg|thigh|arm|side|back|abdomen)|heavily|a lot|badly|through|everywhere)", "soaked through", "(?:soaking|bleeding|soaked) through (?:a |\\w+ )?(?:pads?|towels?|clothes|bandages?|dressings?|sheets)",
    ]),
    // Blood that spurts or pumps is arterial: an emergency by itself.
    family("arterial_bleeding", 3, [
        "(?:blood|it|wound|cut) (?:is |keeps |just keeps )?(?:spurting|pumping|pulsing|squirting|gushing)", "(?:spurting|pumping|pulsing|squirting|gushing) (?:out )?blood",
    ]),
    family("penetrating", 2, [
        "(?:was|been|got|has been|just got|is|were) (?:stabbed|shot|impaled|knifed)", "gunshot", "(?:knife|stab|bullet) wound", "(?:impaled|stabbed|shot) (?:in|through) (?:the|his|her|my)",
    ]),
    family("drowning", 2, [
        "(?:got|was|been|just|were|we) (?:pulled|fished|dragged) (?:him |her |them )?(?:out )?(?:of|from) (?:the|a) (?:pool|water|lake|river|bath|bathtub|ocean|sea|pond)",
        "(?:found|saw) (?:him|her|them) (?:face down )?(?:in|under) (?:the|a) (?:pool|water|lake|bath|bathtub|pond)", "(?:nearly|almost) drowned",
    ]),
    family("envenomation", 1, [
        "(?:bit|bitten|stung) by (?:a |an )?(?:\\w+ )?(?:snake|rattlesnake|cobra|viper|copperhead|cottonmouth|adder|scorpion|spider|black widow|brown recluse|jellyfish|box jellyfish)",
        "snake ?bite", "(?:rattlesnake|copperhead|cottonmouth|viper|adder) bite",
    ]),
    family("long_seizure", 3, [
        "(?:seizing|seizure|convulsing|fitting|jerking|shaking) (?:[a-z]+ ){0,2}(?:for )?(?:over |more than |about |almost |nearly )?(?:\\d+|five|ten|fifteen|twenty|several) (?:minutes|mins)",
        "(?:seizing|seizure|convulsing|fitting) (?:and )?(?:will not|does not|is not|can not) (?:stop|end)",
        "seizure (?:has |that has |that )?(?:lasted|lasting|been going on|going on|is still going)(?: for)? (?:over |more than |about |almost )?(?:\\d+|five|ten|fifteen|several) (?:minutes|mins)",
    ]),
    family("vomiting", 1, [
        "vomit(?:ing|ed|s)?", "throwing up", "threw up", "(?:keeps|keep|kept) (?:throwing up|vomiting|being sick)", "puking",
    ]),
    family("drowsy", 1, [
        "(?:very|really|so|extremely|super|unusually|too) (?:sleepy|drowsy|tired|lethargic|out of it)", "lethargic", "drowsy",
        "(?:can not|could not|can barely) (?:stay awake|keep (?:his|her|their|my) eyes open)", "confused", "disoriented", "dazed",
    ]),
    family("autonomic", 1, [
        "sweating (?:buckets|profusely|heavily|a lot|like crazy)", "(?:cold|drenched in) sweat", "clammy", "(?:grey|gray|ashen|white as a sheet)",
        "sweaty", "sweating", "pale",
    ]),
    family("fall", 1, [
        `(?:fell|fallen|rolled|tumbled|slipped) (?:off|from|down|out of) (?:the |a |${PERSON_POSS} )?(?:bed|changing table|couch|sofa|bike|bicycle|ladder|stairs|steps|roof|horse|crib|high chair|counter|table|trampoline|balcony|tree|skateboard|scooter)`,
        "fell down the stairs", "fall from (?:a )?height", "fell (?:and|hard|badly)",
    ]),
    family("high_fever", 1, [
        "fever (?:of |is |at )?(?:10[4-9]|4[01](?:\\.\\d)?)", "high fever", "(?:10[4-9]|4[01](?:\\.\\d)?) (?:degree )?fever", "burning up",
        "(?:stiff neck|purple rash|rash that does not fade)",
    ]),
    family("allergen_exposure", 1, [
        "(?:ate|eaten|eating|had|drank|took|touched) (?:some |a |the )?(?:\\w+ )?(?:peanuts?|nuts|shellfish|shrimp|prawns|crab|lobster|sesame|eggs?|fish|penicillin|amoxicillin|sulfa|pecans?|cashews?|almonds?|walnuts?)",
        "(?:stung|bitten|bit) by", "bee sting", "wasp sting",
    ]),
];

export interface SignScore {
    readonly score: number;
    readonly families: readonly string[];
    /** Index of the earliest sign in the text (for checks on what comes before it). */
    readonly firstIndex: number;
}

const NEGATORS = new Set(["no", "not", "never", "without", "denies", "denied", "nor", "none"]);

function negatedBefore(text: string, index: number): boolean {
    const before = text.slice(Math.max(0, index - 40), index).split(" . ").pop() ?? "";
    return before.trim().split(/\s+/).slice(-3).some((w) => NEGATORS.has(w));
}

/** Sum of the weights of the distinct sign families found (not negated) in normalised text. */
export function signScore(norm: string): SignScore {
    let score = 0;
    let firstIndex = -1;
    const families: string[] = [];
    for (const f of SIGN_FAMILIES) {
        const m = f.re.exec(norm);
        if (!m || negatedBefore(norm, m.index)) continue;
        score += f.weight;
        families.push(f.name);
        if (firstIndex < 0 || m.index < firstIndex) firstIndex = m.index;
    }
    return {score, families, firstIndex};
}
