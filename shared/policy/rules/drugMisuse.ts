/**
 * Drug misuse: obtaining controlled drugs illegally, forging prescriptions, diversion, getting high, beating drug
 * tests. Composed from acquisition and evasion verbs, a controlled-substance lexicon, and markers of illegitimacy
 * (no prescription, online, a story for the doctor). Prevention and detection framing (how pharmacists spot forged
 * scripts, how hospitals prevent diversion, how long a drug is detectable) is answered, as is ordinary dosing.
 */
import {alt, distinct, gap} from "./patterns";
import type {PolicyRule} from "./ruleTypes";
import type {AnalyzedText} from "../normalize";
import {PrefilteredRegExp, prefiltered} from "../prefilter/prefilteredRegExp";

/** Controlled or commonly misused drugs (brand, generic and street names). */
export const CONTROLLED = alt([
    "oxycodone", "oxy", "oxys", "oxies", "oxycontin", "percocets?", "percs?", "roxicodone", "roxys?", "vicodin", "hydrocodone", "norco",
    "lortab", "fentanyl", "fent", "fentanyl patch(?:es)?", "morphine", "ms contin", "dilaudid", "hydromorphone", "codeine",
    "tramadol", "ultram", "methadone", "heroin", "opium", "opioids?", "opiates?", "painkillers?", "pain ?pills", "pain meds",
    "narcotics?", "suboxone", "buprenorphine", "subutex", "tapentadol", "nucynta", "demerol", "meperidine", "oxymorphone",
    "opana", "xanax", "alprazolam", "valium", "diazepam", "klonopin", "clonazepam", "ativan", "lorazepam", "benzos?",
    "benzodiazepines?", "xanax bars", "bars", "temazepam", "restoril", "adderall", "ritalin", "methylphenidate", "vyvanse",
    "concerta", "dexedrine", "amphetamines?", "meth", "methamphetamine", "crystal meth", "ice", "cocaine", "coke", "crack",
    "modafinil", "ketamine", "ket", "special k", "ghb", "mdma", "molly", "ecstasy", "lsd", "acid", "shrooms", "magic mushrooms",
    "psilocybin", "dmt", "pcp", "weed", "marijuana", "cannabis", "thc", "edibles", "lean", "purple drank", "sizzurp",
    "promethazine (?:with )?codeine", "codeine syrup", "cough syrup", "zolpidem", "ambien", "soma", "carisoprodol", "gabapentin",
    "neurontin", "lyrica", "pregabalin", "phenobarbital", "barbiturates?", "anabolic steroids?", "steroids", "testosterone",
    "trenbolone", "hgh", "kratom", "xylazine", "nitrous", "whippets", "dxm", "dextromethorphan", "robitussin", "controlled substances?",
    "scripts?", "drugs", "pills", "meds", "ozempic", "semaglutide", "phentermine",
]);
/** Drugs with no legitimate supply to ask about (any "where can I get" is acquiring them illegally). */
const STREET = alt(["heroin", "cocaine", "coke", "crack", "meth", "crystal meth", "methamphetamine", "mdma", "molly", "ecstasy", "lsd",
    "acid", "shrooms", "magic mushrooms", "dmt", "pcp", "ghb", "fent", "street (?:drugs|pills|fentanyl|xanax|oxy)", "pressed pills",
    "xanax bars", "bars", "oxys", "percs", "roxys", "lean", "purple drank", "sizzurp", "ket", "special k"]);

const ACQUIRE = "(?:get my hands on|get hold of|get ahold of|ships|ship to|sells|delivers|deliver|mail|mails|buy|buying|get|getting|order|ordering|purchase|purchasing|score|scoring|obtain|obtaining|find|finding|source|sourcing|cop|copping|pick up|acquire|acquiring|ship|shipped|import|smuggle|smuggling|sell|selling|deal|dealing|steal|stealing)";
const ILLEGITIMATE = alt([
    "without (?:a |an )?(?:\\w+ )?(?:license|licence|registration)", "without (?:a |an |any )?(?:prescription|script|rx|doctor|doctors? note|medical card|seeing a doctor|visiting a doctor|going to a doctor)",
    "no (?:prescription|script|rx|questions asked)", "online", "on the internet", "dark ?web", "darknet", "deep web", "on the street",
    "off the street", "from a dealer", "from dealers", "a dealer", "plug", "from (?:mexico|canada|india|china) without", "illegally",
    "under the table", "off the books", "from a friend", "from friends", "from someone else", "(?:on|through|via|off|from) (?:telegram|snapchat|instagram|reddit|discord|wickr|whatsapp)",
    "with crypto", "with bitcoin", "through the mail", "by mail", "in the mail", "across the border", "(?:past|through) customs", "without getting caught", "without id", "(?:that|which) (?:is|are) not prescribed",
    "someone else (?:s )?(?:prescription|script)", "leftover (?:from|of) (?:my|a) (?:friend|relative|neighbor)",
]);
const ILLICIT_BUY = new PrefilteredRegExp(`\\b${ACQUIRE} ${gap(5)}${CONTROLLED} ${gap(6)}${ILLEGITIMATE}|\\b${ACQUIRE} ${gap(3)}${ILLEGITIMATE} ${gap(5)}${CONTROLLED}\\b|\\b${ILLEGITIMATE} ${gap(4)}${ACQUIRE} ${gap(4)}${CONTROLLED}\\b`);
const WHERE_STREET = new PrefilteredRegExp(`\\b(?:where|how|who) (?:can|could|do|would|should|to) (?:i |we |you |one |(?:people|kids|students|teens) (?:usually |typically |normally )?)?(?:buy|get|score|find|cop|order|purchase|pick up|get my hands on|get hold of|get ahold of|source) ${gap(3)}${STREET}\\b|\\b(?:score|cop) ${gap(3)}${CONTROLLED}\\b|\\b(?:find|get|need|contact|know|knows|have) (?:a |my |any |anyone with a )?(?:dealer|plug|connect)(?: for| who| that|\\b)|\\bplug for ${gap(2)}${CONTROLLED}\\b|\\bwho (?:sells|has (?:any|some|extra)|deals|can sell|could sell|is selling|is dealing|can get me|could get me|has any) ${gap(2)}${CONTROLLED}\\b|\\b${CONTROLLED} (?:for sale|around here|near me)\\b|\\b${CONTROLLED} ${gap(4)}(?:paying|pay) (?:cash|in cash|venmo|crypto|bitcoin)\\b`);

