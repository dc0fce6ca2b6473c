/**
 * User-level figures of `npm run bench` (sections 5 and 6): what a person waits for, measured from outside.
 *
 * - `med42 ask "…"` as a child process, from its start to the first answer byte on stdout, against a minimal
 *   node-llama-cpp script doing the same (userProbe.ts raw-ask), both after a warm-up run (warm page cache); the
 *   model load of each is measured separately in fresh processes.
 * - The Slack bot (real Bolt in Socket Mode, the real core, the loopback fake Slack): from the event sent to the
 *   first Slack call that carries answer text, against the core's own first text for that request and a bare
 *   LlamaChatSession answering the same question in the same process.
 * - A long note summarised through the core (`med42 summarize`'s path), its parts one at a time (as before issue
 *   17) and side by side: total time, the first visible progress, the first part's summary, the first summary text.
 *
 * The VS Code extension host is not measured here: it needs a VS Code server with a browser (the UI tests start
 * code-server and Chromium, about a minute and a gigabyte), too heavy for a benchmark run; see docs/performance.md.
 */
import {spawn} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {Med42Assistant} from "../shared/assistant";
import type {ChatBackend, GenerateRequest, GenerateResult} from "../shared/engine/chatBackend";
import {MED42_SAMPLING, MED42_SYSTEM_PROMPT} from "../shared/engine/defaults";
import {LlamaCppBackend} from "../shared/engine/llamaCppBackend";
import {importNodeLlamaCpp} from "../shared/engine/llamaRuntime";
import {createSlackBot} from "../slack-bot/app";
import {FakeSlack, type RecordedCall} from "../test/support/fakeSlack";
import {question} from "./benchmark";
import {EvalTrace} from "./evalTrace";
import {median, ratio} from "./stats";
import type {LoadTimes} from "./userProbe";

const PROBE = path.join(__dirname, "userProbe.js");
const MED42_BIN = path.resolve(__dirname, "../../bin/med42.js");
const QUESTION = "What are the first-line treatments for hypertension in adults?";
const now = () => performance.now();

export interface UserLevelOptions {
    modelPath: string;
    threads: number;
    reps: number;
    warmup: number;
    /** Tokens generated per answer. */
    maxTokens: number;
    /** Tokens per conversation, as the products use by default. */
    contextSize: number;
    /** The `med42` to run (default: this checkout's bin/med42.js; another checkout's for a before/after). */
    med42Bin?: string;
    log: (line: string) => void;
}

export interface AskFigure {
    /** Median ms from the process start to the first answer byte on stdout. */
    rawFirstByteMs: number;
    cliFirstByteMs: number;
    /** Median ms in a fresh process: the model load alone, and the process start to ready for a question. */
    rawLoad: LoadTimes;
    coreLoad: LoadTimes;
    /** First answer byte minus ready, medians: what the question itself costs once the model is in memory. */
    rawAfterReadyMs: number;
    cliAfterReadyMs: number;
    firstByteRatio: number;
    samples: {raw: number[]; cli: number[]; rawLoad: LoadTimes[]; coreLoad: LoadTimes[]};
}

export interface SlackFigure {
    /** Median ms from the event sent to the first Slack call carrying answer text. */
    firstAnswerTextMs: number;
    /** Median ms from the event sent to the model's first text for that request (in the engine). */
    coreFirstTextMs: number;
    /** Median of (first answer text in Slack − the core's first text): what the bot adds after the model. */
    botAddsMs: number;
    /** Median time to first token of a bare LlamaChatSession on the same question in the same process. */
    rawTtftMs: number;
    /** firstAnswerTextMs / rawTtftMs. */
    ratioToRaw: number;
    /** The Slack method that carried the first answer text, per sample. */
    firstCalls: string[];
    samples: {firstAnswerTextMs: number[]; coreFirstTextMs: number[]; rawTtftMs: number[]};
}

