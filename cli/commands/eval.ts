/**
 * `med42 eval --task TASK`: scores a (quantized) Med42 on a medical multiple-choice benchmark the way
 * lm-evaluation-harness does, and prints the model card's table (Tasks | Metric | Value | Stderr).
 * Progress bar with ETA on a terminal (quiet otherwise). Ctrl+C stops after the questions in flight, prints and saves
 * what was scored; with --json FILE, running the same command again resumes (skips the questions FILE holds).
 * With --server (or MED42_SERVER_URL) the log-likelihoods come from a model server's /v1/completions with `echo` and
 * `logprobs`, as lm-evaluation-harness's local-completions does (see shared/eval/serverScorer.ts).
 * Exit codes: 0 done, 1 failure (bad dataset file, download, model), 2 bad usage, 130 interrupted.
 */
import {type Command, Option} from "commander";
import {DATASET_SOURCES} from "../../shared/eval/datasetSources";
import {EVAL_TASKS, MMLU_SUBJECTS} from "../../shared/eval/tasks";
import {SERVER_HELP, SERVER_MODEL_HELP} from "../assistantOptions";

export interface EvalFlags {
    task?: string;
    subject?: string;
    file?: string;
    limit?: string;
    model?: string;
    modelsDir?: string;
    json?: string;
    parallel?: string;
    gpu?: string;
    threads?: string;
    targetDelimiter?: string;
    datasetsDir?: string;
    server?: string;
    serverModel?: string;
}

function sourcesHelp(): string {
    return EVAL_TASKS.map((task) => {
        const s = DATASET_SOURCES[task];
        return `  ${task.padEnd(9)} ${s.title}\n            source: ${s.origin}\n            licence: ${s.licence}`;
    }).join("\n");
}

export function register(program: Command): void {
    program.command("eval")
        .description("measure the model on a medical benchmark (zero-shot, log-likelihood of each option, as lm-evaluation-harness)")
        .addOption(new Option("--task <task>", "benchmark").choices([...EVAL_TASKS]).makeOptionMandatory())
        .addOption(new Option("--subject <subject>", "MMLU subject (with --task mmlu)").choices([...MMLU_SUBJECTS]))
        .option("--file <path|url>", "questions in the task's format instead of the downloaded public copy")
        .option("--limit <n>", "score only the first N questions (the card's numbers use 50)")
        .option("-m, --model <ref>", "model: preset (med42-8b, ...), .gguf path, hf: URI or URL (env MED42_MODEL)")
        .option("--models-dir <dir>", "where downloaded models are kept (env MED42_MODELS_DIR)")
        .option("--json <file>", "write per-question records and metrics to FILE; an existing FILE of the same run is resumed")
        .option("--parallel <n>", "questions scored at once (context sequences, default 4)")
        .addOption(new Option("--gpu <kind>", "GPU backend").choices(["auto", "cpu", "cuda", "vulkan", "metal"]))
        .option("--threads <n>", "CPU threads (default: physical cores; env MED42_THREADS)")
        .option("--target-delimiter <text>", "text between prompt and option: \" \" (default; harness <= 0.4.5) or \"\" (newer harness with chat templates)")
        .option("--datasets-dir <dir>", "dataset cache (env MED42_DATASETS_DIR, default ~/.cache/med42-assist/datasets)")
        .option("--server <url>", `${SERVER_HELP}; needs prompt log-probabilities (/v1/completions with echo + logprobs: vLLM)`)
        .option("--server-model <name>", SERVER_MODEL_HELP)
        .addHelpText("after", "\nFile formats:\n" +
            "  medqa     JSONL: question, options {A..D}, answer_idx\n" +
            "  medmcqa   JSONL: question, opa, opb, opc, opd, cop (0-3, or 1-4 as in the original files)\n" +
            "  mmlu      headerless CSV: question,A,B,C,D,answer\n" +
            "  pubmedqa  ori_pqal.json: {PMID: {QUESTION, CONTEXTS, final_decision}}\n" +
            "\nDatasets downloaded on first use (into the dataset cache; env MED42_EVAL_DATA_URL points at a mirror):\n" +
            sourcesHelp() +
            "\n\nExamples:\n" +
            "  med42 eval --task medmcqa --limit 50\n" +
            "  med42 eval --task mmlu --subject clinical_knowledge --limit 50 --json ck.json\n" +
            "  med42 eval --task mmlu --subject anatomy --file anatomy_test.csv --model ./Llama3-Med42-8B.Q4_K_M.gguf\n" +
            "  med42 eval --task medqa --limit 50 --server http://gpu1:8000\n" +
            "\nCtrl+C stops after the questions in flight and prints what was scored; with --json, run the same\n" +
            "command again to resume. Not a clinical validation: a benchmark score says nothing about safety.")
        .action(async (flags: EvalFlags) => {
            // What scoring needs (datasets, the runner, the results file with zod, progress bars) is loaded when the
            // command runs, not at every `med42` start (issue 17).
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const {evaluate} = require("./evalAction") as typeof import("./evalAction");
            await evaluate(flags);
        });
}

