/**
 * The policy's notices in each language it has texts for: the identifier message (refusal in a Slack channel, notice
 * in a direct message) with the kinds of identifier named, the blocked-term message, and the notices of the
 * conversation rule (a previous message left out; messages left out of a summary). English is the original; the
 * others say the same things, written by the developers like translations.ts (Modern Standard Arabic; "usted" and
 * "vous"; Hindi and Urdu in their own scripts) and NOT reviewed by native speakers: a policy file can replace them
 * per language (`languages.<code>.messages.phi` and `languages.<code>.notices`).
 */
import type {PhiType} from "./types";
import type {SupportedLanguage} from "./language";

export interface PolicyNotices {
    /** What each kind of identifier is called in messages (never the values). */
    phiKinds: Readonly<Record<PhiType, string>>;
    /** Joins the last two kinds ("a name and a phone number"). */
    and: string;
    /** The identifier message's first sentence, naming the kinds found. */
    phiFound: (kinds: string) => string;
    /** The rest of the identifier refusal in a channel (`messages.phi` replaces it). */
    phi: string;
    /** The notice with an answer in a direct message, naming the kinds found. */
    phiNotice: (kinds: string) => string;
    /** Shown for a term the institution's policy file blocks, when the term has no message of its own. */
    blockedTerm: string;
    /** Shown with an answer whose conversation's previous message was left out. */
    previousTurnLeftOut: string;
    /** Shown with a summary of a conversation from which requests for harm were left out. */
    messagesWithheld: (count: number) => string;
}

/** The notices of the conversation rule, in one language (what conversationGuard.ts shows). */
export type ConversationNotices = Pick<PolicyNotices, "previousTurnLeftOut" | "messagesWithheld">;

