/**
 * Log-likelihood of each option's tokens as the continuation of a question's prompt, from llama.cpp's token
 * probabilities: loglikelihood(option) = Σ log P(option token i | prompt, option tokens before i).
 *
 * How the work is shared:
 * - KV cache: a question's prompt minus its last token is evaluated once on a sequence; then [last prompt token,
 *   option tokens] are evaluated with the full next-token distribution after each (node-llama-cpp `controlledEvaluate`
 *   with `generateNext.probabilities`, which under greedy sampling is the softmax over the whole vocabulary), the
 *   tokens all options share only once, and erased again afterwards. The next question on that sequence keeps whatever
 *   prefix it shares with the previous one (the chat header, MMLU's system turn).
 * - Batching: the context has several sequences; questions scored concurrently on different sequences are decoded
 *   together in the same llama.cpp batches.
 */
import type {LlamaContext, LlamaContextSequence, LlamaModel} from "node-llama-cpp" with {"resolution-mode": "import"};
import type {LoglikelihoodRequest, Token} from "./promptEncoding";

export interface ScorerOptions {
    /** Questions in flight at once (context sequences). Default 4. */
    parallel?: number;
    /** Tokens per sequence: at least the longest prompt plus its longest option. */
    contextSize: number;
    /** Tokens per llama.cpp batch; default min(2048, contextSize × parallel). */
    batchSize?: number;
    /**
     * Default false. Measured with node-llama-cpp 3.21.1 on the CPU backend: with flash attention the same option's
     * log-likelihood moved by up to 0.009 depending on how its tokens were batched (attention in f16); without it,
     * batched and token-by-token evaluation agree within 5e-5. Scores must not depend on batching.
     */
    flashAttention?: boolean;
}

export interface OptionLoglikelihoods {
    /** One per option, in the request's order; -Infinity when the model gives a token probability 0 (float underflow). */
    loglikelihoods: number[];
    /** Whether every token of the option was the model's most likely next token (the harness's is_greedy). */
    greedy: boolean[];
    /** Prompt tokens dropped from the start because prompt + option exceeded the context (as the harness truncates). */
    truncatedTokens: number;
}

function abortError(signal: AbortSignal): Error {
    return signal.reason instanceof Error ? signal.reason : new DOMException("The operation was aborted", "AbortError");
}

function commonPrefixLength(a: readonly Token[], b: readonly Token[]): number {
    const n = Math.min(a.length, b.length);
    let i = 0;
    while (i < n && a[i] === b[i]) i++;
    return i;
}

export class LoglikelihoodScorer {
    private readonly free: LlamaContextSequence[];
    private readonly waiters: {resolve(sequence: LlamaContextSequence): void}[] = [];
    private disposed = false;

    private constructor(private readonly context: LlamaContext) {
        this.free = [];
        while (context.sequencesLeft > 0) this.free.push(context.getSequence());
    }

    static async create(model: LlamaModel, options: ScorerOptions): Promise<LoglikelihoodScorer> {
        const parallel = Math.max(1, Math.floor(options.parallel ?? 4));
        const contextSize = Math.max(16, Math.ceil(options.contextSize));
        const context = await model.createContext({
            sequences: parallel,
            contextSize,
            batchSize: options.batchSize ?? Math.min(2048, contextSize * parallel),
            flashAttention: options.flashAttention ?? false
        });
        return new LoglikelihoodScorer(context);
    }

    /** Tokens each sequence holds (llama.cpp may round the requested size up). */
    get contextSize(): number {
        return this.context.contextSize;
    }

    async score(request: LoglikelihoodRequest, signal?: AbortSignal): Promise<OptionLoglikelihoods> {
        if (request.continuations.length === 0) throw new Error("a question needs at least one option");
        if (request.continuations.some((c) => c.length === 0)) throw new Error("an option needs at least one token");
        if (request.contextTokens.length === 0) throw new Error("a prompt needs at least one token");
        const sequence = await this.acquire(request.contextTokens, signal);
        try {
            return await this.scoreOn(sequence, request, signal);
        } finally {
            this.release(sequence);
        }
    }

    private async scoreOn(sequence: LlamaContextSequence, request: LoglikelihoodRequest, signal?: AbortSignal): Promise<OptionLoglikelihoods> {
        // node-llama-cpp evaluates at most contextSize - 1 tokens on a sequence. Like the harness, drop prompt tokens
        // from the start when the prompt and an option do not fit together.
        const longest = Math.max(...request.continuations.map((c) => c.length));
        const room = sequence.contextSize - 1;
        const overflow = Math.max(0, request.contextTokens.length + longest - 1 - room);
        if (overflow >= request.contextTokens.length) throw new Error(`an option of ${longest} tokens does not fit in a context of ${sequence.contextSize}`);
        const context = request.contextTokens.slice(overflow);
        const prefix = context.slice(0, -1);
        const lastPromptToken = context[context.length - 1];

        await this.loadPrefix(sequence, prefix, signal);
        try {
            return {...await this.scoreContinuations(sequence, lastPromptToken, request.continuations, signal), truncatedTokens: overflow};
        } finally {
            await sequence.eraseContextTokenRanges([{start: prefix.length, end: sequence.nextTokenIndex}]);
        }
    }

