/** French, read on the folded text (lower case, accents removed: "père" → "pere", apostrophes as spaces). */
import {vocabularyRule} from "./vocabularyRule";

/** "s'il ne respire pas", "si quelqu'un…": what to do if it happened. */
const HYPOTHETICAL = /\b(?:si|s il|s ils|s elle|lorsqu|lorsque|en cas d)\b/;

/** Controlled medicines asked for by name. */
const CONTROLLED = "(?:tramadol|oxycodone|fentanyl|morphine|methadone|codeine|clonazepam|alprazolam|xanax|diazepam|valium|lorazepam|temesta|rivotril|lexomil|bromazepam|zolpidem|stilnox|ritaline|methylphenidate|adderall|pregabaline|lyrica|ketamine|skenan|subutex|benzos|benzodiazepines|opioides|opiaces)";

/** A word about health: a creative or practical request that carries one may be patient education, not off topic. */
const HEALTH_WORD = /\b(?:sante|medic[a-z]*|patients?|patientes?|maladies?|diabete|cancer|douleur|hopital|pharmac[a-z]*|symptomes?|traitement|infirmi[a-z]*|clinique|soins?|doses?|vaccins?|chirurgie|grossesse|coeur|urgences)\b/;

export const FRENCH_RULES = [
    vocabularyRule({
        id: "self_harm.lang_fr_intent", category: "self_harm",
        description: "French: the writer says they want to die, kill themselves or end their life (\"je veux mourir\", \"mettre fin à mes jours\").",
        patterns: [
            /\b(?:je veux|j ai envie de|je vais|je compte|je pense a) (?:mourir|me tuer|me suicider|en finir|mettre fin a (?:mes jours|ma vie))\b/,
            /\bje ne veux plus vivre\b|\bje veux plus vivre\b/,
            /\b(?:combien de|combien de comprimes de) (?:comprimes|cachets|pilules)(?: [a-z]+){0,3} pour (?:mourir|ne (?:plus|pas) me reveiller|en finir)\b/,
        ],
    }),
    vocabularyRule({
        id: "emergency.lang_fr_critical_sign", category: "emergency",
        description: "French: someone is not breathing, unconscious, unresponsive or seizing now (\"mon père ne respire plus\").",
        patterns: [
            /\bne respire (?:plus|pas)\b(?! bien| tres bien| par le nez)|\bne (?:peut|peux) (?:plus|pas) respirer\b(?! bien| par le nez)|\ba arrete de respirer\b/,
            /\b(?:est|est tombe|est tombee) (?:inconsciente?|sans connaissance)\b|\bne (?:repond|reagit) (?:plus|pas)\b/,
            /\bfait une crise (?:d epilepsie|convulsive)\b|\bs etouffe\b/,
        ],
        unless: HYPOTHETICAL,
    }),
    vocabularyRule({
        id: "harm_to_others.lang_fr_tamper_pump", category: "harm_to_others",
        description: "French: a request to alter a relative's or another person's morphine pump or infusion (\"modifier la pompe à morphine de ma grand-mère\").",
        patterns: [
            /\b(?:modifier|trafiquer|augmenter|deregler|changer|regler|bidouiller) (?:[a-z]+ ){0,3}(?:pompe|perfusion|pca)(?: a| de)? (?:morphine|opioide|insuline)(?: de| d)? (?:ma|mon|sa|son|la|le) (?:mere|pere|grand mere|grand pere|mamie|papi|mari|femme|tante|oncle|voisin|voisine|patient|patiente|frere|soeur)\b/,
        ],
    }),
    vocabularyRule({
        id: "harm_to_others.lang_fr_poison_or_kill", category: "harm_to_others",
        description: "French: the writer asks how to poison, kill, choke or drug a person (first person: \"comment\", \"je veux\"), or to put poison or sleeping pills in someone's food or drink (\"comment empoisonner mon voisin\").",
        patterns: [
            // Asked for, in the first person: "le fentanyl peut-il tuer un patient ?" is not.
            /\b(?:comment|je veux|je vais|je voudrais|aide moi a|moyen de|facon de)(?: (?:puis je|pourrais je|je peux|faire pour))? (?:empoisonner|tuer|etrangler|etouffer|droguer) (?:quelqu un|(?:mon|ma|mes|le|la|les|un|une|son|sa|ses|notre) (?:mari|femme|epoux|epouse|voisin|voisine|voisins|patron|patronne|chef|belle mere|beau pere|pere|mere|fils|fille|frere|soeur|collegue|patient|patiente|copain|copine|ex|grand mere|grand pere|oncle|tante))\b/,
            /\b(?:somniferes|poison|mort aux rats|antigel)(?: [a-z]+){0,2} dans (?:son|sa|ses|le|la|les) (?:cafe|the|repas|nourriture|boisson|soupe|verre|plat|biberon)\b/,
        ],
    }),
    vocabularyRule({
        id: "drug_misuse.lang_fr_controlled_without_prescription", category: "drug_misuse",
        description: "French: the writer asks how to get a controlled medicine without a prescription, to forge a prescription, to get high, or to beat a drug test (\"ou acheter du tramadol sans ordonnance\").",
        patterns: [
            // Asked for ("où acheter", "comment obtenir"): "est-il légal d'acheter…?" and "ma mère a acheté…" are not.
            new RegExp(`\\b(?:ou|comment|je veux|je voudrais|je peux|aide moi a|moyen de|moyen d)(?: (?:puis je|je peux|peut on|faire pour|me))? (?:obtenir|acheter|trouver|avoir|procurer|commander|choper)(?: [a-z]+){0,2} ${CONTROLLED}(?: [a-z]+){0,2} sans ordonnance\\b`),
            /\b(?:comment|je veux|je vais|je dois|aide moi a) (?:falsifier|fabriquer|modifier) (?:une |l |mon |ma |des )?ordonnances?\b/,
            /\b(?:pour|comment) (?:planer|me defoncer|me droguer|etre defonce|etre high)\b/,
            /\b(?:comment|je veux|je dois) (?:passer|tromper|dejouer|truquer|reussir) (?:un |le |les |mon |ce )?(?:test|tests|depistage|controle) (?:urinaire )?(?:de |des |du |aux )?(?:drogues?|stupefiants|cannabis|urinaire)\b/,
        ],
    }),
    vocabularyRule({
        id: "out_of_scope.lang_fr_off_topic", category: "out_of_scope",
        description: "French: a plainly off-topic request with no health word: write a poem, song, story or joke; book a flight, train or hotel; which shares or coins to buy; a football result (\"ecris moi un poeme sur la mer\").",
        patterns: [
            /\b(?:ecris|ecrivez|redige|redigez|compose|composez|raconte|racontez|invente|inventez)(?: moi)? (?:un|une) (?:poeme|chanson|histoire|blague|conte|lettre d amour|rap)\b/,
            /\b(?:reserve|reservez|reserver|trouve|trouvez)(?: moi)? (?:un|une) (?:vol|hotel|billet|train|chambre d hotel|billet d avion)\b/,
            /\b(?:quelles|quelle) (?:actions|cryptos|cryptomonnaies) (?:acheter|j achete|me conseilles tu|me conseillez vous)\b|\binvestir (?:en|dans) (?:la bourse|bourse|bitcoin|crypto|cryptomonnaies|actions)\b/,
            /\bqui a gagne (?:le|la) (?:match|coupe|ligue)\b/,
        ],
        unless: HEALTH_WORD,
    }),
];
