/**
 * Hindi in Devanagari and in Latin letters (Hinglish), read on the folded text (the nukta removed: "ज़हर" → "जहर").
 * Hindi and Urdu in Latin letters are the same words: these patterns serve both.
 */
import {vocabularyRule} from "./vocabularyRule";

/** "अगर", "agar": what to do if it happened. */
const HYPOTHETICAL = /(?:^| )(?:अगर|यदि|जब)(?= )|\b(?:agar|yadi|jab) /;

/** People a request to harm could name (Devanagari; the nukta is folded away in text and patterns alike). */
const PERSON = "(?:पति|पत्नी|बीवी|पड़ोसी|पड़ोसन|बॉस|सास|ससुर|भाई|बहन|पिता|पापा|माँ|मां|बेटे|बेटी|बच्चे|किसी)";
const PERSON_LATN = "(?:pati|patni|biwi|padosi|padosan|boss|saas|sasur|bhai|behen|behan|papa|maa|beta|beti|bache|kisi)";

/** Controlled medicines asked for by name, in Latin letters (as Hindi speakers type drug names). */
const CONTROLLED_LATN = "(?:tramadol|alprazolam|alprax|xanax|clonazepam|clonotril|rivotril|diazepam|valium|lorazepam|ativan|codeine|corex|morphine|fentanyl|oxycodone|pregabalin|lyrica|nitrazepam|nitrosun|zolpidem|ketamine|methylphenidate|ritalin|buprenorphine|tapentadol|spasmo proxyvon|proxyvon)";
/** The same medicines as written in Devanagari. */
const CONTROLLED_DEVA = "(?:ट्रामाडोल|अल्प्राजोलम|अल्प्रैक्स|क्लोनाजेपाम|डायजेपाम|कोडीन|कोरेक्स|मॉर्फिन|फेंटानिल|प्रेगाबलिन|नाइट्राजेपाम|जोल्पिडेम|केटामाइन)";

/** A word about health: a creative or practical request that carries one may be patient education, not off topic. */
const HEALTH_WORD = /(?:^| )(?:दवा|दवाई|दवाएं|दवाएँ|बीमारी|डॉक्टर|डाक्टर|मरीज़|मरीज|इलाज|स्वास्थ्य|सेहत|दर्द|बुखार|अस्पताल|मधुमेह|डायबिटीज|कैंसर|खुराक|लक्षण|नर्स|टीका|गर्भावस्था)(?= |$)|\b(?:dawai|davai|dawa|dava|bimari|beemari|doctor|daktar|mareez|marij|ilaj|ilaaj|sehat|swasthya|dard|bukhar|hospital|aspatal|diabetes|sugar|cancer|khurak|dose|lakshan|nurse|tika)\b/;

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
        unless: HYPOTHETICAL,
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
        id: "out_of_scope.lang_hi_off_topic", category: "out_of_scope",
        description: "Hindi or Hinglish: a plainly off-topic request with no health word: write a poem, song or story, tell a joke; book a ticket, flight or hotel; which shares to buy (\"एक कविता लिखो\", \"ek shayari likho\").",
        patterns: [
            /(?:^| )(?:कविता|शायरी|गाना|गीत|कहानी|चुटकुला|चुटकुले) (?:लिखो|लिख दो|लिखिए|लिखें|सुनाओ|सुना दो|सुनाइए)(?= |$)/,
            /(?:^| )(?:टिकट|फ्लाइट|होटल|ट्रेन) (?:बुक|बूक) (?:करो|कर दो|करें|कीजिए|करना)(?= |$)/,
            /(?:^| )(?:कौन से|कौनसे) (?:शेयर|स्टॉक) (?:खरीदूं|खरीदूँ|खरीदें|लूं|लूँ)(?= |$)/,
            /\b(?:kavita|kavitha|shayari|gaana|gana|geet|kahani|poem|joke|jokes|chutkula) (?:likho|likh do|likhdo|likhiye|sunao|suna do|sunado)\b/,
            /\b(?:ticket|flight|hotel|train) (?:book|buk) (?:karo|kar do|kardo|kariye|karna)\b/,
            /\b(?:konsa|kaunsa|kaun sa|kon sa|konse|kaunse|kaun se|kon se) (?:share|shares|stock|stocks) (?:khareedu|kharidu|khareedun|kharidun|lu|lun|lena)\b/,
        ],
        unless: HEALTH_WORD,
    }),
];
