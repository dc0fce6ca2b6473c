/**
 * A second, broader layer of health vocabulary for the out-of-scope decision: drug classes, anatomy, physiology,
 * laboratory tests, procedures and specialties, plus word-formation rules (medical suffixes and prefixes) so that
 * short clinical questions with a term nobody listed ("Name one loop diuretic", "What is a thoracentesis?") are
 * still recognised as health topics. healthLexicon.ts counts these together with its own lists.
 */

export const EXTRA_CLINICAL_WORDS = [
    // drug classes and pharmacology
    "diuretic", "diuretics", "loop diuretic", "thiazide", "thiazides", "beta blocker", "beta blockers", "alpha blocker",
    "alpha blockers", "calcium channel blocker", "calcium channel blockers", "inhibitor", "inhibitors",
    "agonist", "agonists", "antagonist", "antagonists", "receptor", "receptors", "laxative", "laxatives", "antacid", "antacids",
    "stimulant", "stimulants", "depressant", "depressants", "sedatives", "hypnotic", "hypnotics", "anxiolytic", "anxiolytics",
    "antipyretic", "antipyretics", "analgesic", "analgesics", "anesthetic", "anaesthetic", "anesthetics", "decongestant",
    "decongestants", "expectorant", "antitussive", "bronchodilator", "bronchodilators", "vasodilator", "vasodilators",
    "vasopressor", "vasopressors", "pressor", "pressors", "inotrope", "inotropes", "anticoagulant", "anticoagulants",
    "thrombolytic", "thrombolytics", "antiplatelet", "antiplatelets", "statin", "statins", "biologic", "biologics",
    "monoclonal", "immunosuppressant", "immunosuppressants", "antihistamine", "antihistamines", "probiotic", "probiotics",
    "corticosteroid", "corticosteroids", "steroid", "steroids", "antiemetic", "antiemetics", "antidepressant",
    "antidepressants", "antipsychotic", "antipsychotics", "anticonvulsant", "anticonvulsants", "antiepileptic",
    "antiepileptics", "mood stabilizer", "mood stabilizers", "sglt2", "dpp 4", "glp 1", "arni", "acei", "ccb", "ssris",
    "snris", "maois", "tcas", "ace inhibitors", "arbs", "ppis", "doacs", "over the counter", "otc",
    "milligrams", "micrograms", "mg/kg", "mcg/kg", "loading dose", "maintenance dose", "therapeutic range", "peak level", "bioavailability", "mechanism of action", "pharmacodynamics", "black box warning", "antidotes",
    "contraindications", "teratogenic", "renal dosing", "dose adjustment",
    // sleep
    "asleep", "awake", "naps", "nightmares", "night terrors", "sleep schedule", "sleep through the night",
    "sleepwalking", "drowsiness", "sleepiness", "sleeper", "sleepers", "oversleeping", "wake up tired",
    // anatomy
    "epidermis", "dermis", "cornea", "retina", "eardrum", "tonsils", "tonsil", "adenoids",
    "trachea", "larynx", "pharynx", "diaphragm", "sternum", "pelvis", "pelvic", "femur", "tibia", "fibula",
    "humerus", "ulna", "vertebra", "vertebrae", "clavicle", "scapula", "patella", "meniscus", "cartilage", "plexus",
    "brachial", "femoral", "carotid", "jugular", "coronary", "cerebral", "cerebellum", "brainstem", "hippocampus",
    "amygdala", "cortex", "aorta", "aortic", "ventricle", "ventricles", "ventricular", "atrium", "atria", "atrial",
    "mitral", "tricuspid", "alveoli", "bronchi", "bronchus", "nephron", "nephrons", "glomerulus",
    "glomerular", "carpal", "tarsal", "metacarpal",
    "cranial", "cranial nerves", "vagus", "sciatic", "lumbar", "thoracic", "cervical spine", "sacrum", "coccyx",
    "duodenum", "jejunum", "ileum", "cecum", "rectum", "liver enzymes", "bile", "biliary", "gallstone", "ureter", "urethra",
    "prostate gland", "testes", "ovum", "sperm", "embryo", "gestation", "gestational", "trimester", "fontanelle",
    "anatomical", "physiological", "physiologic", "hemodynamic", "hemodynamics",
    // physiology and pathology
    "preload", "afterload", "ejection fraction", "stroke volume", "cardiac output", "contractility", "homeostasis",
    "osmolality", "osmolarity", "oncotic", "acid base", "electrolyte", "electrolytes", "perfusion", "oxygenation",
    "hypoxia", "hypoxemia", "hypercapnia", "circadian", "neurotransmitter", "neurotransmitters", "serotonin",
    "acetylcholine", "gaba", "glutamate", "insulin resistance", "ketones", "ketosis", "glycogen", "gluconeogenesis",
    "antibody titer", "immune response", "inflammatory markers", "pathophysiology", "etiology", "aetiology",
    "comorbidity", "comorbidities", "remission", "benign", "lesion", "lesions", "nodule",
    "nodules", "cyst", "cysts", "polyp", "polyps", "abscess", "edema", "oedema", "effusion", "infarct", "infarction",
    "ischemia", "hemorrhage", "haemorrhage", "thrombus", "stenosis", "fistula", "prolapse", // laboratory
    "hematocrit", "wbc", "rbc", "hgb", "hct", "plt", "mcv", "alp", "ggt", "ck", "cpk", "bnp", "nt probnp",
    "procalcitonin", "ammonia level", "lipid panel", "metabolic panel", "blood count", "reference range", "normal range",
    "urine test", "stool test", "sputum", "sensitivities", "gram stain", "titer", "titre", "assay", "biomarker",
    "biomarkers", "serology", "karyotype", "lab value", "lab values", "lab test", "lab tests",
    // procedures and care
    "lumbar puncture", "spinal tap", "catheterization", "catheter", "dialysis", "transfusion", "suture", "laparoscopy",
    "angioplasty", "cardioversion", "ablation", "amputation", "transplant", "physical exam", "auscultation", "palpation",
    "incision", "anesthesiology", "sedation", "extubate", "intubate", "triaged",
    "discharge planning", "care plan", "nursing care", "wound care", "dressing change", "bed sores", "pressure ulcer",
    "pressure injury", "fall prevention", "rehabilitation", "prosthesis", "orthotics", "hearing test", "eye exam",
    "screening test", "vaccination schedule",
    // specialties and professions
    "endocrinology", "nephrology", "rheumatology", "gastroenterology", "hematology", "haematology", "urology",
    "ophthalmology", "otolaryngology", "pulmonology", "neonatology", "internal medicine", "family medicine",
    "emergency medicine", "infectious disease", "infectious diseases", "orthopedics", "orthopaedics", "podiatry",
    "optometry", "audiology", "dentistry", "pharmacy technician", "nurse practitioner", "physician assistant", "clinicians", "clinical guidelines", "bedside manner", "nursing school",
];

