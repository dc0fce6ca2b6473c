import {EPONYMS} from "../phiLexicon";
import type {AnalyzedText} from "../normalize";
import {EXTRA_CLINICAL_ENDINGS, EXTRA_CLINICAL_WORDS, MORPHOLOGY_EXCEPTIONS} from "./clinicalVocabulary";
import {PrefilteredRegExp, prefiltered} from "../prefilter/prefilteredRegExp";

/**
 * What makes a message about health: clinical vocabulary (anatomy, symptoms, conditions, drugs and their name
 * endings, tests, care settings, health-data standards), so the out-of-scope rule refuses only messages with none of
 * it. Two strengths: CLINICAL words are health topics by themselves; SETTING words (nurse, hospital, healthcare) only
 * place a message in a health workplace, so "a birthday poem for our head nurse" is still out of scope.
 */

const CLINICAL_WORDS = [
    // added: everyday health words and common conditions
    "choking", "choke", "choked", "fainted", "passed out", "swallowed", "swallow", "swallowing", "ingested", "ingestion",
    "button battery", "coin", "lice", "nits", "scabies", "bedbugs", "ticks", "tick bite", "bee sting", "snake bite", "dog bite",
    "soap note", "soap notes", "documentation", "charting", "handoff", "sbar", "water intake", "hydrated", "drink water",
    "pertussis", "whooping cough", "croup", "bronchiolitis", "otitis", "conjunctivitis", "pink eye", "impetigo", "cellulitis",
    "appendicitis", "gallstones", "hernia", "ulcer", "ulcers", "colitis", "crohn", "ibs", "celiac", "coeliac", "gerd",
    "hemorrhoids", "varicose", "dvt", "embolism", "clot", "clots", "blood clot", "aneurysm", "arrhythmia", "afib",
    "atrial fibrillation", "murmur", "angina", "heart failure", "cardiomyopathy", "pacemaker", "stent", "bypass surgery",
    "cataract", "cataracts", "glaucoma", "macular", "tinnitus", "vertigo", "earache", "toothache", "cavity", "cavities",
    "braces", "dermatitis", "rosacea", "hives", "shingles", "warts", "fungal infection", "athlete foot", "ringworm",
    "yeast infection", "thrush", "bv", "pcos", "endometriosis", "fibroids", "osteoarthritis", "rheumatoid", "fibromyalgia",
    "tendonitis", "bursitis", "carpal tunnel", "plantar fasciitis", "concussions", "whiplash", "dislocated", "sprains",
    "palsy", "equation", "nomogram", "calculator", "dosing calculator", "vital", "vitals", "respirations", "bp cuff",
    "oximeter", "pulse ox", "thermometer", "glucometer", "cgm", "insulin pump", "nebulizer", "cpap", "bipap", "walker",
    "wheelchair", "crutches", "stitches", "bandage", "splint", "cast", "tourniquet", "epi pen", "defibrillator",
    "heimlich", "rescue breaths", "chest compressions", "recovery position", "poison control", "er visit", "hospitalized",
    "hospitalised", "hospitalization", "hospitalisation", "admitted to hospital", "medical condition", "chronic condition",
    "signs and symptoms", "clinical protocol", "risk score", "blood culture", "blood cultures", "urine culture",
    "septic shock", "anaphylactic shock", "hearing loss", "vision loss", "blurred vision", "blurry vision", "double vision",
    "joints", "in labor", "went into labor", "body temperature", "body weight", "body fat", "stem cells", "sickle cell",
    "health screening", "cancer screening", "teething", "colic", "diaper rash", "formula feeding", "breast milk", "potty",
    "bedwetting", "growth chart", "milestones", "puberty", "acne scars", "hangnail", "ingrown", "nosebleed", "nosebleeds",
    "hiccups", "burping", "gas", "bloated", "heat stroke", "heatstroke", "sunstroke", "frostbite", "hypothermia",
    "altitude sickness", "motion sickness", "jet lag", "seasickness", "food poisoning", "allergens", "gluten", "lactose",
    "peanut allergy", "intolerance", "vegan diet", "keto", "fasting", "intermittent fasting", "sugar intake", "salt intake",
    "sodium intake", "cholesterol levels", "steps a day", "resting heart rate", "menstrual cycle", "period", "periods",
    "cramps", "pms", "spotting", "discharge", "smear", "hpv", "herpes", "chlamydia", "gonorrhea", "syphilis", "prep", "pep",
    "circumcision", "vasectomy", "hysterectomy", "c section", "epidural", "ivf", "sperm count", "erection", "viagra",
    "overdosed", "overdosing", "intoxicated", "intoxication", "blackout", "withdrawals", "cravings", "naloxone",
    "suboxone", "methadone", "recovery", "twelve step", "aa meetings", "sober living", "harm reduction",
    "npi", "npis", "dea number", "ncpdp", "hcpcs", "mbi", "national provider identifier", "mrn", "mrns", "redact", "redaction", "pii", "patient identifiers", "patient data", "clinical text", "patient records",
    // common medicines (generic and brand)
    "metformin", "glipizide", "glyburide", "glimepiride", "pioglitazone", "sitagliptin", "januvia", "jardiance", "empagliflozin", "dapagliflozin", "farxiga", "ozempic", "semaglutide", "wegovy", "mounjaro", "tirzepatide", "trulicity", "dulaglutide", "victoza", "liraglutide", "lantus", "glargine", "humalog", "lispro", "novolog", "aspart", "levemir", "detemir", "tresiba", "degludec", "lisinopril", "enalapril", "ramipril", "losartan", "valsartan", "irbesartan", "olmesartan", "amlodipine", "nifedipine", "diltiazem", "verapamil", "metoprolol", "atenolol", "carvedilol", "propranolol", "bisoprolol", "labetalol", "hydralazine", "clonidine", "hydrochlorothiazide", "chlorthalidone", "furosemide", "lasix", "bumetanide", "torsemide", "spironolactone", "eplerenone", "atorvastatin", "lipitor", "simvastatin", "rosuvastatin", "crestor", "pravastatin", "ezetimibe", "clopidogrel", "plavix", "ticagrelor", "prasugrel", "apixaban", "eliquis", "rivaroxaban", "xarelto", "dabigatran", "pradaxa", "edoxaban", "enoxaparin", "lovenox", "amiodarone", "sotalol", "flecainide", "digoxin", "nitroglycerin", "isosorbide", "ranolazine", "levothyroxine", "synthroid", "methimazole", "propylthiouracil", "prednisone", "prednisolone", "methylprednisolone", "dexamethasone", "hydrocortisone", "fludrocortisone", "amoxicillin", "augmentin", "ampicillin", "penicillin", "cephalexin", "keflex", "cefdinir", "ceftriaxone", "cefazolin", "cefepime", "azithromycin", "zithromax", "clarithromycin", "erythromycin", "doxycycline", "minocycline", "tetracycline", "ciprofloxacin", "levofloxacin", "moxifloxacin", "nitrofurantoin", "macrobid", "bactrim", "trimethoprim", "sulfamethoxazole", "clindamycin", "metronidazole", "flagyl", "vancomycin", "linezolid", "daptomycin", "gentamicin", "tobramycin", "amikacin", "meropenem", "imipenem", "ertapenem", "piperacillin", "tazobactam", "zosyn", "aztreonam", "rifampin", "isoniazid", "fluconazole", "itraconazole", "voriconazole", "nystatin", "terbinafine", "acyclovir", "valacyclovir", "valtrex", "oseltamivir", "tamiflu", "paxlovid", "remdesivir", "tenofovir", "emtricitabine", "truvada", "biktarvy", "sertraline", "zoloft", "fluoxetine", "prozac", "citalopram", "escitalopram", "lexapro", "paroxetine", "paxil", "venlafaxine", "effexor", "duloxetine", "cymbalta", "bupropion", "wellbutrin", "mirtazapine", "trazodone", "amitriptyline", "nortriptyline", "lithium", "lamotrigine", "lamictal", "valproate", "depakote", "divalproex", "carbamazepine", "tegretol", "oxcarbazepine", "levetiracetam", "keppra", "topiramate", "topamax", "phenytoin", "dilantin", "lacosamide", "quetiapine", "seroquel", "olanzapine", "zyprexa", "risperidone", "risperdal", "aripiprazole", "abilify", "haloperidol", "haldol", "ziprasidone", "clozapine", "lurasidone", "buspirone", "hydroxyzine", "diphenhydramine", "cetirizine", "loratadine", "fexofenadine", "montelukast", "singulair", "albuterol", "ventolin", "salmeterol", "fluticasone", "advair", "budesonide", "symbicort", "tiotropium", "spiriva", "ipratropium", "omeprazole", "prilosec", "pantoprazole", "protonix", "esomeprazole", "nexium", "famotidine", "pepcid", "ondansetron", "zofran", "metoclopramide", "reglan", "promethazine", "phenergan", "prochlorperazine", "loperamide", "imodium", "docusate", "senna", "polyethylene", "miralax", "lactulose", "bisacodyl", "sumatriptan", "imitrex", "rizatriptan", "naproxen", "aleve", "meloxicam", "celecoxib", "celebrex", "diclofenac", "ketorolac", "toradol", "indomethacin", "colchicine", "allopurinol", "febuxostat", "methotrexate", "hydroxychloroquine", "plaquenil", "adalimumab", "humira", "etanercept", "infliximab", "rituximab", "tamoxifen", "letrozole", "anastrozole", "finasteride", "tamsulosin", "flomax", "oxybutynin", "sildenafil", "tadalafil", "cialis", "estradiol", "progesterone", "medroxyprogesterone", "norethindrone", "levonorgestrel", "misoprostol", "mifepristone", "oxytocin", "magnesium", "sulfate", "potassium", "chloride", "calcium", "gluconate", "sodium", "bicarbonate", "dextrose", "insulin", "glucagon", "epinephrine", "norepinephrine", "levophed", "vasopressin", "dopamine", "dobutamine", "phenylephrine", "atropine", "adenosine", "lidocaine", "bupivacaine", "propofol", "midazolam", "versed", "etomidate", "rocuronium", "vecuronium", "succinylcholine", "sugammadex", "neostigmine", "flumazenil", "acetylcysteine", "fomepizole", "hydroxocobalamin", "pralidoxime", "physostigmine", "octreotide", "pantoprazole", "tranexamic", "vitamin", "k", "protamine", "idarucizumab", "andexanet", "heparin", "warfarin", "alteplase", "tenecteplase", "thiamine", "folic", "acid", "ferrous", "iron", "sucrose", "gabapentin", "pregabalin", "cyclobenzaprine", "baclofen", "tizanidine", "methocarbamol", "tramadol", "oxycodone", "hydrocodone", "morphine", "hydromorphone", "fentanyl", "methadone", "buprenorphine", "naloxone", "naltrexone", "acamprosate", "disulfiram", "varenicline", "chantix", "nicotine", "patch", "zolpidem", "melatonin", "donepezil", "memantine", "levodopa", "carbidopa", "ropinirole", "pramipexole", "modafinil", "methylphenidate", "adderall", "atomoxetine", "guanfacine",
    "saline", "nasal", "sneeze", "lips", "lip", "cheek", "cheeks", "forehead", "scalp", "chin", "thigh", "thighs", "calf",
    "shin", "heel", "heels", "palm", "thumb", "armpit", "groin", "buttocks", "navel", "belly button", "eyelid", "eyelids",
    "falling", "falls", "fall risk", "fell", "keeps falling", "burned out", "burnt out", "sad", "sadness", "lonely", "grief",
    "grieving", "krebs cycle", "citric acid cycle", "glycolysis", "physiology", "biochemistry", "diversion", "dispensing",
    "automated dispensing", "pyxis", "omnicell", "controlled substances", "controlled substance", "schedule ii",
    "blue", "pale", "yellow skin", "jaundice", "jaundiced", "bruises", "swallowing", "limping", "limp", "wheelchair",
    "hearing aid", "glasses", "contact lenses", "eye drops", "ear drops", "sunscreen", "bug spray", "insect repellent", "sneezing", "capacity assessment", "capacity assessments", "die from", "died from",
    "dying from", "death from", "cause of death", "life expectancy", "chest pains", "poisonous", "toxic to",
    "drinks too much", "drinking too much", "drinking problem", "alcoholic", "alcoholics", "binge drinking", "asthma attack",
    // common clinical abbreviations
    "dka", "hhs", "aki", "ckd", "esrd", "chf", "hfref", "hfpef", "cad", "acs", "nstemi", "stemi", "uti", "hap", "vap",
    "sbp", "dbp", "gi", "gu", "ent", "ob", "obgyn", "gyn", "npo", "prn", "bid", "tid", "qid", "qd", "qhs", "ivf",
    "tpn", "ngt", "picc", "cvc", "art line", "abx", "hx", "dx", "tx", "rx", "sx", "fx", "pmh", "hpi", "rr", "o2",
    "sats", "gcs", "ams", "tia", "cva", "ich", "sah", "sdh", "tbi", "ptx", "cabg", "pci", "cath", "tte", "tee", "cxr",
    "kub", "csf", "abg", "bmi", "ldl", "ssri", "snri", "maoi", "tca", "nsaid", "nsaids", "ace inhibitor", "arb",
    "ppi", "doac", "noac", "lmwh", "ufh", "tpa", "rsi", "ett", "niv", "hfnc", "ecmo", "crrt", "aaa", "pvd", "osa",
    "ards", "sirs", "mods", "dic", "itp", "ttp", "hus", "sle", "ms flare", "mg", "als disease", "hiv", "tb", "mrsa",
    "vre", "cdiff", "c diff", "esbl", "cre", "fluids", "iv fluids", "bolus", "drip", "titrate", "titration", "wean",
    "weaning", "extubation", "code blue", "rapid response", "sepsis bundle", "emar",
    // care, clinical work and people in it as patients
    "health", "healthy", "unhealthy", "medical", "medically", "medicine", "medicines", "medication", "medications", "med", "meds",
    "drug", "drugs", "dose", "doses", "dosing", "dosage", "overdose", "mg", "mcg", "mmol", "meq", "iu", "ml", "tablet", "tablets",
    "pill", "pills", "capsule", "capsules", "injection", "injections", "infusion", "iv", "subcut", "subcutaneous", "oral",
    "topical", "inhaler", "inhalers", "patient", "patients", "pt", "pts", "clinical", "clinically", "clinician", "diagnosis",
    "diagnose", "diagnosed", "diagnostic", "differential", "prognosis", "symptom", "symptoms", "symptomatic", "asymptomatic",
    "syndrome", "disease", "diseases", "disorder", "disorders", "illness", "ill",
    "sick", "sickness", "infection", "infections", "infected", "infectious", "contagious", "virus", "viral", "viruses",
    "bacteria", "bacterial", "fungal", "fungus", "parasite", "parasites", "germ", "germs", "pathogen", "pathogens", "spores",
    "microbe", "microbial", "antimicrobial", "antibiotic", "antibiotics", "antiviral", "antifungal", "vaccine", "vaccines",
    "vaccination", "vaccinated", "immunization", "immunisation", "booster", "treatment", "treatments", "treat", "treated",
    "treating", "therapy", "therapies", "therapeutic", "therapist", "cure", "remedy", "remedies", "prescription", "prescribe",
    "prescribed", "prescribing", "contraindication", "contraindicated", "indication", "indications", "side effect", "side effects",
    "adverse", "interaction", "interactions", "allergy", "allergies", "allergic", "toxicity", "toxic", "toxin", "toxins",
    "poison", "poisoning", "poisoned", "antidote", "lethal", "overdoses", "withdrawal", "addiction", "addicted", "rehab",
    "detox", "sober", "sobriety", "relapse", "abuse", "misuse", "pharmacology", "pharmacokinetics", "half life",
    "pharmacist", "pharmacy", "pharmacies", "surgery", "surgical", "surgeon", "postoperative", "post op", "postop",
    "preoperative", "anesthesia", "anaesthesia", "sedation", "sedative", "icu", "ed", "er", "emergency", "triage",
    "ambulance", "paramedic", "ems", "first aid", "cpr", "aed", "bls", "acls", "pals", "resuscitation", "intubation", "ventilator",
    "ventilation", "oxygen", "saturation", "spo2", "vitals", "vital signs", "discharge",     "readmission", "outpatient", "inpatient", "clinic", "ward", "bedside", "consult", "referral", "follow up",
    "screening", "prevention", "preventive", "risk factor", "risk factors", "mortality", "morbidity", "survival",
    "epidemiology", "incidence", "prevalence", "outbreak", "pandemic", "epidemic", "public health", "hygiene", "sanitation",
    "disinfect", "disinfection", "disinfectant", "sterilize", "sterilization", "sterile", "isolation", "quarantine", "ppe",
    "gloves", "hand hygiene", "handwashing", "hand washing", "wellness", "wellbeing", "well being",
    "nutrition", "nutritional", "nutrient", "nutrients", "diet", "diets", "dietary", "dietitian", "calorie", "calories", "vitamin",
    "vitamins", "supplement", "supplements", "mineral", "minerals", "protein intake", "fiber", "fibre", "hydration", "dehydrated",
    "dehydration", "exercise", "exercises", "workout", "physical activity", "fitness", "weight", "weight loss", "bmi", "obese",
    "obesity", "overweight", "underweight", "sleep", "sleeping", "insomnia", "nap", "tired", "fatigue", "fatigued", "exhausted",
    "exhaustion", "stress", "stressed", "burnout", "smoking", "smoke", "smoker", "vaping", "vape", "alcohol", "drinking", "drunk",
    "hangover", "caffeine", "coffee intake", "pregnant", "pregnancy", "prenatal", "postpartum", "breastfeeding", "breastfeed",
    "lactation", "birth", "newborn", "neonatal", "neonate", "infant", "infants", "fetal", "fetus",
    "miscarriage", "abortion", "contraception", "contraceptive", "birth control", "fertility", "infertility", "ivf", "menstrual",
    "menstruation", "period pain", "menopause", "ovulation", "std", "sti", "stds", "stis", "condom", "condoms", "hiv", "aids",
    "hepatitis", "covid", "coronavirus", "sars", "flu", "influenza", "cold sore", "common cold", "measles", "mumps", "rubella",
    "chickenpox", "shingles", "tuberculosis", "tb", "malaria", "dengue", "zika", "ebola", "cholera", "typhoid", "rabies",
    "tetanus", "polio", "lyme", "mpox", "monkeypox", "rsv", "strep", "mrsa", "sepsis", "septic",     // symptoms and complaints
    "pain", "painful", "ache", "aches", "aching", "sore", "soreness", "hurts", "hurt", "hurting", "fever", "febrile", "chills",
    "cough", "coughing", "sneezing", "congestion", "runny nose", "sore throat", "rash", "rashes", "itch", "itchy", "itching",
    "hives", "swelling", "swollen", "bruise", "bruising", "bleeding", "bleed", "blood", "nausea", "nauseous", "vomit",
    "vomiting", "throwing up", "diarrhea", "diarrhoea", "constipation", "constipated", "bloating", "cramps", "cramping",
    "heartburn", "reflux", "indigestion", "dizzy", "dizziness", "vertigo", "lightheaded", "faint", "fainting", "headache",
    "headaches", "migraine", "migraines", "numbness", "numb", "tingling", "weakness", "tremor", "tremors", "seizure",
    "seizures", "palpitations", "fluttering", "shortness of breath", "breathless", "breathing", "wheezing", "wheeze",
    "chest pain", "chest tightness", "lump", "lumps", "mole", "moles", "wart", "warts", "acne", "pimples", "eczema",
    "psoriasis", "dandruff", "hair loss", "sunburn", "blister", "blisters", "burn", "burns", "wound", "wounds", "cut",
    "cuts", "scar", "scars", "stitches", "sutures", "fracture", "fractures", "broken bone", "sprain", "sprained", "strain",
    "injury", "injuries", "injured", "concussion", "bite", "bites", "sting", "stings", "anxiety", "anxious", "panic",
    "panic attack", "depression", "depressed", "depressive", "mood", "bipolar", "mania", "manic", "psychosis", "psychotic",
    "schizophrenia", "hallucinations", "delusions", "ptsd", "trauma", "ocd", "adhd", "autism", "autistic", "dementia",
    "alzheimer", "alzheimers", "delirium", "confusion", "memory loss", "suicide", "suicidal", "self harm", "mental health",
    "psychiatric", "psychiatry", "psychology", "psychologist", "counseling", "counselling", "eating disorder", "anorexia",
    "bulimia", "stroke", "heart attack", "cardiac arrest", "anemia", "anaemia", "diabetes", "diabetic", "insulin", "glucose",
    "blood sugar", "a1c", "hba1c", "hypoglycemia", "hyperglycemia", "cholesterol", "lipids", "ldl", "hdl", "triglycerides",
    "blood pressure", "bp", "hypertension", "hypotension", "asthma", "copd", "emphysema", "pneumonia", "bronchitis",
    "allergic reaction", "anaphylaxis", "epipen", "cancer", "cancers", "tumor", "tumour", "tumors", "malignant", "benign",
    "metastatic", "metastasis", "chemo", "chemotherapy", "radiotherapy", "radiation therapy", "immunotherapy", "oncology",
    "biopsy", "lymphoma", "leukemia", "leukaemia", "melanoma", "arthritis", "gout", "osteoporosis", "lupus", "thyroid",
    "hypothyroidism", "hyperthyroidism", "kidney stone", "kidney stones", "uti", "utis", "incontinence", "erectile",
    "impotence", "libido", "prostate", "obesity", "sleep apnea", "snoring", "apnea", "epilepsy", "parkinson", "parkinsons",
    "multiple sclerosis", "neuropathy", "sciatica", "back pain", "arthroscopy", "disability", "disabilities",
    "palliative", "hospice", "end of life", "euthanasia", "assisted dying", "maid", "advance directive", "dnr", "dnar",
    "informed consent", "ethics committee", "atrophy", "lipase", "amylase", "kinase", "transaminase",
    "transaminases", "protease", "lactase", "valproate", "methotrexate", "sulfate", "nitrate", "nitrates", "bicarbonate",
    "angiography", "mammography", "tomography", "echocardiography", "radiography", "sonography", "alcoholism", "botulism",
    "hirsutism", "priapism", "autism", "ceftriaxone", "cefazolin", "cephalexin", "coma", "acidosis", "alkalosis",
    "pharmacology", "paracetamol", "acetaminophen", "tylenol", "ibuprofen", "advil", "motrin", "aspirin", "naloxone",
    "narcan", "benadryl", "zyrtec", "claritin", "sudafed", "melatonin", "epinephrine", "adrenaline", "lithium", "digoxin",
    "warfarin", "coumadin", "heparin", "botox", "deferoxamine", "antifreeze", "bleach", "cyanide", "arsenic", "botulinum",
    "ricin", "sarin", "opioid", "opioids", "benzodiazepine", "benzodiazepines", "fentanyl", "oxycodone", "morphine", "heroin",
    "cocaine", "methamphetamine", "cannabis", "marijuana", "thc", "cbd", "kratom", "ketamine", "mdma", "psilocybin",
    // body
    "anatomy", "physiology", "organ", "organs", "heart", "cardiac", "cardiovascular", "lung", "lungs", "pulmonary",
    "respiratory", "airway", "kidney", "kidneys", "renal", "liver", "hepatic", "brain", "neuro", "neurological", "nerve",
    "nerves", "spine", "spinal", "skull", "bone", "bones", "joints", "muscle", "muscles", "muscular", "tendon",
    "tendons", "ligament", "ligaments", "skin", "eye", "eyes", "ear", "ears", "nose", "sinus", "sinuses",
    "throat", "mouth", "tongue", "teeth", "tooth", "gum", "gums", "dental", "dentist", "jaw", "neck", "shoulder", "elbow",
    "wrist", "hip", "hips", "knee", "knees", "ankle", "ankles", "toe",
    "toes", "chest", "abdomen", "abdominal", "stomach", "belly", "gut", "bowel", "bowels", "intestine", "intestines", "colon",
    "rectum", "rectal", "anus", "anal", "bladder", "urine", "urinary", "urination", "pee", "stool", "stools", "poop", "feces",
    "faeces", "uterus", "uterine", "ovary", "ovaries", "cervix", "cervical", "vagina", "vaginal", "penis", "testicle",
    "testicles", "scrotum", "breast", "breasts", "nipple", "placenta", "umbilical", "thyroid gland", "adrenal", "pituitary",
    "pancreas", "pancreatic", "spleen", "gallbladder", "appendix", "esophagus", "oesophagus", "artery", "arteries", "vein",
    "veins", "vascular", "capillaries", "lymph", "lymph node", "lymph nodes", "immune", "immunity", "immune system",
    "antibody", "antibodies", "antigen", "inflammation", "inflammatory", "cells", "tissue", "tissues", "gene", "genes",
    "genetic", "genetics", "genome", "genomic", "dna", "rna", "mutation", "mutations", "chromosome", "hormone", "hormones",
    "hormonal", "estrogen", "oestrogen", "progesterone", "testosterone", "cortisol", "metabolism", "metabolic", "enzyme",
    "enzymes", "plasma", "serum", "platelets", "hemoglobin", "haemoglobin", "red blood cells", "white blood cells",
    // tests and measurements
    "lab", "labs", "laboratory", "test results", "blood test", "blood tests", "blood work", "bloodwork", "cbc", "bmp", "cmp",
    "lft", "lfts", "troponin", "creatinine", "egfr", "gfr", "bun", "sodium", "potassium", "magnesium", "calcium", "phosphate",
    "chloride", "bicarbonate", "lactate", "bilirubin", "albumin", "inr", "ptt", "pt inr", "d dimer", "crp", "esr", "tsh", "psa",
    "ferritin", "iron", "b12", "folate", "abg", "vbg", "anion gap", "ecg", "ekg", "echo", "echocardiogram", "mri", "ct", "ct scan",
    "cat scan", "x ray", "xray", "x rays", "ultrasound", "sonogram", "mammogram", "colonoscopy", "endoscopy", "pet scan",
    "eeg", "emg", "spirometry", "pulse", "heart rate", "temperature", "qt", "qtc", "urinalysis", "cultures",
    "pcr", "antigen test", "rapid test", "pap smear", "biopsy results", "pathology", "radiology", "imaging", "scan", "scans",
    "drug test", "drug screen", "tox screen", "toxicology", "autopsy", "coroner",
    // scores, guidelines and research
    "criteria", "guideline", "guidelines", "protocols", "evidence based", "clinical trial", "clinical trials",
    "rct", "meta analysis", "cohort", "placebo", "efficacy", "sensitivity", "specificity", "nnt", "mnemonic",
    "phq 9", "gad 7", "gcs", "glasgow", "apgar", "wells", "curb 65", "chads", "cha2ds2 vasc", "has bled", "qsofa", "sofa",
    "news2", "mews", "apache", "nihss", "cdc", "nih", "fda", "idsa", "uptodate", "pubmed",
    // health informatics and data
    "ehr", "emr", "electronic health record", "electronic medical record", "hl7", "fhir", "icd", "icd 10", "icd 11", "icd10",
    "snomed", "loinc", "rxnorm", "cpt", "dicom", "pacs", "hipaa", "phi", "deidentify", "de identify", "deidentification",
    "de identification", "epic", "cerner", "meditech", "openemr", "omop", "mimic", "cdisc", "ndc", "drg", "claims data",
    "health data", "medical records", "medical record", "clinical notes", "clinical note", "discharge summary", "progress note",
    "soap note", "patient portal", "telehealth", "telemedicine", "medical coding", "medical billing", "prior authorization",
    "formulary", "medicare", "medicaid", "insurer", "insurance claim", "health insurance", "copay", "deductible",
    // health professionals and settings used as topics
    "nursing", "physiotherapy", "physical therapy", "occupational therapy", "speech therapy", "midwife", "midwifery", "obstetrics",
    "gynecology", "pediatrics", "paediatrics", "pediatric", "paediatric", "geriatric", "geriatrics", "cardiology", "neurology",
    "dermatology", "psychiatrist", "radiologist", "oncologist", "cardiologist", "neurologist", "pathologist", "anesthesiologist",
    "toxicologist", "epidemiologist", "gp", "primary care", "urgent care", "poison control", "medical school", "med school",
    "usmle", "nclex", "residency", "intern year",
];