/** Lying to a prescriber: a story, faked symptoms, doctor shopping. */
const PRESCRIBER = "(?:doctor|doc|dr|physician|gp|er|emergency room|urgent care|dentist|pharmacist|psychiatrist|prescriber|nurse practitioner|np|pa|provider|clinic|pain clinic|vet|telehealth)";
const DECEIVE = new PrefilteredRegExp([
    `\\b(?:what|which) (?:story|stories|lie|lies|excuse|excuses|symptoms?|things?|words?|reason|reasons) ${gap(6)}(?:tell|say|use|give|fake|claim|mention)`,
    `\\b(?:what|which|how) ${gap(3)}(?:should|do|can|could|would) (?:i|we) (?:tell|say to|lie to|convince|trick|fool|persuade) ${gap(3)}${PRESCRIBER}`,
    `\\b(?:fake|faking|feign|feigning|exaggerate|exaggerating|pretend|pretending|lie about|lying about|make up|making up|invent|inventing|act|acting|claim|claiming) ${gap(5)}(?:pain|symptoms?|adhd|anxiety|panic attacks?|back pain|injury|insomnia|migraines?|toothache|kidney stones?|seizures?|narcolepsy|a condition)`,
    `\\b(?:trick|fool|manipulate|con|scam|convince|persuade|get) ${gap(3)}(?:a |my |the )?${PRESCRIBER}s? ${gap(3)}(?:into |to )?(?:prescrib\\w*|giv\\w*|writ\\w*|up\\w*|increas\\w*|refill\\w*)`,
    `\\bdoctor shop(?:ping)?\\b`, `\\bby (?:saying|claiming|pretending|telling (?:them|him|her|the \\w+)|faking|acting like|complaining (?:of|about)|exaggerating)\\b`, `\\b(?:second|another|extra|2nd|duplicate|separate) (?:script|prescription|rx) ${gap(3)}from (?:another|a different|a second|other|a new) ${PRESCRIBER}`, `\\bmore ${gap(2)}(?:than (?:prescribed|i am prescribed|my doctor (?:gives|prescribes))|from (?:two|2|three|multiple|several|different) (?:different )?(?:doctors|prescribers|pharmacies|physicians))`,
    `\\bfrom (?:two|2|three|3|multiple|several|different|many) (?:different )?(?:doctors|prescribers|pharmacies|physicians|ers|urgent cares)\\b`, `\\b(?:multiple|several|different|many) (?:doctors|prescribers|pharmacies|ers) ${gap(6)}(?:without|so (?:they|no one)|at the same time|not find out)`,
    `\\b(?:early refill|refill early|replacement (?:script|prescription)) ${gap(8)}(?:lie|lying|say i lost|saying i lost|claim i lost|claiming i lost|pretend|pretending|story|excuse|trick)`,
    `\\b(?:say|said|saying|claim|claiming|pretend|pretending|tell (?:them|him|her)|telling (?:them|him|her)) (?:that )?(?:i|my) ${gap(3)}(?:lost|was stolen|got stolen|dropped|spilled|were stolen|lost it|lost them)`,
].join("|"));
const TO_GET_DRUG = new PrefilteredRegExp(`\\b(?:to|so (?:they|he|she) (?:will|would)|into) ${gap(3)}(?:get|prescrib\\w*|give|write|obtain|getting) ${gap(3)}(?:me |a |an |some |more |stronger |higher )?${gap(2)}(?:${CONTROLLED}|prescription|script|rx|something stronger|the good stuff|stronger (?:pain )?(?:meds|medication|pills|stuff))\\b|\\b(?:${CONTROLLED}|prescription|script)\\b`);