/** Word endings of medical terms, checked on words of six letters or more (minus MORPHOLOGY_EXCEPTIONS). */
export const EXTRA_CLINICAL_ENDINGS = /^[a-z]{3,}(?:uretic|uretics|lytic|lytics|mimetic|ergic|centesis|rrhaphy|pexy|plegia|plegic|paresis|phagia|phasia|pnea|pnoea|cardia|emic|aemic|iasis|rrhage|rrhagia|lysis|ptysis|thermia|cytes?|cytic|stasis|ectasis|opathy|ologies|otomies|ectomies|plasties|scopies|itides|graphy|gram|grams|ostomy|tropin|formin|fibrate|vastatin|idine|oxacin|profen|zepam|barbital|tidine|tinib|zumab|lizumab|ciclovir|cyclovir|navir|previr|tegravir)$/;

/** Words with a medical ending that are not medical. */
export const MORPHOLOGY_EXCEPTIONS = new Set([
    "academic", "polemic", "instagram", "telegram", "program", "programs", "diagram", "diagrams", "hologram", "kilogram",
    "kilograms", "anagram", "monogram", "histogram", "histograms", "photography", "geography", "biography", "calligraphy",
    "choreography", "cinematography", "typography", "bibliography", "cryptography", "topography", "pornography",
    "autobiography", "demography", "oceanography", "lithography", "filmography", "discography", "videography",
    "catalytic", "analytic", "analysis", "catalysis", "paralysis by analysis", "psychoanalytic", "dramaturgic", "liturgic",
]);
