import {strict as assert} from "node:assert";
import {detectPhi, redactPhi} from "../../shared/policy/phi";
import {PolicyEngine} from "../../shared/policy/policyEngine";

/** Each identifier found in `text`, as "kind:value". */
function found(text: string): string[] {
    return detectPhi(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
}

describe("PHI guard: identifiers as written in Arabic, Spanish, French, Hindi and Urdu", () => {
    // [language, message, the identifiers it holds]
    const cases: [string, string, string[]][] = [
        ["Arabic", "المريض أحمد محمد العلي، رقم الملف ٤٥٦٧٨٩١، البوتاسيوم ٦.١ ماذا نفعل؟", ["name:أحمد محمد العلي", "mrn:٤٥٦٧٨٩١"]],
        ["Arabic", "مريضة عمرها ٦٧ سنة، هاتفها ٠٥٠١٢٣٤٥٦٧، ضغطها مرتفع", ["phone:٠٥٠١٢٣٤٥٦٧"]],
        ["Arabic", "الملف الطبي رقم 88123456 للمريضة فاطمة", ["mrn:88123456", "name:فاطمة"]],
        ["Arabic", "من مواليد 12/03/1956 ويعاني من السكري", ["date:12/03/1956"]],
        ["Arabic", "الرقم القومي 29001011234567 للمريض", ["national_id:29001011234567"]],
        ["Arabic", "جوال ابنه 0551234567 اتصلوا عليه", ["phone:0551234567"]],
        ["Arabic", "جدته عمرها 94 سنة وعندها التهاب رئوي", ["age:عمرها 94"]],
        ["Arabizi", "el marid esmo Khaled Al Mansouri, raqam el malaf 7788991, 3ando sokkar 400", ["name:Khaled Al Mansouri", "mrn:7788991"]],
        ["Arabizi", "nomra el 2ahl 0501234567 law 7asal shi", ["phone:0501234567"]],
        ["Arabizi", "hawiya 784-1985-1234567-1 lal marid", ["national_id:784-1985-1234567-1"]],
        ["Spanish", "Paciente María García López, historia clínica 2345678, nacida el 12/03/1956, ¿ajusto la dosis?",
            ["name:María García López", "mrn:2345678", "date:12/03/1956"]],
        ["Spanish", "Sra. Pilar Ruiz, NHC 00451236, teléfono 612 345 678", ["name:Pilar Ruiz", "mrn:00451236", "phone:612 345 678"]],
        ["Spanish", "nacido el 3 de marzo de 1948, expediente nº 77812345", ["date:3 de marzo de 1948", "mrn:77812345"]],
        ["Spanish", "CURP GARC560312HDFRPL09, dolor torácico", ["national_id:GARC560312HDFRPL09"]],
        ["Spanish", "la abuela tiene 93 años y fiebre", ["age:93 años"]],
        ["French", "Patiente Mme Dupont Claire, née le 3 mars 1948, dossier n° 88812345, créat 180",
            ["name:Dupont Claire", "date:3 mars 1948", "mrn:88812345"]],
        ["French", "M. Lefèvre, IPP 40012345, portable 06 12 34 56 78", ["name:Lefèvre", "mrn:40012345", "phone:06 12 34 56 78"]],
        ["French", "joindre la fille au +33 6 12 34 56 78", ["phone:+33 6 12 34 56 78"]],
        ["Hindi", "मरीज़ राम कुमार शर्मा, आधार ४५६७ ८९०१ २३४५, शुगर ३००", ["name:राम कुमार शर्मा", "national_id:४५६७ ८९०१ २३४५"]],
        ["Hindi", "UHID 20231234567 वाले मरीज़ का मोबाइल ९८७६५ ४३२१०", ["mrn:20231234567", "phone:९८७६५ ४३२१०"]],
        ["Hindi", "जन्म तिथि 15/08/1960, डायबिटीज़", ["date:15/08/1960"]],
        ["Hinglish", "patient ka naam Ramesh Kumar hai, mobile 98765 43210, bp high hai kya karein", ["name:Ramesh Kumar", "phone:98765 43210"]],
        ["Hinglish", "CR no 2024-556677 wale patient ki report", ["mrn:2024-556677"]],
        ["Urdu", "مریض کا نام محمد اسلم ہے، شناختی کارڈ ۳۵۲۰۲-۱۲۳۴۵۶۷-۱، شوگر زیادہ ہے", ["name:محمد اسلم", "national_id:۳۵۲۰۲-۱۲۳۴۵۶۷-۱"]],
        ["Urdu", "ایم آر نمبر 4455667 والی مریضہ کا بی پی", ["mrn:4455667"]],
        ["Roman Urdu", "mareez ka MR number 4455667 hai, naam Sana Bibi, umar 34", ["mrn:4455667", "name:Sana Bibi"]],
        ["Roman Urdu", "unka number 0300 1234567 hai, CNIC 3520212345671", ["phone:0300 1234567", "national_id:3520212345671"]],
        // Addresses (issue 15).
        ["French", "il habite au 14 rue des Lilas, insuffisance cardiaque", ["address:14 rue des Lilas"]],
        ["Spanish", "vive en Calle de la Princesa 25 y tiene EPOC", ["address:Calle de la Princesa 25"]],
        ["Spanish", "domicilio Carrera 7 # 45-10, fiebre", ["address:Carrera 7 # 45-10"]],
        ["Arabic", "المريض ساكن في شارع الملك فهد، حي العليا", ["address:شارع الملك فهد، حي العليا"]],
        ["Arabic", "فيلا رقم 12 في البرشاء، المريضة عندها ضغط", ["address:فيلا رقم 12"]],
        ["Hindi", "मरीज़ का मकान नंबर 45, बुखार है", ["address:मकान नंबर 45"]],
        ["Urdu", "مریض کا مکان نمبر 12 ہے", ["address:مکان نمبر 12"]],
        ["French", "Adresse : 5 place de la Gare, Lyon", ["address:5 place de la Gare"]],
    ];
    for (const [language, text, expected] of cases) {
        it(`${language}: finds ${expected.join(", ")}`, () => {
            assert.deepEqual(found(text).sort(), [...expected].sort());
        });
    }

    // Ordinary clinical messages: doses, lab values, ages under 90, codes, de-identified patients.
    const ordinary: [string, string][] = [
        ["Arabic", "المريض على الوارفارين منذ ٣ سنوات، هل نوقفه قبل العملية؟"],
        ["Arabic", "الطفل عمره ٤ سنوات ووزنه ١٦ كغ، ما جرعة الباراسيتامول؟"],
        ["Arabic", "تطعيمات الطفل عمر ٦ شهور في مصر"],
        ["Arabic", "مريض عمره ٦٥ سنة، الكرياتينين ١٫٨، هل نعدل جرعة الميتفورمين؟"],
        ["Arabic", "جرعة الأموكسيسيلين ٥٠٠ ملغ كل ٨ ساعات لمدة ٧ أيام"],
        ["Arabizi", "el marid 3ando sokkar 400 w 3omro 70, shu na3mel?"],
        ["Spanish", "Paciente con fiebre de 39 y tos desde hace 5 días, ¿qué antibiótico?"],
        ["Spanish", "El expediente clínico electrónico usa HL7 v2, ¿cómo mapeo el segmento PID?"],
        ["Spanish", "El paciente pesa 70 kg, plaquetas 250 000, leucocitos 7 600"],
        ["French", "M. tuberculosis résistante : quel traitement ?"],
        ["French", "numéro de lot 12345678 du vaccin de rappel"],
        ["Hindi", "मरीज़ को बुखार है, पैरासिटामोल की खुराक कितनी?"],
        ["Hinglish", "mareez ko 3 din se bukhar hai, 500 mg paracetamol de sakte hain?"],
        ["Urdu", "مریض کو تین دن سے بخار ہے، کون سی اینٹی بائیوٹک دیں؟"],
        ["English", "ICD-10 code E11.9, LOINC 4548-4, SNOMED 44054006, dose 0.05 mg/kg"],
        // Streets without anyone's address (issue 15).
        ["Spanish", "camino todos los días 30 minutos, ¿es suficiente para la diabetes?"],
        ["Spanish", "la calle estaba muy mojada, 2 horas de dolor en el tobillo"],
        ["Arabic", "صدمته سيارة في الشارع وعنده نزيف، كيف نوقفه؟"],
        ["French", "il a 3 rues à traverser pour aller à la pharmacie"],
        ["Arabic", "ساكن في البيت لوحده وعنده سكر، كيف نتابعه؟"],
    ];
    for (const [language, text] of ordinary) {
        it(`${language}: finds nothing in an ordinary message: ${JSON.stringify(text.slice(0, 50))}`, () => {
            assert.deepEqual(found(text), []);
        });
    }

    it("redacts the local identifiers with exact spans, native digits included", () => {
        assert.equal(redactPhi("المريض أحمد محمد العلي، رقم الملف ٤٥٦٧٨٩١، البوتاسيوم ٦.١"), "المريض [NAME]، رقم الملف [MRN]، البوتاسيوم ٦.١");
        assert.equal(redactPhi("Paciente María García López, historia clínica 2345678"), "Paciente [NAME], historia clínica [MRN]");
    });

    describe("by surface", () => {
        const engine = new PolicyEngine();
        const messages = [
            "el marid esmo Khaled Al Mansouri, raqam el malaf 7788991, 3ando sokkar 400",
            "مریض کا نام محمد اسلم ہے، شناختی کارڈ ۳۵۲۰۲-۱۲۳۴۵۶۷-۱، شوگر زیادہ ہے",
            "Patiente Mme Dupont Claire, née le 3 mars 1948, dossier n° 88812345, créat 180",
        ];
        for (const text of messages) {
            it(`refuses in a Slack channel and answers in a DM with a notice: ${JSON.stringify(text.slice(0, 40))}`, () => {
                const channel = engine.decide(text, "slack-channel");
                assert.deepEqual([channel.action, channel.category, channel.rules], ["refuse", "phi", ["phi.identifiers_in_channel"]]);
                const dm = engine.decide(text, "slack-dm");
                assert.equal(dm.action, "answer");
                assert.ok(dm.notice, "a DM is told identifiers were found");
            });
        }
    });
});
