import {strict as assert} from "node:assert";
import {detectPhi, redactPhi} from "../../shared/policy/phi";
import type {PhiType} from "../../shared/policy/types";

function typesIn(text: string): PhiType[] {
    return detectPhi(text).map((s) => s.type);
}

function valuesIn(text: string): string[] {
    return detectPhi(text).map((s) => text.slice(s.start, s.end));
}

describe("PHI guard: identifiers it must find (with exact spans)", () => {
    const cases: [string, PhiType, string][] = [
        ["Patient Harold Finch was moved to ICU", "name", "Harold Finch"],
        ["can someone see Mrs. Okonkwo about her dressing", "name", "Okonkwo"],
        ["Is Deborah Klein still on the heparin drip?", "name", "Deborah Klein"],
        ["Wendell Pruitt (DOB 11/30/1942) has new AKI", "name", "Wendell Pruitt"],
        ["Wendell Pruitt (DOB 11/30/1942) has new AKI", "date", "11/30/1942"],
        ["MRN: 004418273 needs a consult", "mrn", "004418273"],
        ["medical record number 7731-002", "mrn", "7731-002"],
        ["SSN 219-09-9999 on the form", "ssn", "219-09-9999"],
        ["her social security number is 219099999", "ssn", "219099999"],
        ["member ID W88213409 was denied", "health_plan", "W88213409"],
        ["Medicare number 1EG4-TE5-MK73 on file", "health_plan", "1EG4-TE5-MK73"],
        ["billing account #88123401 is overdue", "account", "88123401"],
        ["call her daughter at (415) 555-2671", "phone", "(415) 555-2671"],
        ["reach him on +44 20 7946 0958 after 5", "phone", "+44 20 7946 0958"],
        ["send it by fax 212-555-0187 please", "fax", "212-555-0187"],
        ["she wrote from r.kowalski@outlook.com yesterday", "email", "r.kowalski@outlook.com"],
        ["he lives at 48 Juniper Lane, Apt 3 and needs a ramp", "address", "48 Juniper Lane, Apt 3"],
        ["home is Eugene, OR 97401 so transport is far", "zip", "97401"],
        ["admitted on 2026-02-14 with sepsis", "date", "2026-02-14"],
        ["date of birth: March 9, 1938", "date", "March 9, 1938"],
        ["discharged 12/01/2025 to rehab", "date", "12/01/2025"],
        ["a 93-year-old man with hip pain", "age", "93-year-old"],
        ["98 yo female, fall at home", "age", "98 yo"],
        ["age 104, still independent", "age", "age 104"],
        ["her blog https://janesrecovery.blogspot.com/posts/12 mentions the surgery", "url", "https://janesrecovery.blogspot.com/posts/12"],
        ["login from 172.16.254.1 flagged", "ip", "172.16.254.1"],
    ];
    for (const [text, type, value] of cases) {
        it(`${type}: ${text}`, () => {
            const spans = detectPhi(text).filter((s) => s.type === type);
            assert.ok(spans.length > 0, `no ${type} in ${JSON.stringify(detectPhi(text))}`);
            assert.ok(spans.some((s) => text.slice(s.start, s.end) === value), `spans: ${spans.map((s) => text.slice(s.start, s.end)).join(" | ")}`);
        });
    }
});

describe("PHI guard: things that are not identifiers", () => {
    const clean = [
        "Is Parkinson disease linked to pesticide exposure?",
        "Cushing syndrome versus Cushing disease: how do we tell them apart?",
        "Graves disease in pregnancy: PTU or methimazole?",
        "Does Bell palsy need antivirals as well as prednisone?",
        "Hodgkin lymphoma staging uses the Lugano classification.",
        "Addison disease and Hashimoto thyroiditis together: what is that called?",
        "Compare Crohn disease and ulcerative colitis.",
        "Is Guillain-Barre syndrome a risk after the flu vaccine?",
        "Warfarin, Eliquis, Xarelto and Pradaxa: which needs INR checks?",
        "The AHA guideline published on 2024-06-12 changed the aspirin advice.",
        "The trial ran from January 2019 to March 2021.",
        "An 89-year-old woman with pneumonia, what antibiotics?",
        "A 45 year old man, 82 kg, with gout.",
        "Dial extension 4410 or x2231 for the pharmacy.",
        "See https://www.cdc.gov/flu/professionals/antivirals/ for dosing.",
        "Our EHR runs version 10.4.2.1 now.",
        "Dr. Sarah Mitchell recommended 2 g of ceftriaxone.",
        "Give 90 mg of enoxaparin; temp was 99F.",
        "The Wells score and the Glasgow Coma Scale are both validated.",
        "What dose of vancomycin for a 100 kg patient?",
    ];
    for (const text of clean) {
        it(text, () => assert.deepEqual(valuesIn(text), [], `found ${JSON.stringify(detectPhi(text))}`));
    }
});

describe("redactPhi", () => {
    it("replaces each identifier with its typed placeholder and keeps the rest", () => {
        assert.equal(
            redactPhi("Pt Gloria Reyes, MRN 6623091, DOB 04/05/1931, email g.reyes@aol.com, phone 312-555-0117, 95 yo."),
            "Pt [NAME], MRN [MRN], DOB [DATE], email [EMAIL], phone [PHONE], [AGE_90+].");
    });
    it("leaves text without identifiers unchanged", () => {
        const text = "Metformin is contraindicated with an eGFR below 30.";
        assert.equal(redactPhi(text), text);
    });
    it("never keeps overlapping spans", () => {
        const spans = detectPhi("Patient John Smith DOB 01/02/1930 MRN 1234567 SSN 123-45-6789 at 5 Elm Street, Boston MA 02118");
        for (let i = 1; i < spans.length; i++) assert.ok(spans[i].start >= spans[i - 1].end);
        assert.deepEqual(typesIn("Patient John Smith DOB 01/02/1930 MRN 1234567").sort(), ["date", "mrn", "name"]);
    });
});
