/** French, read on the folded text (lower case, accents removed: "père" → "pere", apostrophes as spaces). */
import {vocabularyRule} from "./vocabularyRule";

/** "s'il ne respire pas", "si quelqu'un…": what to do if it happened. */
const HYPOTHETICAL = /\b(?:si|s il|s ils|s elle|lorsqu|lorsque|en cas d)\b/;

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
            /\bne respire (?:plus|pas)\b|\bne (?:peut|peux) (?:plus|pas) respirer\b|\ba arrete de respirer\b/,
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
];