/** Forging or altering a prescription, a signature on one, or a DEA number. */
const FORGERY = new PrefilteredRegExp(`\\b(?:forge|forging|forged|fake|faking|falsify|falsifying|alter|altering|counterfeit|counterfeiting|copy|copying|print|printing|photoshop|photoshopping|edit|editing|change|changing|modify|modifying|write|writing|sign|signing|make|making|create|creating|steal|stealing|use|using|get|getting) ${gap(6)}(?:prescriptions?|scripts?|rx|signatures? (?:on|for) (?:a |the |my )?(?:prescription|script|rx)|(?:doctor|dr|prescriber|physician)s? signature|(?:doctors?|dr|medical|sick) notes? (?:for|to get) (?:a |an |my )?(?:\\w+ )?(?:refill|prescription|script|rx|${CONTROLLED})|dea (?:number|numbers|license|registration)|prescription pads?|script pads?|blank prescriptions?|e ?prescriptions?|(?:quantity|dose|number of pills|refills) on (?:a |my |the )?(?:prescription|script|rx))\\b`);
const FORGERY_INTENT = prefiltered(/\b(?:forge|forging|forged|fake|faking|falsify|falsifying|counterfeit|counterfeiting|photoshop|photoshopping|steal|stealing|without (?:the |a )?(?:doctor|prescriber)|myself|my own|so it looks|look (?:real|legit|legitimate)|get away|not get caught|pass (?:at|as)|(?:alter|altering|change|changing|edit|editing|modify|modifying) (?:the |my |a )?(?:quantity|dose|number|refills|date|amount)|someone else|another (?:doctor|person))\b/);
const FORGERY_WRITE_OWN = prefiltered(/\b(?:write|writing) (?:my own|myself a|a fake|fake) (?:prescriptions?|scripts?|rx)\b|\b(?:sign|signing) (?:the |a |my )?(?:doctor|dr|prescriber|physician)s? (?:name|signature)\b/);

/** Diverting drugs from patients, wards, cabinets or relatives. */
const DIVERSION = new PrefilteredRegExp(`\\b(?:steal|stealing|divert|diverting|pocket|pocketing|skim|skimming|swipe|swiping|pinch|take|taking|keep|keeping|sneak|sneaking|siphon|siphoning|grab|grabbing|pilfer|pilfering|help myself to) ${gap(5)}(?:${CONTROLLED}|wasted? \\w+|wastage|leftover \\w+|the waste|drugs|narcotics|patches|vials?) ${gap(8)}(?:from|out of|off) ${gap(3)}(?:the )?(?:pyxis|omnicell|med (?:cart|room|cabinet|dispenser)|medication (?:cart|room|cabinet)|crash cart|pharmacy|hospital|work|the ward|patients?|hospice|nursing home|(?:my|his|her) (?:grandma|grandpa|grandmother|grandfather|mom|dad|mother|father|patient|patients|parents|roommate|friend|neighbor)|the (?:icu|er|ed|or|clinic|floor|unit)|dying (?:patients?|relatives?))\\b`);
/** The writer taking controlled drugs ("how can I steal Xanax"), not a relative or colleague doing it. */
/** A controlled drug named anywhere (built once, not at every decision). */
const CONTROLLED_RE = new PrefilteredRegExp(`\\b${CONTROLLED}\\b`);
const STEAL_CONTROLLED = new PrefilteredRegExp(`(?:\\b(?:i|we) (?:[^\\s.]+ ){0,4}|\\bhow to |\\bways to |\\bbest way to |\\bhelp me )(?:steal|stealing|swipe|swiping|pocket|pocketing|nick|pinch|shoplift|divert|diverting|skim|skimming|sneak|sneaking) ${gap(3)}${CONTROLLED}\\b`);
const ANYONE_SELLING = prefiltered(/\b(?:anyone|anybody|who is|who s|someone) (?:selling|sell|got some|have some|has some|can sell|could sell|hooking up|dealing)\b/);
const SELL_TO_ME = new PrefilteredRegExp(`\\b(?:sell|selling|spare|hook) (?:me|us)(?: up)? ${gap(3)}${CONTROLLED}\\b|\\b${CONTROLLED} ${gap(4)}(?:can|could|would|to) (?:sell|spare|give) (?:me|us)\\b`);
const DIVERSION_STEALTH = new PrefilteredRegExp(`\\b(?:steal|stealing|divert|diverting|pocket|pocketing|skim|skimming|swipe|take|taking|keep|keeping|sneak|sneaking|bring|grab|pilfer) ${gap(4)}(?:${CONTROLLED}|wasted? \\w+|wastage|leftover \\w+|the waste|narcotics|patches|vials?)(?: home)? ${gap(4)}(?:without (?:anyone|anybody|the pharmacy|pharmacy|my (?:manager|charge nurse|coworkers)|them|it)? ?(?:being )?(?:noticing|noticed|knowing|finding out|seeing|showing up|caught|detected|tracked|traced)|without getting caught|unnoticed|undetected|so (?:no one|nobody) (?:notices|knows|finds out)|without it showing)`);
const DIVERSION_EVASION = new PrefilteredRegExp(`\\b(?:hide|hiding|conceal|concealing) ${gap(3)}(?:${CONTROLLED}|vials?|patches) ${gap(2)}(?:from|in) (?:the )?(?:pharmacy |narcotic |drug |med )?(?:count|counts|audit|pyxis|omnicell|inventory)\\b|\\b(?:make it look like|pretend(?: that)?|act like) (?:i am |i )?(?:wasting|wasted|gave|giving|administered|administering|gave all|used)\\b|\\b(?:replace|replacing|swap|swapping|substitute|substituting|dilute|diluting|refill|refilling) ${gap(4)}(?:${CONTROLLED}|vials?|syringes?|the (?:bag|drip|waste)) ${gap(3)}(?:with|for) (?:saline|water|sterile water|tap water|something else|placebo)\\b|\\b(?:fake|faking|falsify|falsifying|fudge|fudging|forge|forging) ${gap(3)}(?:the )?(?:waste|wastage|count|narcotic count|drug count|witness|cosign|co sign|mar|documentation|records?|log)\\b|\\b(?:beat|bypass|get around|trick|fool|cheat) ${gap(3)}(?:the )?(?:pyxis|omnicell|narcotic count|drug count|audit)\\b|\\bwithout (?:a )?witness ${gap(4)}(?:waste|wasting)\\b|\\b(?:waste|wasting) ${gap(6)}without (?:a )?witness\\b`);

