/**
 * Hindi in Devanagari and in Latin letters (Hinglish), read on the folded text (the nukta removed: "ज़हर" → "जहर").
 * Hindi and Urdu in Latin letters are the same words: these patterns serve both.
 */
import {vocabularyRule} from "./vocabularyRule";

/** "अगर", "agar": what to do if it happened. */
const HYPOTHETICAL = /(?:^| )(?:अगर|यदि|जब)(?= )|\b(?:agar|yadi|jab) /;

/** A past event ("पिछले साल स्ट्रोक हुआ था", "pichle saal"): a question about it, not an emergency now. */
const PAST_HI = /(?:^| )(?:पिछले (?:साल|हफ्ते|महीने)|(?:साल|महीने) पहले)(?= |$)|\b(?:pichle (?:saal|hafte|haftay|mahine)|(?:saal|mahine) pehle|(?:19|20)\d\d (?:me|mein))\b/;

/** People a request to harm could name (Devanagari; the nukta is folded away in text and patterns alike). */
const PERSON = "(?:पति|पत्नी|बीवी|पड़ोसी|पड़ोसन|बॉस|सास|ससुर|भाई|बहन|पिता|पापा|माँ|मां|बेटे|बेटी|बच्चे|किसी)";
const PERSON_LATN = "(?:pati|patni|biwi|padosi|padosan|boss|saas|sasur|bhai|behen|behan|papa|maa|beta|beti|bache|kisi)";

/** Controlled medicines asked for by name, in Latin letters (as Hindi speakers type drug names). */
const CONTROLLED_LATN = "(?:tramadol|lexotanil|alprazolam|alprax|xanax|clonazepam|clonotril|rivotril|diazepam|valium|lorazepam|ativan|codeine|corex|morphine|fentanyl|oxycodone|pregabalin|lyrica|nitrazepam|nitrosun|zolpidem|ketamine|methylphenidate|ritalin|buprenorphine|tapentadol|spasmo proxyvon|proxyvon)";
/** The same medicines as written in Devanagari. */
const CONTROLLED_DEVA = "(?:ट्रामाडोल|लिरिका|रिटालिन|ऑक्सीकोडोन|अल्प्राजोलम|अल्प्रैक्स|क्लोनाजेपाम|डायजेपाम|कोडीन|कोरेक्स|मॉर्फिन|फेंटानिल|प्रेगाबलिन|नाइट्राजेपाम|जोल्पिडेम|केटामाइन)";

/**
 * Words about health, in Devanagari and in Latin letters: an off-topic subject next to one may be a health question
 * ("diabetes ke liye recipe", "travel se pehle tika", "cricket khelte chot lagi"), which the off-topic list leaves
 * alone, as the English scope rules do.
 */
const HEALTH_WORDS = [
    /(?:^| )(?:दवा|दवाई|दवाएं|दवाएँ|दवाओं|बीमारी|डॉक्टर|डाक्टर|मरीज|मरीजों|इलाज|स्वास्थ्य|सेहत|दर्द|बुखार|अस्पताल|मधुमेह|डायबिटीज|शुगर|कैंसर|खुराक|लक्षण|नर्स|टीका|टीके|वैक्सीन|गर्भावस्था|गर्भवती|प्रेगनेंसी|चोट|खांसी|जुकाम|सर्दी|उल्टी|दस्त|कब्ज|चक्कर|बीपी|ब्लड|खून|गोली|गोलियां|इंजेक्शन|एलर्जी|डाइट|वजन|कैलोरी|विटामिन|पेट|सिर|आंख|आँख|दांत|त्वचा|घुटने|कमर|सांस|साँस|दिल|हार्ट|किडनी|लिवर|थायराइड|तनाव|डिप्रेशन|चिंता|नींद|अनिद्रा|थेरेपी|मानसिक|ऑपरेशन|सर्जरी|जांच|टेस्ट|रिपोर्ट|मेडिकल|क्लिनिक|फार्मेसी|केमिस्ट|नशा|नशे)(?= |$)/,
    /\b(?:dawai|davai|dawa|dava|dawaiyan|bimari|beemari|doctor|dr|daktar|mareez|marij|mariz|ilaj|ilaaj|sehat|swasthya|dard|bukhar|hospital|aspatal|diabetes|sugar|cancer|khurak|dose|lakshan|nurse|tika|teeka|vaccine|pregnancy|pregnant|garbhvati|chot|khansi|khasi|zukam|jukam|sardi|ulti|dast|kabz|chakkar|bp|blood|khoon|khun|goli|golia|goliyan|tablet|injection|allergy|diet|vajan|wazan|weight|calorie|calories|vitamin|pet dard|sir dard|sar dard|aankh|ankh|daant|dant|skin|ghutne|kamar|saans|sans|dil|heart|kidney|liver|thyroid|tension|stress|depression|anxiety|neend|therapy|operation|surgery|test|report|medical|clinic|pharmacy|chemist|ward|opd|icu|patient|patients|nasha|nashe|sutta|ganja|charas|bhang|daru|sharab)\b/,
];

