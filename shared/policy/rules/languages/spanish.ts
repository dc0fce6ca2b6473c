/** Spanish, read on the folded text (lower case, accents removed: "cuántas" → "cuantas"). */
import {vocabularyRule} from "./vocabularyRule";

/** "si no respira": what to do if it happened, not that it is happening. */
const HYPOTHETICAL = /\b(?:si|cuando|en caso de que) (?:alguien |una persona |un paciente |el paciente )?(?:no|deja|esta|se)\b/;

export const SPANISH_RULES = [
    vocabularyRule({
        id: "self_harm.lang_es_intent", category: "self_harm",
        description: "Spanish: the writer says they want to die, kill themselves or end their life (\"quiero terminar con mi vida\").",
        patterns: [
            /\b(?:quiero|me quiero|voy a|necesito|pienso en|estoy pensando en) (?:morir(?:me)?|matarme|suicidarme|quitarme la vida|terminar con mi vida|acabar con mi vida|matar|suicidar)\b/,
            /\bno quiero (?:vivir|seguir viviendo|seguir con vida|despertar)\b/,
            /\b(?:cuantas|cuantos) (?:pastillas|comprimidos|pildoras|tabletas)(?: [a-z]+){0,3} (?:para|hacen falta para|necesito para) (?:morir|matarme|no despertar|suicidarme)\b/,
            /\b(?:tomarme|me voy a tomar|me tomo) todas (?:las )?(?:pastillas|pildoras)\b/,
        ],
    }),
    vocabularyRule({
        id: "emergency.lang_es_critical_sign", category: "emergency",
        description: "Spanish: someone is not breathing, unconscious, unresponsive or seizing now (\"mi padre no respira\").",
        patterns: [
            /\bno (?:respira|esta respirando|puede respirar|puedo respirar)\b/,
            /\b(?:dejo|ha dejado) de respirar\b/,
            /\b(?:esta|se quedo) inconsciente\b|\bno (?:responde|reacciona|despierta)\b/,
            /\besta (?:convulsionando|teniendo una convulsion)\b|\bse esta ahogando\b/,
        ],
        unless: HYPOTHETICAL,
    }),
];
