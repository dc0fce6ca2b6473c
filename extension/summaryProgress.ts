/**
 * What a summary's progress notification shows: its bar moves by the share of the work done (VS Code's progress
 * takes increments in percent), its text says the share and which pass over a long document's parts is running;
 * once the summary is being written, only the bar moves (the text then counts the characters written).
 */
import type {SummaryProgress} from "../shared/summaryProgress";

export interface ProgressStep {
    /** Percent to add to the bar. */
    increment?: number;
    message?: string;
}

export class SummaryProgressSteps {
    private percent = 0;
    private writing = false;

    /** The step for a progress event; undefined when nothing changed. */
    update(done: number, total: number, progress: SummaryProgress): ProgressStep | undefined {
        const now = Math.min(100, Math.floor(progress.fraction * 100));
        const increment = now - this.percent;
        this.percent = Math.max(this.percent, now);
        if (this.writing) return increment > 0 ? {increment} : undefined;
        const parts = total > 1 ? ` · part ${Math.min(done + 1, total)} of ${total}` : "";
        return {...(increment > 0 ? {increment} : {}), message: `${this.percent}%${parts}…`};
    }

    /** The summary's text started to stream. */
    startWriting(): void {
        this.writing = true;
    }
}