export const NOTICES: Readonly<Record<SupportedLanguage, PolicyNotices>> = {
    en: {
        phiKinds: {
            name: "a patient name", mrn: "a medical record number", ssn: "a Social Security number", health_plan: "a health plan ID",
            account: "an account number", phone: "a phone number", fax: "a fax number", email: "an email address",
            address: "a street address", zip: "a ZIP code", date: "a date tied to a person (birth, admission)", age: "an age over 89",
            url: "a personal URL", ip: "an IP address", national_id: "a national ID number",
        },
        and: " and ",
        phiFound: (kinds) => `This message seems to contain patient identifiers: ${kinds}.`,
        phi: "Channels are read by many people, so this message was not sent to the model. Remove the identifiers (for " +
            "example \"a 54-year-old woman\" instead of a name and date of birth) and ask again, or ask in a direct message.",
        phiNotice: (kinds) => `Your message contains ${kinds}. This conversation stays between you and Med42, but ` +
            "consider leaving out identifiers the question does not need.",
        blockedTerm: "This request is blocked by your institution's policy.",
        previousTurnLeftOut: "The previous message in this conversation was not given to Med42, because the safety policy " +
            "did not answer it; this answer does not take it into account.",
        messagesWithheld: (count) => `${count === 1 ? "One message" : `${count} messages`} asking for help to harm someone ` +
            `or to misuse drugs ${count === 1 ? "was" : "were"} left out of this summary by the safety policy.`,
    },
    ar: {
        phiKinds: {
            name: "اسم مريض", mrn: "رقم سجل طبي", ssn: "رقم ضمان اجتماعي أمريكي", health_plan: "رقم تأمين صحي",
            account: "رقم حساب", phone: "رقم هاتف", fax: "رقم فاكس", email: "عنوان بريد إلكتروني", address: "عنوان سكن",
            zip: "رمز بريدي", date: "تاريخ مرتبط بشخص (الميلاد، الدخول)", age: "عمر يتجاوز 89 عامًا", url: "رابط شخصي",
            ip: "عنوان IP", national_id: "رقم هوية وطنية",
        },
        // The conjunction is written joined to the word after it ("اسم مريض ورقم هاتف").
        and: " و",
        phiFound: (kinds) => `يبدو أن هذه الرسالة تحتوي على معرّفات مريض: ${kinds}.`,
        phi: "يقرأ القنوات أشخاص كثيرون، لذلك لم تُرسَل هذه الرسالة إلى النموذج. احذف المعرّفات (مثلًا «امرأة عمرها 54 " +
            "عامًا» بدلًا من الاسم وتاريخ الميلاد) ثم اسأل مرة أخرى، أو اسأل في رسالة مباشرة.",
        phiNotice: (kinds) => `تحتوي رسالتك على ${kinds}. تبقى هذه المحادثة بينك وبين Med42، لكن فكّر في حذف المعرّفات ` +
            "التي لا يحتاجها السؤال.",
        blockedTerm: "هذا الطلب محظور بموجب سياسة مؤسستك.",
        previousTurnLeftOut: "لم تُعطَ الرسالة السابقة في هذه المحادثة إلى Med42 لأن سياسة السلامة لم تُجب عنها؛ وهذه " +
            "الإجابة لا تأخذها في الحسبان.",
        messagesWithheld: (count) => "استبعدت سياسة السلامة من هذا الملخص رسائل تطلب المساعدة في إيذاء شخص أو إساءة " +
            `استخدام الأدوية (عددها: ${count}).`,
    },
    es: {
        phiKinds: {
            name: "un nombre de paciente", mrn: "un número de historia clínica", ssn: "un número de la Seguridad Social de EE. UU.",
            health_plan: "un número de seguro médico", account: "un número de cuenta", phone: "un número de teléfono",
            fax: "un número de fax", email: "una dirección de correo electrónico", address: "una dirección postal",
            zip: "un código postal", date: "una fecha ligada a una persona (nacimiento, ingreso)", age: "una edad de más de 89 años",
            url: "una URL personal", ip: "una dirección IP", national_id: "un número de identidad nacional",
        },
        and: " y ",
        phiFound: (kinds) => `Este mensaje parece contener identificadores de pacientes: ${kinds}.`,
        phi: "Los canales los leen muchas personas, así que este mensaje no se envió al modelo. Quite los identificadores " +
            "(por ejemplo, «una mujer de 54 años» en lugar del nombre y la fecha de nacimiento) y vuelva a preguntar, o " +
            "pregunte en un mensaje directo.",
        phiNotice: (kinds) => `Su mensaje contiene ${kinds}. Esta conversación queda entre usted y Med42, pero considere ` +
            "omitir los identificadores que la pregunta no necesita.",
        blockedTerm: "Esta solicitud está bloqueada por la política de su institución.",
        previousTurnLeftOut: "El mensaje anterior de esta conversación no se entregó a Med42 porque la política de " +
            "seguridad no lo respondió; esta respuesta no lo tiene en cuenta.",
        messagesWithheld: (count) => count === 1
            ? "La política de seguridad dejó fuera de este resumen un mensaje que pedía ayuda para dañar a alguien o para " +
                "hacer un mal uso de medicamentos."
            : `La política de seguridad dejó fuera de este resumen ${count} mensajes que pedían ayuda para dañar a alguien ` +
                "o para hacer un mal uso de medicamentos.",
    },
    fr: {
        phiKinds: {
            name: "un nom de patient", mrn: "un numéro de dossier médical", ssn: "un numéro de sécurité sociale américain",
            health_plan: "un numéro d'assurance maladie", account: "un numéro de compte", phone: "un numéro de téléphone",
            fax: "un numéro de fax", email: "une adresse e-mail", address: "une adresse postale", zip: "un code postal",
            date: "une date liée à une personne (naissance, admission)", age: "un âge de plus de 89 ans",
            url: "une URL personnelle", ip: "une adresse IP", national_id: "un numéro d'identité nationale",
        },
        and: " et ",
        phiFound: (kinds) => `Ce message semble contenir des identifiants de patient : ${kinds}.`,
        phi: "Les canaux sont lus par de nombreuses personnes : ce message n'a donc pas été envoyé au modèle. Retirez les " +
            "identifiants (par exemple « une femme de 54 ans » au lieu d'un nom et d'une date de naissance) et reposez la " +
            "question, ou posez-la en message direct.",
        phiNotice: (kinds) => `Votre message contient ${kinds}. Cette conversation reste entre vous et Med42, mais ` +
            "envisagez de retirer les identifiants dont la question n'a pas besoin.",
        blockedTerm: "Cette demande est bloquée par la politique de votre établissement.",
        previousTurnLeftOut: "Le message précédent de cette conversation n'a pas été transmis à Med42, car la politique de " +
            "sécurité n'y a pas répondu ; cette réponse n'en tient pas compte.",
        messagesWithheld: (count) => count === 1
            ? "Un message demandant de l'aide pour nuire à quelqu'un ou pour détourner des médicaments a été retiré de ce " +
                "résumé par la politique de sécurité."
            : `${count} messages demandant de l'aide pour nuire à quelqu'un ou pour détourner des médicaments ont été ` +
                "retirés de ce résumé par la politique de sécurité.",
    },
    hi: {
        phiKinds: {
            name: "मरीज़ का नाम", mrn: "मेडिकल रिकॉर्ड नंबर", ssn: "अमेरिकी सोशल सिक्योरिटी नंबर", health_plan: "स्वास्थ्य बीमा आईडी",
            account: "खाता संख्या", phone: "फ़ोन नंबर", fax: "फ़ैक्स नंबर", email: "ईमेल पता", address: "घर का पता",
            zip: "पिन/ज़िप कोड", date: "किसी व्यक्ति से जुड़ी तारीख (जन्म, भर्ती)", age: "89 वर्ष से अधिक आयु", url: "निजी URL",
            ip: "IP पता", national_id: "राष्ट्रीय पहचान संख्या",
        },
        and: " और ",
        phiFound: (kinds) => `इस संदेश में मरीज़ की पहचान बताने वाली जानकारी लगती है: ${kinds}।`,
        phi: "चैनल बहुत से लोग पढ़ते हैं, इसलिए यह संदेश मॉडल को नहीं भेजा गया। पहचान की जानकारी हटाएँ (उदाहरण के लिए " +
            "नाम और जन्मतिथि की जगह \"54 वर्ष की एक महिला\") और फिर से पूछें, या डायरेक्ट मैसेज में पूछें।",
        phiNotice: (kinds) => `आपके संदेश में ${kinds} है। यह बातचीत आपके और Med42 के बीच रहती है, फिर भी जो पहचान की ` +
            "जानकारी प्रश्न के लिए ज़रूरी नहीं है, उसे हटाने पर विचार करें।",
        blockedTerm: "आपकी संस्था की नीति के अनुसार यह अनुरोध अवरुद्ध है।",
        previousTurnLeftOut: "इस बातचीत का पिछला संदेश Med42 को नहीं दिया गया, क्योंकि सुरक्षा नीति ने उसका उत्तर नहीं " +
            "दिया; यह उत्तर उसे ध्यान में नहीं रखता।",
        messagesWithheld: (count) => `किसी को नुकसान पहुँचाने या दवाओं के दुरुपयोग में मदद माँगने वाले संदेश (कुल ${count}) ` +
            "सुरक्षा नीति ने इस सारांश से बाहर रखे।",
    },
    ur: {
        phiKinds: {
            name: "مریض کا نام", mrn: "میڈیکل ریکارڈ نمبر", ssn: "امریکی سوشل سکیورٹی نمبر", health_plan: "ہیلتھ انشورنس آئی ڈی",
            account: "اکاؤنٹ نمبر", phone: "فون نمبر", fax: "فیکس نمبر", email: "ای میل پتا", address: "گھر کا پتا",
            zip: "پوسٹل کوڈ", date: "کسی شخص سے متعلق تاریخ (پیدائش، داخلہ)", age: "89 سال سے زیادہ عمر", url: "ذاتی URL",
            ip: "IP پتا", national_id: "قومی شناختی نمبر",
        },
        and: " اور ",
        phiFound: (kinds) => `لگتا ہے اس پیغام میں مریض کی شناخت ظاہر کرنے والی معلومات ہیں: ${kinds}۔`,
        phi: "چینلز بہت سے لوگ پڑھتے ہیں، اس لیے یہ پیغام ماڈل کو نہیں بھیجا گیا۔ شناختی معلومات ہٹا دیں (مثلاً نام اور " +
            "تاریخِ پیدائش کی جگہ \"54 سال کی ایک خاتون\") اور دوبارہ پوچھیں، یا ڈائریکٹ میسج میں پوچھیں۔",
        phiNotice: (kinds) => `آپ کے پیغام میں ${kinds} ہے۔ یہ گفتگو آپ اور Med42 کے درمیان رہتی ہے، پھر بھی جو شناختی ` +
            "معلومات سوال کے لیے ضروری نہیں، انہیں ہٹانے پر غور کریں۔",
        blockedTerm: "یہ درخواست آپ کے ادارے کی پالیسی کے تحت بند ہے۔",
        previousTurnLeftOut: "اس گفتگو کا پچھلا پیغام Med42 کو نہیں دیا گیا، کیونکہ حفاظتی پالیسی نے اس کا جواب نہیں دیا؛ " +
            "یہ جواب اسے مدِنظر نہیں رکھتا۔",
        messagesWithheld: (count) => `کسی کو نقصان پہنچانے یا ادویات کے غلط استعمال میں مدد مانگنے والے پیغامات (کل ${count}) ` +
            "حفاظتی پالیسی نے اس خلاصے سے باہر رکھے۔",
    },
};

