/**
 * The policy's first decision in a process cost about a second of CPU: V8 runs every regular expression through its
 * bytecode interpreter the first time and compiles it to machine code only from the second run on, and the policy's
 * long patterns are slow to interpret. Compiled at their first run, all of them take about 0.1 s, and later
 * decisions cost the same as before (measured: docs/performance.md). `med42 ask` is a new process for every
 * question, so every question paid that second before the model was even loaded.
 *
 * It is a V8 flag for the whole process: only for processes that are ours alone (the CLI, the Slack bot), never for
 * the VS Code extension host, which other extensions share.
 */
import * as v8 from "node:v8";

export function compileRegExpsOnFirstUse(): void {
    v8.setFlagsFromString("--regexp-tier-up-ticks=0");
}