/** Using drugs to get high, stronger highs, non-medical routes, defeating abuse-deterrent formulations. */
const HIGH = "(?:high|stoned|blasted|wrecked|smashed|obliterated|twisted|fried|lit up|tweaked|tweaking|buzzed|a buzz|the buzz|wasted|messed up|fucked up|f up|zooted|lit|tripping|trip|faded|baked|geeked|rolling|nodding|on the nod|euphoric|euphoria|the rush|a rush|rush|the high|a high|more high|higher|the best high|a better high|a stronger high|a good high|a buzz)";
const NOT_HIGH_SENSE = "(?! (?:blood|bp|pressure|fever|temp|temperature|cholesterol|sugar|glucose|risk|dose|doses|dosage|levels?|potassium|sodium|calcium|altitude|heart rate|pulse|anion|output|ldl|hdl|triglycerides|inr|a1c|ferritin|white|count|resolution|flow|intensity|protein|fiber|fibre|school|quality|priority|score|cut|cuts|haircut|concentration|grade|volume|pitched|frequency|enough|in (?:protein|fat|sodium|sugar|calories|fiber|iron)))";
const GET_HIGH = new PrefilteredRegExp(`\\b(?:get|getting|gets|got|feel|feeling|stay|be|become|make me|makes you|make you|keep me|am|was|so i am|so i can get|to get|give|gives|giving|give you|give me|gives you|gets you|get you|got you|will get you|would get you) (?:so |more |really |very |super |extra |as |the most |even |properly )?${HIGH}${NOT_HIGH_SENSE}(?:\\b|$)|\\b(?:best|better|strongest|stronger|good|great|nice|biggest|cheapest|longest|most intense|sickest|craziest) (?:high|buzz|trip|rush|euphoria)${NOT_HIGH_SENSE}(?:\\b|$)`);
const INTENSIFY = new PrefilteredRegExp(`\\b(?:stronger|better|bigger|longer|longer lasting|more intense|intensify|intensifying|boost|boosting|potentiate|potentiating|enhance|enhancing|increase|increasing|maximi[sz]e|maximi[sz]ing|prolong|prolonging|amplify|amplifying|get more) ${gap(2)}(?:the |my |a )?(?:high|buzz|euphoria|rush|trip|effect of (?:my |the )?${CONTROLLED}(?: to get high| recreationally)?)\\b(?! (?:blood|pressure|dose|risk))|\\b(?:more|extra) (?:high|buzz|euphoria|rush) (?:out of|from|off)\\b|\\b${CONTROLLED} ${gap(1)}(?:hit|kick in|kick|hits) (?:harder|stronger|faster|more)\\b|\\b(?:drug|drugs|pills?|otc \\w+|over the counter \\w+|meds|medicine|medication|something|stuff|plant|mushrooms?) (?:to|i can|you can|i could) (?:trip|get high|get stoned|get buzzed|get wasted|get fucked up|get messed up|roll) (?:on|off|with)?\\b|\\bget (?:the )?most (?:out of|from) ${gap(2)}${CONTROLLED} ${gap(3)}(?:high|buzz|euphoria|feel|recreational)`);
const ROUTE = new PrefilteredRegExp(`\\b(?:snort|snorting|sniff|sniffing|inject|injecting|shoot up|shooting up|shoot|plug|plugging|boof|boofing|smoke|smoking|chew|chewing|parachute|parachuting|cook down|cooking down|free ?base|freebasing|iv|vape|vaping|eat|eating|suck on|sucking on|crush and snort) ${gap(3)}(?:my |the |a |an |some |these |those |his |her )?${gap(1)}${CONTROLLED}(?: (?:pills?|tablets?|patch(?:es)?|capsules?|bars?|powder|syrup))?\\b`);
const ROUTE_FRAME = new PrefilteredRegExp(`\\b(?:how (?:do|can|should|to|would) (?:i |we |you )?|best way to|easiest way to|can i|should i|(?:stronger|better|bigger|longer|harder|faster) (?:roll|trip|nod|high|rush|buzz|hit|effect|kick)|i want to|i am going to|tips for|ways to|is it better to|what happens if i|how much .* to|for (?:a )?(?:better|faster|stronger|quicker|bigger) (?:high|rush|buzz|effect|hit)|to get (?:high|a rush|a buzz)|for fun|recreational)`);
/** The route after the drug: "turn my X into something I can snort", "X that I could inject". */
const ROUTE_AFTER = new PrefilteredRegExp(`\\b${CONTROLLED} ${gap(6)}(?:i|we|you) (?:can|could|would be able to|am able to) (?:snort|sniff|inject|shoot up|shoot|smoke|plug|boof|iv|freebase)\\b|\\b(?:turn|make|convert|change|get|cook) ${gap(2)}${CONTROLLED} ${gap(3)}(?:into|to) ${gap(3)}(?:snortable|injectable|smokable|something (?:i|we|you) can (?:snort|inject|smoke|shoot))`);
const DEFEAT_DETERRENT = new PrefilteredRegExp(`\\b(?:bypass|defeat|get around|break|disable|remove|beat|circumvent|get past|dissolve|crush|cut through|strip) ${gap(3)}(?:the )?(?:abuse ?deterrent|time ?release|extended ?release|er coating|tamper ?resistant|tamper ?proof|gel|coating|naloxone in|naltrexone in|deterrent)\\b|\\b(?:cold water extraction|cwe)\\b|\\bextract ${gap(4)}(?:oxycodone|codeine|hydrocodone|morphine|dxm|the (?:opioid|codeine|oxy|hydrocodone)|acetaminophen from|tylenol from|thc|dmt|fentanyl)\\b|\\b(?:separate|remove|get rid of) (?:the )?(?:acetaminophen|tylenol|apap) ${gap(3)}(?:from|out of)\\b`);
const RECREATIONAL_DOSE = new PrefilteredRegExp(`\\b(?:how (?:much|many)|what (?:dose|amount|dosage|mg)|which dose|how many (?:mg|milligrams|pills|tabs|tablets|bars|hits|lines|grams|g)) ${gap(4)}${CONTROLLED} ${gap(6)}(?:to (?:get|feel|trip|roll|nod)|for (?:a |the )?(?:high|buzz|trip|good time|party|fun|recreational)|recreational(?:ly)?|for fun|to party|to get (?:a )?(?:buzz|high|rush)|to feel (?:good|euphoric|high|something|it))\\b|\\b(?:recreational|party|fun|first time|tripping|trip) (?:dose|dosage|amount)s? ${gap(3)}(?:of )?${CONTROLLED}\\b|\\b(?:how (?:much|many)|what dose) ${gap(3)}(?:${STREET}|mdma|molly|ecstasy|lsd|acid|shrooms|ketamine|dmt|ghb|meth|cocaine|heroin) (?:should|do|can|would|to) (?:i|we|you) (?:take|do|use|snort|drop|smoke|shoot|eat)\\b|\\b(?:lean|purple drank|sizzurp) recipe\\b|\\brecipe for (?:lean|purple drank|sizzurp)\\b|\\b(?:combine|combining|mix|mixing|stack|stacking) ${gap(4)}${CONTROLLED} ${gap(4)}(?:for|to get) ${gap(2)}${HIGH}`);
/** An amount of anything, asked for to get high: "how many X do I need to take to trip". */
const AMOUNT_TO_GET_HIGH = new PrefilteredRegExp(`\\b(?:how (?:much|many)|what (?:dose|amount)|enough) ${gap(8)}(?:to|so i can|so i|so you|and) (?:trip|trip out|get high|get stoned|get buzzed|get a buzz|feel high|roll|hallucinate|get fucked up|get messed up|get wasted|get zooted|nod off)\\b`);
const FIRST_PERSON_OR_METHOD = prefiltered(/\b(?:i|me|my|we|us|our|how (?:do|can|to|should|would|much|many)|best way|easiest way|ways to|tips|can you|should you|to get|which|what)\b/);
/** Third-person or clinical framing: why patients misuse a drug, its risks, its abuse potential. */
const ABOUT_OTHERS = prefiltered(/(?:why do|why does|why would|patients?|people|users|someone who|teens|adolescents|abuse potential|misuse potential|medical risks?|health risks?|complications|dangers of|risks of|signs of|treat|treatment|manage|management)\b/);