export const HINDI_RULES = [
    vocabularyRule({
        id: "self_harm.lang_hi_intent", category: "self_harm",
        description: "Hindi or Hinglish: the writer says they want to die or kill themselves (\"मैं मरना चाहता हूँ\", \"mujhe marna hai\").",
        patterns: [
            /(?:^| )(?:मैं|में|मै) (?:मरना|आत्महत्या करना|खुदकुशी करना) (?:चाहता|चाहती)(?= |$)/,
            /(?:^| )मुझे (?:मरना|आत्महत्या करनी|खुदकुशी करनी) (?:है|हैं)(?= |$)/,
            /(?:^| )(?:अपनी जान लेना|खुद को मारना|अपने आप को मारना) (?:चाहता|चाहती|है)(?= |$)/,
            /(?:^| )(?:जीना नहीं चाहता|जीना नहीं चाहती|मैं जीना नहीं)(?= |$)/,
            /\b(?:mujhe|muje|mujhko) (?:marna|mar jana|suicide karna|khudkushi karni) (?:hai|h)\b/,
            /\b(?:main|mai|me) (?:marna|suicide karna|khudkushi karna|apni jaan lena|khud ko marna) (?:chahta|chahti|chahata)\b/,
            /\b(?:jeena|jina) nahi?n? (?:chahta|chahti)\b/,
        ],
    }),
    vocabularyRule({
        id: "emergency.lang_hi_critical_sign", category: "emergency",
        description: "Hindi or Hinglish: someone is not breathing or is unconscious now (\"पापा साँस नहीं ले रहे\", \"saans nahi le rahe\").",
        patterns: [
            /(?:^| )(?:साँस|सांस|श्वास) नहीं ले (?:रहे|रहा|रही|पा)(?= |$)/,
            /(?:^| )(?:बेहोश हो (?:गए|गया|गई|गयी)|बेहोश (?:है|हैं)|होश में नहीं)(?= |$)/,
            /\b(?:saa?ns|sans|saans) (?:nahi|nahin|nhi) (?:le|lay) (?:rahe|raha|rahi|pa)\b/,
            /\b(?:behosh|behos) (?:ho gaye|ho gaya|ho gayi|hai|hain)\b|\bhosh (?:me|mein) nahi?n?\b/,
        ],
        unless: [HYPOTHETICAL, PAST_HI],
    }),
    vocabularyRule({
        id: "self_harm.lang_hi_by_kind", category: "self_harm",
        description: "Hindi, Hinglish and Roman Urdu, by kind: wishing never to wake up, to disappear, being a burden, death being better, a last message or goodbye letters, how many tablets would kill, a plan (tablets saved up, a bridge, a rope ready, crashing the car), cutting or hurting oneself, a relative who says they will kill themselves, having decided (\"काश मैं कल उठूं ही नहीं\", \"mera beta keh raha hai ki wo khud ko maar dalega\").",
        patterns: [
            /(?:^| )काश(?: [^ ]+){0,4} (?:उठूं|उठूँ) ही नहीं(?= |$)|(?:^| )(?:कभी|फिर) (?:न|ना) (?:उठूं|उठूँ|जागूं)(?= |$)|(?:^| )गायब हो जाना (?:चाहता|चाहती)(?= |$)/,
            /(?:^| )(?:पर|पे) बोझ (?:हूं|हूँ)(?= |$)|(?:^| )मेरे बिना सब (?:खुश|ठीक)(?= |$)|(?:^| )(?:मर जाना|मरना) ही बेहतर(?= |$)|(?:^| )मरने (?:का|को) (?:मन|दिल)(?= |$)/,
            /(?:^| )(?:आखिरी|अंतिम) (?:मैसेज|संदेश)(?= |$)|(?:^| )अलविदा (?:वाले|के) (?:खत|पत्र)(?= |$)/,
            /(?:^| )कितनी (?:गोलियां|गोलियाँ)(?: [^ ]+){0,4} (?:मर जाता|मर जाती|मर जाऊं|मौत|न उठूं|ना उठूं)(?= |$)/,
            /(?:^| )(?:गोलियां|गोलियाँ) जमा कर (?:ली|रखी)(?= |$)|(?:^| )(?:पुल|छत) (?:पर|पे|से)(?: [^ ]+){0,3} (?:कूदने|कूद)(?= |$)|(?:^| )रस्सी (?:तैयार|बांध ली)(?= |$)|(?:^| )(?:दीवार|ट्रक|पेड़) में (?:ठोक|मार) (?:दूंगा|दूंगी|दूं)(?= |$)/,
            /(?:^| )ब्लेड से(?: [^ ]+){0,2} (?:कलाई|हाथ|बाजू) (?:काटी|काटा|काट)(?= |$)|(?:^| )खुद को (?:काटती|काटता)(?= |$)|(?:^| )खुद को (?:चोट|नुकसान) पहुंचाने का (?:मन|दिल)(?= |$)/,
            /(?:^| )(?:कह|बोल) (?:रहा|रही|रहे) (?:है|हैं) (?:कि )?(?:वो|वह) (?:खुद को मार|आत्महत्या कर|अपनी जान ले)(?= |$)/,
            /(?:^| )तय कर (?:लिया|ली) (?:है )?(?:कि )?(?:[^ ]+ ){0,3}(?:अपनी जान दे|आत्महत्या कर|खुद को मार)(?= |$)|(?:^| )सब (?:खत्म|ख़त्म) कर (?:देना|दूंगा|दूंगी)(?= |$)/,
            /\bkaa?sh(?: [a-z]+){0,4} (?:uthu|uthun|uthoon) hi (?:nahi|nahin|na)\b|\b(?:kabhi|phir) na (?:uthu|uthun|uthoon)\b|\b(?:gayab|ghaib|gaayab) ho jana (?:chahta|chahti)\b/,
            /\b(?:pe|par) bojh (?:hoon|hun|hu)\b|\bmere (?:bina|baghair) sab (?:khush|theek)\b|\b(?:mar jana|marna) hi (?:behtar|accha|acha)\b|\bmarne (?:ka|ko) (?:mann|man|dil) (?:karta|kar raha)\b/,
            /\b(?:aakhri|akhri|aakhiri) (?:message|paigham|msg)\b|\balvida (?:wale|ke) (?:khat|letter|letters)\b/,
            /\bkitni goliyan\b(?: [a-z]+){0,4} (?:mar jata|mar jaata|mar jaunga|mar jaungi|maut|na uthun|na uthu|na uthoon)\b/,
            /\bgoliyan jama kar (?:li|rakhi)\b|\b(?:pul|chhat|chat) (?:pe|par|se)(?: [a-z]+){0,3} (?:koodne|kudne|kood)\b|\brassi (?:taiyar|tayyar|tayar)\b|\b(?:deewar|diwar|truck) (?:me|mein) (?:thok|maar) (?:dunga|dungi)\b/,
            /\bblade se(?: [a-z]+){0,2} (?:kalai|haath|bazu) (?:kaati|kaata|kati)\b|\bkhud ko (?:kaatti|kaatta|katti|katta)\b|\bkhud ko (?:hurt|nuqsan|nuksan|chot)(?: [a-z]+){0,1} (?:karne|pohanchane|pahunchane) (?:ka|ko) (?:mann|man|dil)\b/,
            /\b(?:keh|bol) (?:raha|rahi|rahe) (?:hai|hain|h) (?:ki|ke) (?:wo|woh|vo) (?:khud ko maar|suicide kar|khudkushi kar|apni jaan le)\b/,
            // Tablets just taken in quantity by the writer ("maine abhi 30 tablet kha li"; a child who ate a grandparent's tablets is an emergency), a jump, a rope and the fan, "a painless way", poison ordered, acid threatened, cutting deeper, nobody coming back.
            /(?:^|\bmaine )(?:abhi )?[1-9][0-9]+ (?:tablet|tablets|goli|goliyan|paracetamol|crocin)(?: [a-z]+){0,2} kha (?:li|liya|lin)\b|\b(?:bye|alvida)\b(?: [a-z]+){0,3} goliyan kha (?:li|lin)\b|\bsab ?ko bye\b|\b(?:kood|kud) (?:jaunga|jaungi|jau|jaun)\b|\b(?:chhalang) (?:lagaunga|lagaungi|laga dunga)\b/,
            /\bpankhe (?:se|pe|par)\b|\brassi le (?:aaya|aayi|aya|ayi)\b|\bmarne ka(?: painless| aasan| asaan)? (?:tareeka|tareeqa|tarika)\b|\b(?:tareeka|tareeqa|tarika) (?:batao )?(?:khudkushi|suicide) ka\b|\bpainless (?:tareeka|tareeqa|tarika)(?: [a-z]+){0,1} (?:khudkushi|suicide|marne)\b/,
            /\b(?:pe|par) boj (?:hoon|hun|hu)\b|\bkitna gehra (?:kaatun|kaatu|kaatoon)\b|\bmeri cheez(?:ein|en|e)(?: [a-z]+){0,2} baant dena\b|\bzeh?a?r (?:online )?(?:mangwaya|mangaya)\b|\bwapas na (?:aun|aaun|aaoon)\b|\b(?:zehar|zeher|tezaab|tezab|phenyl) (?:pi|kha) (?:lunga|lungi)\b|\bgandum (?:wali|ki) goli kha (?:li|lee)\b/,
            /\b(?:decide|tay|tai|faisla) kar (?:liya|li) (?:hai )?(?:ki |ke )?(?:[a-z]+ ){0,3}(?:apni jaan de|suicide kar|khudkushi kar|khud ko maar)\b|\bsab khatam kar (?:dena|dunga|dungi)\b/,
        ],
        // A clinician quoting a patient ("patient ne kaha 'main sab khatam kar dunga'").
        unless: /(?:^| )(?:मरीज|मरीजों)(?= |$)|\b(?:patient|mareez|mariz|marij|nurse)\b/,
    }),
    vocabularyRule({
        id: "emergency.lang_hi_by_kind", category: "emergency",
        description: "Hindi, Hinglish and Roman Urdu, by kind, happening now: blue lips, will not wake, collapsed, chest pain with sweating, a face drooping, a fit that will not stop, a throat closing or tongue swelling, bleeding that will not stop, a whole bottle of tablets, a battery or phenyl swallowed, an overdose, something stuck in the throat, a burn with blisters, a limp baby, a heart stopped (\"होंठ नीले पड़ गए\", \"bachi ne abhi phenyl pi liya\"). Not a question about what to do if it happened, nor a past event.",
        patterns: [
            /(?:^| )होंठ नीले(?= |$)|(?:^| )(?:उठ|जाग) नहीं (?:रहे|रहा|रही)(?: [^ ]+){0,4} (?:हिलाने|जवाब|होश)(?= |$)|(?:^| )होश नहीं आ (?:रहा|रही)(?= |$)|(?:^| )मुश्किल से सांस ले(?= |$)/,
            /(?:^| )अचानक(?: [^ ]+){0,2} गिर (?:गए|गया|गई|पड़े)(?: [^ ]+){0,4} (?:हिल नहीं|होश)(?= |$)|(?:^| )सीने में(?: [^ ]+){0,2} दर्द(?: [^ ]+){0,5} पसीना(?= |$)/,
            /(?:^| )चेहरा(?: [^ ]+){0,3} लटक(?= |$)|(?:^| )मुंह टेढ़ा(?= |$)|(?:^| )दौरा पड़ (?:रहा|रहे)(?: [^ ]+){0,3} रुक नहीं(?= |$)|(?:^| )गला बंद हो (?:रहा|गया)(?= |$)|(?:^| )जीभ सूज(?= |$)/,
            /(?:^| )खून (?:रुक नहीं|नहीं रुक)(?= |$)|(?:^| )बहुत खून बह(?= |$)|(?:^| )(?:पूरी|सारी) (?:शीशी|डिब्बी|पत्ता)(?: [^ ]+){0,2} खा (?:ली|लीं|लिया)(?= |$)|(?:^| )(?:बैटरी|फिनाइल|तेजाब|ब्लीच|जहर|कीटनाशक)(?: [^ ]+){0,1} (?:निगल|पी|खा) (?:ली|लिया)(?= |$)|(?:^| )(?:ओवरडोज) (?:लिया|ले लिया)(?= |$)(?! था)|(?:^| )चूहे (?:मारने की|मार) दवा (?:खा|पी) (?:ली|लिया)(?= |$)/,
            /(?:^| )गले में(?: [^ ]+){0,2} फंस (?:गया|गई)(?: [^ ]+){0,4} (?:नीला|सांस)(?= |$)|(?:^| )(?:खौलता|उबलता|गरम) (?:पानी|तेल)(?: [^ ]+){0,6} छाले(?= |$)|(?:^| )(?:ढीला पड़ गया|ढीली पड़ गई|दिल रुक गया)(?= |$)/,
            /\b(?:honth|hont|hoth) (?:neele|neelay|nile)\b|\buth nahi?n? (?:rahe|raha|rahi|rahin)\b(?: [a-z]+){0,4} (?:hilane|jawab|hosh)\b|\bhosh nahi?n? aa (?:raha|rahi)\b|\bmushkil se saans le\b/,
            /\bachanak(?: [a-z]+){0,2} gir (?:gaye|gaya|gayi|pade|paray)\b(?: [a-z]+){0,4} (?:hil nahi|hosh)\b|\bseene (?:me|mein)(?: [a-z]+){0,2} dard\b(?: [a-z]+){0,5} (?:pasina|paseena)\b/,
            /\bchehra(?: [a-z]+){0,3} latak (?:gaya|gayi)\b|\bmunh (?:tedha|terha)\b|\b(?:daura|dora)(?: [a-z]+){0,3} ruk nahi?n? (?:raha|rahe|rahi)\b|\bgala band ho (?:raha|rahi|gaya)\b|\b(?:jeebh|jibh|zaban|zubaan) sooj\b/,
            /\bkhoon (?:ruk nahi?n?|nahi?n? ruk)\b|\b(?:bahut|bohat|bohot) khoon beh\b|\b(?:puri|poori|sari|saari) (?:sheeshi|shishi|strip|patta|bottle)(?: [a-z]+){0,2} kha (?:li|liya|lin)\b|\b(?:battery|phenyl|tezaab|tezab|bleach|harpic|zeher|zehar|spray|kerosene)(?: [a-z]+){0,1} (?:nigal|pi|kha) (?:li|liya|lia)\b|\boverdose (?:liya|le liya)\b(?! tha)|\bchuh[ae] (?:maarne ki|marne ki|maar|mar) dawa\b(?: [a-z]+){0,6} (?:kha|pi|pee) (?:li|liya)\b|\b(?:moo|munh|muh|mooh) se jhaag\b/,
            /\bgale (?:me|mein)(?: [a-z]+){0,2} (?:phas|phans|fas|fans) (?:gaya|gayi|gya)\b(?: [a-z]+){0,4} (?:neela|saans)\b|\b(?:khaulta|kholta|ubalta) (?:paani|pani|tel)\b(?: [a-z]+){0,6} (?:chhale|chhalay|chale)\b|\b(?:dheela|dheeli|dhila) (?:pad|par) (?:gaya|gayi)\b|\bdil ruk gaya\b/,
        ],
        unless: [HYPOTHETICAL, PAST_HI],
    }),
    vocabularyRule({
        id: "harm_to_others.lang_hi_poison_or_kill", category: "harm_to_others",
        description: "Hindi or Hinglish: the writer asks how to poison or kill a named person, or to give someone poison (\"पड़ोसी को ज़हर कैसे दूँ\", \"biwi ko zeher dena hai\").",
        patterns: [
            new RegExp(`(?:^| )${PERSON} को (?:जहर|ज़हर) (?:कैसे )?(?:देना|दे|दूं|दूँ|दूंगा|दूँगा|दूंगी|दूँगी|देने|दें|देकर)(?= |$)`),
            new RegExp(`(?:^| )${PERSON} को (?:मारना|मार डालना|मार दूं|मार दूँ|मार डालूं|मार डालूँ|मारने|जान से मारना|जान से मार)(?= |$)`),
            new RegExp(`\\b${PERSON_LATN} ko (?:zeher|zehar|jahar|zahar|jeher) (?:kaise )?(?:dena|de|du|dun|doon|dunga|dungi|dene|den|dekar)\\b`),
            new RegExp(`\\b${PERSON_LATN} ko (?:maarna|maar dalna|mar dalna|maar du|maar dun|maar doon|maar daalu|jaan se maarna|jaan se marna)\\b`),
        ],
    }),
    vocabularyRule({
        id: "drug_misuse.lang_hi_controlled_without_prescription", category: "drug_misuse",
        description: "Hindi or Hinglish: the writer asks how to get a controlled medicine without a prescription or which pill to take to get high (\"bina prescription ke tramadol kaha milega\", \"नशे के लिए कौन सी गोली\").",
        patterns: [
            // Asked for ("kaha milega", "chahiye", "कहाँ मिलेगी"): "maa ne bina parchi ke tramadol le li" is not.
            new RegExp(`\\b(?:bina|without) (?:prescription|parchi|parcha|perchi|parche)(?: ke)?(?: [a-z]+){0,2} ${CONTROLLED_LATN}(?: [a-z]+){0,2} (?:kaha|kahan|kaise|chahiye|chahie|milega|milegi|khareed|kharid)`),
            new RegExp(`\\b${CONTROLLED_LATN}(?: [a-z]+){0,2} (?:bina|without) (?:prescription|parchi|parcha|perchi|parche)(?: ke)?(?: [a-z]+){0,1} (?:kaha|kahan|kaise|chahiye|chahie|milega|milegi|khareed|kharid)`),
            new RegExp(`(?:^| )बिना (?:पर्चे|पर्ची|प्रिस्क्रिप्शन)(?: के)?(?: [^ ]+){0,2} ${CONTROLLED_DEVA}(?: [^ ]+){0,2} (?:कहाँ|कहां|कैसे|चाहिए|मिलेगा|मिलेगी|खरीद)`),
            new RegExp(`(?:^| )${CONTROLLED_DEVA}(?: [^ ]+){0,2} बिना (?:पर्चे|पर्ची|प्रिस्क्रिप्शन)(?: के)?(?: [^ ]+){0,1} (?:कहाँ|कहां|कैसे|चाहिए|मिलेगा|मिलेगी|खरीद)`),
            /(?:^| )(?:नशे के लिए|नशा करने के लिए|नशा चढ़ाने के लिए) (?:कौन सी|कौनसी|कोई) (?:गोली|दवा|दवाई|सिरप|इंजेक्शन)(?= |$)/,
            /\b(?:nashe|nasha karne|nasha) (?:ke )?liye (?:kaunsi|konsi|kon si|kaun si|koi) (?:goli|dawai|dawa|tablet|syrup|injection)\b/,
            /\b(?:drug test|dope test|urine test) (?:kaise )?(?:pass karu|pass karun|pass kare|clear karu|clear karun|me pass)\b/,
        ],
    }),
    vocabularyRule({
        id: "harm_to_others.lang_hi_covert_harm", category: "harm_to_others",
        description: "Hindi, Hinglish or Roman Urdu, by kind: drugging, sedating or poisoning someone without their knowledge (\"pata na chale\", \"चुपके से\"), slipping sleeping pills, poison or antifreeze into food, drink or a drip, giving something so they fall ill or never wake, smothering, shaking a baby without marks, switching off a pump or insulin, an undetectable poison, or making a death look natural (\"ऐसा ज़हर बताओ जो पोस्टमार्टम में न पकड़ा जाए\", \"bete ko chupke se neend ki dawa kaise du\").",
        patterns: [
            // Devanagari.
            /(?:^| )(?:मिला|डाल|दू|दे|खिला|पिला|बढ़ा|बदल|बेहोश|सुला|बंद)[^ ]*(?: [^ ]+){0,6} (?:पता न|पता ना|पता नहीं|पकड़ा न|पकड़ा ना|पकड़ में न)(?= |$)/,
            /(?:^| )(?:चुपके से|बिना बताए|बिना बताये|जानकारी के बिना)(?: [^ ]+){0,6} (?:मिला|डाल|दू|दे|खिला|पिला|बढ़ा|बेहोश|सुला|बंद)[^ ]*(?= |$)/,
            /(?:^| )(?:खाने|जूस|चाय|कॉफी|कॉफ़ी|दूध|पानी|शरबत|ड्रिप|सलाइन|ड्रिंक) में(?: [^ ]+){0,3} (?:जहर|नींद की गोली|नींद की गोलियां|नींद की दवा|चूहे मारने की दवा|चूहे मार दवा|एंटीफ्रीज|ट्रामाडोल|पोटैशियम)(?= |$)/,
            /(?:^| )(?:मिलाऊं|मिलाऊँ|डालूं|डालूँ|दूं|दूँ|खिलाऊं|खिलाऊँ|पिलाऊं|रख दूं|रख दूँ)(?: [^ ]+){0,2} (?:कि|ताकि) (?:वो |वह |उसका |उसकी )?(?:बीमार पड़|मर जा|उठे ही नहीं|दिल रुक|सोता रहे|हमेशा के लिए)/,
            /(?:^| )(?:दम|गला) (?:घोंटना है|घोंट दूं|घोंट दूँ|घोंटूं|घोंटूँ|दबा दूं|दबा दूँ|दबाना है)(?= |$)|(?:^| )तकिए से (?:दम|गला|मुंह|मुँह)(?= |$)/,
            /(?:^| )(?:मौत|मारकर|मार कर|ओवरडोज|ओवरडोज़)(?: [^ ]+){0,4} (?:नेचुरल|प्राकृतिक|हार्ट अटैक|दिल का दौरा)(?: [^ ]+){0,2} (?:लगे|जैसा|जैसी|दिखे|दिखाऊं|दिखाऊँ|दिखाएं|दिखाएँ)(?= |$)/,
            /(?:^| )(?:जहर|पॉइजन)(?: [^ ]+){0,4} (?:पकड़ा न|पकड़ा ना|पकड़ में न|पोस्टमार्टम में न)|(?:^| )(?:बिना स्वाद|बेस्वाद|बिना गंध)(?: [^ ]+){0,4} जहर(?= |$)/,
            /(?:^| )(?:बच्चे|बेबी|शिशु) को (?:कैसे )?(?:हिलाऊं|हिलाऊँ|झिंझोड़ूं)(?: [^ ]+){0,6} (?:निशान|चुप)/,
            /(?:^| )(?:पंप|ड्रिप|इंसुलिन)(?: [^ ]+){0,4} (?:बंद कर दूं|बंद कर दूँ|निकाल दूं)(?= |$)|(?:^| )सबक सिखाने|(?:^| )हमेशा के लिए (?:सुला|सुलाना)/,
            // Hinglish and Roman Urdu.
            /\b(?:mila|daal|dal|du|doon|dun|de|khila|pila|badha|barha|badal|behosh|sula|band)[a-z]*(?: [a-z]+){0,6} (?:pata na|pata nahi|pakda na|pakra na|pakad me na)\b/,
            /\b(?:chupke se|bina bataye|bataye baghair|bataye bina|bina jaane|ilm ke baghair|marzi ke baghair|jaankari ke bina)(?: [a-z]+){0,6} (?:mila|daal|dal|du|doon|dun|de|khila|pila|badha|barha|behosh|sula|band)[a-z]*\b/,
            /\b(?:khane|khaane|juice|chai|coffee|doodh|pani|paani|sharbat|drip|saline|drink) (?:me|mein|mai)(?: [a-z]+){0,3} (?:zeher|zehar|jahar|zahar|neend ki goli|neend ki goliyan|neend ki dawa|chuha maar|chuhe maar|antifreeze|tramadol|potassium)\b/,
            /\b(?:milau|milaun|daalu|daalun|dalu|du|doon|khilau|khilaun|pilau|pilaun|rakh du|rakh doon)(?: [a-z]+){0,2} (?:ki|ke|taki|taake) (?:wo |woh |uska |uski )?(?:bimar pad|beemar par|bimar par|mar ja|uthe hi nahi|uthay hi nahi|dil ruk|soya rahe|sota rahe|hamesha ke liye)/,
            /\b(?:dum|dam|gala) (?:ghotna|ghontna|ghot du|ghont doon|ghotu|dabana|daba du|daba doon)\b|\btakiye se (?:dum|dam|gala|munh)\b/,
            /\b(?:maut|maar ke|maar kar|mar ke|overdose)(?: [a-z]+){0,4} (?:natural|qudrati|prakritik|heart attack)(?: [a-z]+){0,2} (?:lage|jaisa|jaisi|dikhe|dikhau|dikhaun|dikhaye|dikhayen)\b/,
            /\b(?:zeher|zehar|jahar|zahar|poison)(?: [a-z]+){0,4} (?:na pakda|na pakra|postmortem)|\b(?:bina taste|baghair zaiqe|bina swad|bina smell|baghair boo)(?: [a-z]+){0,4} (?:zeher|zehar)\b/,
            /\b(?:baby|bache|bachay|bachche) ko (?:kaise )?(?:hilau|hilaun|jhinjhodu)(?: [a-z]+){0,6} (?:nishan|chup)/,
            /\b(?:pump|drip|insulin)(?: [a-z]+){0,4} (?:band kar du|band kar doon|nikal du)\b|\b(?:sabak|sabaq) sikhane\b|\bhamesha ke liye (?:sula|sulana)\b/,
        ],
        // Hiding a medicine's taste from a child who must take it is care ("kadwa pata na chale").
        unless: /(?:^| )(?:कड़वा|कड़वाहट|कड़वापन)(?= |$)|\b(?:kadwa|karwa|kadwahat|karwahat|kadwapan)\b/,
    }),
    vocabularyRule({
        id: "drug_misuse.lang_hi_misuse_by_kind", category: "drug_misuse",
        description: "Hindi, Hinglish or Roman Urdu, by kind: snorting or injecting pills, getting high (\"nasha karna hai\", \"टल्ली\"), where to buy street drugs (smack, chitta, maal, ice), stimulants to study, a doctor who prescribes without questions, a fake prescription, beating a drug test, or taking controlled drugs from a store's or ward's stock (\"ट्रामाडोल घोलकर नस में लगानी है\").",
        patterns: [
            /(?:^| )(?:पीसकर|पीस कर|पीस के)(?: [^ ]+){0,2} (?:सूंघ|सूँघ|सुंघ)|(?:^| )नस में (?:लगा|लगानी|लगाना|लगाऊं)|(?:^| )इंजेक्शन खुद को|(?:^| )घोलकर (?:नस|इंजेक्शन)/,
            /(?:^| )(?:नशा करना|नशा चढ़े|नशा चढ़ाना|मस्त होना|टल्ली|किक लेनी|किक लेना|हाई होना)(?= |$)/,
            /(?:^| )(?:स्मैक|चिट्टा|गांजा|चरस|ब्राउन शुगर|हेरोइन|कोकीन|माल)(?: [^ ]+){0,1} (?:कहाँ|कहां) (?:मिलता|मिलती|मिलेगा|मिलेगी)(?= |$)|(?:^| )कौन बेचता(?= |$)/,
            /(?:^| )पढ़ाई के लिए (?:रिटालिन|एडडरॉल|मोडाफिनिल)(?= |$)|(?:^| )(?:डॉक्टर|डाक्टर)(?: [^ ]+){0,2} (?:बिना सवाल|कैसे मनाऊं|कैसे मनाऊँ)(?= |$)/,
            /(?:^| )(?:नकली|फर्जी|जाली) (?:पर्चा|पर्ची|प्रिस्क्रिप्शन) (?:बनाना|बनाऊं|बनाऊँ|बनवाना|बना दो|चाहिए)(?= |$)|(?:^| )(?:ड्रग|डोप) टेस्ट (?:में )?(?:पास|क्लियर)(?= |$)|(?:^| )यूरिन साफ(?= |$)/,
            new RegExp(`(?:^| )(?:स्टॉक|वार्ड|स्टोर) से(?: [^ ]+){0,2} (?:${CONTROLLED_DEVA}|फेंटानिल|मॉर्फिन)(?: [^ ]+){0,3} (?:निकालूं|निकालूँ|ले जाऊं|ले जाऊँ|चुरा)`),
            /\b(?:pees|pees ke|pees kar|peeske)(?: [a-z]+){0,2} (?:soongh|soongn|sungh|snort)|\bnas (?:me|mein|mai) (?:laga|lagani|lagana|lagau|lagaun)|\binjection khud ko\b|\bghol (?:ke|kar) (?:nas|inject)/,
            /\b(?:nasha karna|nasha chadhe|nasha charhe|nasha chadhana|mast hona|tulli|tun ho|kick leni|kick lena|high hona)\b/,
            /\b(?:smack|chitta|ganja|charas|ice|crystal|brown sugar|heroin|coke|maal|md)(?: [a-z]+){0,1} (?:kaha|kahan) (?:milta|milti|milega|milegi)\b|\b(?:kaun|kon) bechta\b/,
            /\b(?:padhai|parhai) ke liye (?:ritalin|adderall|modafinil)\b|\bdoctor(?: [a-z]+){0,2} (?:bina sawal|baghair sawal|ko kaise manau|ko kaise manaun)\b/,
            /\b(?:nakli|farzi|jaali|fake) (?:parcha|parchi|nuskha|prescription) (?:banana|banau|banaun|banwana|bana do|chahiye)\b|\b(?:drug|dope) test (?:me|mein) (?:pass|clear) (?:kaise|karne)\b|\b(?:urine|peshab) (?:clean|saaf) aaye\b/,
            new RegExp(`\\b(?:stock|ward|store) se(?: [a-z]+){0,2} (?:${CONTROLLED_LATN})(?: [a-z]+){0,3} (?:nikalu|nikalun|le jau|le jaun|chura)`),
        ],
    }),
    vocabularyRule({
        id: "out_of_scope.lang_hi_off_topic", category: "out_of_scope",
        description: "Hindi, Hinglish or Roman Urdu: an off-topic subject with no health word: cooking, travel, cricket and other sport, the weather, money, shopping, vehicles and repairs, films, songs and games, writing (poems, shayari, stories, jokes, letters, CVs), trivia and homework, programming, legal and tax matters, translation, religion and horoscopes (\"एक कविता लिखो\", \"paneer butter masala ki recipe\").",
        patterns: [
            // Devanagari: writing, cooking, travel, sport, weather
            /(?:^| )(?:कविता|शायरी|गाना|गीत|कहानी|चुटकुला|चुटकुले|निबंध|प्रेम पत्र|लव लेटर|बायोडाटा|रिज्यूमे|सीवी|भाषण|रेसिपी|पकवान|बिरयानी|पनीर|पराठा|समोसा|हलवा|खीर|केक|मिठाई|चाय कैसे|फ्लाइट|होटल|टिकट|ट्रेन|वीजा|वीसा|पासपोर्ट|घूमने|यात्रा|टूर|छुट्टियों|क्रिकेट|मैच|आईपीएल|स्कोर|फुटबॉल|विराट|धोनी|मौसम|बारिश)(?= |$)/,
            // Devanagari: money, shopping, vehicles, entertainment, trivia, programming, legal, translation, religion
            /(?:^| )(?:शेयर|स्टॉक|शेयर बाजार|म्यूचुअल फंड|बिटकॉइन|क्रिप्टो|लोन|ईएमआई|डॉलर का रेट|सोने का भाव|सोने का रेट|मोबाइल|फोन|लैपटॉप|टीवी|फ्रिज|कार|बाइक|गाड़ी|गाडी|स्कूटी|मैकेनिक|फिल्म|फिल्में|मूवी|वेब सीरीज|सीरियल|गेम|राजधानी|इतिहास|गणित|होमवर्क|समीकरण|पाइथन|जावा|कोड|प्रोग्राम|वेबसाइट|वकील|तलाक|कोर्ट|इनकम टैक्स|टैक्स|किराया|अनुवाद|ट्रांसलेट|राशिफल|कुंडली|ज्योतिष|राशि|पूजा|मंत्र|आरती|भजन)(?= |$)/,
            // Latin letters: writing, cooking, travel
            /\b(?:kavita|kavitha|shayari|shayri|ghazal|nazm|gaana|gana|geet|kahani|poem|joke|jokes|chutkula|nibandh|essay|love letter|biodata|resume|cv|cover letter|speech|recipe|banane ka tarika|banane ki vidhi|biryani|paneer|paratha|samosa|halwa|kheer|cake|mithai|dal makhani|butter chicken|chole|flight|hotel|ticket|train|tatkal|visa|passport|ghumne|trip|tour|holiday|honeymoon)\b/,
            // Latin letters: sport, weather, money, shopping, vehicles
            /\b(?:cricket|match|ipl|score|football|kohli|virat|dhoni|rohit|babar|psl|team india|world cup|mausam|barish|baarish|weather|share|shares|stock|stocks|sensex|nifty|mutual fund|sip|bitcoin|crypto|loan|emi|dollar rate|dollar ka rate|sone ka bhav|gold rate|mobile|phone|laptop|tv|fridge|ac|car|bike|gaadi|gadi|scooty|mechanic|petrol|diesel|mileage)\b/,
            // Latin letters: entertainment, trivia, programming, legal, translation, religion
            /\b(?:film|films|movie|movies|web series|serial|drama|netflix|song|songs|game|games|pubg|bgmi|free fire|capital|rajdhani|itihas|history|ganit|maths|math|homework|equation|python|java|javascript|code|coding|program|website|app|excel|vakil|wakeel|lawyer|talak|talaq|court|income tax|tax|kiraya|rent|translate|anuvad|tarjuma|rashifal|kundli|jyotish|horoscope|rashi|puja|pooja|mantra|aarti|bhajan|namaz|dua|wazifa)\b/,
        ],
        unless: HEALTH_WORDS,
        unlessEnglishClinical: true,
        languages: ["hi"],
    }),
];
