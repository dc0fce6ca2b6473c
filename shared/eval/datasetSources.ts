/**
 * Where `med42 eval` downloads each benchmark when no --file is given: public copies of the original releases, at
 * pinned revisions where the host has them. Env MED42_EVAL_DATA_URL replaces every URL with BASE/<task>/<file name>
 * (a mirror inside an institution, or a loopback server in tests).
 */
import type {EvalTask} from "./tasks";

export interface DatasetFile {
    /** Name in the cache folder and under MED42_EVAL_DATA_URL/<task>/. */
    name: string;
    url: string;
}

export interface DatasetSource {
    /** What is evaluated, for --help and the docs. */
    title: string;
    /** Who published it and where. */
    origin: string;
    licence: string;
    files: DatasetFile[];
}

export const DATASET_SOURCES: Record<EvalTask, DatasetSource> = {
    medqa: {
        title: "MedQA USMLE, 4 options, test split (1,273 questions)",
        origin: "Jin et al. 2021 (github.com/jind11/MedQA), file from huggingface.co/datasets/GBaker/MedQA-USMLE-4-options",
        licence: "CC BY 4.0 (as stated on that Hugging Face dataset card)",
        files: [{
            name: "phrases_no_exclude_test.jsonl",
            url: "https://huggingface.co/datasets/GBaker/MedQA-USMLE-4-options/resolve/0fb93dd23a7339b6dcd27e241cb9b5eca62d4d18/phrases_no_exclude_test.jsonl"
        }]
    },
    medmcqa: {
        title: "MedMCQA validation split (4,183 questions; the harness evaluates this split)",
        origin: "Pal et al. 2022 (github.com/medmcqa/medmcqa), original dev.json from huggingface.co/datasets/lighteval/med_mcqa",
        licence: "MIT (medmcqa/medmcqa repository; the Hugging Face card of openlifescienceai/medmcqa states Apache-2.0)",
        files: [{
            name: "dev.json",
            url: "https://huggingface.co/datasets/lighteval/med_mcqa/resolve/88ebeccf8a7c57143bd55125254033927e5a0f3c/dev.json"
        }]
    },
    mmlu: {
        title: "MMLU test split of one clinical subject (100 to 272 questions)",
        origin: "Hendrycks et al. 2021 (github.com/hendrycks/test), data.tar (~166 MB) from people.eecs.berkeley.edu; " +
            "the six clinical subjects are kept, the archive deleted",
        licence: "MIT",
        files: [{name: "data.tar", url: "https://people.eecs.berkeley.edu/~hendrycks/data.tar"}]
    },
    pubmedqa: {
        title: "PubMedQA labelled set (PQA-L), official 500-question test split",
        origin: "Jin et al. 2019 (github.com/pubmedqa/pubmedqa), data/ori_pqal.json and data/test_ground_truth.json",
        licence: "MIT",
        files: [
            {name: "ori_pqal.json", url: "https://raw.githubusercontent.com/pubmedqa/pubmedqa/1cbae8e92f72f20c8d3747cbb3bf5bc53554d997/data/ori_pqal.json"},
            {name: "test_ground_truth.json", url: "https://raw.githubusercontent.com/pubmedqa/pubmedqa/1cbae8e92f72f20c8d3747cbb3bf5bc53554d997/data/test_ground_truth.json"}
        ]
    }
};

/** The URL a dataset file is downloaded from, honouring MED42_EVAL_DATA_URL. */
export function datasetFileUrl(task: EvalTask, file: DatasetFile): string {
    const base = process.env.MED42_EVAL_DATA_URL?.trim();
    if (!base) return file.url;
    if (!/^https?:\/\//i.test(base)) throw new Error(`MED42_EVAL_DATA_URL must be an http(s) URL, got "${base}"`);
    return `${base.replace(/\/+$/, "")}/${task}/${encodeURIComponent(file.name)}`;
}
