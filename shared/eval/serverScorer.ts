/**
 * `med42 eval --server URL`: the same questions, prompts and metrics as the local scorer, with the log-likelihoods
 * from a model server, the way lm-evaluation-harness's `local-completions` model gets them: for each option, POST
 * /v1/completions with the prompt and the option as token ids, `max_tokens: 1`, `logprobs: 1`, `echo: true`,
 * `temperature: 0`; the option's log-likelihood is the sum of the echoed prompt's token log-probabilities over the
 * option's tokens, and it is greedy when each of its tokens is the most likely one (`top_logprobs`).
 *
 * The prompt is tokenized by the server's own tokenizer (/tokenize, special-token text parsed, no BOS added: the
 * rendered prompt starts with <|begin_of_text|> itself), so the token ids are those of the served model.
 * vLLM returns prompt log-probabilities; a server that cannot (llama-server ignores `echo` and returns only the
 * generated token's) is refused with an error naming what it lacks, before any question is scored.
 */
import type {ModelServer} from "../engine/server/modelServer";
import type {ServerOptions} from "../engine/server/serverConfig";
import {ModelServerError} from "../engine/server/serverErrors";
import {ServerPool} from "../engine/server/serverPool";
import type {RunEvalResult} from "./evalRunner";
import {scoreQuestion} from "./metrics";
import {buildLoglikelihoodRequest, LLAMA3_TOKENS, type LoglikelihoodRequest, type PromptOptions, type Token} from "./promptEncoding";
import {toJsonLoglikelihood, type SampleRecord} from "./resultsFile";
import type {McQuestion} from "./tasks";

export interface ServerEvalOptions extends PromptOptions {
    questions: readonly McQuestion[];
    alreadyScored?: ReadonlySet<number>;
    /** Requests in flight at once; default 4. */
    parallel?: number;
    signal?: AbortSignal;
    onStart?(toScore: number): void;
    onSample?(sample: SampleRecord): void;
}

interface Logprobs {
    token_logprobs?: Array<number | null>;
    top_logprobs?: Array<Record<string, number> | null>;
    content?: unknown;
}

/** Scores options through a pool of model servers. */
export class ServerLoglikelihoodScorer {
    private readonly tokens = new Map<string, Token[]>();

    private constructor(readonly pool: ServerPool) {}

    /** Connects and checks that the served model speaks Llama 3's chat format and returns prompt log-probabilities. */
    static async connect(server: ServerOptions, signal?: AbortSignal): Promise<ServerLoglikelihoodScorer> {
        const scorer = new ServerLoglikelihoodScorer(new ServerPool(server));
        try {
            await scorer.pool.start(signal);
            await scorer.checkChatTokens(signal);
            await scorer.checkPromptLogprobs(signal);
            return scorer;
        } catch (err) {
            scorer.dispose();
            throw err;
        }
    }

    get model(): string { return this.pool.model!; }
    get label(): string { return this.pool.servers.map((s) => s.label).join(", "); }

    private async tokenize(text: string, signal?: AbortSignal): Promise<Token[]> {
        const cached = this.tokens.get(text);
        if (cached) return cached;
        const server = this.pool.anyHealthy();
        const ids = server ? await server.tokenize(text, this.model, signal) : undefined;
        if (!ids) {
            throw new ModelServerError("unsupported", `The model server at ${this.label} has no tokenizer endpoint (/tokenize): med42 eval ` +
                "--server needs the served model's token ids to build the harness's prompts (vLLM and llama-server have one).", this.label);
        }
        const tokens = ids as Token[];
        this.tokens.set(text, tokens);
        return tokens;
    }

    private async checkChatTokens(signal?: AbortSignal): Promise<void> {
        const missing: string[] = [];
        for (const special of Object.values(LLAMA3_TOKENS)) if ((await this.tokenize(special, signal)).length !== 1) missing.push(special);
        if (missing.length > 0) {
            throw new ModelServerError("unsupported", `The model "${this.model}" on ${this.label} has no Llama-3 chat tokens (${missing.join(", ")}): ` +
                "med42 eval scores prompts in Med42-v2's Llama-3 chat format and needs a Llama-3-based model.", this.label);
        }
    }

    /** One tiny request first: a server without prompt log-probabilities is refused before any question is scored. */
    private async checkPromptLogprobs(signal?: AbortSignal): Promise<void> {
        const prompt = await this.tokenize(`${LLAMA3_TOKENS.bos}Hello world`, signal);
        await this.pool.run({signal}, (server) => this.promptLogprobs(server, prompt, signal));
    }

