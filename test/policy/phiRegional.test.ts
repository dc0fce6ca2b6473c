import {strict as assert} from "node:assert";
import {detectPhi, redactPhi} from "../../shared/policy/phi";
import {dniNieValid, luhnValid, nhsValid, nirValid, verhoeffValid} from "../../shared/policy/phiNationalIds";
import {PolicyEngine} from "../../shared/policy/policyEngine";

function ids(text: string): string[] {
    return detectPhi(text).filter((s) => s.type === "national_id").map((s) => text.slice(s.start, s.end));
}

/** The one last digit that makes `body + digit` pass `valid` (a check digit is unique); the test fails otherwise. */
function completeWith(body: string, valid: (s: string) => boolean): string {
    const ok = [..."0123456789"].filter((d) => valid(body + d));
    assert.equal(ok.length, 1, `${body}: ${ok.length} valid check digits`);
    return ok[0];
}

/** A wrong last digit for a number whose last digit is right. */
function breakLast(id: string): string {
    const last = Number(id[id.length - 1]);
    return id.slice(0, -1) + String((last + 1) % 10);
}

describe("PHI guard: national and health ID numbers of the supported regions", () => {
    describe("check digits (documented sample numbers)", () => {
        it("Luhn: the Emirates ID sample 784-1968-6570305-0 and the card number 79927398713", () => {
            assert.ok(luhnValid("784196865703050"));
            assert.ok(luhnValid("79927398713"));
            assert.ok(!luhnValid("79927398710"));
        });
        it("Verhoeff: 236 takes check digit 3", () => {
            assert.ok(verhoeffValid("2363"));
            assert.equal(completeWith("236", verhoeffValid), "3");
        });
        it("NHS modulus 11: 943 476 5919 (NHS Digital's example), and a remainder giving 10 is never valid", () => {
            assert.ok(nhsValid("9434765919"));
            assert.ok(!nhsValid("9434765918"));
            // 1,0,0,0,0,0,0,0,1 → 10 + 2 = 12; 12 mod 11 = 1; 11 − 1 = 10: no tenth digit makes this valid.
            assert.ok([..."0123456789"].every((d) => !nhsValid(`100000001${d}`)));
        });
        it("NIR key 97 − (n mod 97): 2 55 08 14 168 025 38, and Corsica's 2A/2B", () => {
            assert.ok(nirValid("2 55 08 14 168 025 38"));
            assert.ok(!nirValid("2 55 08 14 168 025 39"));
            const corsica = 97 - Number(BigInt("1850719123456") % 97n); // 2A → 19
            assert.ok(nirValid(`1 85 07 2A 123 456 ${String(corsica).padStart(2, "0")}`));
        });
        it("DNI/NIE mod-23 letter: 12345678Z, X1234567L, Y1234567X, Z1234567R", () => {
            for (const valid of ["12345678Z", "X1234567L", "Y1234567X", "Z1234567R", "00000000T"]) assert.ok(dniNieValid(valid), valid);
            for (const invalid of ["12345678A", "X1234567Z", "Z1234567L"]) assert.ok(!dniNieValid(invalid), invalid);
        });
    });

    const aadhaarBody = "23456789012".slice(0, 11);
    const aadhaar = aadhaarBody + completeWith(aadhaarBody, verhoeffValid);
    const aadhaarGrouped = `${aadhaar.slice(0, 4)} ${aadhaar.slice(4, 8)} ${aadhaar.slice(8)}`;

    const found: [string, string][] = [
        ["Emirates ID 784-1968-6570305-0, fever since Tuesday", "784-1968-6570305-0"],
        ["EID 784196865703050 is on the form", "784196865703050"],
        // In its printed groups it is an Emirates ID even with a typo in the check digit: nothing clinical has that shape.
        ["Emirates ID 784-1968-6570305-1, fever since Tuesday", "784-1968-6570305-1"],
        ["رقم الهوية 784-1968-6570305-0 للمريض", "784-1968-6570305-0"],
        ["Iqama: 2123456789, needs a refill", "2123456789"],
        ["national ID 1012345678 and chest pain", "1012345678"],
        ["رقم الهوية 1012345678 مريض سكري", "1012345678"],
        ["إقامة 2012345678", "2012345678"],
        // The owner after the label, pronoun and article forms, the civil register (issue 15).
        ["هوية المريض 1023456789 ضغطه عالي", "1023456789"],
        ["المريض رقم هويته 2034567891 عنده حرارة", "2034567891"],
        ["السجل المدني 1023456789 للمريض", "1023456789"],
        ["رقم الإقامة للعامل 2345678901، عنده كحة", "2345678901"],
        ["الهوية الوطنية للمريضة: 1098765432", "1098765432"],
        [`Aadhaar ${aadhaarGrouped} for the PMJAY claim`, aadhaarGrouped],
        [`his number is ${aadhaarGrouped}, diabetic`, aadhaarGrouped],
        ["आधार 234567890123 है", "234567890123"],
        ["Aadhaar number: 9876 5432 1098 please", "9876 5432 1098"],
        ["NHS number 943 476 5919, query sepsis", "943 476 5919"],
        ["his NHS no. 9434765919", "9434765919"],
        ["patient 943 476 5919 is on warfarin", "943 476 5919"],
        ["numéro de sécurité sociale 2 55 08 14 168 025 38 svp", "2 55 08 14 168 025 38"],
        ["NIR 255081416802538", "255081416802538"],
        ["paciente con DNI 12345678Z y fiebre", "12345678Z"],
        ["DNI 12345678-Z", "12345678-Z"],
        ["NIE X1234567L, alergia a penicilina", "X1234567L"],
    ];
    for (const [text, value] of found) {
        it(`finds ${JSON.stringify(value)} in ${JSON.stringify(text)}`, () => {
            assert.deepEqual(ids(text), [value]);
            const start = text.indexOf(value);
            assert.equal(redactPhi(text), `${text.slice(0, start)}[NATIONAL_ID]${text.slice(start + value.length)}`);
        });
    }

    const notFound = [
        "784196865703051 (wrong check digit)", // Luhn fails, and not in the printed groups
        `${breakLast(aadhaar).slice(0, 4)} ${breakLast(aadhaar).slice(4, 8)} ${breakLast(aadhaar).slice(8)} was the count`, // Verhoeff fails
        "1234 5678 9012 is the batch", // grouped 12 digits, Verhoeff fails
        "943 476 5918 in the sample list", // modulus 11 fails
        "2 55 08 14 168 025 39 copies", // NIR key fails
        "DNI 12345678A", // wrong letter
        "NIE X1234567Z", // wrong letter
        "the lot number is 1012345678", // a bare 10-digit number: no Saudi label
        "troponin 0.04 ng/mL, then 0.12 at 6 h",
        "metformin 1000 mg twice daily; 2025-11-30 follow-up",
        "seen in 2024, 2025 and 2026",
        "platelets 250000 and WBC 11.2",
        "cholesterol 5.2 mmol/L, HbA1c 48 mmol/mol",
        "give 12345678 units",
        "IDs 1 to 4 were enrolled", // "ID" next to a short number
    ];
    for (const text of notFound) {
        it(`finds no national ID in ${JSON.stringify(text)}`, () => {
            assert.deepEqual(ids(text), []);
        });
    }

    it("a US phone number that happens to pass no ID check stays a phone number", () => {
        const text = "call her at 617-555-0142";
        assert.deepEqual(detectPhi(text).map((s) => s.type), ["phone"]);
    });

    it("keeps other identifiers in the same message apart, with exact spans", () => {
        const text = "Pt Harold Finch, NHS number 943 476 5919, MRN 5521987";
        assert.equal(redactPhi(text), "Pt [NAME], NHS number [NATIONAL_ID], MRN [MRN]");
    });

    describe("numbers written in Arabic-Indic, Persian or Devanagari digits", () => {
        /** The ASCII digits of `s` written in the digits starting at `zero` (٠ U+0660, ۰ U+06F0, ० U+0966). */
        const inDigits = (s: string, zero: number) => s.replace(/[0-9]/g, (d) => String.fromCharCode(zero + Number(d)));
        const scripts: [string, number][] = [["Arabic-Indic", 0x0660], ["Persian", 0x06F0], ["Devanagari", 0x0966]];
        const cases: [string, string, string][] = [
            // [text with a placeholder for the number, the number in ASCII digits, its kind]
            ["رقم الهوية {} للمريض", "784-1968-6570305-0", "national_id"],
            ["आधार {} है", aadhaar, "national_id"],
            ["هاتف المريض {}", "+971 50 123 4567", "phone"],
            ["DOB {} and fever", "03/04/1961", "date"],
        ];
        for (const [name, zero] of scripts) {
            for (const [template, ascii, kind] of cases) {
                const value = inDigits(ascii, zero);
                const text = template.replace("{}", value);
                it(`${name}: finds ${kind} ${JSON.stringify(value)} with its exact span`, () => {
                    const spans = detectPhi(text);
                    assert.deepEqual(spans.map((s) => [s.type, text.slice(s.start, s.end)]), [[kind, value]]);
                    assert.equal(redactPhi(text), template.replace("{}", `[${kind === "national_id" ? "NATIONAL_ID" : kind.toUpperCase()}]`));
                });
            }
            it(`${name}: a wrong check digit is still not an ID, and a dose is not an identifier`, () => {
                assert.deepEqual(detectPhi(`رقم ${inDigits("784196865703051", zero)}`), []);
                assert.deepEqual(detectPhi(`الجرعة ${inDigits("500", zero)} ملغ كل ${inDigits("8", zero)} ساعات`), []);
            });
        }
        it("refuses in a Slack channel, answers in a DM with a notice, and redacts the original digits", () => {
            const engine = new PolicyEngine();
            const text = `هل جرعة ٥ ملغ من الوارفارين مناسبة؟ رقم الهوية ${inDigits("784-1968-6570305-0", 0x0660)}`;
            const channel = engine.decide(text, "slack-channel");
            assert.deepEqual([channel.action, channel.category, channel.phi.map((s) => s.type)], ["refuse", "phi", ["national_id"]]);
            assert.ok(!(channel.message ?? "").includes("٦٥٧٠٣٠٥"));
            const dm = engine.decide(text, "slack-dm");
            assert.equal(dm.action, "answer");
            assert.ok(dm.notice);
            assert.equal(engine.redact(text), "هل جرعة ٥ ملغ من الوارفارين مناسبة؟ رقم الهوية [NATIONAL_ID]");
        });
    });

    describe("by surface", () => {
        const engine = new PolicyEngine();
        const text = "Is 5 mg of warfarin right for Emirates ID 784-1968-6570305-0?";
        it("refuses in a Slack channel, naming the kind and never the number", () => {
            const d = engine.decide(text, "slack-channel");
            assert.equal(d.action, "refuse");
            assert.equal(d.category, "phi");
            assert.deepEqual(d.phi.map((s) => s.type), ["national_id"]);
            assert.match(d.message ?? "", /national ID number/);
            assert.ok(!(d.message ?? "").includes("6570305"));
        });
        it("answers in a Slack DM with a notice, and locally without one (as for every identifier)", () => {
            const dm = engine.decide(text, "slack-dm");
            assert.equal(dm.action, "answer");
            assert.match(dm.notice ?? "", /national ID number/);
            for (const surface of ["vscode", "cli"] as const) {
                const local = engine.decide(text, surface);
                assert.equal(local.action, "answer");
                assert.equal(local.notice, undefined);
            }
        });
        it("redacts it for front ends and the audit log", () => {
            assert.equal(engine.redact(text), "Is 5 mg of warfarin right for Emirates ID [NATIONAL_ID]?");
        });
    });
});
