/** Spanish, read on the folded text (lower case, accents removed: "cuántas" → "cuantas"). */
import {vocabularyRule} from "./vocabularyRule";

/** "si no respira": what to do if it happened, not that it is happening. */
const HYPOTHETICAL = /\b(?:si|cuando|en caso de que) (?:alguien |una persona |un paciente |el paciente )?(?:no|deja|esta|se)\b/;

/** A past event ("el año pasado tuvo un ictus"): a question about it, not an emergency now. */
const PAST_ES = /\bse (?:tomo|trago|bebio) ayer\b|\b(?:el ano pasado|la semana pasada|el mes pasado|hace (?:[a-z0-9]+ ){1,2}(?:anos|ano|meses|semanas))\b/;

const PERSON = "(?:mi |su |un |una |el |la |los |las )?(?:esposo|esposa|marido|mujer|vecino|vecina|vecinos|jefe|jefa|suegra|suegro|padre|madre|papa|mama|hijo|hija|companero|companera|paciente|abuela|abuelo|novio|novia|hermano|hermana|alguien|persona|cunado|cunada|tio|tia)";

/** Controlled medicines asked for by name. */
const CONTROLLED = "(?:tramadol|lyricas?|fentanilo|trankimazin|oxicodona|fentanilo|morfina|metadona|codeina|clonazepam|alprazolam|diazepam|lorazepam|xanax|rivotril|valium|trankimazin|orfidal|adderall|ritalin|metilfenidato|pregabalina|lyrica|ketamina|percocet|oxycontin|benzos|benzodiacepinas|opioides|opiaceos)";

/**
 * Words about health: an off-topic subject next to one may be a health question ("dieta para un diabetico", "vacunas
 * para viajar", "lesion jugando al futbol"), which the off-topic list leaves alone, as the English scope rules do.
 */
const HEALTH_WORDS = [
    /\b(?:salud|saludable|medic[a-z]*|paciente[s]?|enferm[a-z]*|diabet[a-z]*|cancer|dolor(?:es)?|duele[n]?|doler|hospital[a-z]*|farmac[a-z]*|sintomas?|tratamientos?|clinic[a-z]*|dosis|vacuna[a-z]*|cirugi[a-z]*|operad[oa]|embaraz[a-z]*|corazon|urgencias|fiebre|tos|gripe|resfriado|covid|virus|infeccion(?:es)?|alergi[a-z]*|pastillas?|jarabe|inyeccion(?:es)?|insulina|presion arterial|tension arterial|colesterol|glucosa|sangre|sangrado|herida[s]?|fractura|lesion(?:es)?|lesionado|esguince|mareos?|mareado|nauseas|vomit[a-z]*|diarrea|estrenimiento)\b/,
    /\b(?:dieta[s]?|calorias|nutricion[a-z]*|adelgaz[a-z]*|engord[a-z]*|bajar de peso|perder peso|subir de peso|peso ideal|obesidad|vitamina[s]?|suplementos?|hacer ejercicio|ejercicio fisico|embarazada|lactancia|amamantar|parto|pediatra|recien nacido|dentista|dientes?|muelas?|ojos|piel|estomago|barriga|cabeza|espalda|rodillas?|tobillo|hombro|cuello|pecho|pulmon(?:es)?|rinon(?:es)?|higado|garganta|oidos?|nariz|ansiedad|depresion|estres|insomnio|terapia|psicolog[a-z]*|psiquiatr[a-z]*|doctor[a]?|doctores|ambulancia|receta medica|sin receta|con receta|seguro medico|silla de ruedas|muletas|inhalador|ecografia|analisis|radiografia|resonancia|testamento vital|voluntades anticipadas|anatomi[a-z]*|fisiologi[a-z]*|patologi[a-z]*|anemia|glucemia|leucemia|ictus|infarto|convulsion(?:es)?|epilepsia|asma|alzheimer|demencia|autismo|tdah)\b/,
    /[a-z](?:itis|osis|cilina|micina|floxacino|prazol|statina)\b|\b(?:cie 10|cie10|cie|metilfenidato|anfetaminas?|antidoping|dopaje|paracetamol|ibuprofeno|antibioticos?|antidepresivos?|ansioliticos?|antihistaminicos?|anticonceptiv[a-z]*|melatonina|omeprazol|hl7|fhir|historia clinica|expediente|estancia media|ingresos|altas|ghb|drogas?)\b/,
];