/** Word endings of clinical terms and drug stems (checked on words of 6+ letters, minus the exceptions). */
const CLINICAL_ENDINGS = /^[a-z]{3,}(?:itis|osis|oses|emia|aemia|ectomy|otomy|ostomy|plasty|scopy|ologist|algia|uria|penia|cytosis|trophy|plasia|megaly|rrhea|rrhoea|oma|omas|pathy|genic|cide|cidal|mab|nib|tinib|pril|sartan|olol|alol|statin|cillin|mycin|micin|floxacin|oxacin|azole|dipine|prazole|tidine|triptan|vir|caine|azepam|azolam|zolam|codone|morphone|morphine|thiazide|semide|gliptin|gliflozin|glutide|tide|parin|xaban|gatran|cycline|olone|sone|asone|dronate|lukast|setron|terol|tropium|afil|oxetine|aline|triptyline|pramine|apine|idone|peridol|barbital|profen|fenac|coxib|platin|taxel|rubicin|zumab|ximab|mumab|umab|cept|kinra|parib|lisib|ciclib|fungin|conazole|bendazole|quine|penem|lamide|thyroidism|aldosteronism|oxone|azine|ipine|otine|lukast)$/;
/** Word beginnings of clinical terms (words of 7+ letters). */
const CLINICAL_PREFIXES = /^(?:cef|ceph|cardio|neuro|gastro|hepato|nephro|pneumo|dermat|osteo|arthr|myocard|hemo|haemo|hemat|haemat|immuno|onco|psychi|psycho|thrombo|angio|broncho|laryngo|pharyng|ophthalm|encephal|mening|cerebr|pulmon|thorac|abdomin|cysto|hepat|pancrea|chole|gluco|glyco|insulin|lipo|paediat|pediat|geriat|obstet|neonat|perinat|prenat|antibiot|antivir|antifung|antihist|antidepress|antipsych|anticoag|antiplatelet|antihypert|antiemet|antiepilep|analges|anesthe|anaesthe|sedat|opioid|opiat|benzodiaz|steroid|cortico|vaccin|immun|pathophys|epidemi|diagnos|prognos|therap|pharmac|medica|clinic|surgi|hyperten|hypoten|hyperglyc|hypoglyc|hyperkal|hypokal|hypernat|hyponat|hypercalc|hypocalc|hypotherm|hypertherm|hypox|hyperthyr|hypothyr|dialys|transplant|intubat|catheter|endocrin|endoscop|urolog|gyneco|gynaeco|orthoped|orthopaed|radiolog|patholog|toxico|microbio|virolog|bacteri|infecti|inflamm|metasta|carcino|lymph|leuk|neutro|eosino|platelet|erythro|sepsi|septic|necro|fibril|arrhythm|tachy|brady|ischem|ischaem|stenos|embol|aneurysm|atheros|arterio)[a-z]{2,}$/;
const ENDING_EXCEPTIONS = new Set([
    "diploma", "aroma", "stigma", "sympathy", "empathy", "telepathy", "apathy", "nostalgia", "academia", "database",
    "purchase", "release", "increase", "decrease", "showcase", "staircase", "briefcase", "suitcase", "phrase", "please",
    "tourism", "organism", "criticism", "capitalism", "journalism", "mechanism", "optimism", "terrorism", "socialism",
    "racism", "realism", "activism", "patriotism", "decide", "provide", "inside", "outside", "beside", "aside", "divide",
    "override", "guide", "slide", "pride", "bride", "stride", "collide", "coincide", "update", "private", "climate", "senate",
    "debate", "create", "estimate", "ultimate", "template", "separate", "chocolate", "candidate", "corporate", "immediate",
    "accurate", "adequate", "appropriate", "approximate", "delegate", "elevate", "generate", "graduate", "indicate",
    "integrate", "investigate", "locate", "operate", "translate", "celebrate", "concentrate", "considerate", "deliberate",
    "dominate", "donate", "educate", "eliminate", "evaluate", "facilitate", "fortunate", "illustrate", "moderate", "narrate",
    "navigate", "negotiate", "participate", "relate", "rotate", "simulate", "state", "states", "estate", "rebate", "plate",
    "dictate", "automate", "mandate", "activate", "calculate", "duplicate", "formulate", "populate", "regulate", "validate",
    "generates", "creates", "updates", "templates", "candidates", "estimates", "debates", "chocolates", "suicide", "genocide",
    "outside", "worldwide", "nationwide",
    "statewide", "countrywide", "nevertheless", "rhinoceros", "trapezoid", "indigenous", "progenic", "photogenic", "scenic",
    "grateful", "concept", "intercept", "percept", "inept", "accept", "except", "soprano", "comma", "dichotomy",
    "technologist", "sociologist", "geologist", "archaeologist", "archeologist", "astrologist", "anthropologist", "zoologist",
    "meteorologist", "theologist", "ideologist", "criminologist", "musicologist", "oklahoma", "sonoma", "tacoma", "paloma",
    "metamorphosis", "apotheosis", "symbiosis", "magazine", "cuisine", "routine", "gasoline", "machine", "marine", "genuine",
    "figurine", "limousine", "sardine", "trampoline", "tangerine", "submarine", "discipline", "engine", "imagine",
    "examine", "determine", "combine", "underline", "headline", "deadline", "airline", "online", "offline", "pipeline",
    "guideline", "baseline", "timeline", "outline", "hotline", "decline", "storyline", "skyline", "coastline", "turbine",
    "alpine", "porcupine", "feminine", "masculine", "medicine", "caffeine", "nicotine", "morphine", "vaccine",
]);
const SETTING_WORDS = [
    "nurse", "nurses", "doctor", "doctors", "physician", "physicians", "hospital", "hospitals", "healthcare", "health care",
    "clinic staff", "medical center", "pharma", "pharmaceutical", "pharmaceuticals", "biotech", "medtech", "caregiver",
    "caregivers", "care home", "nursing home", "ward clerk", "scrubs", "stethoscope", "white coat", "on call", "shift",
    "shifts", "unit", "department", "resident", "residents", "intern", "interns", "attending", "colleague",
];
/** Subjects a clinical assistant has no business with. */
const OFF_TOPIC_WORDS = [
    "poem", "poems", "poetry", "haiku", "limerick", "sonnet", "song", "songs", "lyrics", "rap", "joke", "jokes", "riddle",
    "story", "short story", "novel", "novels", "fiction", "fan fiction", "screenplay", "movie", "movies", "film", "films",
    "tv show", "tv series", "netflix", "anime", "cartoon", "video game", "video games", "game", "games", "gaming", "playstation",
    "xbox", "nintendo", "minecraft", "fortnite", "chess", "sport", "sports", "football", "soccer", "basketball", "baseball",
    "cricket", "tennis", "golf", "hockey", "rugby", "nba", "nfl", "nhl", "mlb", "fifa", "world cup", "super bowl", "olympics",
    "champions league", "premier league", "playoffs", "stock", "stocks", "shares", "invest", "investing", "investment",
    "investments", "portfolio", "crypto", "cryptocurrency", "bitcoin", "ethereum", "forex", "trading", "dividend", "dividends",
    "etf", "etfs", "mortgage", "loan", "taxes", "tax return", "budget", "salary", "weather", "forecast", "rain", "snow",
    "sunny", "travel", "trip", "flight", "flights", "hotel", "hotels", "vacation", "holiday", "itinerary", "visa", "passport",
    "tourist", "sightseeing", "restaurant", "restaurants", "recipe", "recipes", "cook", "cooking", "bake", "baking", "cake",
    "cookies", "lasagna", "pizza", "pasta", "cocktail", "cocktails", "wine pairing", "coffee shop", "cafe", "birthday",
    "wedding", "anniversary", "gift", "gifts", "party", "toast", "speech", "resume", "cv", "cover letter", "job interview",
    "linkedin", "marketing", "slogan", "tagline", "brand", "branding", "logo", "business name", "startup", "sales pitch",
    "seo", "car", "cars", "engine oil", "tire", "tires", "tyre", "tyres", "bike", "plumbing", "faucet", "furniture", "garden",
    "gardening", "lawn", "puppy", "kitten", "dog", "dogs", "cat", "cats", "pet", "pets", "aquarium", "horoscope", "astrology",
    "zodiac", "tarot", "capital of", "president", "election", "politics", "political", "history of rome", "world war",
    "translate", "translation", "french", "spanish", "german", "grammar", "essay", "homework", "math", "algebra", "calculus",
    "geometry", "linked list", "binary tree", "javascript", "typescript", "react", "css", "html", "kubernetes", "docker",
    "excel", "spreadsheet formula", "password", "wifi", "router", "iphone", "android", "laptop", "computer", "printer",
    "celebrity", "taylor swift", "music", "guitar", "piano", "band", "concert", "album", "painting", "drawing", "knitting",
    "fishing", "hiking trail", "camping", "real estate", "apartment", "rent", "landlord", "furniture", "fashion", "outfit",
    "clothes", "makeup tutorial", "dating", "pickup lines", "name ideas", "names for", "baby names", "email to my landlord",
    "quantum", "black hole", "planet", "planets", "galaxy", "dinosaur", "dinosaurs", "volcano", "ocean", "mountain",
    "philosophy", "religion", "bible", "quiz", "trivia", "crossword", "sudoku", "lottery", "casino", "poker", "betting",
    "cover my shift", "swap shifts", "shift swap", "parking", "cafeteria", "potluck", "payroll", "timesheet", "pto",
    "exchange rate", "currency", "euros", "dollars", "git", "merge conflict", "python script", "bedtime story",
    "python", "for loop", "while loop", "love letter", "name for", "costco", "walmart", "target store", "ikea", "sailboat", "boat", "mechanic", "plumber", "electrician", "carpenter", "handyman", "oil change", "car wash", "gas station", "softball",
    "bowling", "karaoke", "trivia night", "happy hour", "weekend plans", "blockchain", "nft", "ira", "401k", "roth",
    "credit card", "credit score", "playlist", "spotify", "youtube", "tiktok", "instagram", "oscar", "oscars", "grammy",
    "emmy", "iphone", "pixel", "samsung", "aws", "azure", "kubernetes", "terraform", "java", "c++", "rust", "golang",
    // sports records and trivia
    "home run", "home runs", "touchdown", "touchdowns", "batting average", "hat trick", "grand slam", "world series",
    "stanley cup", "quarterback", "pitcher", "mvp", "championship", "championships", "goals scored", "points per game",
    "rebounds", "assists", "slam dunk", "innings", "wimbledon", "tour de france", "formula 1", "f1", "nascar", "ufc",
    "boxing match", "marathon record", "world record", "browser", "chrome extension", "ad blocker", "screensaver",
];

