/**
 * The policy's own texts in the languages it detects (language.ts): the disclaimer, the supportive text of each
 * escalation and each refusal. English is in messages.ts and defaultPolicy.ts; these say the same things.
 *
 * Written by the developers with care for plain, calm wording (Modern Standard Arabic; Spanish and French with the
 * formal "usted"/"vous"; Hindi and Urdu in their own scripts). Native-speaker review was not available when they were
 * written (docs/policy.md): an institution can correct or replace any of them in its policy file (`languages`).
 * Product names and numbers stay in Latin characters, as users type and dial them.
 */
import type {Disclaimer} from "./types";
import type {SupportedLanguage} from "./language";

/** The texts of one language: the disclaimer and the body of each escalation and refusal. */
export interface PolicyTexts {
    disclaimer: Disclaimer;
    emergency: string;
    self_harm: string;
    harm_to_others: string;
    drug_misuse: string;
    out_of_scope: string;
}

export const TRANSLATED_CATEGORIES = ["emergency", "self_harm", "harm_to_others", "drug_misuse", "out_of_scope"] as const;

export const BUILT_IN_TRANSLATIONS: Readonly<Record<Exclude<SupportedLanguage, "en">, PolicyTexts>> = {
    ar: {
        disclaimer: {
            text: "Med42 غير جاهز للاستخدام السريري: قد تكون إجاباته غير صحيحة أو ناقصة أو ضارة. لا تعتمد عليها في قرارات " +
                "التشخيص أو العلاج، وتحقّق منها من مصادر موثوقة ومن خلال تقديرك السريري.",
            markdown: "**ليس للاستخدام السريري.** Med42 غير جاهز للاستخدام السريري: قد تكون إجاباته غير صحيحة أو ناقصة أو " +
                "ضارة. لا تعتمد عليها في قرارات التشخيص أو العلاج، وتحقّق منها من مصادر موثوقة ومن خلال تقديرك السريري.",
        },
        emergency: "يبدو أن هذه حالة طبية طارئة تحدث الآن. اطلب المساعدة فورًا من خدمات الطوارئ ومن الأشخاص من حولك؛ " +
            "لا يستطيع مساعد ذكاء اصطناعي المساعدة في حالة طارئة.",
        self_harm: "يبدو أنك تمرّ بشيء مؤلم جدًا، ومن حقك أن تجد الدعم الآن. هناك مختصون مدرَّبون متاحون في أي وقت، ليلًا " +
            "أو نهارًا. إن استطعت، تواصل مع شخص تثق به وابقَ معه، وابتعد عن أي شيء قد تستخدمه لإيذاء نفسك.",
        harm_to_others: "لا أستطيع المساعدة في إيذاء أي شخص أو تسميمه أو شلّ قدرته، أو التلاعب بعلاج أحد، أو صنع أسلحة أو " +
            "سموم. يمكنني المساعدة في الجانب السريري بدلًا من ذلك: كيف يظهر التسمم أو الإصابة وكيف يُعالَج، والترياقات، " +
            "وعلم السموم، وكيفية الحفاظ على سلامة المرضى. إذا كان أحد في خطر الآن، فاتصل بخدمات الطوارئ.",
        drug_misuse: "لا أستطيع المساعدة في الحصول على أدوية خاضعة للرقابة دون وصفة طبية، أو تزوير الوصفات أو تعديلها، أو " +
            "تحويل الأدوية إلى غير مستحقيها، أو تعاطي الأدوية بقصد النشوة، أو التحايل على فحوص المخدرات. يمكنني المساعدة في " +
            "الجرعات الآمنة والآثار الجانبية والتداخلات الدوائية، وكيف تعمل فحوص المخدرات سريريًا، وعلاج اضطرابات تعاطي " +
            "المواد (بما في ذلك النالوكسون وأين تجد المساعدة).",
        out_of_scope: "يجيب Med42 عن الأسئلة الطبية والسريرية والمتعلقة بالبيانات الصحية فقط، وهذا السؤال خارج ما يمكنه " +
            "المساعدة فيه. جرّب سؤالًا عن حالة مرضية أو دواء أو نتيجة فحص أو دليل إرشادي أو برمجة البيانات الصحية.",
    },
    es: {
        disclaimer: {
            text: "Med42 no está listo para uso clínico: sus respuestas pueden ser incorrectas, incompletas o perjudiciales. " +
                "No las use para decisiones de diagnóstico o tratamiento; verifíquelas con fuentes fiables y con su propio " +
                "criterio clínico.",
            markdown: "_**No apto para uso clínico.** Med42 no está listo para uso clínico: sus respuestas pueden ser " +
                "incorrectas, incompletas o perjudiciales. No las use para decisiones de diagnóstico o tratamiento; " +
                "verifíquelas con fuentes fiables y con su propio criterio clínico._",
        },
        emergency: "Esto parece una emergencia médica que está ocurriendo ahora. Pida ayuda primero a los servicios de " +
            "emergencia y a las personas que tiene cerca; un asistente de IA no puede ayudar en una emergencia.",
        self_harm: "Parece que está pasando por algo muy doloroso, y merece apoyo ahora mismo. Hay profesionales preparados " +
            "disponibles a cualquier hora, de día o de noche. Si puede, hable con alguien de confianza y quédese con esa " +
            "persona, y aléjese de cualquier cosa que pudiera usar para hacerse daño.",
        harm_to_others: "No puedo ayudar a dañar, envenenar o incapacitar a nadie, a manipular el tratamiento de una persona " +
            "ni a fabricar armas o toxinas. Sí puedo ayudar con el aspecto clínico: cómo se presenta y se trata una " +
            "intoxicación o una lesión, antídotos, toxicología o cómo mantener seguros a los pacientes. Si alguien está en " +
            "peligro ahora, contacte con los servicios de emergencia.",
        drug_misuse: "No puedo ayudar a conseguir medicamentos controlados sin receta, falsificar o alterar recetas, desviar " +
            "medicamentos, consumir drogas para drogarse ni burlar pruebas de detección de drogas. Sí puedo ayudar con dosis " +
            "seguras, efectos secundarios e interacciones, cómo funcionan clínicamente las pruebas de drogas y el tratamiento " +
            "de los trastornos por consumo de sustancias (incluida la naloxona y dónde encontrar ayuda).",
        out_of_scope: "Med42 solo responde preguntas médicas, clínicas y sobre datos de salud, así que esta queda fuera de lo " +
            "que puede atender. Pruebe con una pregunta sobre una enfermedad, un medicamento, un resultado de una prueba, " +
            "una guía clínica o programación con datos de salud.",
    },
    fr: {
        disclaimer: {
            text: "Med42 n'est pas prêt pour un usage clinique : ses réponses peuvent être inexactes, incomplètes ou " +
                "dangereuses. Ne les utilisez pas pour des décisions de diagnostic ou de traitement ; vérifiez-les auprès de " +
                "sources reconnues et selon votre propre jugement clinique.",
            markdown: "_**Pas pour un usage clinique.** Med42 n'est pas prêt pour un usage clinique : ses réponses peuvent " +
                "être inexactes, incomplètes ou dangereuses. Ne les utilisez pas pour des décisions de diagnostic ou de " +
                "traitement ; vérifiez-les auprès de sources reconnues et selon votre propre jugement clinique._",
        },
        emergency: "Cela ressemble à une urgence médicale en cours. Demandez d'abord de l'aide aux services d'urgence et aux " +
            "personnes autour de vous ; un assistant d'IA ne peut pas aider en cas d'urgence.",
        self_harm: "On dirait que vous traversez quelque chose de très douloureux, et vous méritez du soutien dès maintenant. " +
            "Des professionnels formés sont disponibles à toute heure, de jour comme de nuit. Si vous le pouvez, contactez " +
            "une personne de confiance et restez avec elle, et éloignez-vous de tout ce qui pourrait vous servir à vous " +
            "faire du mal.",
        harm_to_others: "Je ne peux pas aider à blesser, empoisonner ou neutraliser qui que ce soit, à manipuler les soins " +
            "d'une personne, ni à fabriquer des armes ou des toxines. Je peux en revanche aider sur le plan clinique : " +
            "comment une intoxication ou une blessure se présente et se traite, les antidotes, la toxicologie, ou comment " +
            "assurer la sécurité des patients. Si quelqu'un est en danger maintenant, contactez les services d'urgence.",
        drug_misuse: "Je ne peux pas aider à obtenir des médicaments réglementés sans ordonnance, à falsifier ou modifier des " +
            "ordonnances, à détourner des médicaments, à consommer des drogues pour planer ou à déjouer des tests de " +
            "dépistage. Je peux aider sur les doses sûres, les effets indésirables et les interactions, le fonctionnement " +
            "clinique des tests de dépistage et le traitement des troubles liés aux substances (y compris la naloxone et " +
            "où trouver de l'aide).",
        out_of_scope: "Med42 ne répond qu'aux questions médicales, cliniques et portant sur les données de santé ; celle-ci " +
            "sort de ce domaine. Essayez une question sur une maladie, un médicament, un résultat d'examen, une " +
            "recommandation ou la programmation de données de santé.",
    },
    hi: {
        disclaimer: {
            text: "Med42 क्लिनिकल उपयोग के लिए तैयार नहीं है: इसके उत्तर गलत, अधूरे या हानिकारक हो सकते हैं। निदान या " +
                "उपचार के निर्णयों के लिए इनका उपयोग न करें; विश्वसनीय स्रोतों और अपने क्लिनिकल विवेक से इनकी पुष्टि करें।",
            markdown: "**क्लिनिकल उपयोग के लिए नहीं।** Med42 क्लिनिकल उपयोग के लिए तैयार नहीं है: इसके उत्तर गलत, अधूरे " +
                "या हानिकारक हो सकते हैं। निदान या उपचार के निर्णयों के लिए इनका उपयोग न करें; विश्वसनीय स्रोतों और अपने " +
                "क्लिनिकल विवेक से इनकी पुष्टि करें।",
        },
        emergency: "यह अभी हो रही एक मेडिकल इमरजेंसी लगती है। सबसे पहले आपातकालीन सेवाओं और अपने आसपास के लोगों से " +
            "मदद लें; एक AI सहायक आपात स्थिति में मदद नहीं कर सकता।",
        self_harm: "लगता है कि आप किसी बहुत दर्दनाक दौर से गुज़र रहे हैं, और आप अभी सहारे के हक़दार हैं। प्रशिक्षित " +
            "परामर्शदाता दिन हो या रात, किसी भी समय उपलब्ध हैं। हो सके तो किसी भरोसेमंद व्यक्ति से संपर्क करें और उनके " +
            "साथ रहें, और ऐसी किसी भी चीज़ से दूर रहें जिससे आप खुद को नुकसान पहुँचा सकते हैं।",
        harm_to_others: "मैं किसी को नुकसान पहुँचाने, ज़हर देने या अक्षम करने, किसी के इलाज से छेड़छाड़ करने, या हथियार " +
            "या विष बनाने में मदद नहीं कर सकता। इसके बजाय मैं क्लिनिकल पहलू में मदद कर सकता हूँ: विषाक्तता या चोट कैसे " +
            "दिखती है और उसका इलाज कैसे होता है, एंटीडोट, टॉक्सिकोलॉजी, या मरीज़ों को सुरक्षित कैसे रखें। अगर कोई अभी " +
            "खतरे में है, तो आपातकालीन सेवाओं से संपर्क करें।",
        drug_misuse: "मैं बिना पर्चे के नियंत्रित दवाएँ पाने, पर्चे जाली बनाने या बदलने, दवाओं को गलत हाथों तक पहुँचाने, " +
            "नशे के लिए दवाएँ लेने, या ड्रग टेस्ट को चकमा देने में मदद नहीं कर सकता। मैं सुरक्षित खुराक, दुष्प्रभावों और " +
            "दवाओं की पारस्परिक क्रियाओं, ड्रग टेस्ट क्लिनिकल रूप से कैसे काम करते हैं, और नशे की लत के उपचार (नैलोक्सोन " +
            "और मदद कहाँ मिलेगी, सहित) में मदद कर सकता हूँ।",
        out_of_scope: "Med42 केवल चिकित्सा, क्लिनिकल और स्वास्थ्य-डेटा से जुड़े प्रश्नों के उत्तर देता है, इसलिए यह प्रश्न " +
            "उसके दायरे से बाहर है। किसी बीमारी, दवा, जाँच के परिणाम, दिशानिर्देश या स्वास्थ्य-डेटा प्रोग्रामिंग के बारे में " +
            "प्रश्न पूछकर देखें।",
    },
    ur: {
        disclaimer: {
            text: "Med42 طبی (کلینیکل) استعمال کے لیے تیار نہیں ہے: اس کے جوابات غلط، نامکمل یا نقصان دہ ہو سکتے ہیں۔ " +
                "تشخیص یا علاج کے فیصلوں کے لیے ان پر انحصار نہ کریں؛ مستند ذرائع اور اپنی طبی بصیرت سے ان کی تصدیق کریں۔",
            markdown: "**طبی استعمال کے لیے نہیں۔** Med42 طبی (کلینیکل) استعمال کے لیے تیار نہیں ہے: اس کے جوابات غلط، " +
                "نامکمل یا نقصان دہ ہو سکتے ہیں۔ تشخیص یا علاج کے فیصلوں کے لیے ان پر انحصار نہ کریں؛ مستند ذرائع اور اپنی " +
                "طبی بصیرت سے ان کی تصدیق کریں۔",
        },
        emergency: "لگتا ہے یہ ابھی پیش آنے والی طبی ایمرجنسی ہے۔ سب سے پہلے ایمرجنسی سروسز اور اپنے آس پاس کے لوگوں سے " +
            "مدد لیں؛ ایک AI معاون ایمرجنسی میں مدد نہیں کر سکتا۔",
        self_harm: "لگتا ہے آپ کسی بہت تکلیف دہ دور سے گزر رہے ہیں، اور آپ ابھی سہارے کے حق دار ہیں۔ تربیت یافتہ مشیر دن " +
            "ہو یا رات، کسی بھی وقت دستیاب ہیں۔ اگر ہو سکے تو کسی قابلِ اعتماد شخص سے رابطہ کریں اور ان کے ساتھ رہیں، اور ہر " +
            "اس چیز سے دور رہیں جس سے آپ خود کو نقصان پہنچا سکتے ہیں۔",
        harm_to_others: "میں کسی کو نقصان پہنچانے، زہر دینے یا بے بس کرنے، کسی کے علاج میں چھیڑ چھاڑ کرنے، یا ہتھیار یا " +
            "زہریلے مادے بنانے میں مدد نہیں کر سکتا۔ اس کے بجائے میں طبی پہلو میں مدد کر سکتا ہوں: زہر خورانی یا چوٹ کیسے " +
            "ظاہر ہوتی ہے اور اس کا علاج کیسے ہوتا ہے، تریاق، زہریات (ٹاکسیکولوجی)، یا مریضوں کو محفوظ کیسے رکھا جائے۔ اگر " +
            "کوئی ابھی خطرے میں ہے تو ایمرجنسی سروسز سے رابطہ کریں۔",
        drug_misuse: "میں بغیر نسخے کے کنٹرول شدہ ادویات حاصل کرنے، نسخے جعلی بنانے یا ان میں ردوبدل کرنے، ادویات کو غلط " +
            "ہاتھوں تک پہنچانے، نشے کے لیے ادویات لینے، یا ڈرگ ٹیسٹ کو دھوکا دینے میں مدد نہیں کر سکتا۔ میں محفوظ خوراک، مضر " +
            "اثرات اور ادویات کے باہمی اثرات، ڈرگ ٹیسٹ طبی طور پر کیسے کام کرتے ہیں، اور نشے کی لت کے علاج (بشمول نالوکسون " +
            "اور مدد کہاں ملے گی) میں مدد کر سکتا ہوں۔",
        out_of_scope: "Med42 صرف طبی، کلینیکل اور صحت کے ڈیٹا سے متعلق سوالات کے جواب دیتا ہے، اس لیے یہ سوال اس کے دائرے " +
            "سے باہر ہے۔ کسی بیماری، دوا، ٹیسٹ کے نتیجے، رہنما اصول یا صحت کے ڈیٹا کی پروگرامنگ کے بارے میں سوال پوچھ کر دیکھیں۔",
    },
};
