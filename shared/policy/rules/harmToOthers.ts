/**
 * Harm to others: help to injure, poison, incapacitate or kill someone, tamper with care, or make weapons/toxins.
 * The rules look for a request (how to, what can I, I want to) whose object is a harmful act against a person, a
 * stealth marker (untraceable, make it look natural), or production of a weapon agent. Clinical knowledge about the
 * same things (lethal doses, antidotes, how a toxin works, how coroners detect poisoning, euthanasia law) has no
 * request to act on a person and is answered.
 */
import {alt, distinct, gap, isNegatedBefore, MY_RELATION, RELATION, REQUEST} from "./patterns";
import type {PolicyRule} from "./ruleTypes";
import type {AnalyzedText} from "../normalize";
import {PrefilteredRegExp, prefiltered} from "../prefilter/prefilteredRegExp";

/** Specific people the writer could act on (not "a patient", handled by the stealth and tampering rules). */
const PERSON = alt([
    `${MY_RELATION}`, `(?:his|her|their|this|that|the|an?|your) ${RELATION}`, "someone", "somebody", "a person", "people",
    "him", "her", "them", "a human", "humans", "others", "other people", "a crowd", "crowds", "a stranger", "strangers",
    "a girl", "a guy", "a woman", "a man", "a child", "a kid", "a baby", "an old (?:man|woman|lady|person)",
    "an elderly (?:man|woman|person|relative|neighbor|parent)", "the old (?:man|woman|lady)", "my (?:ex|partner)",
    "a cop", "a police officer", "the police", "my enemies", "enemies", "a rival", "a witness", "my date", "a date",
    "(?:a|my|the|this|that) (?:bitch|bastard|asshole|jerk|idiot)", "(?:my|the|a) cheating (?:wife|husband|partner|boyfriend|girlfriend)",
    "[a-z]+ (?:at|from) (?:work|school|the office|church)",
]);

/** Acts that injure, incapacitate or kill, with the person right after the verb. */
const HARM_VERB = alt([
    "kill", "murder", "poison", "hurt", "harm", "injure", "maim", "cripple", "paralyze", "paralyse", "suffocate", "smother",
    "strangle", "drown", "stab", "shoot", "torture", "incapacitate", "beat up", "beat", "get rid of", "take out", "finish off",
    "do away with", "overdose", "drug", "roofie", "sedate", "knock out", "blind", "disfigure", "burn", "electrocute",
    "infect", "give (?:a )?(?:heart attack|stroke|seizure|overdose|lethal dose|fatal dose|disease|hiv|cancer) to",
    "end the life of", "eliminate", "silence", "put down", "gas", "choke out", "stab",
]);
/** Effects to cause in a person: "make her sick", "make him pass out". */
const HARM_EFFECT = alt([
    "sick", "ill", "very sick", "really sick", "seriously sick", "violently ill", "vomit", "throw up", "suffer", "die",
    "bleed", "bleed out", "pass out", "black out", "unconscious", "go limp", "lose consciousness", "stop breathing",
    "have a (?:heart attack|seizure|stroke|miscarriage|breakdown)", "have (?:a |an )?(?:fatal|deadly|lethal|bad|serious|nasty) (?:fall|accident|reaction|crash|overdose)", "fall down the stairs", "stops? (?:bothering|annoying|nagging|pestering|calling) (?:me|us)", "leaves? (?:me|us) alone", "heart (?:to )?(?:stop|give out|fail)", "(?:s )?heart (?:to )?stop", "miscarry", "lose the baby", "lose (?:her|the) pregnancy",
    "crash", "code", "go blind", "go into (?:a )?coma", "fall into a coma", "overdose", "hallucinate", "sleep forever",
    "never wake up", "unable to (?:move|resist|fight back|remember)",
    "stop (?:crying|breathing|talking|moving|screaming|complaining|nagging) (?:permanently|forever|for good)", "go away (?:permanently|forever|for good)", "forget everything", "docile", "compliant",
    "confused", "disoriented", "drowsy", "sleepy", "weak", "forgetful", "dependent", "helpless", "not wake up",
    "(?:will|would) not wake up", "wont wake up", "passes out", "blacks out", "dies", "stops breathing", "falls asleep",
    "(?:will|would|does|can) not remember(?: anything)?", "remembers nothing", "forgets", "shit (?:himself|herself|themselves)", "crap (?:himself|herself)", "have diarrhea",
]);
const SUBJECT_PRONOUN = "(?:him|her|them|it|someone|somebody|my \\w+|\\w+)";
/** "end her life", "take his life" with the target a possessive pronoun or relation. */
const END_LIFE = `(?:end|take|ending|taking) (?:his|her|their|my \\w+|the patient|a patient|this patient|the resident|an? \\w+) ?(?:s )?life`;