export const SPANISH_RULES = [
    vocabularyRule({
        id: "self_harm.lang_es_intent", category: "self_harm",
        description: "Spanish: the writer says they want to die, kill themselves or end their life (\"quiero terminar con mi vida\").",
        patterns: [
            /\b(?:quiero|me quiero|voy a|necesito|pienso en|estoy pensando en) (?:morir(?:me)?|matarme|suicidarme|quitarme la vida|terminar con mi vida|acabar con mi vida)\b/,
            // "Me voy a matar", or "quiero matar" with nothing after it; "quiero matar los piojos", "voy a matar a mi jefe" are not.
            /\bme (?:quiero|voy a) (?:matar|suicidar)\b|\b(?:quiero|voy a) (?:matar|suicidar)$/,
            /\bno quiero (?:vivir|seguir viviendo|seguir con vida|despertar)\b/,
            /\b(?:cuantas|cuantos) (?:pastillas|comprimidos|pildoras|tabletas)(?: [a-z]+){0,3} (?:para|hacen falta para|necesito para) (?:morir|matarme|no despertar|suicidarme)\b/,
            /\b(?:tomarme|me voy a tomar|me tomo) todas (?:las )?(?:pastillas|pildoras)\b/,
        ],
    }),
    vocabularyRule({
        id: "emergency.lang_es_critical_sign", category: "emergency",
        description: "Spanish: someone is not breathing, unconscious, unresponsive or seizing now (\"mi padre no respira\").",
        patterns: [
            // Not "no respira bien por la nariz" (a blocked nose) or "no respira bien" (breathing badly: the English rules judge that).
            /\bno (?:respira|esta respirando|puede respirar|puedo respirar)\b(?! bien| por la nariz)/,
            /\b(?:dejo|ha dejado) de respirar\b/,
            /\b(?:esta|se quedo) inconsciente\b|\bno (?:responde|reacciona|despierta)\b/,
            /\besta (?:convulsionando|teniendo una convulsion)\b|\bse esta ahogando\b/,
        ],
        unless: [HYPOTHETICAL, PAST_ES],
    }),
    vocabularyRule({
        id: "self_harm.lang_es_by_kind", category: "self_harm",
        description: "Spanish, by kind: wishing not to wake up, to disappear or to be dead, being a burden, a last message or goodbye letters, how many tablets would kill, a plan (tablets saved up, a bridge, a rope ready, crashing the car), self-cutting and wanting to hurt oneself, a relative or friend who says they will kill themselves (\"ojala no despertarme\", \"mi hijo dice que se quiere matar\").",
        patterns: [
            /\b(?:ojala|me gustaria|quisiera|quiero|preferiria)(?: [a-z]+){0,2} no (?:despertar(?:me)?|volver a despertar(?:me)?|existir|haber nacido)\b|\bquiero desaparecer\b(?! (?:las|los|la|el|una|un|mis|esas|esos|estas|estos) )/,
            /\b(?:seria|estaria) mejor (?:estar )?muert[oa]\b|\b(?:estarian|estaria|vivirian|seria) mejor sin mi\b|\bsoy (?:una )?carga para\b|\b(?:hart[oa]|cansad[oa]) de vivir\b/,
            /\b(?:es|este es) mi ultimo mensaje\b|\b(?:escrito|escribi|dejo|deje|tengo)(?: [a-z]+){0,2} cartas? de despedida\b/,
            /\bcuant[oa]s\b(?: [a-z]+){1,5} (?:para|me harian|harian) (?:no (?:volver a )?despertar(?:me)?|morir(?:me)?|matarme|matar a una persona|suicidarme)\b/,
            /\b(?:guardando|guardado|juntando|juntado|acumulando|acumulado|ahorrando)(?: [a-z]+){0,4} (?:pastillas|comprimidos|pildoras)\b(?: [a-z]+){0,5} (?:tomarmelas|tomarlas|tomar(?:me)?las todas|juntas|de golpe|de una vez)\b/,
            /\b(?:pienso|voy a|quiero) (?:tirarme|lanzarme|saltar)\b|\b(?:tirarme|lanzarme|saltar) (?:del|desde el|desde la) (?:puente|balcon|edificio|azotea)\b|\b(?:cuerda|soga)(?: [a-z]+){0,2} (?:atada|preparada|lista|colgada)\b/,
            /\b(?:estrellar(?:me)?|empotrar(?:me)?)(?: con)?(?: el coche| el carro| la moto)? contra (?:un |una |el |la )?(?:muro|arbol|pared|camion|tren)\b/,
            /\bme (?:he vuelto a cortar|vuelvo a cortar|volvi a cortar|corto|he cortado|estoy cortando) (?:los brazos|las munecas|las piernas|los muslos)\b|\bme corto para\b|\b(?:ganas de|quiero|necesito|voy a) (?:cortarme|autolesionarme|hacerme dano|lastimarme|herirme)\b/,
            /\b(?:hijo|hija|hermano|hermana|pareja|marido|mujer|esposo|esposa|novio|novia|madre|padre|amigo|amiga|companero|companera)(?: [a-z]+){0,2} (?:dice|dijo|ha dicho|me ha dicho|me dijo|amenaza con|esta diciendo|me escribio)(?: que)? (?:se (?:quiere|va a) (?:matar|suicidar|quitar la vida)|quiere (?:matarse|suicidarse|morirse|quitarse la vida)|va a (?:matarse|suicidarse|quitarse la vida)|matarse|suicidarse)\b/,
            // Tablets just taken in quantity, by the writer ("me acabo de tomar el frasco entero"), a last goodbye ("adios, perdon mama").
            /\b(?:me acabo de tomar|acabo de tomarme|me he tomado|me tome)(?: [a-z]+){0,1} (?:[1-9][0-9]+ (?:pastillas|comprimidos|pildoras)|(?:el|un) (?:frasco|bote|blister) enter[oa]|la caja entera|todas las (?:pastillas|pildoras))\b|\badios(?: [a-z]+){0,2} perdon(?:adme)?(?: mama| papa)?$/,
            /\b(?:he decidido|decidi|ya decidi) (?:quitarme la vida|matarme|suicidarme|acabar con (?:todo|mi vida))\b|\bquiero acabar con todo\b(?! (?:el|la|lo|los|las|esto)\b)/,
        ],
        // A clinician quoting a patient ("un paciente me dice 'quiero dormir y no despertar'").
        unless: /\b(?:paciente|pacientes|enfermera|enfermero)\b/,
    }),
    vocabularyRule({
        id: "emergency.lang_es_by_kind", category: "emergency",
        description: "Spanish, by kind, happening now: blue lips, will not wake, collapsed, chest pain with sweating, a face drooping, a seizure that does not stop, a throat closing or tongue swelling, bleeding that does not stop, a bottle of tablets, a battery or bleach just swallowed, choking, a burn with blisters all over, a limp baby, a heart stopped (\"tiene los labios morados\", \"se ha tragado una pila\"). Not a question about what to do if it happened, nor a past event.",
        patterns: [
            /\b(?:tiene|tengo|con) los labios (?:morados|azules)\b|\bse (?:esta poniendo|ha puesto|puso) (?:azul|morad[oa])\b|\bapenas respira\b/,
            /\bno (?:hay manera|hay forma|consigo|conseguimos|podemos) (?:de )?despertarl[oae]\b|\bno vuelve en si\b|\bse (?:ha )?(?:desplomado|desplomo)\b|\bse (?:ha caido|cayo) redond[oa]\b/,
            /\b(?:me duele|le duele|tengo (?:un )?dolor|tiene (?:un )?dolor)(?: [a-z]+){0,2} (?:el |en el )?pecho\b(?: [a-z]+){0,6} (?:sudando|sudor|suda)\b/,
            /\bse le (?:ha )?(?:caido|torcido) (?:un lado de )?(?:la cara|la boca)\b|\b(?:tiene|tengo) la (?:boca|cara) torcida\b/,
            /\b(?:lleva|llevamos)(?: [a-z0-9]+){0,3} (?:convulsionando|con convulsiones)\b|\bconvulsion(?:ando)?(?: [a-z]+){0,3} (?:no para|no cede)\b/,
            /\b(?:picadura|picado|pico|alergia|cacahuetes?|abeja|avispa|marisco)\b(?: [a-z]+){0,6} se (?:me|le) (?:esta )?(?:cierra|cerrando|hincha|hinchando) la (?:garganta|lengua)\b|\bse le (?:esta|ha) (?:cerrando|cerrado|hinchando|hinchado) (?:la garganta|la lengua)\b|\bse le (?:hincho|inflamo) (?:la lengua|la garganta)\b/,
            /\b(?:la sangre|sangre|el sangrado|la hemorragia) (?:no para|no se detiene|no deja de salir|a chorros)\b|\bsangrando (?:muchisimo|a chorros|sin parar)\b/,
            /\b(?:se acaba de tomar|se ha tomado|se tomo|acaba de tomarse|se ha bebido|se bebio|se ha tragado|se trago|acaba de tragarse)(?: [a-z]+){0,2} (?:un bote|una caja|un frasco|un blister|todas las|un monton de|una pila|pilas|lejia|amoniaco|desatascador|matarratas|raticida|veneno|imanes|una sobredosis)\b|\bse (?:metio|ha metido) una sobredosis\b/,
            /\bse (?:esta )?atragantando\b|\batascad[oa] en la garganta\b/,
            /\b(?:hirviendo|quemad[oa]|quemadura)\b(?: [a-z]+){0,8} (?:ampollas por todo|ampollas en toda|la piel (?:levantada|colgando|negra)|se le cae la piel)\b/,
            /\b(?:bebe|nino|nina)(?: [a-z]+){0,2} (?:esta )?(?:flojit[oa]|blandit[oa]|como un trapo)\b|\bse le ha parado el corazon\b|\bno (?:tiene|le encuentro) pulso\b|\b(?:caido|cayo)(?: [a-z]+){0,3} (?:al suelo|redond[oa]) y no se mueve\b/,
        ],
        unless: [HYPOTHETICAL, /\b(?:que hacer|como actuar|que hago|pasos)(?: [a-z]+){0,3} (?:si|cuando|ante)\b|\b(?:si|cuando) (?:un|una|el|la|alguien)\b|\bcomo (?:se|saber|sabe) si\b/, PAST_ES],
    }),
    vocabularyRule({
        id: "harm_to_others.lang_es_poison_or_kill", category: "harm_to_others",
        description: "Spanish: the writer asks how to poison, kill, choke or drug a person (first person: \"cómo\", \"quiero\", \"puedo\"), to put poison or sleeping pills in someone's food or drink, or to alter a relative's morphine or insulin pump (\"como envenenar a mi suegra\").",
        patterns: [
            // Asked for, in the first person: "el fentanilo puede matar a un paciente" and "intentó matar a su esposa" are not.
            new RegExp(`\\b(?:como|quiero|voy a|puedo|podria|necesito|ayudame a|forma de|manera de)(?: (?:puedo|podria|se puede|hago para|hacer para))? (?:envenenar|envenenarle|envenenarla|matar|asfixiar|ahogar|drogar) a ${PERSON}\\b`),
            /\b(?:veneno|raticida|somniferos|pastillas para dormir)(?: [a-z]+){0,2} en (?:la |el |su |sus )?(?:comida|bebida|cafe|te|sopa|vaso|agua|desayuno|cena)\b(?: [a-z]+){0,3} sin que\b/,
            /\b(?:manipular|alterar|trucar|subir|aumentar|modificar|toquetear) (?:[a-z]+ ){0,3}(?:bomba|infusion|goteo|pca)(?: de)? (?:morfina|insulina|opioides?)(?: de)? (?:mi|su) (?:madre|padre|abuela|abuelo|esposo|esposa|marido|mujer|suegra|suegro|vecino|vecina|tio|tia|hermano|hermana)\b/,
        ],
    }),
    vocabularyRule({
        id: "drug_misuse.lang_es_controlled_without_prescription", category: "drug_misuse",
        description: "Spanish: the writer asks how to get a controlled medicine without a prescription, to forge a prescription, to get high, or to beat a drug test (\"donde consigo tramadol sin receta\").",
        patterns: [
            // Asked for ("dónde consigo", "quiero comprar"): "¿es legal comprar…?" and "mi madre compró…" are not.
            new RegExp(`\\b(?:donde|como|quiero|puedo|necesito|ayudame a)(?: (?:puedo|se puede|podria|me))? (?:conseguir|consigo|comprar|compro|obtener|obtengo|pillar|pillo|encontrar|encuentro|pedir)(?: [a-z]+){0,2} ${CONTROLLED}(?: [a-z]+){0,2} sin (?:receta|prescripcion)\\b`),
            /\b(?:como|quiero|puedo|necesito|voy a) falsificar (?:una |la |mi |las )?recetas?\b/,
            /\b(?:para|como|quiero) (?:drogarme|colocarme|ponerme ciego|ponerme hasta arriba|flipar)\b/,
            /\b(?:como|puedo|quiero|necesito) (?:pasar|enganar|burlar|superar|falsear) (?:un |el |una |la )?(?:test|prueba|analisis|control) (?:de )?(?:drogas|orina|antidoping|toxicologico)\b/,
        ],
    }),
    vocabularyRule({
        id: "harm_to_others.lang_es_covert_harm", category: "harm_to_others",
        description: "Spanish, by kind: smothering or sedating a person, slipping sleeping pills, poison or antifreeze into someone's food or drink, tampering with a relative's or patient's medicines, insulin, pump or drip (to make them ill, stop the heart, or unnoticed), shaking a baby without marks, an undetectable poison, or making a death look natural (\"que veneno no sale en la autopsia\", \"sedar a mi novia sin que se de cuenta\").",
        patterns: [
            new RegExp(`\\b(?:asfixiar|ahogar|drogar|envenenar|estrangular) (?:a|al) (?:${PERSON}|bebe|nino|nina|(?:el |la )?bebe de)\\b`),
            /\b(?:somniferos|pastillas para dormir|veneno|matarratas|raticida|anticongelante|tranquilizantes?|calmantes)(?: [a-z]+){0,4} en (?:la |el |su |sus |mi )?(?:zumo|jugo|comida|bebida|cafe|te|sopa|vaso|agua|biberon|leche|desayuno|cena|plato)\b/,
            /\b(?:echar|echo|meter|meto|poner|pongo|anadir|anado|le doy|darle|le echo|le meto|le pongo)(?: [a-z]+){0,4} (?:en )?(?:el |la |al |su )?(?:zumo|jugo|comida|cafe|te|sopa|biberon|leche|suero|via|gotero|infusion|bomba)\b(?: [a-z]+){0,6} (?:sin que|para que (?:se ponga (?:malo|mala|enfermo|enferma)|no (?:despierte|se despierte)|se (?:muera|calle)|duerma)|pararle el corazon|parar el corazon)/,
            /\b(?:sedar|dormir|drogar|dar|darle|subir|subo|cambiar|apagar|hago que)(?: [a-z]+){0,7} (?:sin que (?:se entere|lo note|lo sepa|se de cuenta|se detecte|lo detecten|lo noten)|a escondidas|sin saberlo)\b/,
            /\b(?:bomba|insulina|pastillas|medicacion|medicinas|suero|via|digoxina|potasio|caramelos)(?: [a-z]+){0,6} (?:para que (?:se ponga malo|se ponga mala|enferme|no despierte|no se despierte|se muera|muera|descanse para siempre)|darle una leccion|pararle el corazon|parar(?:le)? el corazon)\b/,
            /\bque (?:veneno|toxico) no (?:sale|se detecta|deja rastro)\b|\b(?:veneno|toxico)s? (?:que no (?:sale|se detecta|deja rastro|se nota)|sin (?:sabor|olor|rastro)|indetectable|que no detecten)\b/,
            /\b(?:parezca|parecer|pase por) (?:una )?(?:muerte natural|natural|un infarto|un accidente)\b/,
            /\bsacudir (?:al |a mi )?(?:bebe|nino|hijo|hija)\b(?: [a-z]+){0,5} (?:sin dejar|marcas|que se calle)/,
        ],
        // "sin que" with a medicine given to help a child take it ("sin que note el sabor") is care.
        unless: /\b(?:el sabor|mal sabor|el gusto)\b/,
    }),
    vocabularyRule({
        id: "drug_misuse.lang_es_misuse_by_kind", category: "drug_misuse",
        description: "Spanish, by kind: crushing, snorting or injecting pills, getting high on medicines or mixes, buying from a dealer, online or by a street name (perico, farlopa), a doctor who prescribes without questions, convincing one to prescribe opioids, a drug test, or taking controlled drugs from a pharmacy's or ward's stock (\"como machaco el tramadol para esnifarlo\").",
        patterns: [
            new RegExp(`\\b(?:esnifar|esnifo|inyectarme|pincharme)(?: [a-z]+){0,4} (?:${CONTROLLED}|pastillas|comprimidos|pastis)\\b|\\b(?:${CONTROLLED}|pastillas|comprimidos)(?: [a-z]+){0,3} (?:para )?(?:esnifarlo|esnifarla|esnifarlas|esnifarlos|inyectarlo|inyectarla|inyectarlas|inyectarlos|meterme por la nariz)\\b|\\bme inyecto (?:el |la )?${CONTROLLED}\\b`),
            /\b(?:para|y) (?:colocarme|ponerme|estar ciego|estar pedo|flipar|viajar|que pegue|que me pegue|subirme|drogarme)\b|\bte pone (?:pedo|ciego|hasta arriba)\b/,
            /\b(?:donde|quien|como)(?: [a-z]+){0,2} (?:pillo|pillar|consigo|conseguir|compro|comprar|venden|vende)(?: [a-z]+){0,2} (?:perico|farlopa|coca|cocaina|tusi|keta|cristal|speed|heroina|caballo|maria|hachis|pepas|rulas|creepy|chocolate)\b|\bquien (?:vende|me vende|me pasa)\b/,
            new RegExp(`\\b(?:pedir|comprar|consigo|conseguir|encargar)(?: [a-z]+){0,2} ${CONTROLLED}(?: [a-z]+){0,3} (?:por internet|online|en la dark web|sin receta)\\b`),
            /\b(?:medico|doctor|doctora)s?(?: [a-z]+){0,3} (?:receta|recetan|receten|da|dan)(?: [a-z]+){0,2} (?:facil|sin preguntas|sin preguntar)\b|\bconvenzo al medico\b|\bconvencer al medico\b/,
            /\b(?:dar|salir) (?:limpio|negativo) en (?:el |la |un |una )?(?:control|test|prueba|analisis)\b|\bpaso (?:el |la |un )?(?:test|prueba|control|analisis) de (?:orina|drogas)\b/,
            new RegExp(`\\b(?:saco|sacar|llevo|llevarme|me llevo|quedarme|me quedo|robar|robo)(?: [a-z]+){0,2} ${CONTROLLED}(?: [a-z]+){0,3} (?:del|de la) (?:stock|carro|farmacia|planta|almacen|botiquin|armario)\\b`),
        ],
    }),
    vocabularyRule({
        id: "out_of_scope.lang_es_off_topic", category: "out_of_scope",
        description: "Spanish: an off-topic subject with no health word: cooking, travel, sport, the weather, money, shopping, cars and repairs, films, series, songs and games, writing (poems, stories, jokes, letters, CVs), trivia and homework, programming, legal and tax matters, translation, religion and horoscopes (\"escribeme un poema sobre el mar\", \"receta de paella\").",
        patterns: [
            // writing tasks unrelated to health
            /\b(?:escribeme|escribe|escribir|hazme|componme|compon|cuentame|dime|redactame|redacta|redactar|inventa|inventame)(?: me)? (?:un |una )?(?:poema|cancion|cuento|chiste|rap|carta de amor|historia de amor)\b/,
            /\b(?:poema|poemas|poesia|versos|soneto|chiste|chistes|carta de amor|carta de presentacion|curriculum|hoja de vida|un cuento|cuento infantil|ensayo sobre|redaccion sobre|discurso de (?:boda|graduacion|cumpleanos|despedida)|dedicatoria|felicitacion de cumpleanos|post de linkedin|linkedin|frase de amor|frases de amor)\b/,
            // cooking
            /\b(?:recetas? (?:de |del |para )?(?:la |el |un |una |unos |unas )?(?:paella|tortilla|lasana|pizza|pastel|tarta|galletas|flan|guacamole|tacos|empanadas|arroz|pollo|pasta|postre|bizcocho|brownies|churros|gazpacho|ceviche|mole|pozole|enchiladas|sangria|coctel|cena|comida|navidad|cocina)|paella|lasana|guacamole|brownies|churros|gazpacho|bizcocho|mojito|cocteles?|tiramisu|croquetas|albondigas|cocinar|hornear|al horno|freidora de aire|olla express)\b/,
            /\b(?:como (?:se )?(?:hace|hacen|hago|preparo|prepara|preparar|cocino|cocina|cocinar)|como hacer|quiero hacer) (?:un |una |el |la |unos |unas )?(?:tortilla|pizza|pastel|tarta|galletas|flan|tacos|empanadas|arroz|pollo|pasta|postre|pan|cafe|pure|salsa|sopa de|carne asada)\b/,
            // travel
            /\b(?:vuelos?|hotel|hoteles|hostal|billetes? de (?:avion|tren|autobus)|pasajes?|aerolinea|aeropuerto|itinerario|crucero|vacaciones|visado|pasaporte|airbnb|equipaje|maleta|escapada|turismo|que ver en|que visitar en|viaje a|viajar a|ir de viaje)\b/,
            // sport
            /\b(?:el partido|un partido|partido de|partidos|futbol|la liga|champions|el mundial|copa del mundo|goles?|golazo|marcador|alineacion|fichaje|real madrid|barcelona|barca|atletico|boca juniors|river plate|messi|ronaldo|nba|baloncesto|basquet|formula 1|quiniela|apuestas deportivas|clasico|jugador|jugadores|equipo de futbol|mundial de)\b/,
            // the weather
            /\b(?:el tiempo (?:en|para|de manana|manana|hoy|este fin)|que tiempo (?:hace|hara|va a hacer)|pronostico del tiempo|el clima (?:en|de|para|manana|hoy)|va a llover|llovera|lluvia (?:en|manana|hoy)|nevara|que temperatura (?:hace|hara|va a hacer))\b/,
            // money
            /\b(?:bitcoin|btc|ethereum|criptomonedas?|criptos?|forex|trading|invertir|inversiones|dividendos|hipoteca|prestamos?|tipo de cambio|cambio del dolar|precio del dolar|cotizacion|tarjeta de credito|plazo fijo|precio del oro|comprar acciones|vender acciones|invertir en|acciones de (?:apple|tesla|amazon|google|nvidia|microsoft|meta)|bolsa de valores|la bolsa|euros a dolares|dolares a (?:pesos|euros)|ahorrar dinero)\b/,
            // shopping and products
            /\b(?:(?:que|cual|cuales) (?:movil|celular|telefono|portatil|laptop|tele|televisor|tablet|auriculares|coche|carro|lavadora|nevera|consola|zapatillas) (?:me )?(?:compro|comprar|recomiendas|es mejor)|mejor (?:movil|celular|portatil|laptop|televisor|tele|tablet|auriculares|lavadora|aspiradora|consola|cafetera|colchon) (?:calidad precio|de|por|para|barato|en)|iphone|samsung|xiaomi|black friday|rebajas|cupon de descuento|regalo para|regalo de cumpleanos|ideas de regalo)\b/,
            // cars and repairs
            /\b(?:mi (?:coche|carro|auto|moto|bici|bicicleta)|el (?:coche|carro|auto) (?:hace|no arranca|pierde|tiene|hace ruido)|aceite del (?:coche|carro|motor)|neumaticos?|llantas?|embrague|frenos del|bateria del (?:coche|carro)|taller mecanico|mecanico|motor del|(?:arreglar|reparar|arreglo|reparo) (?:el |la |mi )?(?:grifo|lavadora|nevera|coche|carro|moto|bici|bicicleta|persiana|aire acondicionado|calentador|wifi|router|impresora|portatil|movil)|fontanero)\b/,
            // entertainment
            /\b(?:pelicula|peliculas|peli|pelis|una serie|la serie|alguna serie|que serie|series de|netflix|hbo|disney|temporada de|capitulo de|canciones|letra de|cantante|concierto|album|videojuegos?|playstation|ps5|xbox|nintendo|fortnite|minecraft|anime|telenovela|reggaeton|spotify|youtube|tiktok|bad bunny|shakira|taylor swift)\b/,
            // trivia and homework
            /\b(?:capital de|cuantos habitantes|quien (?:invento|descubrio|escribio|pinto|gano|fue el primer)|en que ano (?:fue|se|empezo|termino|llego)|guerra mundial|guerra civil|revolucion (?:francesa|mexicana|rusa|industrial)|imperio romano|deberes|tarea de (?:matematicas|historia|lengua|ingles|fisica|quimica)|ecuacion|ecuaciones|derivada|integral de|raiz cuadrada|teorema|pitagoras|fotosintesis|tabla periodica|cuanto es \d+|matematicas|algebra|sistema solar|planetas|dinosaurios)\b/,
            // programming unrelated to health
            /\b(?:python|javascript|typescript|java|html|css|react|angular|django|nodejs|node js|php|kotlin|git|github|docker|kubernetes|excel|programar|programacion|codigo en|un script|bucle for|funcion recursiva|base de datos|pagina web|app de|aplicacion movil)\b/,
            // legal, visas, tax
            /\b(?:impuestos|declaracion de la renta|hacienda|irpf|abogado|demanda judicial|divorcio|herencia|testamento|contrato de alquiler|alquiler|casero|multa de trafico|multa|nacionalidad|permiso de residencia|green card|empadronamiento|despido|finiquito|autonomo)\b/,
            // translation, religion, horoscopes
            /\b(?:traduce|traducir|traduceme|traduccion|como se dice|horoscopo|zodiaco|tarot|astrologia|escorpio|sagitario|capricornio|acuario|piscis|rezar|oracion|biblia|versiculo|misa|ramadan|coran|santo del dia)\b/,
        ],
        unless: HEALTH_WORDS,
        unlessEnglishClinical: true,
        languages: ["es"],
    }),
];
