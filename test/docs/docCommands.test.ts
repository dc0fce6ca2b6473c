/**
 * Every command in the code blocks of README.md and docs/*.md, run exactly as written: only the environment differs
 * (a fresh HOME, MED42_MODEL = the generated model, loopback mirrors for the Hugging Face Hub and the evaluation
 * datasets, a throwaway npm prefix and cache), and the files a command reads are put in its working folder.
 *
 * Rules the docs follow so that nothing is skipped silently:
 * - every fenced block has a language; commands live in `sh` blocks (one command per line, `\` continues a line,
 *   an indented line continues the one above, as in a synopsis; `for ... done` is one command) or `console` blocks (`$ command`, then the output it prints);
 * - a block of any other language holds no line that looks like a command;
 * - each command (each part of `a && b`) either runs here and is checked against what the docs say it prints, or is
 *   in NOT_RUNNABLE with the reason. Anything else fails the test: a new command needs a check or a reason.
 *
 * What is not the product's default, and why:
 * - each command runs pinned to one CPU (taskset): the default thread count (the physical cores the process may use)
 *   is then 1 through the default code path. Two spinning llama.cpp threads on a busy 2-core machine made one
 *   tiny-model chat take minutes; no --threads and no MED42_THREADS are added;
 * - `npx` runs with npm_config_ignore_scripts (the README's `npm ci` already compiled; npx would run the `prepare`
 *   compile again into out/, under the running tests) and npm_config_offline (npx must never fetch a registry
 *   package named med42); `npm link` links into a temporary prefix instead of npm's global folder.
 */
import {strict as assert} from "node:assert";
import {spawn} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {parse as parseCsv} from "csv-parse/sync";
import * as tar from "tar";
import {MODEL_PRESETS} from "../../shared/models/presets";
import {DATASET_SOURCES} from "../../shared/eval/datasetSources";
import {LoopbackHttpServer} from "../support/loopbackHttp";
import {oneCpuPrefix, type CliRun} from "../support/runCli";
import {testModelPath} from "../support/testModel";
import {assertModelText, chatAnswers, plainAnswer} from "../support/cliAnswers";

const REPO = path.resolve(__dirname, "../../..");
const FIXTURES = path.join(REPO, "test", "eval", "fixtures");
const COMMAND_LANGUAGES = new Set(["sh", "bash", "shell", "console"]);
/** The first word of a line that is a command (checked in blocks that are not command blocks). */
const PROGRAMS = /^(\$ |(med42|med42-slack|npx|npm|node|git|cmake|bash|sh|apt-get|apt|curl|wget|docker|code|for|export|sudo)\b)/;