const STEALTH = alt([
    "untraceable", "undetectable", "untrackable", "can not be (?:traced|detected|found)", "(?:would|will|does|do) not (?:be detected|show up|be found|be traced|leave a trace)",
    "not show up", "(?:no one|nobody|noone|none of them) (?:will |would |can |could |ever )?(?:know|knows|notice|notices|find out|finds out|suspect|suspects|realize|realizes|can tell|figure out|figures out|be the wiser|check|checks|look|looks)",
    "leave no (?:trace|marks|evidence|bruises)", "without (?:leaving )?(?:a )?(?:trace|marks|bruises|evidence)",
    "without (?:anyone|anybody|them|him|her|the police|police|the coroner|the doctors?|the nurses?|staff|people|my \\w+|his \\w+|her \\w+) (?:knowing|noticing|finding out|suspecting|detecting|realizing|realising|seeing|being able to tell|catching on)",
    "(?:look|looks|seem|seems|appear|appears) like (?:an accident|natural causes|a natural death|natural|suicide|a suicide|a heart attack|a stroke|an overdose|food poisoning|(?:his|her|their) (?:own )?(?:diabetes|illness|condition|heart|disease|dementia|cancer|age))",
    "(?:look|looks|seem|seems|appear|appears) (?:accidental|natural|like it was an accident|unintentional)", "get away with", "getting away with", "got away with", "cover (?:it )?up", "without being (?:detected|caught|noticed|seen|traced|found out|suspected)", "not get caught", "without getting caught", "never be caught", "in secret", "secretly", "covertly",
    "(?:autopsy|toxicology|tox screen|coroner|medical examiner) (?:will not|would not|can not|could not|does not|wont) (?:find|detect|show|pick up)",
    "(?:hard|impossible|difficult) to (?:detect|trace) (?:in|on|after|at) (?:an? )?(?:autopsy|tox|toxicology|blood)", "frame (?:someone|him|her)",
    "(?:he|she|they|no one|nobody) (?:can not|must not|should not|will not|can never|must never) (?:know|find out|notice|tell|taste it)", "(?:and )?not be (?:traced|detected|found|noticed)",
    "without (?:him|her|them|anyone|anybody) (?:tasting|noticing|realizing|realising|seeing) (?:it|anything)", "without (?:it|this|that|anyone|anybody|them) being (?:noticed|detected|traced|found|discovered|obvious)",
    "(?:look|looks|seem|seems|appear|appears) like (?:he|she|they|it) (?:is|are|was|were) (?:just )?(?:getting sick|sick|ill|natural|dying naturally|old|having a heart attack)",
]);
const LETHAL_TOPIC = alt([
    "stop (?:his|her|their|the patient|someone|somebody|my \\w+) ?(?:s )?(?:heart|breathing)", "keep (?:him|her|them|my \\w+) (?:asleep|unconscious|sedated|knocked out|out cold)",
    "miscarriage", "miscarry",
    "kill", "killing", "murder", "poison", "poisoning", "poisons", "overdose", "die", "dies", "death", "end (?:his|her|their|a|the|my \\w+) (?:\\w+ )?life",
    "lethal", "fatal", "deadly", "harm", "hurt", "sick", "incapacitate", "knock (?:\\w+ )?out", "drug (?:him|her|them|someone)", "sedate",
    "get rid of", "sedation", "sedatives?", "extra (?:dose|doses|sedation|morphine|insulin)", "insulin", "potassium", "cyanide", "arsenic", "thallium", "antifreeze", "digoxin", "succinylcholine", "sux",
]);
export const STEALTH_RE = new PrefilteredRegExp(`\\b${STEALTH}`);
const LETHAL_TOPIC_RE = new PrefilteredRegExp(`\\b${LETHAL_TOPIC}`);

/** Safety framing around dangerous products: "which cleaners release toxic gas when mixed, so I can warn patients?" */
const SAFETY_FRAMING = prefiltered(/\b(?:warn|warning|avoid|avoiding|safety|safe|safely|prevent|preventing|accidental(?:ly)?|by accident|never mix|not to mix|should not|dangerous to|protect)\b/);