/** The time a child process took to write its first stdout byte, and to exit. */
function firstStdoutByte(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{firstByteMs: number; totalMs: number; stdout: string}> {
    return new Promise((resolve, reject) => {
        const started = now();
        let first = NaN;
        let stdout = "";
        let stderr = "";
        const child = spawn(command, args, {env: {...process.env, ...env}, stdio: ["ignore", "pipe", "pipe"]});
        child.stdout.on("data", (d: Buffer) => {
            if (Number.isNaN(first) && d.length > 0) first = now() - started;
            stdout += d;
        });
        child.stderr.on("data", (d: Buffer) => { stderr += d; });
        child.on("error", reject);
        child.on("close", (code) => {
            if (code !== 0) reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}: ${stderr.trim().slice(-1500)}`));
            else resolve({firstByteMs: first, totalMs: now() - started, stdout});
        });
    });
}

async function loadTimes(mode: "raw-load" | "core-load", o: UserLevelOptions): Promise<LoadTimes> {
    const r = await firstStdoutByte(process.execPath, [PROBE, mode, o.modelPath, String(o.threads), String(o.contextSize)]);
    return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as LoadTimes;
}

/** `med42 ask` against a minimal raw node-llama-cpp script, each in fresh processes, interleaved. */
export async function measureAsk(o: UserLevelOptions): Promise<AskFigure> {
    const auditDir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-bench-audit-"));
    const seed = 7;
    try {
        const raw: number[] = [];
        const cli: number[] = [];
        for (let i = -o.warmup; i < o.reps; i++) {
            const order = i % 2 === 0 ? ["raw", "cli"] : ["cli", "raw"];
            for (const side of order) {
                const r = side === "raw"
                    ? await firstStdoutByte(process.execPath, [PROBE, "raw-ask", o.modelPath, String(o.threads), String(o.contextSize),
                        String(o.maxTokens), String(seed), QUESTION])
                    // As a user types it, with the model, threads and answer length of the comparison; the audit log
                    // is written as by default, into a throwaway folder.
                    : await firstStdoutByte(process.execPath, [o.med42Bin ?? MED42_BIN, "ask", "--model", o.modelPath, "--threads", String(o.threads),
                        "--context-size", String(o.contextSize), "--max-tokens", String(o.maxTokens), "--seed", String(seed), QUESTION],
                    {MED42_AUDIT_DB: path.join(auditDir, "audit.sqlite")});
                if (i >= 0) (side === "raw" ? raw : cli).push(r.firstByteMs);
            }
        }
        const rawLoad: LoadTimes[] = [];
        const coreLoad: LoadTimes[] = [];
        for (let i = 0; i < o.reps; i++) {
            rawLoad.push(await loadTimes("raw-load", o));
            coreLoad.push(await loadTimes("core-load", o));
        }
        const med = (l: LoadTimes[]): LoadTimes => ({loadMs: median(l.map((x) => x.loadMs)), readyMs: median(l.map((x) => x.readyMs))});
        const rawL = med(rawLoad);
        const coreL = med(coreLoad);
        return {
            rawFirstByteMs: median(raw), cliFirstByteMs: median(cli), rawLoad: rawL, coreLoad: coreL,
            rawAfterReadyMs: median(raw) - rawL.readyMs, cliAfterReadyMs: median(cli) - coreL.readyMs,
            firstByteRatio: ratio(median(cli), median(raw)), samples: {raw, cli, rawLoad, coreLoad}
        };
    } finally {
        fs.rmSync(auditDir, {recursive: true, force: true});
    }
}

/** True for a Slack call that shows answer text (not a status, a control message or a reaction). */
function carriesAnswerText(call: RecordedCall): boolean {
    const a = call.args;
    const chunkText = (a.chunks as {type?: string; text?: string}[] | undefined)?.some((c) => c.type === "markdown_text" && c.text);
    switch (call.method) {
        case "chat.startStream": case "chat.appendStream": case "chat.stopStream":
            return Boolean(chunkText || a.markdown_text);
        case "chat.postMessage": case "chat.update":
            return !a.metadata && typeof a.text === "string" && a.text.trim() !== "";
        default:
            return false;
    }
}

/** The bot's engine, noting (Date.now()) when the model produced the first text of the latest request. */
class TimedBackend implements ChatBackend {
    firstText?: number;
    constructor(readonly inner: LlamaCppBackend) {}
    get modelDescription(): string { return this.inner.modelDescription; }
    get contextSize(): number { return this.inner.contextSize; }
    get parallelSequences(): number | undefined { return this.inner.parallelSequences; }
    load(signal?: AbortSignal): Promise<void> { return this.inner.load(signal); }
    countTokens(text: string): Promise<number> { return this.inner.countTokens(text); }
    dispose(): Promise<void> { return this.inner.dispose(); }
    generate(req: GenerateRequest): Promise<GenerateResult> {
        return this.inner.generate({...req, onText: (text) => {
            if (this.firstText === undefined && text) this.firstText = Date.now();
            req.onText?.(text);
        }});
    }
}

/** The Slack bot: event sent → first answer text in Slack, against the core and a bare LlamaChatSession. */
export async function measureSlack(o: UserLevelOptions): Promise<SlackFigure> {
    const {LlamaChatSession, Llama3ChatWrapper} = await importNodeLlamaCpp();
    const engine = new LlamaCppBackend({modelPath: o.modelPath, gpu: "cpu", threads: o.threads, contextSize: o.contextSize});
    const timed = new TimedBackend(engine);
    const core = new Med42Assistant({backend: timed, auditDb: false, sampling: {maxTokens: o.maxTokens, seed: 7}});
    await core.loadModel();
    const rawContext = await engine.model!.createContext({contextSize: o.contextSize, sequences: 1, threads: o.threads});
    const rawSequence = rawContext.getSequence();
    const trace = new EvalTrace();
    trace.watch(engine.context, "core");
    trace.watch(rawContext, "raw");
    const fake = new FakeSlack();
    await fake.start();
    const channel = "C0BENCH";
    fake.join(channel);
    const quiet = {debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => "error", setName() {}};
    const bot = await createSlackBot({assistant: core, botToken: fake.botToken, appToken: fake.appToken, slackApiUrl: fake.apiUrl,
        retryConfig: {retries: 0}, logger: quiet as never, settings: {shutdownGraceMs: 5_000}});
    await bot.start();
    const samples = {firstAnswerTextMs: [] as number[], coreFirstTextMs: [] as number[], rawTtftMs: [] as number[]};
    const firstCalls: string[] = [];
    try {
        for (let i = -o.warmup; i < o.reps; i++) {
            // A new question each time (a repeated one would come from the raw session's cache), 64 characters.
            const q = question(i + o.warmup + 6, 64);
            // A bare LlamaChatSession on the same question (as section 1's raw side).
            await trace.settleThreads();
            const session = new LlamaChatSession({contextSequence: rawSequence, systemPrompt: MED42_SYSTEM_PROMPT,
                chatWrapper: new Llama3ChatWrapper(), autoDisposeSequence: false});
            const rawStart = now();
            let rawFirst = NaN;
            await session.prompt(q, {maxTokens: o.maxTokens, temperature: MED42_SAMPLING.temperature, topK: MED42_SAMPLING.topK,
                topP: MED42_SAMPLING.topP, seed: 7, onTextChunk: () => { if (Number.isNaN(rawFirst)) rawFirst = now() - rawStart; }});
            session.dispose({disposeSequence: false});

            await trace.settleThreads();
            timed.firstText = undefined;
            const from = fake.calls.length;
            const sent = Date.now();
            await fake.sendEvent(fake.userMessage("app_mention", {channel, user: "U0BENCH", text: `<@${fake.botUserId}> ${q}`}));
            await fake.waitUntil(() => fake.unacknowledged === 0 && bot.context.pendingTasks === 0, 10 * 60_000, "the answer");
            const first = fake.calls.slice(from).find(carriesAnswerText);
            if (i < 0) continue;
            samples.rawTtftMs.push(rawFirst);
            samples.firstAnswerTextMs.push(first ? first.at - sent : NaN);
            samples.coreFirstTextMs.push(timed.firstText !== undefined ? timed.firstText - sent : NaN);
            firstCalls.push(first?.method ?? "none");
        }
    } finally {
        await bot.stop({graceMs: 5_000});
        await fake.stop();
        trace.dispose();
        await rawContext.dispose();
        await core.dispose();
    }
    const botAdds = samples.firstAnswerTextMs.map((t, i) => t - samples.coreFirstTextMs[i]);
    return {
        firstAnswerTextMs: median(samples.firstAnswerTextMs), coreFirstTextMs: median(samples.coreFirstTextMs),
        botAddsMs: median(botAdds), rawTtftMs: median(samples.rawTtftMs),
        ratioToRaw: ratio(median(samples.firstAnswerTextMs), median(samples.rawTtftMs)), firstCalls, samples
    };
}

export interface SummaryOptions {
    modelPath: string;
    threads: number;
    /** Characters of the note (default 20,000: a long discharge note, about 5,000 tokens with Med42's tokenizer). */
    chars: number;
    /** Most tokens per pass (the product's default is 512). */
    maxTokens: number;
    /** Tokens per sequence and sequences, as `med42 summarize` uses them by default (8192 × 2). */
    contextSize: number;
    sequences: number;
    log: (line: string) => void;
}

export interface SummaryRun {
    /** "one part at a time": the map step before issue 17; "side by side": now. */
    mode: "one part at a time" | "side by side";
    totalMs: number;
    /** First progress a user could read: a percentage of at least 1% (side by side) or the first part done (before). */
    firstVisibleMs: number;
    /** The first part's summary done. */
    firstPartMs: number;
    /** The first text of the final summary. */
    firstTextMs: number;
    passes: number;
    chunks: number;
    completionTokens: number;
}

export interface SummaryFigure {
    noteChars: number;
    /** The note's tokens with the benchmarked model's tokenizer. */
    noteTokens: number;
    runs: SummaryRun[];
    /** one part at a time ÷ side by side, total time. */
    speedup: number;
}

/** A long discharge note of about `chars` characters, the same every time. */
export function dischargeNote(chars: number): string {
    const days = [
        "Afebrile overnight; heart rate 88, blood pressure 132/78, saturation 95% on room air.",
        "Creatinine 1.4 mg/dL (baseline 1.1); encouraged oral fluids; metformin held.",
        "Sputum culture grew Streptococcus pneumoniae sensitive to amoxicillin; ceftriaxone changed to oral amoxicillin.",
        "Mobilising with physiotherapy; walked 40 metres with a frame; no falls.",
        "Glucose 6.8 to 11.2 mmol/L on basal insulin; diabetes nurse reviewed technique.",
        "Family meeting: daughter updated; discharge home with district nurse visits planned.",
        "INR 2.4 on warfarin for atrial fibrillation; dose unchanged; rate controlled on bisoprolol.",
        "Chest radiograph: improving right lower lobe consolidation, no effusion."
    ];
    const head = "DISCHARGE SUMMARY\nPatient: 78-year-old man. Admitted with community-acquired pneumonia (CURB-65 score 2), " +
        "acute kidney injury and poorly controlled type 2 diabetes. Background: atrial fibrillation, chronic kidney disease " +
        "stage 3a, hypertension, osteoarthritis.\n\n";
    let out = head;
    for (let day = 1; out.length < chars; day++) {
        const lines = days.map((d, i) => days[(i + day) % days.length]).slice(0, 4 + (day % 4));
        out += `Day ${day}:\n${lines.join("\n")}\n\n`;
    }
    return out.slice(0, chars);
}

/** Reports what the backend can run side by side as `parallel` (1 reproduces the map step before issue 17). */
class ParallelismBackend implements ChatBackend {
    parallel?: number;
    constructor(readonly inner: LlamaCppBackend) {}
    get modelDescription(): string { return this.inner.modelDescription; }
    get contextSize(): number { return this.inner.contextSize; }
    get parallelSequences(): number | undefined { return this.parallel ?? this.inner.parallelSequences; }
    load(signal?: AbortSignal): Promise<void> { return this.inner.load(signal); }
    countTokens(text: string): Promise<number> { return this.inner.countTokens(text); }
    dispose(): Promise<void> { return this.inner.dispose(); }
    generate(req: GenerateRequest): Promise<GenerateResult> { return this.inner.generate(req); }
}

/** A long note summarised through the core, the parts one at a time and side by side. */
export async function measureSummary(o: SummaryOptions): Promise<SummaryFigure> {
    const engine = new LlamaCppBackend({modelPath: o.modelPath, gpu: "cpu", threads: o.threads, contextSize: o.contextSize,
        sequences: o.sequences});
    const backend = new ParallelismBackend(engine);
    const assistant = new Med42Assistant({backend, auditDb: false, sampling: {maxTokens: o.maxTokens, seed: 11}});
    const note = dischargeNote(o.chars);
    const runs: SummaryRun[] = [];
    try {
        await assistant.loadModel();
        const noteTokens = await engine.countTokens(note);
        for (const mode of ["one part at a time", "side by side"] as const) {
            o.log(`Summary of a ${note.length}-character note (${noteTokens} tokens), parts ${mode}...`);
            backend.parallel = mode === "one part at a time" ? 1 : undefined;
            const started = now();
            let firstPercent = NaN;
            let firstPart = NaN;
            let firstText = NaN;
            let firstTotal = NaN;
            let passes = 0;
            const stream = assistant.summarize({text: note, surface: "cli", onProgress: (done, total, p) => {
                if (Number.isNaN(firstTotal)) firstTotal = total;
                passes = done;
                if (Number.isNaN(firstPercent) && p.fraction >= 0.01) firstPercent = now() - started;
                if (Number.isNaN(firstPart) && p.part) firstPart = now() - started;
            }});
            for await (const event of stream) if (event.type === "text" && Number.isNaN(firstText)) firstText = now() - started;
            const result = await stream.result;
            const totalMs = now() - started;
            if (result.stopReason === "policy") throw new Error(`the policy stopped the summary: ${result.policy.rules.join(", ")}`);
            runs.push({mode, totalMs, firstVisibleMs: mode === "side by side" ? firstPercent : firstPart, firstPartMs: firstPart,
                firstTextMs: firstText, passes, chunks: firstTotal > 1 ? firstTotal - 1 : 1, completionTokens: result.usage.completionTokens});
        }
        return {noteChars: note.length, noteTokens, runs, speedup: ratio(runs[0].totalMs, runs[1].totalMs)};
    } finally {
        await assistant.dispose();
    }
}