/** Commands in the docs that cannot run here, with the reason. Keyed by the command as written, without its comment. */
const NOT_RUNNABLE = new Map<string, string>([
    ["npm ci", "reinstalls node_modules, which this suite runs from; CI's .ci/run runs it on a clean clone"],
    ["npm install", "reinstalls node_modules, which this suite runs from (docs/slack.md's set-up)"],
    ["export SLACK_BOT_TOKEN=xoxb-...", "a Slack workspace's token (a placeholder here); the bot runs against the fake Slack in test/slack"],
    ["export SLACK_APP_TOKEN=xapp-...", "a Slack workspace's token (a placeholder here); the bot runs against the fake Slack in test/slack"],
    ["export MED42_MODEL=med42-8b", "sets the bot's model for `npx med42-slack` below, which needs a real Slack"],
    ["MED42_DATABASE_URL=postgres://med42@db.hospital.internal/med42 med42 audit --since 2026-01-01",
        "needs a PostgreSQL server; test/audit/postgresAudit.test.ts runs `med42 audit` with MED42_DATABASE_URL on a throw-away one"],
    ["med42 audit --migrate-to postgres://med42@db.hospital.internal/med42",
        "needs a PostgreSQL server; test/audit/postgresAudit.test.ts runs the migration on a throw-away one"],
    ["npx med42-slack", "connects to slack.com with real tokens; the bot runs against the fake Slack in test/slack"],
    ["npm test", "the whole suite, of which this test is a part; CI's .ci/run runs it"],
    ["npm run package", "builds a .vsix (minutes, a packaging tool); not part of the test suite"],
    ["npm run package -- --target darwin-arm64", "needs the darwin-arm64 @node-llama-cpp package, not installed on Linux"],
    ["apt-get install -y chromium g++ make python3", "installs system packages (root, network); .ci/run does it"],
    ["bash scripts/setup-vscode-test.sh", "downloads and installs a VS Code server; npm test's pretest runs it"],
    ["npm run test:vscode", "the VS Code suite; npm test runs it"],
    ["npm run test:vscode -- --only host", "part of the VS Code suite; npm test runs it"],
    ["npx tsc -p .", "compiles the project into out/, which the running tests are loaded from"],
    ["npx mocha --no-config --timeout 60000 --exit 'out/test/slack/*.test.js'", "a folder of this same suite; npm test runs it"],
    ["npm run train:policy", "retrains the classifier and rewrites a generated source file"],
    ["npm run train:policy -- --cv", "cross-validation of the classifier: minutes of training"],
    ["npm run train:policy -- --check", "minutes of training; test/policy/classifierTraining.test.ts checks the same"],
    ["npm run eval:policy -- FILE.jsonl [--policy-file FILE] [--json] [--check]", "a synopsis: FILE and [options] are placeholders"],
    ["med42 eval --task TASK [--subject S] [--file PATH|URL] [--limit N] [--model M] [--json OUT] " +
        "[--parallel N] [--gpu auto|cpu|cuda|vulkan|metal] [--threads N] [--target-delimiter TEXT] [--datasets-dir DIR]",
        "a synopsis: the capitals and [options] are placeholders"],
    ["for task in medmcqa medqa pubmedqa; do\n  med42 eval --task $task --limit 50 --gpu cuda --json $task.json\ndone",
        "needs an NVIDIA GPU (--gpu cuda)"],
    ["for subject in anatomy clinical_knowledge college_biology college_medicine medical_genetics professional_medicine; do\n" +
        "  med42 eval --task mmlu --subject $subject --limit 50 --gpu cuda --json $subject.json\ndone", "needs an NVIDIA GPU (--gpu cuda)"],
    ["npm run bench -- --shape 1b", "a benchmark of minutes on a 1B-shape model; test/engine/benchmark.test.ts runs the tiny shape"],
    ["npm run bench -- --shape 1b --threads 1 --batched-bench /tmp/llama.cpp/build/bin/llama-batched-bench --json bench-1b.json",
        "needs llama.cpp's llama-batched-bench built from source (the cmake commands) and minutes of benchmark"],
    ["npm run bench -- --shape 8b", "an 8B-shape benchmark: ~12 GB of memory and long"],
    ["npm run bench -- --model ~/models/med42-v2-8b.Q4_K_M.gguf", "needs the real Med42-v2 weights, which cannot be downloaded here"],
    ["npm run bench -- --shape tiny", "test/engine/benchmark.test.ts runs the tiny-shape benchmark"],
    ["git clone node_modules/node-llama-cpp/llama/gitRelease.bundle /tmp/llama.cpp", "part of building llama.cpp from source (minutes)"],
    ["cmake -S /tmp/llama.cpp -B /tmp/llama.cpp/build -DCMAKE_BUILD_TYPE=Release -DGGML_OPENMP=OFF -DLLAMA_CURL=OFF " +
        "-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_OPENSSL=OFF", "building llama.cpp from source (minutes)"],
    ["cmake --build /tmp/llama.cpp/build -j2 --target llama-batched-bench", "building llama.cpp from source (minutes)"],
    ["vllm serve m42-health/Llama3-Med42-8B --served-model-name med42 --max-model-len 8192 --enable-prefix-caching --api-key \"$MED42_SERVER_API_KEY\"",
        "vLLM needs an NVIDIA GPU and the real weights"],
    ["vllm serve m42-health/Llama3-Med42-70B --tensor-parallel-size 4 --served-model-name med42 --max-model-len 8192 --enable-prefix-caching --api-key \"$MED42_SERVER_API_KEY\"",
        "vLLM needs four NVIDIA GPUs and the real weights"],
    ["llama-server -m \"$MED42_GGUF\" --host 0.0.0.0 --port \"$PORT\" -c 32768 --parallel 4 --api-key \"$MED42_SERVER_API_KEY\" --metrics",
        "run as written against the generated model by test/server/deployDoc.test.ts (it needs the llama-server build)"],
    ["med42 models --server \"$MED42_SERVER_URL\"", "run as written against a real llama-server by test/server/deployDoc.test.ts"],
    ["cp deploy/med42.env.example deploy/med42.env", "part of the Docker Compose deployment (writes into the checkout); deploy/ is validated by test/deploy"],
    ["docker compose -f deploy/docker-compose.yml -p med42 up -d --scale bot=3", "needs Docker; test/deploy/deployFiles.test.ts validates the file against the Compose schema"],
    ["npm run bench -- --server http://gpu1:8000 --json server.json", "needs a model server at gpu1 (an example host)"],
    ["npm run make-test-model -- ~/.cache/med42-assist/bench/med42-bench-1b-ascii.gguf --shape 1b --ascii", "writes a 1B-shape model for the server benchmark (minutes, GBs)"],
    ["llama-server -m ~/.cache/med42-assist/bench/med42-bench-1b-ascii.gguf --port 18500 -c 16384 --parallel 4 -t 1 -tb 1 --metrics", "a long-running server for the benchmark below"],
    ["npm run bench -- --server http://127.0.0.1:18500 --reps 5 --tokens 32 --concurrency 4,16", "minutes of benchmark against the server above; test/server/serverBench.test.ts runs the harness"],
    ["npm run bench -- --server http://127.0.0.1:18500 --reps 4 --tokens 32 --concurrency 4", "minutes of benchmark against the server above; test/server/serverBench.test.ts runs the harness"],
    ["npm run bench -- --shape 1b --threads 1 --reps 3 --json bench-1b.json --trace trace-1b.txt",
        "a 1B-shape benchmark of tens of minutes, meant for a quiet machine; test/engine/benchmark.test.ts runs the tiny shape"],
    ["npm run bench -- --shape 1b --threads 2 --reps 3 --only overhead,user --json bench-1b-2t.json --trace trace-1b-2t.txt",
        "a 1B-shape benchmark of tens of minutes, meant for a quiet machine; test/engine/benchmark.test.ts runs the tiny shape"],
    ["npm run bench -- --shape 8b --threads 2 --reps 3 --only overhead,caching,concurrency,policy,user --json bench-8b.json --trace trace-8b.txt",
        "an 8B-shape benchmark: ~12 GB of memory and about 40 minutes"],
    ["npm run bench -- --shape 1b --threads 1 --reps 3 --no-memory --no-threads --json bench-1b-before.json",
        "the base commit's benchmark (run in its worktree, set up above), minutes on a 1B-shape model"],
    ["BENCH_OVERHEAD_ONLY=1 npm run bench -- --shape 8b --threads 2 --reps 3 --no-memory --no-threads --json bench-8b-before.json",
        "the base commit's benchmark with a local change (see docs/performance.md), an 8B-shape model"],
    ["git worktree add /tmp/med42-base 1c42b98", "checks out the base commit for a before/after benchmark (a second install and build)"],
    ["(cd /tmp/med42-base", "installs and builds the base commit for a before/after benchmark"],
    ["npx tsc -p .)", "builds the base commit for a before/after benchmark"],
    ["npm run bench -- --shape 1b --threads 1 --reps 3 --only user --med42-bin /tmp/med42-base/bin/med42.js",
        "needs the base commit's build above and minutes of benchmark"],
    ["npx mocha", "the mocha part of this suite; npm test runs it"],
    ["npx mocha --no-config --timeout 120000 --exit 'out/test/slack/*.test.js'", "a folder of this same suite; npm test runs it"],
]);

