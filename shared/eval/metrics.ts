/**
 * Multiple-choice metrics exactly as EleutherAI's lm-evaluation-harness computes them
 * (lm_eval/api/task.py `process_results` for `multiple_choice`, lm_eval/api/metrics.py `mean_stderr`):
 *   acc      = 1 when argmax(loglikelihood) is the gold option
 *   acc_norm = 1 when argmax(loglikelihood / len(choice)) is the gold option, where len is the length of the option's
 *              text in characters (Python `len`, i.e. code points) without the target delimiter; for the ASCII options
 *              of these tasks (letters, yes/no/maybe) that is also the length in bytes
 *   stderr   = sample standard deviation (n - 1) of the per-question values / sqrt(n)
 * Ties go to the first option, like numpy's argmax.
 */

export interface QuestionOutcome {
    /** Index of the option with the highest log-likelihood. */
    pred: number;
    /** Index of the option with the highest log-likelihood per character. */
    predNorm: number;
    acc: 0 | 1;
    accNorm: 0 | 1;
}

/** Length the harness divides by for acc_norm: characters (code points) of the option text. */
export function choiceLength(choice: string): number {
    return Array.from(choice).length;
}

/** First index of the largest value (numpy argmax); NaN never wins. */
export function argmax(values: readonly number[]): number {
    let best = -1;
    for (let i = 0; i < values.length; i++)
        if (!Number.isNaN(values[i]) && (best < 0 || values[i] > values[best])) best = i;
    if (best < 0) throw new Error("argmax of no comparable values");
    return best;
}

export function scoreQuestion(loglikelihoods: readonly number[], choices: readonly string[], gold: number): QuestionOutcome {
    if (loglikelihoods.length !== choices.length)
        throw new Error(`${loglikelihoods.length} log-likelihoods for ${choices.length} options`);
    const pred = argmax(loglikelihoods);
    const predNorm = argmax(loglikelihoods.map((ll, i) => ll / choiceLength(choices[i])));
    return {pred, predNorm, acc: pred === gold ? 1 : 0, accNorm: predNorm === gold ? 1 : 0};
}

export interface MetricSummary {
    value: number;
    /** null when undefined (fewer than two questions), shown as N/A like the harness. */
    stderr: number | null;
}

export function mean(values: readonly number[]): number {
    if (values.length === 0) throw new Error("mean of no values");
    return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard error of the mean: sqrt(sum((x - mean)^2) / (n - 1)) / sqrt(n). */
export function meanStderr(values: readonly number[]): number | null {
    const n = values.length;
    if (n < 2) return null;
    const mu = mean(values);
    const variance = values.reduce((sum, x) => sum + (x - mu) ** 2, 0) / (n - 1);
    return Math.sqrt(variance) / Math.sqrt(n);
}

export function summarize(values: readonly number[]): MetricSummary {
    return {value: mean(values), stderr: meanStderr(values)};
}

export interface TaskMetrics {
    n: number;
    acc: MetricSummary;
    acc_norm: MetricSummary;
}

export function aggregate(outcomes: readonly Pick<QuestionOutcome, "acc" | "accNorm">[]): TaskMetrics {
    return {
        n: outcomes.length,
        acc: summarize(outcomes.map((o) => o.acc)),
        acc_norm: summarize(outcomes.map((o) => o.accNorm))
    };
}