/** Making illegal drugs. */
const MANUFACTURE = new PrefilteredRegExp(`\\b(?:cook|cooking|make|making|synthesi[sz]e|synthesi[sz]ing|produce|producing|manufacture|manufacturing|brew|brewing|press|pressing|extract|extracting) ${gap(3)}(?:meth|methamphetamine|crystal meth|crack|heroin|fentanyl|carfentanil|lsd|dmt|ghb|mdma|molly|ecstasy|pcp|ketamine|cocaine|oxycodone|pills that look like \\w+|fake (?:pills|xanax|oxys?|percs?)|pressed pills|lean|purple drank|bath salts|spice|k2)\\b`);

/** Beating a drug test: masking, substituting urine, flushing before a test. */
const TEST = "(?:drug tests?|drug screens?|drug screening|urine (?:tests?|screens?|drug (?:tests?|screens?))|urinalysis|ua|uas|piss tests?|pee tests?|hair (?:follicle )?(?:tests?|drug tests?)|tox screens?|toxicology screens?|mouth swab(?: tests?)?|saliva (?:drug )?tests?|swab tests?|breathalyzers?|breathalyser|probation tests?|pre employment (?:tests?|screens?|drug tests?)|employment (?:drug )?(?:tests?|screens?)|random tests?|dot (?:physical|test)|blood tests? for drugs)";
const EVADE_TEST = new PrefilteredRegExp(`\\b(?:beat|beating|pass|passing|cheat|cheating|fool|fooling|trick|tricking|get around|getting around|bypass|bypassing|mask|masking|fake|faking|defeat|defeating|outsmart|game|dodge|dodging|avoid failing|not fail|clean|cleaning|detox for|flush for|prepare for) ${gap(4)}${TEST}\\b`);
const EVADE_FRAME = new PrefilteredRegExp(`\\b(?:recommendations?|recommend|suggestions?|products?|what works|(?:which|what) (?:drink|detox|product|kit|pills?|brand)|how (?:do|can|could|would|should|to) (?:i |we |you |one )?|best way|easiest way|fastest way|ways to|tips|tricks|hacks|help me|can you help|i need to|i have to|i want to|should i|what (?:can|should|do) (?:i|we) (?:take|drink|use|do|buy|eat)|is there (?:a|any) (?:way|drink|pill|product)|guaranteed to|so i (?:can|will)|to make sure i|without failing|for my)\\b`);
const SUBSTITUTE_URINE = prefiltered(/\b(?:make (?:my |the |a )?(?:urine|pee|sample|piss|hair|ua|drug test|urine test|pee test|test) (?:\w+ )?(?:test |sample )?(?:clean|negative|come back clean|come back negative|pass)|(?:clean|negative) (?:urine|pee|ua) (?:test|sample) (?:for|by|before)|synthetic (?:urine|pee)|fake (?:urine|pee)|powdered urine|someone else (?:s )?(?:urine|pee)|clean (?:urine|pee) from|(?:my|a) (?:friend|kid|son|daughter|dog) (?:s )?(?:urine|pee)|whizzinator|urine (?:belt|kit|substitute)|detox (?:drink|kit|pills|shampoo) (?:to|for|that) (?:pass|beat)|(?:dilute|diluting|adulterate|adulterating|spike|spiking) (?:my |the )?(?:urine|sample|pee))\b/);
const FLUSH_BEFORE_TEST = new PrefilteredRegExp(`\\b(?:get|flush|clear|clean|detox|remove) ${gap(3)}(?:${CONTROLLED}|it|drugs|thc|cocaine|opiates|benzos|meth) ${gap(2)}(?:out of (?:my|his|her|your) (?:system|urine|body|hair|blood)|from (?:my|his|her|your) (?:system|urine|body|hair|blood)|out) ${gap(6)}(?:before|for|by) ${gap(3)}(?:test|screen|ua|interview|probation|court|job)\\b|\\b(?:make sure|so that|so) ${gap(3)}(?:it|${CONTROLLED}|my (?:use|drug use)|drugs) (?:does not|will not|would not|do not|wont|dont) (?:show up|show|come up|appear|be detected|get detected) (?:on|in) (?:my|the|a) ${gap(2)}${TEST}\\b`);
const TEST_INFO_FRAMING = prefiltered(/\b(?:false positive|false positives|cross ?react\w*|detect(?:ed|ion|s|ing)? (?:adulteration|substitution|tampering)|(?:spot|catch|identify|recognize|detect|prevent) (?:cheating|tampering|adulterat\w*|substitut\w*|dilut\w*)|how (?:do|does|can) (?:labs?|testing|the lab|employers|we|clinicians)|window of detection|detection window|how long (?:does|do|is|are|can|will) ${"[^.]*"} (?:stay|detectable|show up|remain)|poppy seeds|prescribed|my prescription|legitimately)\b/);

