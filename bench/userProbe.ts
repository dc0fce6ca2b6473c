/**
 * Fresh-process baselines for the user-level figures (`npm run bench`, section 5):
 *
 *   node userProbe.js raw-ask MODEL THREADS CONTEXT MAX_TOKENS SEED QUESTION
 *       a minimal node-llama-cpp script doing what `med42 ask "QUESTION"` does: load the model, one context, a
 *       LlamaChatSession with the Med42 system prompt and Llama-3 chat format, Med42's sampling, the answer streamed
 *       to stdout;
 *   node userProbe.js raw-load MODEL THREADS CONTEXT      the same script, stopping once it could take a question;
 *   node userProbe.js core-load MODEL THREADS CONTEXT     `med42 ask`'s core (Med42Assistant, its options) loading it.
 *
 * The load modes print one JSON line on stdout: {loadMs, readyMs} (the load alone; process start to ready). Each
 * mode imports only what it needs, so the process start costs what that program's start costs.
 */

interface LoadTimes {
    /** ms of the model load (and for the core, priming the system prompt), measured inside the process. */
    loadMs: number;
    /** ms from the process start to ready for a question. */
    readyMs: number;
}

/** Our own (CommonJS) modules, loaded when a mode needs them. */
function load<T>(id: string): T {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(id) as T;
}

async function rawSession(modelPath: string, threads: number, contextSize: number) {
    const {getLlama, LlamaChatSession, Llama3ChatWrapper} = await import("node-llama-cpp");
    const {MED42_SYSTEM_PROMPT} = load<typeof import("../shared/engine/defaults")>("../shared/engine/defaults");
    const started = performance.now();
    const llama = await getLlama({gpu: false, maxThreads: threads, build: "never", progressLogs: false, logLevel: "error" as never});
    const model = await llama.loadModel({modelPath});
    const context = await model.createContext({contextSize, threads});
    const session = new LlamaChatSession({contextSequence: context.getSequence(), systemPrompt: MED42_SYSTEM_PROMPT,
        chatWrapper: new Llama3ChatWrapper()});
    return {session, times: {loadMs: performance.now() - started, readyMs: performance.now()}};
}

async function main(argv: string[]): Promise<void> {
    const [mode, modelPath, threadsArg, contextArg, maxTokensArg, seedArg, question] = argv;
    const threads = Number(threadsArg);
    const contextSize = Number(contextArg);
    if (mode === "raw-ask") {
        const {MED42_SAMPLING} = load<typeof import("../shared/engine/defaults")>("../shared/engine/defaults");
        const {session} = await rawSession(modelPath, threads, contextSize);
        await session.prompt(question, {
            maxTokens: Number(maxTokensArg), temperature: MED42_SAMPLING.temperature, topK: MED42_SAMPLING.topK,
            topP: MED42_SAMPLING.topP, seed: Number(seedArg), onTextChunk: (text) => process.stdout.write(text)
        });
        process.stdout.write("\n");
    } else if (mode === "raw-load") {
        const {times} = await rawSession(modelPath, threads, contextSize);
        process.stdout.write(JSON.stringify(times satisfies LoadTimes) + "\n");
    } else if (mode === "core-load") {
        const {Med42Assistant} = load<typeof import("../shared/assistant")>("../shared/assistant");
        const {askAssistantOptions} = load<typeof import("../cli/commands/ask")>("../cli/commands/ask");
        const started = performance.now();
        // As `med42 ask` makes it (one sequence, nothing primed), without the audit log.
        const assistant = new Med42Assistant(askAssistantOptions({model: modelPath, threads: String(threads),
            contextSize: String(contextSize), audit: false}));
        await assistant.loadModel();
        const times: LoadTimes = {loadMs: performance.now() - started, readyMs: performance.now()};
        process.stdout.write(JSON.stringify(times) + "\n");
        await assistant.dispose();
    } else {
        throw new Error(`unknown mode ${mode}`);
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(() => process.exit(0), (err: unknown) => {
        process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
        process.exit(1);
    });
}

export type {LoadTimes};