interface PhraseSet {
    /** Phrases of one to four words, space-joined. */
    phrases: Set<string>;
    maxWords: number;
    /** The first words of the phrases of two words or more: only a token among them can start one. */
    starts: Set<string>;
}

function phraseSet(words: readonly string[]): PhraseSet {
    const split = words.map((w) => w.split(" "));
    return {phrases: new Set(words), maxWords: Math.max(...split.map((w) => w.length)),
        starts: new Set(split.filter((w) => w.length > 1).map((w) => w[0]))};
}

const CLINICAL = phraseSet([...CLINICAL_WORDS, ...EXTRA_CLINICAL_WORDS]);
const SETTING = phraseSet(SETTING_WORDS);
const OFF_TOPIC = phraseSet(OFF_TOPIC_WORDS);

const PHRASE_SETS = [CLINICAL, SETTING, OFF_TOPIC];
/** wordKind bits: for set k of PHRASE_SETS, bit 2k (a phrase of it) and bit 2k+1 (the first word of a longer one). */
const MEDICAL_FORM = 1 << 6;

/** What one word is in each phrase set, and whether its form marks a medical term. */
function wordKind(word: string): number {
    let kind = isMedicalWordForm(word) ? MEDICAL_FORM : 0;
    PHRASE_SETS.forEach((set, k) => {
        if (set.phrases.has(word)) kind |= 1 << (2 * k);
        if (set.starts.has(word)) kind |= 1 << (2 * k + 1);
    });
    return kind;
}