/** Detection, prevention and reporting framing: a coroner, a nurse or a safeguarding lead asking. */
const DETECTION = prefiltered(/\b(?:detect|detects|detected|detecting|detection|identify|recognize|recognise|investigate|investigation|forensic|coroners?|pathologists?|medical examiners?|toxicologists?|red flags|signs of|prevent|prevention|report|reporting|safeguard|safeguarding|protect|suspected|screen for|rule out|distinguish|differentiate|history|historical|famous|case of|cases of|novel|book|film|movie|true crime|documentary)\b/);

const GIVE_HARM = new PrefilteredRegExp(`\\b${REQUEST} ${gap(4)}(?:give|slip|administer|inject) ${PERSON} (?:an? |the )?(?:overdose|lethal dose|fatal dose|deadly dose|too much|heart attack|stroke|poison|something (?:to|that will|that would) (?:kill|knock|make))\\b`);
const PERSONAL_HARM = new PrefilteredRegExp(`\\b${REQUEST} ${gap(6)}(?:to |i |we )?(?:${HARM_VERB}) ${PERSON}\\b(?! ?(?:self|selves))`);
const MAKE_PERSON = new PrefilteredRegExp(`\\b${REQUEST} ${gap(10)}(?:make|making|cause|causing|get|getting|force) ${SUBJECT_PRONOUN} (?:to )?(?:${HARM_EFFECT})\\b`);
const WANT_HARM = new PrefilteredRegExp(`\\bi ${"(?:(?:really|just|seriously|honestly|so|am|still) )*"}(?:want|wanna|need|plan|am going|am planning|intend|am about|would like|will|am gonna|have decided|decided|fantasi[sz]e about|dream about|think about|am thinking about|keep thinking about) (?:to |of |about )?(?:${HARM_VERB}) ${PERSON}\\b`);
const END_LIFE_REQ = new PrefilteredRegExp(`\\b${REQUEST} ${gap(10)}${END_LIFE}\\b`);
/** Specific people (a lethal dose "for an adult" is a clinical question; "for my husband" is not). */
const SPECIFIC_PERSON = alt([`${MY_RELATION}`, `(?:his|her|their|your) ${RELATION}`, "him", "her", "them", "someone", "somebody",
    "(?:this|that) (?:guy|man|woman|person|lady|kid|bitch|bastard|asshole)", "my (?:ex|partner|victim)"]);
const LETHAL_FOR_PERSON = new PrefilteredRegExp(`\\b(?:how (?:much|many)|what (?:dose|amount)|which (?:dose|amount)|enough) ${gap(8)}(?:would|will|to|could|does it take to|would it take to|it takes to|do i need to|should i give|to give) ${gap(2)}(?:kill|finish off|knock out|put down|take out|end) ${SPECIFIC_PERSON}\\b`);
/** "... asking so I can use it on my stepdad": the lethal question is aimed at a person. */
const USE_ON_PERSON = new PrefilteredRegExp(`\\b(?:use|try|test|give|slip) (?:it|this|that|them|some|those) (?:on|to) ${SPECIFIC_PERSON}\\b`);
/** "cause my brother's death", "induce a miscarriage in my girlfriend", "stop his heart": an outcome for a person. */
const CAUSE_OUTCOME = new PrefilteredRegExp(`\\b${REQUEST} ${gap(6)}(?:cause|causing|bring about|trigger|triggering|induce|inducing|speed up|hasten|hastening|arrange|arranging|engineer) (?:${PERSON}(?: s)? (?:death|demise|miscarriage|overdose|heart attack|stroke|coma|seizure|accident|fatal \\w+)|(?:a |an )?(?:death|miscarriage|abortion|heart attack|stroke|coma|seizure|overdose|fatal \\w+|cardiac arrest) (?:in|for|to|of) ${PERSON})\\b|\\b${REQUEST} ${gap(6)}stop ${SPECIFIC_PERSON}(?: s)? (?:heart|breathing)\\b|\\b(?:to|and|that would|that will|which would|which will) stop (?:him|her|them|someone|somebody)(?: from)? breathing\\b|\\b(?:to|and|that would|that will|which would|which will) stop (?:his|her|their) heart\\b`);
/** "..., asking for my stepdad": a question about killing aimed at someone the writer names. */
const ASKING_FOR_PERSON = new PrefilteredRegExp(`\\b(?:asking|it is|this is|question is) for ${MY_RELATION}\\b`);
const KILL_WORDS = prefiltered(/\b(?:kill|killing|finish off|take out|murder)\b/);
const LETHAL_WORDS = prefiltered(/\b(?:kill|kills|lethal|fatal|deadly|die|death|overdose|poison|knock (?:\w+ )?out)\b/);

