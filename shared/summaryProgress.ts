/**
 * How far a summary is: passes finished of passes expected, and a real share of the work done, so a user who waits
 * minutes for a long document sees a percentage that moves, not a spinner. The work of a pass is the prompt tokens
 * it evaluates plus the most tokens it may write; the engine reports evaluated prompt tokens while a prompt is
 * evaluated (ChatBackend's onPromptProgress) and every generated token (onToken).
 */

export interface SummaryProgress {
    /** Passes finished (the parts' summaries, then the combining passes). */
    done: number;
    /** Passes expected so far: grows when the partial summaries need another round. */
    total: number;
    /** Share of the estimated work done, 0 to 1; it never goes back. */
    fraction: number;
    /** The summary of one part, when a pass over a part of the document just finished (index 0 = the first part). */
    part?: {index: number; of: number; text: string};
}

/** `done` and `total` first, as before there was a percentage. */
export type SummaryProgressListener = (done: number, total: number, progress: SummaryProgress) => void;

/** One planned pass: the engine's callbacks for it come from SummaryProgressMeter.hooks. */
export interface PlannedPass {
    prompt: number;
    write: number;
    evaluated: number;
    written: number;
    finished: boolean;
}

/** Reports at least every this share of the work (and at every pass boundary). */
const STEP = 0.01;

export class SummaryProgressMeter {
    private readonly passes: PlannedPass[] = [];
    private shown = 0;

    constructor(private readonly listener?: SummaryProgressListener) {}

    /** Adds a pass expected to evaluate about `promptTokens` and to write at most `writeTokens`. */
    plan(promptTokens: number, writeTokens: number): PlannedPass {
        const pass = {prompt: Math.max(1, promptTokens), write: Math.max(1, writeTokens), evaluated: 0, written: 0, finished: false};
        this.passes.push(pass);
        return pass;
    }

    /** Corrects a planned pass's estimate once its prompt is known. */
    replan(pass: PlannedPass, promptTokens: number, writeTokens: number): void {
        pass.prompt = Math.max(1, promptTokens);
        pass.write = Math.max(1, writeTokens);
    }

    /** The engine callbacks that move the pass's share. */
    hooks(pass: PlannedPass): {onPromptProgress: (evaluatedTokens: number) => void; onToken: (count: number) => void} {
        return {
            onPromptProgress: (evaluated) => {
                pass.evaluated = Math.min(pass.prompt, Math.max(pass.evaluated, evaluated));
                this.report(false);
            },
            onToken: (count) => {
                // The first token means the whole prompt was evaluated.
                pass.evaluated = pass.prompt;
                pass.written = Math.min(pass.write, pass.written + count);
                this.report(false);
            }
        };
    }

    /** The pass ended (however few tokens it wrote); `part` is the summary of a part of the document. */
    finish(pass: PlannedPass, part?: SummaryProgress["part"]): void {
        pass.finished = true;
        pass.evaluated = pass.prompt;
        pass.written = pass.write;
        this.report(true, part);
    }

    /** Reports the state now (e.g. at the start, with nothing done). */
    start(): void {
        this.report(true);
    }

    get fraction(): number {
        let total = 0;
        let done = 0;
        for (const p of this.passes) {
            total += p.prompt + p.write;
            done += p.evaluated + p.written;
        }
        return total > 0 ? done / total : 0;
    }

    private report(force: boolean, part?: SummaryProgress["part"]): void {
        // Never backwards: a new round of passes adds work, and the share waits until the work catches up.
        const fraction = Math.min(1, Math.max(this.shown, this.fraction));
        if (!force && fraction < this.shown + STEP) return;
        this.shown = fraction;
        const done = this.passes.filter((p) => p.finished).length;
        const total = this.passes.length;
        this.listener?.(done, total, {done, total, fraction, ...(part ? {part} : {})});
    }
}
