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
        id: "self_harm.lang_fr_by_kind", category: "self_harm",
        description: "French, by kind: wishing not to wake up, to disappear or to be dead, being a burden, a last message or goodbye letters, how many tablets would kill, a plan (tablets saved up, a bridge, a rope ready, driving into a wall), self-cutting and wanting to hurt oneself, a relative or friend who says they will kill themselves (\"j aimerais ne pas me reveiller\", \"mon fils dit qu il veut se tuer\").",
        patterns: [
            /\b(?:j aimerais|je voudrais|je prefererais|je veux)(?: [a-z]+){0,3} ne (?:pas|plus|jamais) (?:me reveiller|exister)\b(?! trop| avant| la nuit| pendant| le matin)|\bje veux disparaitre\b(?! (?:les|la|le|mes|ces|des) )/,
            /\b(?:je serais|on serait|ils seraient|ils seront|tout le monde serait) mieux (?:mort|morte|sans moi)\b|\bje (?:ne )?suis (?:qu )?un fardeau\b|\bmarre de vivre\b|\bfatiguee? de vivre\b|\bplus de sens a (?:continuer|vivre)\b/,
            /\bc est mon dernier message\b|\b(?:ecrit|laisse|prepare)(?: [a-z]+){0,2} lettres? d adieu\b/,
            /\bcombien de(?: [a-z]+){1,5} pour (?:tuer quelqu un|tuer une personne|mourir|me tuer|se tuer|ne (?:plus|pas|jamais) (?:me )?reveiller|en finir)\b/,
            /\b(?:je garde|j ai garde|je stocke|j ai stocke|j accumule|j ai accumule|je mets de cote|j ai mis de cote)(?: [a-z]+){0,4} (?:cachets|comprimes|medicaments|pilules)\b(?: [a-z]+){0,6} (?:d un coup|tous ensemble|en une fois)\b/,
            /\b(?:je pense|je vais|envie de) (?:sauter|me jeter)\b|\bsauter du (?:pont|balcon|toit)\b|\bcorde(?: [a-z]+){0,2} (?:prete|attachee|accrochee|nouee)\b/,
            /\b(?:foncer|me jeter|m ecraser|me planter)(?: en voiture| avec la voiture)? (?:dans|contre) un (?:mur|arbre|camion)\b/,
            /\bje me (?:suis )?(?:encore )?(?:scarifiee?|coupee?) (?:les bras|les poignets|les cuisses|les jambes)\b|\bje me (?:coupe|scarifie) pour\b|\b(?:envie de|je veux|besoin de) (?:me faire du mal|me couper|me scarifier|me blesser)\b/,
            /\b(?:fils|fille|frere|soeur|mari|femme|copain|copine|pere|mere|ami|amie|collegue)(?: [a-z]+){0,2} (?:dit|a dit|m a dit|me dit|menace de|m a ecrit)(?: qu (?:il|elle))?(?: veut| va)? (?:se tuer|se suicider|mourir|en finir|mettre fin a ses jours|se jeter (?:du|d un|sous|par))\b/,
            /\b(?:j ai decide|c est decide|ce soir je vais) (?:de )?(?:mettre fin a mes jours|me tuer|me suicider|en finir)\b/,
        ],
        // A clinician quoting a patient ("un patient m'a dit...").
        unless: /\b(?:patient|patiente|patients|infirmier|infirmiere)\b/,
    }),
    vocabularyRule({
        id: "emergency.lang_fr_by_kind", category: "emergency",
        description: "French, by kind, happening now: blue lips, will not wake, collapsed, chest pain with sweating, a face drooping, a seizure that does not stop, a throat closing or tongue swelling, bleeding that does not stop, a box of tablets, a battery or bleach just swallowed, an overdose, something stuck in the throat, a burn with blisters all over, a limp baby, a heart stopped (\"il a les levres bleues\", \"vient d avaler une pile\"). Not a question about what to do if it happened, nor a past event.",
        patterns: [
            /\ba les levres (?:bleues|violettes)\b|\b(?:devient|est devenue?) (?:bleu|bleue|violet)\b|\brespire a peine\b/,
            /\bne se reveille (?:pas|plus)\b(?! pour| avant| le matin| la nuit)|\bne reprend pas connaissance\b|\bimpossible de (?:le|la) reveiller\b|\bs est effondree?\b/,
            /\b(?:j ai|il a|elle a) (?:une )?(?:douleur|mal)(?: [a-z]+){0,3} (?:poitrine|thorax)\b(?: [a-z]+){0,6} (?:transpire|sueur|sueurs)\b/,
            /\b(?:bouche|visage)(?: [a-z]+){0,2} (?:de travers|qui tombe|tombe d un cote)\b|\bn arrive plus a parler\b/,
            /\bconvulse depuis\b|\bconvulsions? depuis\b|\b(?:convulse|crise)(?: [a-z]+){0,4} ne s arrete pas\b/,
            /\b(?:sa|la) gorge se (?:ferme|serre)\b|\b(?:sa|la) langue (?:a gonfle|gonfle|enfle)\b/,
            /\b(?:le sang|saignement|l hemorragie) ne s arrete pas\b|\bsaigne (?:enormement|abondamment|sans arret)\b/,
            /\b(?:vient d avaler|a avale|vient de prendre|vient de boire|a bu)(?: [a-z]+){0,3} (?:toute une boite|une boite entiere|toute la boite|une plaquette entiere|une pile|des piles|de l eau de javel|de la javel|du destop|de l ammoniac|des aimants|mort aux rats)\b|\b(?:vient de faire|fait) une (?:overdose|surdose)\b/,
            /\b(?:coincee?|bloquee?) dans (?:la|sa) gorge\b/,
            /\b(?:bouillante|brulee?|brulure)(?: [a-z]+){0,8} (?:cloques sur tout|cloques partout|la peau (?:part|qui part|arrachee|noire))\b/,
            /\b(?:bebe|nourrisson|enfant)(?: [a-z]+){0,2} (?:est )?(?:tout mou|toute molle|inerte)\b|\bcoeur(?: [a-z]+){0,3} s est arrete\b|\b(?:tombee?|molle?|inerte)(?: [a-z]+){0,4} ne bouge plus\b/,
        ],
        unless: [HYPOTHETICAL, /\bpour que?\b/, /\b(?:l an dernier|l annee derniere|la semaine derniere|le mois dernier|il y a (?:[a-z0-9]+ ){1,2}(?:ans|an|mois|semaines))\b/],
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
        id: "harm_to_others.lang_fr_covert_harm", category: "harm_to_others",
        description: "French, by kind: smothering, sedating or drugging a person without their knowledge, slipping sleeping pills, poison or antifreeze into someone's food or drink, tampering with a relative's or patient's medicines, insulin, pump or drip (to make them ill or stop the heart), shaking a baby without marks, an undetectable poison, or making a death look natural (\"quel poison ne se voit pas a l autopsie\", \"endormir ma copine a son insu\").",
        patterns: [
            /\b(?:etouffer|etrangler|droguer|assommer) (?:le bebe|l enfant|le nourrisson|(?:mon|ma|mes|son|sa|le|la) (?:mari|femme|copine|copain|voisin|voisine|fils|fille|pere|mere|bebe|patient|patiente|belle mere|beau pere|grand mere|grand pere|collegue|chef))\b/,
            /\b(?:mettre|donner|faire prendre|endormir|droguer|glisser|verser|injecter|augmenter|monter|couper|changer|remplacer|faire dormir|sedater)(?: [a-z]+){0,8} (?:a son insu|a leur insu|en cachette|sans qu (?:il|elle|ils) (?:s en rende|le sache|le sachent|remarque|s en apercoive)|sans que (?:sa|son|ses|l|personne|le|la) ?(?:[a-z]+ )?(?:le sache|s en rende compte|le voie|remarque))\b/,
            /\b(?:potassium|insuline|digoxine)(?: [a-z]+){0,6} sans que ca se (?:detecte|voie)\b/,
            /\b(?:somniferes|cachets|poison|mort aux rats|antigel|tranquillisants|calmants)(?: [a-z]+){0,4} dans (?:le |la |l |son |sa |ses |leur )?(?:jus|cafe|the|repas|nourriture|boisson|soupe|verre|assiette|plat|biberon|lait|perf|perfusion)\b/,
            /\b(?:pour (?:qu (?:il|elle) (?:tombe malade|ne se reveille pas|meure|se taise)|le rendre malade|la rendre malade|arreter son coeur|lui donner une lecon)|arreter (?:son|le) coeur)\b/,
            /\b(?:poison|toxique)s? (?:qui ne se (?:voit|detecte) pas|ne se voit pas|indetectable|sans (?:gout|odeur|trace))\b/,
            /\b(?:faire passer|maquiller|deguiser)(?: [a-z]+){0,3} (?:pour|en) (?:une )?(?:mort naturelle|crise cardiaque|accident)\b|\b(?:ressemble|ressembler) a une mort naturelle\b|\bfaire croire a (?:une )?(?:crise cardiaque|mort naturelle|accident)\b/,
            /\bsecouer (?:le |mon |un )?(?:bebe|nourrisson|enfant)\b(?: [a-z]+){0,5} (?:sans laisser|traces|se taise)/,
            /\b(?:pour qu (?:il|elle) parte pour de bon|partir pour de bon)\b/,
        ],
        // Hiding a medicine's taste from a child who must take it is care ("sans qu il sente le gout").
        unless: /\b(?:le gout|mauvais gout|l amertume)\b/,
    }),
    vocabularyRule({
        id: "drug_misuse.lang_fr_misuse_by_kind", category: "drug_misuse",
        description: "French, by kind: crushing, snorting or injecting pills, getting high on medicines or mixes, buying from a dealer, online or by a street name (coke, C), a doctor who prescribes without questions, convincing one to prescribe opioids, a drug test, or keeping controlled drugs from a pharmacy's or ward's stock (\"comment ecraser le tramadol pour le sniffer\").",
        patterns: [
            new RegExp(`\\b(?:sniffer|m injecter|s injecter|shooter)(?: [a-z]+){0,3} (?:${CONTROLLED}|cachets|comprimes|gelules|lyrica)\\b|\\b(?:${CONTROLLED}|cachets|comprimes)(?: [a-z]+){0,3} pour (?:le|la|les) (?:sniffer|injecter|shooter)\\b`),
            /\b(?:pour|et) (?:planer|etre defonce|etre bien defonce|etre perche|me defoncer|etre high|triper|m envoyer en l air|etre stone)\b/,
            /\b(?:ou|comment|qui)(?: [a-z]+){0,2} (?:choper|acheter|trouver|pecho|avoir|vend|vendre)(?: [a-z]+){0,2} (?:coke|cocaine|c|crack|heroine|came|shit|beuh|md|mdma|ecstasy|speed|ketamine|keta|lean)\b|\bqui (?:en )?vend\b/,
            new RegExp(`\\b(?:commander|acheter|obtenir|trouver)(?: [a-z]+){0,2} ${CONTROLLED}(?: [a-z]+){0,3} (?:sur internet|en ligne|sur le darknet|sans ordonnance)\\b|\\b(?:acheter|trouver|obtenir)(?: [a-z]+){0,2} (?:du |de la )?(?:skenan|lyrica|subutex|rivotril)\\b(?: [a-z]+){0,2} sans ordonnance\\b`),
            /\b(?:medecin|docteur|toubib)s?(?: [a-z]+){0,2} (?:prescrit|prescrivent|donne|file)(?: [a-z]+){0,3} (?:facilement|sans (?:poser de )?questions)\b|\bconvaincre le medecin de me prescrire\b/,
            /\b(?:etre|rester) (?:clean|negatif|negative) (?:au|a un|a mon|pour le) (?:depistage|test|controle)\b|\b(?:reussir|passer|tromper) (?:le |un |mon )?test urinaire\b/,
            new RegExp(`\\b(?:sortir|garder|prendre|piquer|voler|recuperer)(?: [a-z]+){0,2} ${CONTROLLED}(?: [a-z]+){0,3} (?:du |de la )?(?:stock|chariot|pharmacie|armoire|coffre|service)\\b`),
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
