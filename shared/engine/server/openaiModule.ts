/**
 * The OpenAI client library, loaded at its first use instead of with the modules that name it: every `med42` command
 * imports them (the commands are registered together), and loading the library cost each start ~60 ms, also for
 * `med42 ask` on a local model, which never talks to a server (docs/performance.md).
 */
import type OpenAI from "openai";

export function openaiModule(): typeof OpenAI {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("openai") as {default: typeof OpenAI}).default;
}