/** The distinct kinds found, in a stable order, in one language ("a patient name and a medical record number"). */
export function describeKinds(kinds: readonly PhiType[], notices: PolicyNotices): string {
    const labels = [...new Set(kinds)].map((k) => notices.phiKinds[k]);
    if (labels.length <= 1) return labels[0] ?? "";
    return `${labels.slice(0, -1).join(notices.and === " و" ? "، " : ", ")}${notices.and}${labels[labels.length - 1]}`;
}

/** The texts a policy file gives for one language's notices (`languages.<code>.notices`, `messages.phi`). */
export interface NoticeOverrides {
    phi?: string;
    phi_notice?: string;
    blocked_term?: string;
    previous_turn_left_out?: string;
    messages_withheld?: string;
}

/**
 * A language's notices with a policy file's texts over them. A file's `phi_notice` replaces the sentence after the
 * kinds; its `messages_withheld` may say "{count}" where the number goes.
 */
export function withNoticeOverrides(base: PolicyNotices, own: NoticeOverrides | undefined): PolicyNotices {
    if (!own) return base;
    const notices = {...base};
    if (own.phi !== undefined) notices.phi = own.phi;
    if (own.phi_notice !== undefined) {
        const sentence = own.phi_notice;
        notices.phiNotice = (kinds) => `${base.phiFound(kinds)} ${sentence}`;
    }
    if (own.blocked_term !== undefined) notices.blockedTerm = own.blocked_term;
    if (own.previous_turn_left_out !== undefined) notices.previousTurnLeftOut = own.previous_turn_left_out;
    if (own.messages_withheld !== undefined) {
        const template = own.messages_withheld;
        notices.messagesWithheld = (count) => template.replace(/\{count\}/g, String(count));
    }
    return notices;
}
