/**
 * A real `med42-slack` process (bin/med42-slack.js, the published entry point) for tests: connected to a fake Slack,
 * with the generated test model unless the test's env says otherwise. Its stderr is kept for assertions and for the
 * failure message; a process the test forgot is killed by `kill()` (call it in a `finally`).
 */
import {type ChildProcess, spawn} from "node:child_process";
import * as path from "node:path";
import type {FakeSlack} from "./fakeSlack";
import {testModelPath} from "./testModel";

export const BOT_ENTRY_POINT = path.resolve(__dirname, "../../../bin/med42-slack.js");

export interface BotProcess {
    readonly child: ChildProcess;
    /** Everything written to stderr so far (the bot's log). */
    readonly stderr: string;
    /** Resolves when the process exits: its exit code, or the signal that ended it. */
    readonly exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
    readonly running: boolean;
    /** Sends `signal` if the process still runs (default SIGKILL). */
    kill(signal?: NodeJS.Signals): void;
}

export interface BotProcessOptions {
    /** Command-line arguments (e.g. ["--log-level", "debug"]). */
    args?: string[];
    cwd?: string;
    /** The environment `env` is added to (default: this process's). */
    baseEnv?: NodeJS.ProcessEnv;
}

/** Starts `med42-slack` on `fake` (Socket Mode); `env` is added to the base environment. */
export function startBotProcess(fake: FakeSlack, env: NodeJS.ProcessEnv = {}, options: BotProcessOptions = {}): BotProcess {
    const child = spawn(process.execPath, [BOT_ENTRY_POINT, ...(options.args ?? [])], {
        cwd: options.cwd,
        env: {...(options.baseEnv ?? process.env), SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken,
            SLACK_API_URL: fake.apiUrl, MED42_MODEL: testModelPath(), MED42_THREADS: "1", ...env},
        stdio: ["ignore", "ignore", "pipe"]
    });
    let stderr = "";
    child.stderr!.on("data", (d) => { stderr += String(d); });
    const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) =>
        child.on("exit", (code, signal) => resolve({code, signal})));
    const running = () => child.exitCode === null && child.signalCode === null;
    return {
        child,
        get stderr() { return stderr; },
        exited,
        get running() { return running(); },
        kill(signal: NodeJS.Signals = "SIGKILL") { if (running()) child.kill(signal); }
    };
}