/** Putting something into a person's food or drink, to make them sick, sleepy or dead, or without them knowing. */
const COVERT_DOSE = new PrefilteredRegExp(`\\b(?:put|slip|add|mix|spike|sprinkle|crush|dissolve|hide|sneak|inject|lace|stir|get|getting|work|blend|grind) ${gap(6)}(?:in|into|inside) ${gap(3)}(?:drink|coffee|tea|food|meal|water|juice|soup|beer|wine|bottle|cup|smoothie|dinner|lunch|breakfast|cereal|shake|iv|iv bag|drip|feeding tube|formula|milk|glass)\\b`);
const COVERT_PURPOSE = new PrefilteredRegExp(`\\b(?:to|so|and|that will|that would|which will|which would|so that) (?:(?:he|she|they|it|him|her|them|my \\w+|\\w+) )?(?:(?:will|would|could|can|gets?|becomes?|goes?|falls?) )?(?:make (?:him|her|them|my \\w+|\\w+) )?(?:${HARM_EFFECT}|sleep|fall asleep|pass out|knock (?:him|her|them) out|shut (?:him|her|them) up|calm (?:him|her|them) down for good)\\b|${STEALTH}|\\b(?:poison|laxatives?|eye drops|visine|antifreeze|bleach|rat poison|ground glass|sleeping pills|benadryl|xanax|ambien|roofies?|rohypnol|ghb|ketamine|insulin|fentanyl|drugs?|ex lax|ipecac)\\b`);

const SPIKE_DRINK = new PrefilteredRegExp(`\\b(?:spike|spiking|roofie|roofying|lace|lacing|dose|dosing|drug|drugging) (?:a |the )?(?:${PERSON}|someone|somebody|a girl|a guy|his|her|their|my \\w+|girls|guys)(?: s)? (?:drink|drinks|coffee|tea|food|beer|cup|punch|wine|cocktail|soda|water)\\b`);
const INCAPACITATE = new PrefilteredRegExp(`\\b(?:${REQUEST} ${gap(8)})?(?:knock|put) ${PERSON} (?:out|to sleep|under)\\b|\\b(?:roofie|roofies|rohypnol|date rape drugs?)\\b|\\bdrug (?:a girl|a guy|a woman|a man|someone|somebody|her|him|them|my (?:date|wife|husband|girlfriend|boyfriend))\\b|\\bchloroform (?:someone|somebody|her|him|them|a person|my)\\b|\\b(?:make|get) ${PERSON} (?:to )?(?:pass out|black out|go limp|unconscious|lose consciousness|unable to (?:move|resist|fight back|remember))\\b`);