/** Environment changes for single commands, and why (the command itself is still run as written). */
const ENV_FOR: {match: RegExp; env: NodeJS.ProcessEnv; why: string}[] = [
    {match: /^npx med42 chat$/, env: {MED42_MODEL: undefined},
        why: "the set-up promises the default model is downloaded on first use: from the loopback mirror"},
    {match: /^med42 pull$/, env: {MED42_MODEL: undefined},
        why: "`med42 pull` pulls the default model, med42-8b when MED42_MODEL is unset (the generated model is a local file)"},
];

interface DocCommand {
    file: string;
    line: number;
    /** As written (continuation lines joined with a space, a for-loop kept on its lines), without its comment. */
    text: string;
    /** What a console block shows after `$ command`. */
    output?: string[];
}

/** Removes a trailing `# comment` that is outside quotes. */
function withoutComment(line: string): string {
    let quote: string | null = null;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) { if (c === quote) quote = null; continue; }
        if (c === "'" || c === "\"") quote = c;
        else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i).trimEnd();
    }
    return line.trimEnd();
}

/** The commands of one Markdown file, and the rule violations found on the way. */
export function extractCommands(file: string, markdown: string): {commands: DocCommand[]; problems: string[]} {
    const lines = markdown.split("\n");
    const commands: DocCommand[] = [];
    const problems: string[] = [];
    for (let i = 0; i < lines.length; i++) {
        const open = /^(\s*)(```+|~~~+)\s*([^\s`]*)/.exec(lines[i]);
        if (!open) continue;
        const fence = open[2];
        const language = open[3].toLowerCase();
        const start = i + 1;
        let end = start;
        while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
        // A block inside a list item is indented like its fence.
        const body = lines.slice(start, end).map((l) => l.startsWith(open[1]) ? l.slice(open[1].length) : l.trimStart());
        i = end;
        if (!language) {
            problems.push(`${file}:${start}: a code block without a language: use sh for commands, console for a $-transcript, text for the rest`);
            continue;
        }
        if (!COMMAND_LANGUAGES.has(language)) {
            body.forEach((l, k) => {
                if (PROGRAMS.test(l.trim())) problems.push(`${file}:${start + k + 1}: "${l.trim()}" looks like a command in a ${language} block: put commands in sh blocks`);
            });
            continue;
        }
        for (let k = 0; k < body.length; k++) {
            let text = withoutComment(body[k]);
            const lineNo = start + k + 1;
            if (!text.trim()) continue;
            if (language === "console") {
                if (!text.startsWith("$ ")) { problems.push(`${file}:${lineNo}: console output without a "$ " command before it`); continue; }
                text = text.slice(2);
            }
            while (text.endsWith("\\") && k + 1 < body.length) text = text.slice(0, -1).trimEnd() + " " + withoutComment(body[++k]).trim();
            const loop = /^(for|while|until)\b/.test(text);
            while (!loop && k + 1 < body.length && /^\s+\S/.test(body[k + 1])) text += " " + withoutComment(body[++k]).trim();
            if (loop) {
                const loop = [text];
                while (k + 1 < body.length && !/^done\b/.test(loop[loop.length - 1].trim())) loop.push(withoutComment(body[++k]));
                text = loop.join("\n");
            }
            const command: DocCommand = {file, line: lineNo, text: text.trim()};
            if (language === "console") {
                const output: string[] = [];
                while (k + 1 < body.length && !body[k + 1].startsWith("$ ")) output.push(body[++k]);
                command.output = output;
            }
            commands.push(command);
        }
    }
    return {commands, problems};
}

