/**
 * Turns a question into the token sequences whose likelihoods are compared, as lm-evaluation-harness does with
 * `--apply_chat_template` for a Llama-3 model:
 *
 * 1. The prompt is the model's chat template applied to [system?, user] with the generation prompt, i.e. the Llama-3
 *    format `<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n{system}<|eot_id|>` ...
 *    `<|start_header_id|>assistant<|end_header_id|>\n\n`. We render it here rather than with node-llama-cpp's
 *    Llama3ChatWrapper because the harness's exact string matters (Jinja `trim` of each turn, one BOS, nothing else:
 *    no default system prompt) and the string must be split precisely where the answer starts.
 * 2. The continuation of option i is `target_delimiter + choice` (" A"). The delimiter is " " (the harness's
 *    default, and what it used with chat templates until v0.4.5, i.e. when Med42-v2 was evaluated); newer harness
 *    versions use "" after a chat template: pass targetDelimiter "" to match them.
 * 3. `_encode_pair`: trailing whitespace of the context moves to the front of the continuation (the template's
 *    "\n\n"), then context+continuation is tokenised as a whole and the continuation is what follows the context's own
 *    token count. Special-token text is parsed, as Hugging Face tokenizers do.
 */
import type {Token} from "node-llama-cpp" with {"resolution-mode": "import"};
import type {McQuestion} from "./tasks";

export type {Token};
/** Tokenises text, parsing special-token text such as <|eot_id|> into the special tokens (no BOS added). */
export type Tokenize = (text: string) => Token[];

export const LLAMA3_TOKENS = {
    bos: "<|begin_of_text|>",
    startHeader: "<|start_header_id|>",
    endHeader: "<|end_header_id|>",
    eot: "<|eot_id|>"
} as const;

export interface ChatTurn { role: "system" | "user"; content: string }

/** Python's str.strip(), which Jinja's `trim` applies to every turn of the Llama-3 template. */
function strip(text: string): string {
    return text.replace(/^\s+|\s+$/g, "");
}

/** The Llama-3 chat template with add_generation_prompt=True, rendered to a string. */
export function renderLlama3Prompt(turns: readonly ChatTurn[]): string {
    const {bos, startHeader, endHeader, eot} = LLAMA3_TOKENS;
    const body = turns.map((t) => `${startHeader}${t.role}${endHeader}\n\n${strip(t.content)}${eot}`).join("");
    return `${bos}${body}${startHeader}assistant${endHeader}\n\n`;
}

export interface EncodedPair { contextTokens: Token[]; continuationTokens: Token[] }

/** lm_eval's `TemplateLM._encode_pair`. */
export function encodePair(context: string, continuation: string, tokenize: Tokenize): EncodedPair {
    const trailing = context.length - context.replace(/\s+$/, "").length;
    if (trailing > 0) {
        continuation = context.slice(context.length - trailing) + continuation;
        context = context.slice(0, context.length - trailing);
    }
    const whole = tokenize(context + continuation);
    const contextTokens = tokenize(context);
    return {contextTokens, continuationTokens: whole.slice(contextTokens.length)};
}

/** What the scorer evaluates for one question: a shared context and one continuation per option. */
export interface LoglikelihoodRequest {
    contextTokens: Token[];
    continuations: Token[][];
}

export interface PromptOptions {
    /** Text between the prompt and each option; default " ". */
    targetDelimiter?: string;
}

export function questionTurns(question: McQuestion): ChatTurn[] {
    return question.system ? [{role: "system", content: question.system}, {role: "user", content: question.user}]
        : [{role: "user", content: question.user}];
}

export function buildLoglikelihoodRequest(question: McQuestion, tokenize: Tokenize, options: PromptOptions = {}): LoglikelihoodRequest {
    const delimiter = options.targetDelimiter ?? " ";
    const context = renderLlama3Prompt(questionTurns(question));
    const pairs = question.choices.map((choice) => encodePair(context, delimiter + choice, tokenize));
    const contextTokens = pairs[0].contextTokens;
    pairs.forEach((pair, i) => {
        if (pair.continuationTokens.length === 0)
            throw new Error(`option ${i + 1} of the question on line ${question.line} tokenises to nothing`);
    });
    return {contextTokens, continuations: pairs.map((p) => p.continuationTokens)};
}