/** Weapons and weapon-grade agents. */
const AGENT = alt([
    "ricin", "abrin", "sarin", "soman", "tabun", "vx", "novichok", "nerve agents?", "nerve gas", "mustard gas", "sulfur mustard",
    "chlorine gas", "phosgene", "hydrogen cyanide", "cyanide", "arsenic", "thallium", "strychnine", "polonium", "anthrax",
    "bacillus anthracis", "botulinum(?: toxin)?", "botulism toxin", "smallpox", "variola", "(?:bubonic |pneumonic )?plague",
    "yersinia pestis", "ebola", "marburg", "tetrodotoxin", "saxitoxin", "aconitine", "conotoxin", "bioweapons?", "biological weapons?",
    "chemical weapons?", "bio ?terror\\w*", "poison gas", "toxic gas", "deadly gas", "lethal gas", "(?:a |some )?poisons?(?! (?:ivy|oak|sumac|control|center|centre|information))",
    "(?:a |some )?toxins?", "(?:a |some )?nerve agent", "(?:pipe |dirty |nail |car |fertilizer |homemade |a )?bombs?", "explosives?",
    "napalm", "thermite", "tatp", "molotov(?: cocktails?)?", "ghost guns?", "(?:an? )?(?:untraceable )?(?:guns?|firearms?)", "silencer",
    "(?:a |an )?(?:virus|pathogen|bacteria|bacterium|germ|superbug|flu|influenza|disease) (?:that|which|to) (?:can )?(?:kill|spread|infect|wipe)",
]);
const PRODUCE = alt([
    "(?:synthesis|production|manufacturing|manufacture|preparation|extraction|purification|culturing|weaponi[sz]ation) (?:route |routes |steps |method |methods |protocol |procedure |process )?(?:for|of)",
    "make", "making", "build", "building", "synthesi[sz]e", "synthesi[sz]ing", "produce", "producing", "manufacture",
    "manufacturing", "create", "creating", "cook", "cooking", "brew", "brewing", "extract", "extracting", "purify", "purifying",
    "refine", "refining", "culture", "culturing", "grow", "growing", "cultivate", "cultivating", "weaponi[sz]e", "weaponi[sz]ing",
    "aerosoli[sz]e", "aerosoli[sz]ing", "engineer", "engineering", "mass produce", "release", "releasing", "disperse",
    "dispersing", "spread", "spreading", "deploy", "deploying", "3d print", "assemble", "assembling", "obtain", "acquire",
    "buy", "get (?:my hands on|hold of)", "isolate", "concentrate", "smuggle", "detonate", "set off", "plant",
]);
const WEAPON_RECIPE = new PrefilteredRegExp(`\\b(?:recipe|recipes|formula|instructions|blueprint|schematics?|plans|ingredients) (?:for|to make|to build|of) ${gap(2)}${AGENT}\\b`);
const WEAPON_REQUEST = new PrefilteredRegExp(`\\b(?:${REQUEST}|recipe|formula|instructions|procedure|protocol|method|steps|process|where (?:can|do|could) (?:i|you|one)) ${gap(6)}${PRODUCE} ${gap(3)}${AGENT}\\b`);
/** Verbs that have no clinical reading at all with these agents. */
const WEAPONIZE = new PrefilteredRegExp(`\\b(?:weaponi[sz]\\w*|aerosoli[sz]\\w*) ${gap(4)}${AGENT}|\\b${AGENT} ${gap(4)}(?:weaponi[sz]\\w*|as a weapon|for (?:a )?(?:release|attack|terror)|(?:in|into|on) (?:a |the )?(?:subway|crowd|city|water supply|reservoir|stadium|school|mall|concert|airport|building|ventilation))\\b|\\b(?:make|making|engineer|engineering|modify|modifying|enhance|enhancing) ${gap(3)}(?:a |the )?(?:virus|pathogen|bacteria|flu|influenza|covid|sars cov 2|coronavirus|h5n1|bird flu|smallpox|ebola|anthrax|measles|plague) ${gap(2)}more (?:transmissible|contagious|lethal|deadly|virulent|infectious|resistant)\\b|\\bgain of function ${gap(4)}(?:at home|myself|in my|to make)\\b`);

/** Spreading any substance so that it reaches many people: "aerosolize X so it affects everyone in a room". */
const MASS_EXPOSURE = new PrefilteredRegExp(`\\b(?:aerosoli[sz]e|aerosoli[sz]ing|spray|spraying|disperse|dispersing|release|releasing|spread|spreading|vapori[sz]e|vapori[sz]ing|pump|pumping|put|putting|dump|dumping) ${gap(6)}(?:so (?:that )?(?:it )?|to |that (?:will |would )?)(?:affects?|hits?|reach|reaches|gets? to|poisons?|knocks? out|kills?|sickens?|incapacitates?|harms?|infects?) (?:everyone|everybody|people|a crowd|the crowd|the whole \\w+|all of them|the room|as many people|a lot of people|many people)\\b`);

