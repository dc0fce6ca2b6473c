/**
 * Med42-v2 defaults, from the model card (m42-health/Llama3-Med42-8B): the system prompt verbatim and the sampling
 * parameters of its usage example. Everything here can be overridden through AssistantOptions.
 */
export const MED42_SYSTEM_PROMPT =
    "You are a helpful, respectful and honest medical assistant. You are a second version of Med42 developed by the AI " +
    "team at M42, UAE. Always answer as helpfully as possible, while being safe. Your answers should not include any " +
    "harmful, unethical, racist, sexist, toxic, dangerous, or illegal content. Please ensure that your responses are " +
    "socially unbiased and positive in nature. If a question does not make any sense, or is not factually coherent, " +
    "explain why instead of answering something not correct. If you don\u2019t know the answer to a question, please " +
    "don\u2019t share false information.";

export const MED42_SAMPLING = {
    temperature: 0.4,
    topK: 150,
    topP: 0.75,
    maxTokens: 512
} as const;

/** Med42-v2's trained context length. */
export const MED42_CONTEXT_SIZE = 8192;

/** Parallel sequences in the one context: concurrent conversations beyond this wait in the FIFO queue. */
export const DEFAULT_SEQUENCES = 2;
