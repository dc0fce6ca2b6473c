/**
 * The benchmark tasks and their zero-shot prompts, written as lm-evaluation-harness writes them (its task configs
 * lm_eval/tasks/{medqa,medmcqa,mmlu/default,pubmedqa}): the user turn is the harness's `doc_to_text`, the options are
 * its `doc_to_choice` (the letters, or yes/no/maybe), and MMLU's task `description` becomes the system turn, as the
 * harness does when it applies a chat template.
 */
import type {SourceQuestion} from "./datasetParsers";

export const EVAL_TASKS = ["medqa", "medmcqa", "mmlu", "pubmedqa"] as const;
export type EvalTask = typeof EVAL_TASKS[number];

/** The MMLU subjects Med42's card reports (its "clinical topics"). */
export const MMLU_SUBJECTS = [
    "anatomy", "clinical_knowledge", "college_biology", "college_medicine", "medical_genetics", "professional_medicine"
] as const;
export type MmluSubject = typeof MMLU_SUBJECTS[number];

export interface TaskSelection {
    task: EvalTask;
    /** Required for mmlu, absent otherwise. */
    subject?: MmluSubject;
}

/** One multiple-choice question ready to be prompted. */
export interface McQuestion {
    /** 0-based position in the dataset: the key that --json and resume use. */
    index: number;
    /** Where it came from, for messages: line in the file, and the dataset's own id when it has one. */
    line: number;
    sourceId?: string;
    /** System turn (MMLU's description), if any. */
    system?: string;
    /** User turn: the harness's doc_to_text. */
    user: string;
    /** The option texts whose likelihoods are compared (the harness's doc_to_choice). */
    choices: string[];
    gold: number;
}

export function isEvalTask(value: string): value is EvalTask {
    return (EVAL_TASKS as readonly string[]).includes(value);
}

export function isMmluSubject(value: string): value is MmluSubject {
    return (MMLU_SUBJECTS as readonly string[]).includes(value);
}

/** The name the harness reports in its table (its task alias): medqa_4options, medmcqa, <subject>, pubmedqa. */
export function harnessTaskName(selection: TaskSelection): string {
    switch (selection.task) {
        case "medqa": return "medqa_4options";
        case "mmlu": return selection.subject ?? "mmlu";
        default: return selection.task;
    }
}

const LETTERS = ["A", "B", "C", "D"];

function letteredOptions(options: readonly string[]): string {
    return options.map((text, i) => `${LETTERS[i]}. ${text}\n`).join("");
}

/** Builds the harness's prompt for one source question. */
export function toMcQuestion(selection: TaskSelection, source: SourceQuestion, index: number): McQuestion {
    const base = {index, line: source.line, sourceId: source.sourceId, gold: source.gold};
    switch (selection.task) {
        case "medqa": // lm_eval/tasks/medqa/preprocess_medqa.py
            return {...base, user: `Question: ${source.question}\n${letteredOptions(source.options)}Answer:`, choices: [...LETTERS]};
        case "medmcqa": // lm_eval/tasks/medmcqa/utils_medmcqa.py
            return {...base, user: `Question: ${source.question}\nChoices:\n${letteredOptions(source.options)}Answer:`, choices: [...LETTERS]};
        case "mmlu": { // lm_eval/tasks/mmlu/default/_default_template_yaml and mmlu_<subject>.yaml
            if (!selection.subject) throw new Error("mmlu needs a subject");
            const subjectWords = selection.subject.replace(/_/g, " ");
            return {
                ...base,
                system: `The following are multiple choice questions (with answers) about ${subjectWords}.\n\n`,
                user: `${source.question.trim()}\n${letteredOptions(source.options)}Answer:`,
                choices: [...LETTERS]
            };
        }
        case "pubmedqa": // lm_eval/tasks/pubmedqa/preprocess_pubmedqa.py
            return {
                ...base,
                user: `Abstract: ${(source.contexts ?? []).join("\n")}\nQuestion: ${source.question}\nAnswer:`,
                choices: [...source.options]
            };
    }
}