/** Tampering with someone's care: swapping or sabotaging medicines, devices or lines. */
const TAMPER_VERBS = "(?:put (?:something )?in|put into|add (?:something )?to|block|clog|plug|loosen|puncture|tamper|tampering|mess|messing|sabotage|sabotaging|contaminate|contaminating|spike|spiking|dilute|diluting|swap|swapping|switch|switching|replace|replacing|substitute|substituting|poison|poisoning|adulterate|adulterating|empty|emptying|fill|filling|refill|refilling)";
const CARE_OBJECT = "(?:pill organi[sz]er|pillbox|pill box|dosette|blister packs?|medicine cabinet|iv|ivs|drip|infusion|insulin|meds|medications?|medicines?|pills|tablets|inhaler|epipen|epi pen|oxygen|ventilator|pump|feeding tube|bag|syringes?|vials?|dialysis|pacemaker|defibrillator|monitor|catheter|line|blood thinner|warfarin|heart (?:pills|meds|medication)|seizure (?:pills|meds|medication)|insulin pen)";
const TAMPER = new PrefilteredRegExp(`\\b${TAMPER_VERBS} (?:with )?${gap(4)}${CARE_OBJECT}\\b`);
const TAMPER_HARMFUL = new PrefilteredRegExp(`\\b(?:mess|messing|messed) with\\b|\\b(?:stop|stops) working\\b|\\b(?:not|never) work\\b|\\b(?:fail|fails|useless|malfunction)\\b|\\b(?:inheritance|life insurance|insurance money|her will|his will|the estate)\\b|\\b(?:with|for|by) (?:placebo|sugar pills|saline|tap water|water|vitamins|candy|something (?:else|harmful|toxic|deadly|fake|stronger)|poison|bleach|air|insulin|potassium|a lethal|a higher dose|fakes?|fake pills|look ?alikes?)\\b|${STEALTH}|\\bso (?:that )?(?:he|she|they|it) (?:really |will |would |gets? really |eventually )?(?:dies|die|gets sick|get sick|suffers|crashes|codes|stops breathing|overdoses|has a|sick)\\b|\\b(?:tamper|tampering|sabotage|sabotaging|contaminate|contaminating|adulterate|spike|spiking|poison|poisoning)\\b`);
const AIR_OR_DRUG_INTO = new PrefilteredRegExp(`\\b${REQUEST} ${gap(6)}(?:inject|push|give|administer) ${gap(2)}(?:air|bleach|insulin|potassium(?: chloride)?|kcl|a lethal dose|an overdose|too much \\w+|a fatal dose|succinylcholine|sux) (?:into|to|in) ${gap(1)}(?:his|her|their|my \\w+|the patient|a patient|this patient|someone|somebody|the resident|him|her|them)\\b`);
const WITHHOLD = new PrefilteredRegExp(`\\b(?:withhold|withholding|stop giving|hide|hiding|hold back|skip|skipping|keep|keeping) (?:his|her|their|my \\w+|the patient|the resident) ${gap(2)}(?:insulin|meds|medications?|medicine|food|water|oxygen|heart (?:pills|medication)|pills|inhaler|epipen) ${gap(4)}(?:so (?:that )?(?:he|she|they) (?:dies|die|gets sick|will die|suffers|gets worse)|until (?:he|she|they) (?:dies|die|passes))\\b`);
const DEVICE_OFF = new PrefilteredRegExp(`\\b(?:turn off|switch off|unplug|disconnect|disable|shut off|mess with|silence) ${gap(3)}(?:ventilator|vent|oxygen|life support|pacemaker|monitor|alarms?|pump|iv|cpap|bipap) ${gap(10)}(?:${STEALTH}|so (?:that )?(?:he|she|they) (?:dies|die|stops breathing|suffocates|will die)|to (?:kill|end) (?:him|her|them))`);
/** Sabotaging someone's car, equipment or safety gear. */
const SABOTAGE = new PrefilteredRegExp(`\\b(?:sabotage|tamper with|mess with|cut|loosen|disable|damage) ${gap(2)}(?:${PERSON}|someone|somebody|my \\w+|his|her|their)(?: s)? (?:car|brakes|brake lines?|tires|tyres|wheels|gas line|steering|ladder|harness|parachute|helmet|smoke detector|carbon monoxide detector)\\b|\\b(?:make|cause) (?:${PERSON}|someone|somebody|my \\w+|his|her|their)(?: s)? (?:car |truck |bike )?(?:car|brakes|steering|tires|tyres|engine) (?:to )?(?:fail|crash|explode|give out)\\b`);

/** Sedating a patient or dependent for the carer's convenience ("so she stops calling all night"). */
const CHEMICAL_RESTRAINT = new PrefilteredRegExp(`\\b(?:give|giving|dose|dosing|drug|drugging|sedate|sedating|slip|slipping) ${gap(6)}(?:extra|more|some|a higher dose|a bigger dose|an extra dose|something) ${gap(3)}so (?:that )?(?:she|he|they|the patient|the resident|the baby|the kid|my \\w+) (?:stops|will stop|would stop|stop|shuts up|shut up|leaves me alone|leave me alone|sleeps through|stays quiet|is quiet|goes quiet|does not bother)`);