/**
 * Counts the phrases of `set` (PHRASE_SETS[k]) in the token list (n-gram lookups, linear in the text); `kinds` has
 * every token's wordKind.
 */
function count(tokens: readonly string[], kinds: ReadonlyMap<string, number>, set: PhraseSet, k: number): number {
    let n = 0;
    for (let i = 0; i < tokens.length; i++) {
        let gram = tokens[i];
        const kind = kinds.get(gram)!;
        if ((kind & (1 << (2 * k))) !== 0) n++;
        // Building the longer grams (string concatenation at every word) is most of the cost: only a phrase's first
        // word can start one.
        if ((kind & (1 << (2 * k + 1))) === 0) continue;
        for (let k = 1; k < set.maxWords && i + k < tokens.length; k++) {
            gram += " " + tokens[i + k];
            if (set.phrases.has(gram)) n++;
        }
    }
    return n;
}

/** An eponym used as a condition, sign or score ("bell palsy", "cockcroft gault equation"). */
const EPONYM_TERM = new PrefilteredRegExp(`\\b(?:${[...EPONYMS].join("|")}) (?:s )?(?:disease|syndrome|palsy|sign|signs|test|law|score|criteria|triad|maneuver|manoeuvre|reflex|lymphoma|sarcoma|tumor|tumour|thyroiditis|ulcer|equation|formula|classification|scale|stage|node|nodes|fracture|procedure|stain|ratio|index|rule|rules|deformity|contracture|encephalopathy|disorder|dementia|psychosis|phenomenon|respiration|esophagus|oesophagus)\\b`);