    /** The echoed prompt's token log-probabilities (index i: log P(token i | tokens before i)). */
    private async promptLogprobs(server: ModelServer, prompt: readonly Token[], signal?: AbortSignal):
        Promise<{logprobs: number[]; top: Array<Record<string, number> | null>}> {
        let response: {choices?: Array<{logprobs?: Logprobs | null}>};
        try {
            response = await server.send(() => server.api.completions.create({
                model: this.model, prompt: [...prompt] as number[], max_tokens: 1, logprobs: 1, echo: true, temperature: 0
            }, {signal})) as typeof response;
        } catch (err) {
            if ((err as {status?: number}).status === 400 || (err as {status?: number}).status === 404 || (err as {status?: number}).status === 422) {
                throw new ModelServerError("unsupported", `The model server at ${server.label} rejected a /v1/completions request with echo and ` +
                    `logprobs (${err instanceof Error ? err.message : err}): med42 eval --server needs prompt log-probabilities, ` +
                    "which vLLM returns; or run med42 eval locally with the model's GGUF file.", server.label, {cause: err});
            }
            throw err;
        }
        const lp = response.choices?.[0]?.logprobs;
        const values = lp?.token_logprobs;
        if (!Array.isArray(values) || values.length < prompt.length) {
            const what = lp && "content" in lp ? "log-probabilities of the generated token only (it ignores `echo`)"
                : lp ? `${values?.length ?? 0} log-probabilities for a ${prompt.length}-token prompt` : "no log-probabilities";
            throw new ModelServerError("unsupported", `The model server at ${server.label}${server.kind ? ` (${server.kind})` : ""} cannot return ` +
                `log-probabilities of the prompt: asked for them with \`echo\` + \`logprobs\` on /v1/completions, it returned ${what}. ` +
                "med42 eval --server needs them (vLLM returns them); or run med42 eval locally with the model's GGUF file.", server.label);
        }
        return {logprobs: values.slice(0, prompt.length).map((v) => (v === null ? NaN : v)), top: lp!.top_logprobs ?? []};
    }

    /** The harness's request for a question, tokenized by the server (every distinct string once). */
    async request(question: McQuestion, options: PromptOptions, signal?: AbortSignal): Promise<LoglikelihoodRequest> {
        // buildLoglikelihoodRequest tokenizes synchronously: answer from the cache, fetch what it asked for, try again.
        for (let pass = 0; pass < 3; pass++) {
            const wanted: string[] = [];
            const tokenize = (text: string): Token[] => {
                const t = this.tokens.get(text);
                if (t) return t;
                wanted.push(text);
                return [];
            };
            let request: LoglikelihoodRequest | undefined;
            try {
                request = buildLoglikelihoodRequest(question, tokenize, options);
            } catch (err) {
                if (wanted.length === 0) throw err;
            }
            if (wanted.length === 0 && request) return request;
            for (const text of wanted) await this.tokenize(text, signal);
        }
        throw new Error("could not tokenize the question");
    }

    /** Log-likelihood and greediness of each option, one /v1/completions request per option (as the harness). */
    async score(request: LoglikelihoodRequest, signal?: AbortSignal): Promise<{loglikelihoods: number[]; greedy: boolean[]}> {
        const ctx = request.contextTokens.length;
        const out = await Promise.all(request.continuations.map((continuation) => this.pool.run({signal}, async (server) => {
            const {logprobs, top} = await this.promptLogprobs(server, [...request.contextTokens, ...continuation], signal);
            let sum = 0;
            let greedy = true;
            for (let i = ctx; i < ctx + continuation.length; i++) {
                sum += logprobs[i];
                const best = top[i] ? Math.max(...Object.values(top[i]!)) : undefined;
                if (best === undefined || logprobs[i] < best) greedy = false;
            }
            return {ll: Number.isNaN(sum) ? -Infinity : sum, greedy};
        })));
        return {loglikelihoods: out.map((o) => o.ll), greedy: out.map((o) => o.greedy)};
    }

    dispose(): void {
        this.pool.dispose();
    }
}

/** Scores the questions not already scored, `parallel` at a time; an abort keeps every finished question. */
export async function runServerEval(scorer: ServerLoglikelihoodScorer, options: ServerEvalOptions): Promise<RunEvalResult> {
    const todo = options.questions.filter((q) => !options.alreadyScored?.has(q.index));
    const samples: SampleRecord[] = [];
    if (todo.length === 0) return {samples, aborted: false};
    options.onStart?.(todo.length);
    let next = 0;
    let failure: unknown;
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, {once: true});
    const worker = async () => {
        while (!stop.signal.aborted) {
            const i = next++;
            if (i >= todo.length) return;
            const question = todo[i];
            try {
                const request = await scorer.request(question, options, stop.signal);
                const result = await scorer.score(request, stop.signal);
                const sample: SampleRecord = {
                    index: question.index, line: question.line, ...(question.sourceId != null ? {sourceId: question.sourceId} : {}),
                    gold: question.gold, choices: question.choices, loglikelihoods: result.loglikelihoods.map(toJsonLoglikelihood),
                    greedy: result.greedy, ...scoreQuestion(result.loglikelihoods, question.choices, question.gold),
                    contextTokens: request.contextTokens.length, truncatedTokens: 0
                };
                samples.push(sample);
                options.onSample?.(sample);
            } catch (err) {
                if (!stop.signal.aborted) { failure ??= err; stop.abort(); }
                return;
            }
        }
    };
    try {
        await Promise.all(Array.from({length: Math.max(1, Math.min(options.parallel ?? 4, todo.length))}, worker));
    } finally {
        options.signal?.removeEventListener("abort", onAbort);
    }
    if (failure !== undefined) throw failure;
    return {samples, aborted: samples.length < todo.length};
}