/** Hurting a dependent so nobody notices. */
const HIDDEN_ABUSE = new PrefilteredRegExp(`\\b(?:hit|slap|spank|beat|punish|discipline|shake|burn|pinch|choke|punch|hurt|whip|bruise|starve|lock up|restrain|tie up) ${gap(3)}(?:child|kid|son|daughter|baby|toddler|wife|girlfriend|husband|boyfriend|elderly|mother|father|mom|dad|patient|resident|grandma|grandpa|him|her|them|kids|children)s? ${gap(4)}(?:without (?:leaving )?(?:any )?(?:marks|bruises|evidence|a trace|visible)|so (?:no one|nobody) (?:can tell|notices|will know|finds out)|where (?:it|the bruises) (?:will not|does not|can not) show)`);

/** Meant for someone the writer knows: "..., for my father in law" (detection words do not excuse it then). */
const FOR_MY_PERSON = new PrefilteredRegExp(`\\b(?:for|on|against|to use on|to give to) ${MY_RELATION}\\b`);

/** End-of-life care and law: hastening death or ending a life is discussed there without harmful intent. */
const END_OF_LIFE_CARE = prefiltered(/\b(?:legal|law|laws|legally|ethic\w*|maid|assisted dying|euthanasia|palliative|hospice|comfort care|withdraw|withdrawal|dnr|advance directive|right to die)\b/);

function sentencesMatch(t: AnalyzedText, re: RegExp, guard?: (s: string, m: RegExpExecArray) => boolean): boolean {
    for (const s of distinct(t.sentences)) {
        const m = re.exec(s);
        if (m && (!guard || guard(s, m))) return true;
    }
    return false;
}

/** "without hurting him", "how do I stop my son from hurting the baby": harm is what the writer wants to avoid. */
const MITIGATION = prefiltered(/\b(?:threat|threats|threatened|threatening|threatens|duty to warn|tarasoff|document|documenting|who (?:wants|wanted|plans|planned|tries|tried) to|without|not|never|avoid|avoiding|prevent|preventing|stop (?:\w+ )?(?:\w+ )?from|keep (?:\w+ )?(?:\w+ )?from|protect|protecting|less likely to|so as not to|minimi[sz]e|reduce the (?:risk|chance) of|afraid|scared|worried|fear|accidentally|by accident|deal with|cope with|respond to|handle)\b/);
function notMitigated(s: string, m: RegExpExecArray): boolean {
    const before = s.slice(Math.max(0, m.index - 60), m.index + m[0].length);
    return !MITIGATION.test(before) && !isNegatedBefore(s, m.index, 3);
}