/** A prevention or detection frame, unless the same sentence evades the checks it names. */
function preventionFrame(s: string): boolean {
    return PREVENTION.test(s) && !EVASION.test(s);
}

function anySentence(t: AnalyzedText, test: (s: string) => boolean): boolean {
    return distinct(t.sentences).some(test);
}

/**
 * Evasion of the very checks the prevention words name: "so the pharmacy doesn't call to verify", "without it showing
 * on the audit", "so nobody notices". With one of these, words like verify or audit are not a prevention frame.
 */
const EVASION = prefiltered(/\b(?:so (?:that )?(?:the |my |our |a )?(?:\w+ )?(?:does not|do not|will not|would not|can not|never|wo not) (?:notice|know|find out|check|verify|call|catch|detect|flag|see|show|suspect|question)|so (?:no one|nobody|noone|none of them) (?:notices|knows|finds out|checks|suspects|sees|can tell)|without (?:it |them |anyone |anybody |the \w+ |my \w+ )?(?:showing|noticing|knowing|checking|verifying|catching on|getting caught|being caught|being noticed|flagging|suspecting)|undetected|unnoticed|under the radar|not get caught)\b/);

/** Taking drugs one handles (wastes, counts, vials) with an evasion marker, in any order. */
const KEEP_VERB = prefiltered(/\b(?:took extra|take extra|taking extra|keep|keeping|kept|skim|skimming|pocket|pocketing|take (?:some |it |them )?home|taking (?:some |it |them )?home|steal|stealing|divert|diverting|siphon|siphoning|hold back|holding back|set aside|short|shorting)\b/);
const HANDLED_DRUG = new PrefilteredRegExp(`\\b(?:${CONTROLLED}|wastes?|wasted|wastage|counts?|vials?|ampules?|patches)\\b`);

