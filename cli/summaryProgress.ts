/**
 * The progress of `med42 summarize` on stderr, so stdout stays the summary alone: on a terminal a bar with the share
 * of the work done, the parts done and an estimate of the time left, removed when the summary starts to print;
 * otherwise (a pipe, a log) a line at every tenth of the work and each time a part of a long document is summarised.
 */
import {SingleBar} from "cli-progress";
import type {SummaryProgress} from "../shared/summaryProgress";

export class SummaryProgressDisplay {
    private bar?: SingleBar;
    private stopped = false;
    private lastDone = 0;
    private lastTenth = 0;

    constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

    /** The summariser's progress listener. */
    readonly update = (done: number, total: number, progress: SummaryProgress): void => {
        if (this.stopped) return;
        const percent = Math.floor(progress.fraction * 100);
        const parts = total > 1 ? `${Math.min(done, total)} of ${total} passes` : "";
        if (this.stream.isTTY) {
            if (!this.bar) {
                this.bar = new SingleBar({
                    stream: this.stream, format: "Summarizing [{bar}] {percentage}% {parts} ETA {eta_formatted}",
                    hideCursor: true, clearOnComplete: true, etaBuffer: 50
                });
                this.bar.start(100, 0, {parts});
            }
            this.bar.update(percent, {parts});
        } else if (done > this.lastDone || Math.floor(percent / 10) > this.lastTenth) {
            this.lastDone = done;
            this.lastTenth = Math.floor(percent / 10);
            const part = progress.part ? `, part ${progress.part.index + 1} of ${progress.part.of} summarized` : "";
            this.stream.write(`Summarizing: ${percent}%${part}…\n`);
        }
    };

    /** The summary starts to print (or the command ends): the bar goes away. */
    stop(): void {
        if (this.stopped) return;
        this.stopped = true;
        if (this.bar) {
            this.bar.stop();
            this.bar = undefined;
        }
    }
}