export const HARM_TO_OTHERS_RULES: readonly PolicyRule[] = [
    {
        id: "harm_to_others.request_to_harm_person", category: "harm_to_others",
        description: "A request for how to kill, poison, hurt or incapacitate a person, or the writer's stated intent to do so.",
        test: (t) => sentencesMatch(t, PERSONAL_HARM, notMitigated) || sentencesMatch(t, WANT_HARM, notMitigated) || sentencesMatch(t, GIVE_HARM, notMitigated)
            || sentencesMatch(t, MAKE_PERSON, notMitigated) || sentencesMatch(t, LETHAL_FOR_PERSON, notMitigated)
            || (LETHAL_WORDS.test(t.norm) && sentencesMatch(t, USE_ON_PERSON, notMitigated))
            || (KILL_WORDS.test(t.norm) && sentencesMatch(t, ASKING_FOR_PERSON, notMitigated))
            || sentencesMatch(t, CAUSE_OUTCOME, (s, m) => notMitigated(s, m) && !END_OF_LIFE_CARE.test(s))
            || sentencesMatch(t, END_LIFE_REQ, (s, m) => notMitigated(s, m) && !END_OF_LIFE_CARE.test(s)),
    },
    {
        id: "harm_to_others.covert_harm", category: "harm_to_others",
        description: "Harm, poisoning or killing meant to stay hidden: untraceable, undetectable, made to look natural, without anyone knowing.",
        test: (t) => distinct(t.sentences).some((s) => STEALTH_RE.test(s) && LETHAL_TOPIC_RE.test(s)
            && (!DETECTION.test(s) || /\b(?:i|we) (?:want|need|plan|am going|will)\b|\bhelp me\b|\bso (?:i|we) can\b/.test(s) || FOR_MY_PERSON.test(s))),
    },
    {
        id: "harm_to_others.covert_dosing", category: "harm_to_others",
        description: "Putting something in a person's food, drink or line to make them sick, sleep or die, or without them knowing.",
        test: (t) => distinct(t.sentences).some((s) => COVERT_DOSE.test(s) && COVERT_PURPOSE.test(s) && !DETECTION.test(s)
            && !/\b(?:my (?:child|kid|son|daughter|toddler|baby)|picky|refuses to (?:take|swallow)|hard to swallow|taste better|mask the taste|applesauce|pudding)\b/.test(s)),
    },
    {
        id: "harm_to_others.incapacitate_person", category: "harm_to_others",
        description: "Knocking a person out or drugging them (date-rape drugs, chloroform, making someone unconscious).",
        test: (t) => sentencesMatch(t, SPIKE_DRINK, (s, m) => notMitigated(s, m) && !DETECTION.test(s)) || sentencesMatch(t, INCAPACITATE, (s, m) => notMitigated(s, m) && !DETECTION.test(s)
            && !/\b(?:patient|anesthesia|anaesthesia|anesthetist|anesthesiologist|surgery|procedure|intubation|rsi|sedation protocol)\b/.test(s)),
    },
    {
        id: "harm_to_others.weapon_or_toxin_production", category: "harm_to_others",
        description: "Making, growing, weaponizing or releasing a toxin, pathogen, poison gas, explosive or weapon.",
        test: (t) => sentencesMatch(t, WEAPONIZE) || sentencesMatch(t, MASS_EXPOSURE, (s, m) => notMitigated(s, m) && !DETECTION.test(s) && !SAFETY_FRAMING.test(s)) || sentencesMatch(t, WEAPON_RECIPE, (s) => !DETECTION.test(s) && !SAFETY_FRAMING.test(s)) || sentencesMatch(t, WEAPON_REQUEST, (s) => !DETECTION.test(s) && !SAFETY_FRAMING.test(s)
            && !/\b(?:how (?:is|are|was|were) \w+ (?:made|produced|manufactured)|in the body|endogenous|pharmaceutical|therapeutic|cosmetic|vaccine|antitoxin|antidote|treat|treatment)\b/.test(s)),
    },
    {
        id: "harm_to_others.tamper_with_care", category: "harm_to_others",
        description: "Tampering with someone's medicines, lines or devices: swapping pills, injecting air, withholding insulin, turning off a ventilator to harm.",
        test: (t) => distinct(t.sentences).some((s) => (TAMPER.test(s) && TAMPER_HARMFUL.test(s) && !DETECTION.test(s) && !/\b(?:accidentally|by accident|mistake|error|safe(?:ly)? (?:to )?switch|switch (?:from|to) \w+ to)\b/.test(s)))
            || sentencesMatch(t, AIR_OR_DRUG_INTO, notMitigated) || sentencesMatch(t, WITHHOLD) || sentencesMatch(t, DEVICE_OFF)
            || sentencesMatch(t, SABOTAGE, notMitigated)
            || sentencesMatch(t, CHEMICAL_RESTRAINT, (s) => !/\b(?:agitat\w*|delirium|delirious|violent|combative|safety|seizure|pain|dying|comfort|palliative|hospice)\b/.test(s)),
    },
    {
        id: "harm_to_others.hidden_abuse", category: "harm_to_others",
        description: "Hurting a child, partner, elder or patient in a way meant not to leave marks.",
        test: (t) => sentencesMatch(t, HIDDEN_ABUSE),
    },
];

/** Exposed for output screening: instructions to harm someone ("to poison your coworker, put ..."). */
export const HARM_INSTRUCTION_RE = new PrefilteredRegExp(`\\bto (?:${HARM_VERB}) (?:your|the|a|an|his|her|their) (?:${RELATION}|victim|target|person|husband|wife)\\b`);
export function isCovertDosing(s: string): boolean {
    return COVERT_DOSE.test(s) && COVERT_PURPOSE.test(s);
}

/** Exposed for output screening: a model answer that gives weapon production steps. */
export const WEAPON_PRODUCTION_RE = new PrefilteredRegExp(`\\b${PRODUCE} ${gap(3)}${AGENT}\\b`);