    /**
     * With the sequence holding the prompt minus its last token: the options' leading tokens that all of them share
     * ("\n\n" before " A", " B", ...) are evaluated once, and the distribution after them gives every option's next
     * token; only an option's further tokens are evaluated for it alone (and erased again). For single-token letter
     * options that is two next-token distributions per question instead of two per option: each full-vocabulary
     * distribution costs far more than evaluating a token (measured ~0.27 s for Llama-3's 128,256 tokens on a busy
     * 2-core CPU, most of it building the JavaScript Map).
     */
    private async scoreContinuations(sequence: LlamaContextSequence, lastPromptToken: Token, continuations: readonly (readonly Token[])[],
        signal?: AbortSignal): Promise<Omit<OptionLoglikelihoods, "truncatedTokens">> {
        const withProbabilities = (tokens: readonly Token[]) => tokens.map((token) => [token, {generateNext: {probabilities: true}}] as [Token, {generateNext: {probabilities: true}}]);
        const distributionsAfter = async (tokens: readonly Token[]) => {
            const outputs = await sequence.controlledEvaluate(withProbabilities(tokens));
            return tokens.map((_, i) => {
                const probabilities = outputs[i]?.next.probabilities;
                if (!probabilities) throw new Error("llama.cpp returned no token probabilities");
                return probabilities;
            });
        };
        // Tokens every option starts with, leaving each option at least its last token to be read from a distribution.
        let shared = Math.min(...continuations.map((c) => c.length)) - 1;
        for (const c of continuations) shared = Math.min(shared, commonPrefixLength(c, continuations[0]));
        const base = sequence.nextTokenIndex;
        // sharedDistributions[i] is the distribution of the option token at position i, for i <= shared.
        const sharedDistributions = await distributionsAfter([lastPromptToken, ...continuations[0].slice(0, shared)]);

        const loglikelihoods: number[] = [];
        const greedy: boolean[] = [];
        for (const continuation of continuations) {
            if (signal?.aborted) throw abortError(signal);
            const own = continuation.slice(shared + 1, continuation.length);
            const distributions = [...sharedDistributions];
            if (own.length > 0) {
                // The option's own tokens but its last: their distributions give its remaining tokens.
                distributions.push(...await distributionsAfter(continuation.slice(shared, -1)));
                await sequence.eraseContextTokenRanges([{start: base + shared + 1, end: sequence.nextTokenIndex}]);
            }
            let sum = 0;
            let allGreedy = true;
            continuation.forEach((token, i) => {
                sum += Math.log(distributions[i].get(token) ?? 0);
                if (distributions[i].keys().next().value !== token) allGreedy = false;
            });
            loglikelihoods.push(sum);
            greedy.push(allGreedy);
        }
        return {loglikelihoods, greedy};
    }

    /** Makes the sequence hold exactly `prefix`, keeping whatever it already shares with it. */
    private async loadPrefix(sequence: LlamaContextSequence, prefix: readonly Token[], signal?: AbortSignal): Promise<void> {
        const held = sequence.contextTokens;
        const shared = commonPrefixLength(held, prefix);
        if (shared === 0 && held.length > 0) await sequence.clearHistory();
        else if (shared < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{start: shared, end: sequence.nextTokenIndex}]);
        if (signal?.aborted) throw abortError(signal);
        if (shared < prefix.length) await sequence.controlledEvaluate(prefix.slice(shared));
    }

    /** A free sequence, preferring the one that already holds the longest part of this prompt. */
    private acquire(prompt: readonly Token[], signal?: AbortSignal): Promise<LlamaContextSequence> {
        if (this.disposed) return Promise.reject(new Error("the scorer is disposed"));
        if (signal?.aborted) return Promise.reject(abortError(signal));
        if (this.free.length > 0) {
            let best = 0;
            let bestShared = -1;
            this.free.forEach((sequence, i) => {
                const shared = commonPrefixLength(sequence.contextTokens, prompt);
                if (shared > bestShared) { best = i; bestShared = shared; }
            });
            return Promise.resolve(this.free.splice(best, 1)[0]);
        }
        return new Promise((resolve, reject) => {
            const waiter = {
                resolve: (sequence: LlamaContextSequence) => {
                    signal?.removeEventListener("abort", onAbort);
                    resolve(sequence);
                }
            };
            const onAbort = () => {
                const i = this.waiters.indexOf(waiter);
                if (i >= 0) this.waiters.splice(i, 1);
                reject(abortError(signal!));
            };
            signal?.addEventListener("abort", onAbort, {once: true});
            this.waiters.push(waiter);
        });
    }

    private release(sequence: LlamaContextSequence): void {
        const waiter = this.waiters.shift();
        if (waiter) waiter.resolve(sequence);
        else this.free.push(sequence);
    }

    async dispose(): Promise<void> {
        if (this.disposed) return;
        this.disposed = true;
        await this.context.dispose();
    }
}
