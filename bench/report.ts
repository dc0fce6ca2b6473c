/** Renders the benchmark's results as one Markdown report (tables side by side with the goals of issue 7). */
import type {BatchedBenchRow} from "./batchedBench";
import type {BenchmarkResult} from "./benchmark";
import type {MemoryProbeResult, ThreadsProbeResult} from "./probe";
import type {AskFigure, SlackFigure, SummaryFigure} from "./userLevel";

export interface BenchReport {
    model: {label: string; path: string; fileBytes: number};
    machine: {cpus: number; threads: number; loadAverage: number[]; node: string};
    settings: {reps: number; warmup: number; contextSize: number; sequences: number; generateTokens: number;
        concurrentTokens: number; concurrentPromptChars: number};
    /** Sections 1 to 4 (absent when `--only` named none of them). */
    results?: BenchmarkResult;
    /** Section 5: what a user waits for (`med42 ask`, the Slack bot). */
    user?: {ask: AskFigure | {error: string}; slack: SlackFigure | {error: string}};
    /** Section 6: a long note's summary, its parts one at a time and side by side. */
    summary?: SummaryFigure | {error: string};
    memory?: {mmapOn: MemoryProbeResult; mmapOff: MemoryProbeResult} | {error: string};
    threads?: {ours: ThreadsProbeResult; libraryDefault: ThreadsProbeResult} | {error: string};
    /** llama-batched-bench with prompts as long as the benchmark's conversations (the goal's comparison). */
    batchedBench?: BatchedBenchRow[] | {error: string};
    /** llama-batched-bench with 32-token prompts (the setting of issue 7's figures). */
    batchedBenchShort?: BatchedBenchRow[] | {error: string};
    /** Seconds the whole benchmark took. */
    elapsedSeconds: number;
}

const fmt = (n: number | null | undefined, digits = 1): string =>
    n == null || !Number.isFinite(n) ? "n/a" : n.toFixed(digits);
const ms = (n: number) => `${fmt(n, n < 100 ? 1 : 0)} ms`;
const x = (n: number) => `${fmt(n, 2)}×`;
const gb = (bytes: number | null | undefined) => bytes == null || !Number.isFinite(bytes) ? "n/a"
    : Math.abs(bytes) >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
const check = (ok: boolean | undefined) => ok == null ? "" : ok ? "met" : "**not met**";

