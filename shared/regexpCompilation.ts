/**
 * Import this module first in an entry point (before anything that loads the policy): from then on V8 compiles
 * every regular expression created at its first run.
 *
 * Why: the policy's first decision in a process cost about a second of CPU. V8 runs a regular expression through its
 * bytecode interpreter the first time and compiles it to machine code only from the second run on, and the policy's
 * long patterns are slow to interpret. Compiled at their first run, all of them take about 0.1 s, and later decisions
 * cost the same as before (measured: docs/performance.md). `med42 ask` is a new process for every question, so
 * every question paid that second before the model was even loaded.
 *
 * V8 reads the flag when a regular expression is created, hence an import with an effect, not a function to call.
 * It is a flag for the whole process: only for processes that are ours alone (the CLI, the Slack bot), never for the
 * VS Code extension host, which other extensions share.
 */
import * as v8 from "node:v8";

v8.setFlagsFromString("--regexp-tier-up-ticks=0");
