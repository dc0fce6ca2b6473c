/** French, read on the folded text (lower case, accents removed: "père" → "pere", apostrophes as spaces). */
import {vocabularyRule} from "./vocabularyRule";

/** "s'il ne respire pas", "si quelqu'un…": what to do if it happened. */
const HYPOTHETICAL = /\b(?:si|s il|s ils|s elle|lorsqu|lorsque|en cas d)\b/;

/** Controlled medicines asked for by name. */
const CONTROLLED = "(?:tramadol|oxycodone|fentanyl|morphine|methadone|codeine|clonazepam|alprazolam|xanax|diazepam|valium|lorazepam|temesta|rivotril|lexomil|bromazepam|zolpidem|stilnox|ritaline|methylphenidate|adderall|pregabaline|lyrica|ketamine|skenan|subutex|benzos|benzodiazepines|opioides|opiaces)";

/**
 * Words about health: an off-topic subject next to one may be a health question ("regime pour un diabetique",
 * "vaccins avant un voyage", "blessure au foot"), which the off-topic list leaves alone, as the English scope rules do.
 */
const HEALTH_WORDS = [
    /\b(?:sante|medic[a-z]*|patients?|patientes?|malad[a-z]*|diabet[a-z]*|cancer|douleurs?|mal (?:a|au|aux) |hopital|hospital[a-z]*|pharmac[a-z]*|symptomes?|traitements?|infirmi[a-z]*|clinique[s]?|soins?|doses?|vaccin[a-z]*|chirurgi[a-z]*|opere[e]?|grossesse|enceinte|coeur|urgences|fievre|toux|grippe|rhume|covid|virus|infection[s]?|allergi[a-z]*|comprimes?|cachets?|sirop|piqure|injection[s]?|insuline|tension arterielle|cholesterol|glycemie|sang|saigne[a-z]*|blessure[s]?|blesse[e]?|fracture|entorse|vertiges?|nausees?|vomi[a-z]*|diarrhee|constipation)\b/,
    /\b(?:regime[s]?|calories|nutrition[a-z]*|maigrir|grossir|perdre du poids|prendre du poids|poids ideal|obesite|vitamines?|complements? alimentaires?|faire du sport pour|allaitement|accouchement|pediatre|nouveau ne|dentiste|dents?|yeux|peau|estomac|ventre|tete|mal au dos|genou[x]?|cheville|epaule|cou|poitrine|poumons?|reins?|foie|gorge|oreilles?|nez|anxiete|angoisse|depression|stress|insomnie|therapie|psycholog[a-z]*|psychiatr[a-z]*|medecin[s]?|docteur[s]?|samu|ambulance|ordonnance|sans ordonnance|mutuelle|secu|fauteuil roulant|bequilles|inhalateur|echographie|analyses?|radio des|irm|scanner|directives anticipees|anatomi[a-z]*|physiologi[a-z]*|pathologi[a-z]*|anemie|avc|infarctus|convulsions?|epilepsie|asthme|alzheimer|demence|autisme|tdah)\b/,
    /(?:cilline|mycine|floxacine|prazole|statine)s?\b|\b(?:arthrite|bronchite|otite|gastrite|sinusite|tendinite|cystite|appendicite|conjonctivite|hepatite|meningite|angine|arthrose|thrombose|sclerose|tuberculose|psychose|nevrose|osteoporose|scoliose|endometriose|cirrhose)s?\b|\b(?:cim 10|cim10|cim|methylphenidate|amphetamines?|dopage|antidopage|paracetamol|doliprane|ibuprofene|antibiotiques?|antidepresseurs?|anxiolytiques?|antihistaminiques?|contracepti[a-z]*|pilule|melatonine|omeprazole|metformine|hl7|fhir|dossier patient|dpi|duree de sejour|duree moyenne de sejour|sejour hospitalier|date entree|date sortie|idees noires|ghb|drogues?|cardiaques?|insuffisance|recommandations|reco|esc|has)\b/,
];

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
        description: "French: an off-topic subject with no health word: cooking, travel, sport, the weather, money, shopping, cars and repairs, films, series, songs and games, writing (poems, stories, jokes, letters, CVs), trivia and homework, programming, legal and tax matters, translation, religion and horoscopes (\"ecris moi un poeme sur la mer\", \"recette de la blanquette\").",
        patterns: [
            // writing tasks unrelated to health
            /\b(?:ecris|ecrivez|redige|redigez|compose|composez|raconte|racontez|invente|inventez)(?: moi)? (?:un|une) (?:poeme|chanson|histoire|blague|conte|lettre d amour|rap)\b/,
            /\b(?:poeme|poemes|poesie|sonnet|haiku|blagues?|lettre d amour|lettre de motivation|curriculum|mon cv|un cv|le cv|dissertation|redaction sur|discours (?:de mariage|pour un mariage|d anniversaire|de depart)|message d anniversaire|voeux de|post linkedin|linkedin|conte pour enfants|une histoire pour)\b/,
            // cooking
            /\b(?:recettes?|cuisiner|cuisson|au four|four a|friteuse|blanquette|boeuf bourguignon|ratatouille|quiche|crepes?|gateau|gateaux|tarte|tiramisu|lasagnes?|pizza|couscous|tajine|cocktails?|mojito|vin rouge avec|accord mets|pate a|faire du pain|macarons?|croissants?|souffle au|gratin|soupe de|omelette)\b/,
            // travel
            /\b(?:vols?|hotel|hotels|auberge|billets? d avion|billets? de train|sncf|compagnie aerienne|aeroport|itineraire|croisiere|vacances|visa|passeport|airbnb|bagages?|valise|week end a|que visiter|que voir a|voyage a|voyager a|partir a|sejour a|tourisme)\b/,
            // sport
            /\b(?:le match|un match|match de|matchs|foot|football|ligue 1|ligue des champions|champions league|coupe du monde|buts|score du|psg|om|real madrid|barca|mbappe|messi|ronaldo|nba|basket|rugby|tennis|roland garros|tour de france|formule 1|paris sportifs|equipe de france|joueurs?)\b/,
            // the weather
            /\b(?:meteo|quel temps (?:fait|fera|va t il faire)|le temps (?:a|demain|ce week end|pour)|va t il pleuvoir|pleuvoir demain|il va pleuvoir|neige a|previsions)\b/,
            // money
            /\b(?:bitcoin|btc|ethereum|cryptos?|cryptomonnaies?|forex|trading|investir|placements?|dividendes|actions (?:de|tesla|apple)|acheter des actions|la bourse|en bourse|pret immobilier|credit immobilier|emprunt|taux de change|cours du dollar|cours de l euro|euros en dollars|livret a|assurance vie|prix de l or|epargne)\b/,
            // shopping and products
            /\b(?:(?:quel|quelle) (?:telephone|smartphone|portable|ordinateur|pc portable|tele|television|tablette|ecouteurs|voiture|machine a laver|frigo|console|aspirateur) (?:acheter|choisir|me conseilles tu|me conseillez vous|est le meilleur)|meilleur (?:telephone|smartphone|ordinateur|pc|aspirateur|casque|rapport qualite prix)|iphone|samsung|xiaomi|black friday|soldes|code promo|idee cadeau|idees cadeaux|cadeau pour|cadeau d anniversaire)\b/,
            // cars and repairs
            /\b(?:ma voiture|la voiture (?:fait|ne demarre|tire)|ma moto|mon velo|vidange|pneus?|embrayage|freins de|batterie de (?:la|ma) voiture|garagiste|mecanicien|controle technique|permis de conduire|(?:reparer|changer|deboucher) (?:le |la |mon |ma |un |une )?(?:robinet|evier|chasse d eau|machine a laver|frigo|lave vaisselle|chaudiere|wifi|box|imprimante|ordinateur)|plombier|bricolage)\b/,
            // entertainment
            /\b(?:films?|serie|series|netflix|disney|episode|saison \d|chansons?|paroles de|chanteur|chanteuse|concert|album|jeux? video|playstation|ps5|xbox|nintendo|switch|fortnite|minecraft|manga|anime|spotify|youtube|tiktok|cinema|bande dessinee|roman policier)\b/,
            // trivia and homework
            /\b(?:capitale (?:de|du|des)|combien d habitants|qui (?:a invente|a decouvert|a ecrit|a peint|a gagne|etait napoleon)|en quelle annee|guerre mondiale|revolution (?:francaise|industrielle)|napoleon|empire romain|devoirs|exercice de (?:maths|math|physique|francais)|equation|equations|derivee|integrale|racine carree|theoreme|pythagore|photosynthese|tableau periodique|combien font|mathematiques|maths|algebre|systeme solaire|planetes|dinosaures|conjugaison|grammaire)\b/,
            // programming unrelated to health
            /\b(?:python|javascript|typescript|java|html|css|react|angular|django|nodejs|php|kotlin|git|github|docker|kubernetes|excel|programmer|programmation|code en|un script|boucle for|fonction recursive|site web|site internet|appli mobile|application mobile)\b/,
            // legal, visas, tax
            /\b(?:impots|declaration d impots|declaration de revenus|avocat|proces|divorce|heritage|succession|testament|bail|proprietaire|locataire|loyer|amende|pv de stationnement|naturalisation|titre de sejour|carte de sejour|prefecture|pole emploi|caf)\b/,
            // translation, religion, horoscopes
            /\b(?:tradui[a-z]*|traduction|comment dit on|horoscope|zodiaque|tarot|astrologie|scorpion|sagittaire|capricorne|verseau|poissons|priere|prier|bible|coran|verset|messe|ramadan)\b/,
        ],
        unless: HEALTH_WORDS,
        unlessEnglishClinical: true,
        languages: ["fr"],
    }),
];