/** `a && b` into its parts (outside quotes); a for-loop stays whole. */
function parts(text: string): string[] {
    if (/^(for|while|until)\b/.test(text)) return [text];
    const out: string[] = [];
    let quote: string | null = null;
    let current = "";
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote) { if (c === quote) quote = null; }
        else if (c === "'" || c === "\"") quote = c;
        else if (c === "&" && text[i + 1] === "&") { out.push(current.trim()); current = ""; i++; continue; }
        current += c;
    }
    out.push(current.trim());
    return out;
}

/** A part this test knows how to run and check. */
function isRunnable(part: string): boolean {
    return /^(npx )?med42 /.test(part) || /^[^|]+\| *med42 /.test(part) || part === "npm link";
}

/** The README's `ask --json` schema, e.g. {"text", "policy": {"action"}} as {text: null, policy: {action: null}}. */
function documentedJsonShape(readme: string): Record<string, unknown> {
    const m = /`ask --json` prints:\s*`([^`]+)`/.exec(readme);
    assert.ok(m, "README documents what `ask --json` prints");
    return JSON.parse(m[1].replace(/\s+/g, " ").replace(/"(\w+)"(?=\s*[,}])/g, "\"$1\": null"));
}

function assertSameKeys(actual: unknown, shape: unknown, at = "output"): void {
    if (shape === null) return;
    assert.ok(actual !== null && typeof actual === "object", `${at} is an object`);
    const expected = Object.keys(shape as object).sort();
    assert.deepEqual(Object.keys(actual as object).sort(), expected, `${at} has exactly the documented keys`);
    for (const k of expected) assertSameKeys((actual as Record<string, unknown>)[k], (shape as Record<string, unknown>)[k], `${at}.${k}`);
}

/** Runs one part through bash, as a user's shell would, pinned to one CPU. */
function runShell(part: string, options: {cwd: string; env: NodeJS.ProcessEnv; input: string}): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        const argv = [...oneCpuPrefix(), "bash", "-c", part];
        const child = spawn(argv[0], argv.slice(1), {cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"]});
        let stdout = "", stderr = "";
        child.stdout.on("data", (d) => { stdout += d; });
        child.stderr.on("data", (d) => { stderr += d; });
        const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`${part} timed out\n${stderr}`)); }, 150_000);
        child.on("error", reject);
        child.on("close", (code) => { clearTimeout(timer); resolve({code, stdout, stderr}); });
        child.stdin.end(options.input);
    });
}

const DOC_FILES = ["README.md", ...fs.readdirSync(path.join(REPO, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];

describe("README.md and docs/*.md: every command, as written", function () {
    this.timeout(900_000);
    const extracted = DOC_FILES.map((file) => extractCommands(file, fs.readFileSync(path.join(REPO, file), "utf8")));
    const commands = extracted.flatMap((e) => e.commands);
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");

    let home: string;
    let work: string;
    let prefix: string;
    let server: LoopbackHttpServer;
    let env: NodeJS.ProcessEnv;
    const model = () => testModelPath();

    before(async () => {
        home = fs.mkdtempSync(path.join(os.tmpdir(), "med42-docs-home-"));
        work = path.join(home, "work");
        prefix = path.join(home, "npm-prefix");
        fs.mkdirSync(work);
        const modelBytes = fs.readFileSync(model());

        // The Hugging Face mirror: every preset, and the 70B repository's API listing (its Q6_K is split in two).
        server = await LoopbackHttpServer.start();
        for (const p of MODEL_PRESETS) server.serveFileMatching(new RegExp(`^/${p.repo}/resolve/[^/]+/${p.fileName.replace(/\./g, "\\.")}$`), {body: modelBytes});
        const repo70 = "mradermacher/Llama3-Med42-70B-GGUF";
        const half = Math.floor(modelBytes.length / 2);
        server.serveJson(`/api/models/${repo70}`, {id: repo70, siblings: [
            {rfilename: "Llama3-Med42-70B.Q4_K_M.gguf", size: modelBytes.length},
            {rfilename: "Llama3-Med42-70B.Q6_K.gguf.part1of2", size: half},
            {rfilename: "Llama3-Med42-70B.Q6_K.gguf.part2of2", size: modelBytes.length - half}
        ]});
        server.serveFileMatching(new RegExp(`^/${repo70}/resolve/[^/]+/Llama3-Med42-70B\\.Q6_K\\.gguf\\.part1of2$`), {body: modelBytes.subarray(0, half)});
        server.serveFileMatching(new RegExp(`^/${repo70}/resolve/[^/]+/Llama3-Med42-70B\\.Q6_K\\.gguf\\.part2of2$`), {body: modelBytes.subarray(half)});

        // The evaluation datasets' mirror (MED42_EVAL_DATA_URL): MMLU's archive and MedMCQA's dev.json.
        const mmlu = fs.mkdtempSync(path.join(home, "mmlu-"));
        fs.mkdirSync(path.join(mmlu, "data", "test"), {recursive: true});
        const ck = fs.readFileSync(path.join(FIXTURES, "clinical_knowledge_test.csv"));
        fs.writeFileSync(path.join(mmlu, "data", "test", "clinical_knowledge_test.csv"), ck);
        fs.writeFileSync(path.join(mmlu, "data", "test", "anatomy_test.csv"), ck);
        await tar.c({file: path.join(home, "data.tar"), cwd: mmlu}, ["data"]);
        server.serveFile(`/eval/mmlu/${DATASET_SOURCES.mmlu.files[0].name}`, {body: fs.readFileSync(path.join(home, "data.tar"))});
        server.serveFile(`/eval/medmcqa/${DATASET_SOURCES.medmcqa.files[0].name}`, {body: fs.readFileSync(path.join(FIXTURES, "medmcqa_original_dev.json"))});

        // What the commands read from their folder.
        const day = (d: number) => `Day ${d}: afebrile, blood pressure 128/76, on IV ceftriaxone and azithromycin; ` +
            "creatinine stable; mobilising with physiotherapy; plan reviewed with the team and the family.";
        fs.writeFileSync(path.join(work, "discharge-note.txt"), "72-year-old man admitted with community-acquired pneumonia.\n\n" +
            Array.from({length: 45}, (_, i) => day(i + 1)).join("\n\n") + "\n\nDischarged home on oral amoxicillin; follow-up in 2 weeks.\n");
        fs.writeFileSync(path.join(work, "cases.jsonl"), [
            {text: "What is the first-line treatment for gout flares?", surface: "cli"},
            {text: "Pt John Smith MRN 1234567, K 6.1?", surface: "slack-channel"},
            {text: "My father just collapsed and isn't breathing", surface: "slack-dm"}
        ].map((c) => JSON.stringify(c)).join("\n") + "\n");
        fs.writeFileSync(path.join(work, "anatomy_test.csv"), ck);
        fs.copyFileSync(model(), path.join(work, "Llama3-Med42-8B.Q4_K_M.gguf"));

        env = {...process.env, HOME: home, MED42_MODEL: model(), MED42_HF_ENDPOINT: server.origin,
            MED42_EVAL_DATA_URL: server.url("/eval"), PATH: `${path.join(prefix, "bin")}${path.delimiter}${process.env.PATH}`,
            npm_config_prefix: prefix, npm_config_cache: path.join(home, ".npm"), npm_config_ignore_scripts: "true",
            npm_config_offline: "true", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false"};
        for (const name of ["MED42_THREADS", "MED42_AUDIT_DB", "MED42_POLICY_FILE", "MED42_MODELS_DIR", "MED42_DATASETS_DIR",
            "MED42_AUDIT_SALT", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "npm_config_userconfig"]) delete env[name];
    });
    after(async () => {
        await server?.close();
        if (home) fs.rmSync(home, {recursive: true, force: true});
    });

    it("every code block has a language, and commands are only in sh or console blocks", () => {
        assert.deepEqual(extracted.flatMap((e) => e.problems), []);
        assert.ok(commands.length > 20, `found the docs' commands (${commands.length})`);
    });

    it("every command runs here or is listed as not runnable, with the reason", () => {
        const unknown = commands.flatMap((c) => parts(c.text).filter((p) => !isRunnable(p) && !NOT_RUNNABLE.has(p))
            .map((p) => `${c.file}:${c.line}: ${p}`));
        assert.deepEqual(unknown, [], "add a check for these commands to this test, or list them in NOT_RUNNABLE with the reason");
        const all = new Set(commands.flatMap((c) => parts(c.text)));
        const stale = [...NOT_RUNNABLE.keys()].filter((k) => !all.has(k));
        assert.deepEqual(stale, [], "NOT_RUNNABLE lists commands the docs no longer show");
    });

    it("runs them in the order the docs show, each printing what the docs say", async () => {
        const jsonShape = documentedJsonShape(readme);
        // npm link and npx work on the checkout: they must leave its files and its node_modules as they were.
        const hiddenLockfile = path.join(REPO, "node_modules", ".package-lock.json");
        const lockfileBefore = fs.existsSync(hiddenLockfile) ? fs.statSync(hiddenLockfile).mtimeMs : undefined;
        const failures: string[] = [];
        for (const c of commands) {
            for (const part of parts(c.text).filter((p) => isRunnable(p) && !NOT_RUNNABLE.has(p))) {
                const where = `${c.file}:${c.line}: ${part}`;
                const partEnv = {...env};
                for (const tweak of ENV_FOR) if (tweak.match.test(part)) Object.assign(partEnv, tweak.env);
                for (const [k, v] of Object.entries(partEnv)) if (v === undefined) delete partEnv[k];
                const input = /\bmed42 chat\b/.test(part) ? "What is gout?\n/reset\nHow is it treated?\n/exit\n" : "";
                const cwd = /^npx |^npm link$/.test(part) ? REPO : work;
                const t0 = Date.now();
                const r = await runShell(part, {cwd, env: partEnv, input});
                // DOC_TIMING=1 prints how long each command took.
                if (process.env.DOC_TIMING) console.log(`${((Date.now() - t0) / 1000).toFixed(1)}s ${where}`);
                try {
                    assert.equal(r.code, 0, `exit code 0\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
                    assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace");
                    checkOutput(part, c, r, jsonShape);
                } catch (err) {
                    failures.push(`${where}\n  ${(err as Error).message.split("\n").join("\n  ")}`);
                }
            }
        }
        assert.deepEqual(failures, [], failures.join("\n\n"));
        assert.equal(fs.existsSync(hiddenLockfile) ? fs.statSync(hiddenLockfile).mtimeMs : undefined, lockfileBefore,
            "node_modules/.package-lock.json untouched");
        for (const name of ["discharge-note.txt", "cases.jsonl", "audit.csv", "ck.json"]) assert.ok(!fs.existsSync(path.join(REPO, name)), `no ${name} in the checkout`);
    });

    /** What the docs promise each command prints (beyond exit 0). */
    function checkOutput(part: string, c: DocCommand, r: CliRun, jsonShape: Record<string, unknown>): void {
        const models = path.join(home, ".cache", "med42-assist", "models");
        if (part === "npm link") {
            assert.ok(fs.existsSync(path.join(prefix, "bin", "med42")), "med42 is on the PATH");
        } else if (/\bmed42 chat\b/.test(part)) {
            const answers = chatAnswers(r.stdout);
            assert.equal(answers.length, 2, "two answers");
            answers.forEach((a, i) => assertModelText(a, `answer ${i + 1}`));
            assert.match(r.stdout, /New conversation\./, "/reset starts a new conversation");
            if (part.startsWith("npx ")) {
                assert.match(r.stderr, /Downloading med42-8b/, "the default model is downloaded on first use");
                assert.ok(fs.existsSync(path.join(models, "Llama3-Med42-8B.Q4_K_M.gguf")));
            }
        } else if (/\bmed42 ask\b.*--json/.test(part)) {
            const lines = r.stdout.trim().split("\n");
            assert.equal(lines.length, 1, "one JSON object");
            const out = JSON.parse(lines[0]);
            assertSameKeys(out, jsonShape);
            assertModelText(out.answer, "answer");
            assert.equal(out.text, `${out.answer.trimEnd()}\n\n${out.disclaimer}`, "text is the answer, then the disclaimer");
        } else if (/\bmed42 ask\b/.test(part)) {
            assertModelText(plainAnswer(r.stdout), "answer");
        } else if (/\bmed42 summarize\b/.test(part)) {
            assertModelText(plainAnswer(r.stdout), "summary");
            // Progress is the share of the work done, and names each part of a long document as it is summarised.
            assert.match(r.stderr, /^Summarizing: \d+%, part [1-9] of [2-9] summarized…$/m, "a long document is summarised in parts, with progress");
        } else if (/\bmed42 pull\b/.test(part)) {
            const file = r.stdout.trim().split("\n").pop()!;
            assert.ok(path.isAbsolute(file) && fs.statSync(file).size === fs.statSync(model()).size, `prints the model's path (${file})`);
        } else if (/\bmed42 models\b/.test(part)) {
            assert.match(r.stdout, /^Model folder: /);
            assert.match(r.stdout, /\n {2}med42-\S+(?: \(default\))? +Med42-v2 \S+ \S+ +\d[\d.]* [kMG]?B {2}downloaded\n/, "a downloaded preset with its size");
        } else if (/\bmed42 policy --jsonl\b/.test(part)) {
            const decisions = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
            assert.deepEqual(decisions.map((d) => d.action), ["answer", "refuse", "escalate"]);
            for (const d of decisions) assert.deepEqual(Object.keys(d).sort(), ["action", "category", "phi", "rules"]);
            assert.equal(r.stderr, "", "never loads a model");
        } else if (/\bmed42 audit --csv (\S+)/.test(part)) {
            const file = path.join(work, /--csv (\S+)/.exec(part)![1]);
            const rows = parseCsv(fs.readFileSync(file, "utf8"), {columns: true}) as Record<string, string>[];
            assert.ok(rows.length >= 4, `the questions asked above are in the export (${rows.length})`);
            assert.equal(r.stderr, `wrote ${rows.length} entries to ${path.basename(file)}\n`);
        } else if (/\bmed42 audit\b/.test(part)) {
            assert.match(r.stdout, /^(time +surface +kind +decision|no entries|no audit log yet at )/);
        } else if (/\bmed42 eval\b/.test(part)) {
            assert.match(r.stdout, /^\| Tasks +\| Metric +\| +Value \| Stderr \|\n/, "the model card's table");
            const json = /--json (\S+)/.exec(part);
            if (json) assert.ok(JSON.parse(fs.readFileSync(path.join(work, json[1]), "utf8")).complete, `${json[1]} holds the results`);
        } else if (/\bmed42 policy\b/.test(part) && c.output) {
            // The transcript shows the output; "..." ends a line the docs shortened.
            const actual = r.stdout.split("\n");
            let from = 0;
            for (const expected of c.output) {
                const shown = expected.replace(/ \.\.\.$/, "");
                const at = actual.findIndex((l, i) => i >= from && (expected.endsWith(" ...") ? l.startsWith(shown) : l === shown));
                assert.ok(at >= 0, `prints "${expected}" (in this order):\n${r.stdout}`);
                from = at + 1;
            }
        } else {
            assert.fail("no check for what this command prints: add one to checkOutput");
        }
    }
});
