import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
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
        // More labels and formats (issue 15).
        ["Spanish", "Paciente con cédula 1.020.456.789, gestante", ["national_id:1.020.456.789"]],
        ["Spanish", "Paciente RUT 15.482.937-7, 68 años", ["national_id:15.482.937-7"]],
        ["Spanish", "confirmar el NUSS 28 14738291 06 del paciente", ["national_id:28 14738291 06"]],
        ["Spanish", "Cama 7, HC 00394827, sepsis urinaria", ["mrn:00394827"]],
        ["French", "numéro de registre national 58.03.15-123.84, BPCO", ["national_id:58.03.15-123.84"]],
        ["Hindi", "ABHA नंबर 91-4827-3916-0054 वाले मरीज़", ["national_id:91-4827-3916-0054"]],
        ["Hindi", "मरीज़ का आधार नंबर 4821 7390 5612 है", ["national_id:4821 7390 5612"]],
        ["Hindi", "IPD नंबर 458213, बेड 12", ["mrn:458213"]],
        ["Hinglish", "IPD no. 23/11847 - bed 14, post-op day 1", ["mrn:23/11847"]],
        ["Roman Urdu", "3520112345671 is mareez ka CNIC hai", ["national_id:3520112345671"]],
        ["Roman Urdu", "Zubaida Khatoon ki urine culture report aayi?", ["name:Zubaida Khatoon"]],
        ["Arabizi", "Abu Ziad ra2mo 71 558 203, bado yjadded wasfet el insulin", ["phone:71 558 203"]],
        ["Arabizi", "ra2m el malaf 3345921, gout flare", ["mrn:3345921"]],
        ["Arabizi", "saakna fi Dubai, Al Barsha 2, street 19, villa 44, t7taj home nurse", ["address:street 19, villa 44"]],
        ["Arabic", "في الرياض، حي العليا، شارع الأمير محمد، فيلا 12", ["address:حي العليا، شارع الأمير محمد، فيلا 12"]],
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
        ["Hinglish", "55 saal ke male, HbA1c 8.4, metformin 1000 BD pe hain, next kya add karein?"],
        ["English", "bed 4, room 12: sector 3 patients need their 2 pm doses"],
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

    describe("a check set written for the guard (test/policy/vocabularyChecks/phi-check.jsonl)", () => {
        // 288 Slack-channel messages by one author (issue 15): per language form (Arabic, Arabizi, Spanish, French, Hindi,
        // Urdu) 28 with identifiers of their regions and 20 de-identified clinical questions. The guard was improved on
        // its misses (130 of 168 found before), so these are guards against losing what was added, not unseen figures.
        const cases = fs.readFileSync(path.join(__dirname, "../../../test/policy/vocabularyChecks/phi-check.jsonl"), "utf8")
            .split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as {id: string; text: string; action: string});

        it("finds no identifier in any of the 120 de-identified questions", () => {
            const ordinary = cases.filter((c) => c.action === "answer");
            assert.equal(ordinary.length, 120);
            assert.deepEqual(ordinary.filter((c) => detectPhi(c.text).length > 0).map((c) => c.id), []);
        });

        it("finds an identifier in at least 160 of the 168 messages that hold one", () => {
            const withIds = cases.filter((c) => c.action === "refuse");
            assert.equal(withIds.length, 168);
            const missed = withIds.filter((c) => detectPhi(c.text).length === 0).map((c) => c.id);
            assert.ok(missed.length <= 8, `missed ${missed.length}: ${missed.join(", ")}`);
        });
    });
});