/** Everyday health questions phrased without clinical words ("how much water should I drink"). */
const HEALTH_QUESTION = prefiltered(/\b(?:is it (?:bad|safe|healthy|unhealthy|harmful|dangerous|normal|ok|okay) (?:to|for)|is (?:that|this|it) (?:dangerous|harmful|toxic|poisonous|safe|serious|contagious) (?:for|to)|(?:bad|good) for (?:you|me|your|my|kids|children|the heart|the liver|the brain)|how much (?:water|sleep|exercise|protein|fiber|fibre|caffeine|alcohol|sugar|salt|coffee|screen time) (?:should|do|does|can|is)|should i see a doctor|see a doctor|lose (?:\d+ )?(?:pounds|lbs|kg|kilos|kilograms|weight|belly fat)|gain (?:\d+ )?(?:pounds|lbs|kg|weight|muscle)|go to the doctor|how many hours of sleep|(?:bumped|hit|banged|hurt|injured|twisted|sprained|broke|broken|bruised|burned|burnt|scraped|jammed|pulled|strained|stubbed) (?:his|her|my|their|your|a) (?:head|arm|leg|wrist|ankle|knee|back|neck|finger|toe|shoulder|hand|foot|nose|rib|ribs|hip|elbow|eye|face|lip|tooth))\b/);