function table(head: string[], rows: string[][]): string {
    return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function renderMarkdown(r: BenchReport): string {
    const res = r.results;
    const out: string[] = [];
    out.push(`## med42-assist benchmark: ${r.model.label}`);
    out.push("");
    out.push(`Model ${r.model.path} (${gb(r.model.fileBytes)}); ${r.machine.threads} thread(s) on ${r.machine.cpus} CPU(s); ` +
        `load average at start ${r.machine.loadAverage.map((l) => l.toFixed(2)).join(" ")}; Node ${r.machine.node}. ` +
        `Medians of ${r.settings.reps} repetitions after ${r.settings.warmup} warm-up; context ${r.settings.contextSize} ` +
        `tokens × ${r.settings.sequences} sequences; ${r.settings.generateTokens} generated tokens per request ` +
        `(${r.settings.concurrentTokens} in the concurrency runs). Took ${fmt(r.elapsedSeconds, 0)} s.`);
    if (res) renderInProcess(out, r, res);
    if (r.user) renderUser(out, r.user, r.settings.generateTokens);
    if (r.summary) renderSummary(out, r.summary);
    out.push("");
    return out.join("\n");
}

const seconds = (n: number) => `${fmt(n / 1000, n < 10_000 ? 2 : 1)} s`;

function renderUser(out: string[], user: NonNullable<BenchReport["user"]>, tokens: number): void {
    out.push("", "### 5. What a user waits for", "");
    const ask = user.ask;
    if ("error" in ask) out.push(`\`med42 ask\` vs a raw script: failed (${ask.error})`);
    else {
        out.push(`\`med42 ask "…"\` and a minimal node-llama-cpp script doing the same (userProbe.ts raw-ask: same model, ` +
            `threads, 8192-token context, Med42 system prompt and sampling, ${tokens} tokens), each started as a fresh process ` +
            "after a warm-up run (the model file in the page cache), interleaved. The load rows come from fresh processes " +
            "that stop once ready.", "");
        out.push(table(["figure", "raw script", "med42 ask", "med42 / raw"], [
            ["process start to first answer byte on stdout", ms(ask.rawFirstByteMs), ms(ask.cliFirstByteMs), x(ask.firstByteRatio)],
            ["model load (raw: load + context; med42: the core's load as med42 ask does it)", ms(ask.rawLoad.loadMs), ms(ask.coreLoad.loadMs),
                x(ask.coreLoad.loadMs / ask.rawLoad.loadMs)],
            ["process start to ready for a question", ms(ask.rawLoad.readyMs), ms(ask.coreLoad.readyMs), x(ask.coreLoad.readyMs / ask.rawLoad.readyMs)],
            ["first answer byte after ready", ms(ask.rawAfterReadyMs), ms(ask.cliAfterReadyMs), x(ask.cliAfterReadyMs / ask.rawAfterReadyMs)]
        ]));
    }
    const slack = user.slack;
    out.push("");
    if ("error" in slack) out.push(`Slack bot: failed (${slack.error})`);
    else {
        out.push("The Slack bot (real Bolt in Socket Mode, the real core, the loopback fake Slack; model loaded): a mention " +
            "sent, until the first Slack call that carries answer text " +
            `(${[...new Set(slack.firstCalls)].join(", ")}), against the core's first text for the same request and a bare ` +
            "LlamaChatSession answering the same question in the same process.", "");
        out.push(table(["figure", "value"], [
            ["bare LlamaChatSession: time to first text", ms(slack.rawTtftMs)],
            ["bot: event sent to the core's first text", ms(slack.coreFirstTextMs)],
            ["bot: event sent to the first answer text in Slack", ms(slack.firstAnswerTextMs)],
            ["what the bot adds after the core's first text", ms(slack.botAddsMs)],
            ["first answer text in Slack / bare session", x(slack.ratioToRaw)]
        ]));
    }
    out.push("", "The VS Code extension host is not measured by the benchmark: it needs a VS Code server and a browser " +
        "(the UI tests start code-server and Chromium); see docs/performance.md.");
}

function renderSummary(out: string[], summary: NonNullable<BenchReport["summary"]>): void {
    out.push("", "### 6. Summary of a long note", "");
    if ("error" in summary) {
        out.push(`Failed: ${summary.error}`);
        return;
    }
    out.push(`A ${summary.noteChars}-character discharge note (${summary.noteTokens} tokens with this model's tokenizer; ` +
        `about ${Math.round(summary.noteChars / 4)} with Med42's), summarised through the core as \`med42 summarize\` does, ` +
        "once with its parts one at a time (the map step before issue 17) and once side by side. First visible: the " +
        "first part's summary one at a time (what the progress could show then), a percentage of at least 1% side by side.", "");
    out.push(table(["parts", "total", "first visible", "first part done", "first summary text", "passes", "tokens written"],
        summary.runs.map((r) => [r.mode, seconds(r.totalMs), seconds(r.firstVisibleMs), seconds(r.firstPartMs), seconds(r.firstTextMs),
            `${r.passes} (${r.chunks} part(s))`, fmt(r.completionTokens, 0)])));
    out.push("", `Side by side is ${x(summary.speedup)} as fast end to end (goal at 8b: ≥ 1.5×).`);
}

/** Sections 1 to 4: the in-process measurements. */
function renderInProcess(out: string[], r: BenchReport, res: BenchmarkResult): void {
    if (res.coreNote) out.push("", `Note: ${res.coreNote}`);

    const rc = res.rawVsCore;
    if (rc) {
        out.push("", `### 1. Raw node-llama-cpp vs the ${res.coreKind}`, "");
        out.push(table(["figure", "raw LlamaChatSession", res.coreKind, "core / raw", "goal"], [
            ["time to first token", ms(rc.raw.ttftMs), ms(rc.core.ttftMs), x(rc.ttftOverhead), `≤ 1.03× ${check(rc.ttftOverhead <= 1.03)}`],
            ["prompt tokens evaluated", fmt(rc.raw.evaluatedPromptTokens, 0), fmt(rc.core.evaluatedPromptTokens, 0), "", ""],
            ["prompt tok/s", fmt(rc.raw.promptTokensPerSecond), fmt(rc.core.promptTokensPerSecond), x(rc.core.promptTokensPerSecond / rc.raw.promptTokensPerSecond), ""],
            ["generation tok/s", fmt(rc.raw.generationTokensPerSecond, 2), fmt(rc.core.generationTokensPerSecond, 2),
                `time ${x(rc.generationOverhead)}`, `≤ 1.03× ${check(rc.generationOverhead <= 1.03)}`],
            ["CPU time to first token", ms(rc.raw.ttftCpuMs), ms(rc.core.ttftCpuMs), x(rc.core.ttftCpuMs / rc.raw.ttftCpuMs), ""],
            ["generation tok per CPU second", fmt(rc.raw.generationTokensPerCpuSecond, 2), fmt(rc.core.generationTokensPerCpuSecond, 2),
                `CPU ${x(rc.raw.generationTokensPerCpuSecond / rc.core.generationTokensPerCpuSecond)}`, ""],
            ["decode calls before the first token", fmt(rc.raw.promptDecodes, 0), fmt(rc.core.promptDecodes, 0), "", "equal"],
            ["fewest threads of those calls", fmt(rc.raw.promptThreadsMin, 0), fmt(rc.core.promptThreadsMin, 0), "",
                `${res.threads} ${check(Number.isFinite(rc.core.promptThreadsMin) ? rc.raw.promptThreadsMin === res.threads && rc.core.promptThreadsMin === res.threads : undefined)}`],
            ["start to first decode call", ms(rc.raw.beforeFirstDecodeMs), ms(rc.core.beforeFirstDecodeMs), "", ""],
            ["time to first token outside decode calls", ms(rc.raw.promptIdleMs), ms(rc.core.promptIdleMs), "", ""]
        ]));
        out.push("", "CPU figures count this process's CPU time (all threads). With one thread they barely move with other " +
            "processes' load, unlike wall time; with more threads llama.cpp's spinning waits inflate them.");
        out.push("", "The last four rows come from a trace of llama.cpp's decode calls (`--trace FILE` writes it): the calls " +
            "that evaluated the prompt, the threads node-llama-cpp's thread splitter gave them, and the time outside them " +
            "(JavaScript work and waits).");

    }
    if (res.newConversation && res.followUp) {
        out.push("", "### 2. Prompt caching: time to first token", "");
        const cacheRow = (name: string, c: NonNullable<BenchmarkResult["newConversation"]>) => [
            name, ms(c.warm.ttftMs), `${fmt(c.warm.evaluatedPromptTokens, 0)} of ${fmt(c.coldFullTokens, 0)}`,
            ms(c.newTokensOnlyMs), ms(c.coldFullMs), x(c.ratioToNewTokensOnly), x(c.ratioToColdFull),
            `≤ 1.2× ${check(c.ratioToNewTokensOnly <= 1.2)}`
        ];
        out.push("\"those tokens only\": llama.cpp evaluating exactly the tokens the core evaluated, on top of the same " +
            "cached prefix, through a bare sequence (no chat layer): the least a cache can cost. \"whole prompt\": the same " +
            "prompt evaluated from an empty sequence.", "");
        out.push(table(["request", "med42 core", "tokens evaluated", "those tokens only", "whole prompt, cold",
            "core / those tokens", "core / whole prompt", "goal"], [
            cacheRow("new conversation (system prompt primed)", res.newConversation),
            cacheRow("follow-up (same sequence)", res.followUp)
        ]));

    }
    if (res.concurrency.length > 0) {
        out.push("", "### 3. Concurrent conversations (one batched context)", "");
        const bb = Array.isArray(r.batchedBench) ? r.batchedBench : undefined;
        const short = Array.isArray(r.batchedBenchShort) ? r.batchedBenchShort : undefined;
        if (bb) out.push(`llama-batched-bench ran with ${bb[0].pp}-token prompts (as long as these conversations' prompts, ` +
            `the Med42 system prompt included) and ${bb[0].tg} generated tokens per sequence, ${res.threads} thread(s).` +
            (short ? ` With ${short[0].pp}-token prompts it generates ${short.map((b) => `${fmt(b.speedTg, 2)} tok/s with ${b.pl}`).join(", ")}.` : ""), "");
        out.push(table(["conversations", "aggregate generation tok/s", "vs 1", "tok per CPU second", "tokens per decode",
            "latency p50", "latency p95", "TTFT p50", "llama-batched-bench tok/s", "med42 / llama.cpp", "goal"],
        res.concurrency.map((c) => {
            const ref = bb?.find((b) => b.pl === c.conversations)?.speedTg;
            const share = ref ? c.aggregateTokensPerSecond / ref : NaN;
            return [String(c.conversations), fmt(c.aggregateTokensPerSecond, 2), x(c.speedup), fmt(c.aggregateTokensPerCpuSecond, 2),
                fmt(c.tokensPerDecode, 2), ms(c.latencyP50Ms),
                ms(c.latencyP95Ms), ms(c.ttftP50Ms), fmt(ref, 2), Number.isFinite(share) ? `${(share * 100).toFixed(0)}%` : "n/a",
                c.conversations === 4 && ref ? `≥ 90% ${check(share >= 0.9)}` : ""];
        })));
        if (r.batchedBench && !Array.isArray(r.batchedBench)) out.push("", `llama-batched-bench: ${r.batchedBench.error}`);
        if (r.batchedBenchShort && !Array.isArray(r.batchedBenchShort)) out.push("", `llama-batched-bench (short prompts): ${r.batchedBenchShort.error}`);
        else if (!r.batchedBench) out.push("", "llama-batched-bench: not run (pass --batched-bench PATH; see docs/performance.md).");

    }
    out.push("", "### 4. Policy, threads and memory", "");
    const rows: string[][] = [];
    if (!res.policy) rows.push(["policy decisions/s", "not run", ""]);
    else if (res.policy.available) {
        rows.push(["policy decisions/s", fmt(res.policy.decisionsPerSecond, 0), ""]);
        rows.push(["output screening of a streamed 2,000-character answer", ms(res.policy.screeningMsPerAnswer ?? NaN), ""]);
        const adv = res.policy.adversarial;
        if (adv) {
            rows.push([`one policy decision on ${adv.chars / 1000} KB of adversarial input (slowest kind)`, ms(adv.worstMs),
                `${adv.worstInput}; goal < 20 ms; ${Object.entries(adv.medianMsByInput).map(([k, v]) => `${k} ${ms(v)}`).join(", ")}`]);
        }
    } else rows.push(["policy decisions/s", "n/a", res.policy.reason ?? ""]);
    rows.push(["model load (incl. priming the system prompt)", ms(res.loadMs), ""]);
    rows.push(["RSS after load (this process)", gb(res.memoryAfterLoad.rss), `peak ${gb(res.memoryAfterLoad.peakRss)}, anonymous ${gb(res.memoryAfterLoad.rssAnon)}`]);
    rows.push(["available memory fall at load (this process)", gb(res.memoryAfterLoad.availableFallBytes), "system-wide: other processes add noise"]);
    if (r.threads && "ours" in r.threads) {
        const t = r.threads;
        rows.push([`generation tok/s, ${t.ours.threads} thread(s) (ours: physical cores)`, fmt(t.ours.generationTokensPerSecond, 2), ""]);
        rows.push([`generation tok/s, ${t.libraryDefault.threads} thread(s) (node-llama-cpp's default)`, fmt(t.libraryDefault.generationTokensPerSecond, 2),
            `ours ${x(t.ours.generationTokensPerSecond / t.libraryDefault.generationTokensPerSecond)} faster`]);
    } else if (r.threads) rows.push(["threads probe", "failed", r.threads.error]);
    out.push(table(["figure", "value", "note"], rows));

    if (r.memory && "mmapOn" in r.memory) {
        const kv = res.kvCacheBytesPerToken != null ? res.kvCacheBytesPerToken * r.settings.contextSize * r.settings.sequences : NaN;
        const goal = 1.1 * r.model.fileBytes + kv;
        const memRow = (name: string, m: MemoryProbeResult) => {
            const anon = m.after.rssAnon - m.before.rssAnon;
            const cost = Math.max(m.availableFallBytes ?? NaN, anon);
            return [name, gb(m.after.rss - m.before.rss), gb(anon), gb(m.availableFallBytes), ms(m.loadMs),
                `≤ ${gb(goal)} ${check(Number.isFinite(cost) ? cost <= goal : undefined)}`];
        };
        out.push("", `Memory after load in a fresh process (file ${gb(r.model.fileBytes)}, KV cache ${gb(kv)} for ` +
            `${r.settings.contextSize} × ${r.settings.sequences} tokens). RSS counts mapped file pages the kernel can drop; ` +
            "the anonymous RSS and the fall in MemAvailable are what other programs lose.", "");
        out.push(table(["load", "RSS growth", "anonymous RSS growth", "MemAvailable fall", "load time", "goal (1.1 × file + KV)"], [
            memRow("mmap on", r.memory.mmapOn), memRow("mmap off", r.memory.mmapOff)
        ]));
    } else if (r.memory) out.push("", `Memory probes failed: ${r.memory.error}`);
}