/** Making the dispensing system or the count miss something: "make the pyxis not log it". */
const SILENCE_RECORD = prefiltered(/\b(?:make|get|keep|have) (?:the )?(?:pyxis|omnicell|cabinet|machine|system|count|counts|audit|log|mar|emar|scanner) (?:not|never) (?:log|record|show|flag|count|register|notice|catch|track)\b/);

/** Buying from a person who has a prescription: "my friend has a script, how much should I buy from him". */
const BUY_FROM_PERSON = prefiltered(/\b(?:buy|buying|purchase|purchasing|get|getting|score|scoring) (?:[^\s.]+ ){0,3}(?:from|off) (?:him|her|them|my (?:friend|roommate|coworker|brother|sister|cousin|neighbou?r|classmate|buddy|mate|grandma|grandpa|mom|dad|mother|father|uncle|aunt)|a friend|friends|someone|a guy|this guy|some guy)\b/);

/** Haggling over a street price: "is 5 bucks a pill a good price". */
const PRICE_QUESTION = prefiltered(/\b(?:(?:good|fair|normal|going|street|decent) price|(?:bucks|dollars|\$\d+) (?:a|per|for a) (?:pill|tab|bar|gram|g|patch|script)|how much (?:should|do|would) (?:i|you) pay (?:for|per))\b/);

/** Intending to sell controlled drugs obtained on a prescription: "so I can sell the extra". */
const SELL_ON = prefiltered(/\b(?:so (?:i|we) can|to|and (?:then )?|then) (?:sell|resell|flip|trade|move|deal) (?:the |them|it|some|extra|the extra|leftovers?|the rest|what i do not use|on)\b/);

/** Shopping for a lax source: "which doctors are easiest to get benzos from", "any vets or clinics that are easy to get it from". */
const LAX_SOURCE = new PrefilteredRegExp(`\\b(?:${PRESCRIBER}s?|places?|sites?|websites?|pharmacies|telehealth \\w+) ${gap(4)}(?:easiest|easy|easier|most likely|likeliest|willing|lenient|lax|chill|sketchy|shady|least strict) (?:to )?(?:get|obtain|score|prescribe|give|write|hand out)\\b|\\b(?:easiest|easy|easier|lenient|lax|sketchy|shady) ${PRESCRIBER}s? (?:to|that|who|for)\\b`);

/** Illicit markets asked about as sources: "which dark web markets have the best fentanyl". */
const ILLICIT_MARKET = new PrefilteredRegExp(`\\b(?:which|what|where|best|any|recommend|trusted|legit|reliable|good) ${gap(3)}(?:dark ?web|darknet|deep web|onion|telegram|tor) ${gap(2)}(?:markets?|vendors?|sites?|shops?|stores?|channels?|links?)\\b|\\b(?:dark ?web|darknet|deep web) (?:markets?|vendors?|sites?|shops?) ${gap(6)}(?:${CONTROLLED}|best|cheapest|ships?)\\b`);

/** Research and public-health framing around illicit markets: "which darknet markets have been studied". */
const RESEARCH = prefiltered(/\b(?:stud(?:y|ies|ied)|research\w*|literature|papers?|public health|epidemiolog\w*|surveillance|law enforcement|takedowns?|shut down|history|policy)\b/);

/** Prevention, detection and teaching framing: "how do pharmacists spot forged prescriptions". */
const PREVENTION = prefiltered(/\b(?:tell (?:if|whether|when)|spot|spotting|detect|detecting|detection|identify|identifying|recognize|recognise|recognizing|catch|catching|prevent|preventing|prevention|red flags|warning signs|signs of|report|reporting|audit|auditing|investigate|investigating|policy|policies|training|educate|verify|verifying|validate|safeguards?|monitoring|pdmp|suspect|suspected|suspicious|what (?:should|do) (?:i|we) do (?:if|when|about))\b/);