export interface TopicSignal {
    clinical: number;
    setting: number;
    offTopic: number;
    /** Of the clinical count, terms from the policy file's allowed terms (local system names). */
    institutionTerms: number;
}

/** A word whose ending or prefix marks a medical term ("nephritis", "cardiomyopathy"), exceptions aside. */
function isMedicalWordForm(t: string): boolean {
    if (t.length >= 6 && (CLINICAL_ENDINGS.test(t) || EXTRA_CLINICAL_ENDINGS.test(t)) && !ENDING_EXCEPTIONS.has(t) && !MORPHOLOGY_EXCEPTIONS.has(t)) return true;
    return t.length >= 7 && CLINICAL_PREFIXES.test(t);
}

/** Counts health and off-topic vocabulary in normalised text (plus institution terms from the policy file). */
export function topicSignal(norm: string, extraClinicalTerms: readonly string[] = []): TopicSignal {
    const tokens = norm.replace(/ \. /g, " ").split(" ").filter((w) => w.length > 0);
    // Words repeat (a long message, a crafted one most of all): each distinct word is looked up once, in every set.
    const kinds = new Map<string, number>();
    for (const t of tokens) if (!kinds.has(t)) kinds.set(t, wordKind(t));
    let clinical = count(tokens, kinds, CLINICAL, 0);
    for (const t of tokens) clinical += (kinds.get(t)! & MEDICAL_FORM) !== 0 ? 1 : 0;
    const padded = ` ${norm} `;
    let institutionTerms = 0;
    for (const term of extraClinicalTerms) if (term && padded.includes(` ${term} `)) institutionTerms++;
    clinical += institutionTerms;
    if (EPONYM_TERM.test(norm)) clinical++;
    if (HEALTH_QUESTION.test(norm)) clinical++;
    return {clinical, setting: count(tokens, kinds, SETTING, 1), offTopic: count(tokens, kinds, OFF_TOPIC, 2), institutionTerms};
}

/**
 * `topicSignal` of a message, computed once however many readers ask (the scope rules and the classifier's
 * findings both need it for every decision).
 */
export function memoizedTopicSignal(extraClinicalTerms: readonly string[] = []): (t: AnalyzedText) => TopicSignal {
    const signals = new WeakMap<AnalyzedText, TopicSignal>();
    return (t) => {
        let s = signals.get(t);
        if (!s) signals.set(t, s = topicSignal(t.norm, extraClinicalTerms));
        return s;
    };
}