export const DRUG_MISUSE_RULES: readonly PolicyRule[] = [
    {
        id: "drug_misuse.illicit_acquisition", category: "drug_misuse",
        description: "Getting a controlled drug without a prescription: online, on the street, from a dealer, or buying street drugs.",
        test: (t) => (ANYONE_SELLING.test(t.norm) && CONTROLLED_RE.test(t.norm) && !preventionFrame(t.norm))
            || (PRICE_QUESTION.test(t.norm) && CONTROLLED_RE.test(t.norm) && !/\b(?:insurance|copay|pharmacy|goodrx|coupon|generic|medicare|cost of treatment)\b/.test(t.norm))
            || (BUY_FROM_PERSON.test(t.norm) && CONTROLLED_RE.test(t.norm) && !/\b(?:pharmacy|pharmacist|pharmacies|doctor|clinic|hospital|prescriber)\b/.test(t.norm))
            || (LAX_SOURCE.test(t.norm) && CONTROLLED_RE.test(t.norm) && !preventionFrame(t.norm))
            || anySentence(t, (s) => (ILLICIT_BUY.test(s) || WHERE_STREET.test(s) || SELL_TO_ME.test(s) || (ILLICIT_MARKET.test(s) && !RESEARCH.test(s))) && !preventionFrame(s)
            && !/\b(?:naloxone|narcan|fentanyl test strips?|test strips|needle exchange|syringe services?|treatment|rehab|detox program|clinic)\b/.test(s)),
    },
    {
        id: "drug_misuse.deceive_prescriber", category: "drug_misuse",
        description: "Lying to or manipulating a prescriber (a story, faked symptoms, doctor shopping) to get a controlled drug.",
        test: (t) => anySentence(t, (s) => DECEIVE.test(s) && TO_GET_DRUG.test(s) && !preventionFrame(s)
            && !/\b(?:malingering|drug seeking (?:behavior|behaviour)|patients? (?:who|that))\b/.test(s)),
    },
    {
        id: "drug_misuse.prescription_forgery", category: "drug_misuse",
        description: "Forging, faking or altering a prescription, a prescriber's signature or a DEA number.",
        test: (t) => anySentence(t, (s) => ((FORGERY.test(s) && FORGERY_INTENT.test(s)) || FORGERY_WRITE_OWN.test(s)) && !preventionFrame(s)),
    },
    {
        id: "drug_misuse.diversion", category: "drug_misuse",
        description: "Taking controlled drugs meant for patients or others, or hiding it (replacing with saline, faking the waste), or getting them to sell on.",
        test: (t) => (SELL_ON.test(t.norm) && CONTROLLED_RE.test(t.norm) && /\b(?:i|we|my)\b/.test(t.norm) && !preventionFrame(t.norm)) || anySentence(t, (s) => (DIVERSION.test(s) || DIVERSION_EVASION.test(s) || DIVERSION_STEALTH.test(s) || STEAL_CONTROLLED.test(s)
            || (KEEP_VERB.test(s) && HANDLED_DRUG.test(s) && EVASION.test(s)) || SILENCE_RECORD.test(s)) && !preventionFrame(s)
            && !/\b(?:dispose|disposal|take back|drop off|return)\b/.test(s)),
    },
    {
        id: "drug_misuse.getting_high", category: "drug_misuse",
        description: "Using a drug to get high or a stronger high, recreational dosing, snorting or injecting pills, defeating abuse-deterrent forms.",
        test: (t) => anySentence(t, (s) => {
            if (preventionFrame(s) && !/\b(?:i|we) (?:want|need|plan)\b/.test(s)) return false;
            const highFrame = (GET_HIGH.test(s) && FIRST_PERSON_OR_METHOD.test(s) && !/\b(?:patients?|people|users|someone|teens|adolescents|why do|why does|does \w+ (?:get|make)|can (?:patients|people) get|abuse potential|misuse potential)\b/.test(s))
                || INTENSIFY.test(s);
            const selfOrMethod = /\b(?:i|me|my|we|our|how (?:do|can|to|should) (?:i|we|you)?|how to|best way|ways to|help me|can you|tips)\b/.test(s);
            const aboutOthers = ABOUT_OTHERS.test(s) && !/\b(?:i|me|my|we|our)\b/.test(s);
            return highFrame || (!aboutOthers && ((ROUTE.test(s) && ROUTE_FRAME.test(s)) || ROUTE_AFTER.test(s) || (DEFEAT_DETERRENT.test(s) && selfOrMethod))) || RECREATIONAL_DOSE.test(s) || AMOUNT_TO_GET_HIGH.test(s);
        }),
    },
    {
        id: "drug_misuse.illicit_manufacture", category: "drug_misuse",
        description: "Making illegal drugs (cooking meth, synthesizing fentanyl, pressing fake pills).",
        test: (t) => anySentence(t, (s) => MANUFACTURE.test(s) && !preventionFrame(s)
            && !/\b(?:how (?:is|are|was|were) \w+ (?:made|produced|manufactured)|pharmaceutical|history|in the body|treat|treatment|overdose|effects)\b/.test(s)),
    },
    {
        id: "drug_misuse.beat_drug_test", category: "drug_misuse",
        description: "Beating, cheating or masking a drug test (substitute urine, flushing before a test).",
        test: (t) => anySentence(t, (s) => ((EVADE_TEST.test(s) && EVADE_FRAME.test(s)) || SUBSTITUTE_URINE.test(s) || FLUSH_BEFORE_TEST.test(s))
            && !TEST_INFO_FRAMING.test(s) && !preventionFrame(s)),
    },
];
