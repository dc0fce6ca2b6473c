import {spawn} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface CliRun { code: number | null; stdout: string; stderr: string }

const BIN = path.resolve(__dirname, "../../../bin/med42.js");
/** Child processes audit into a throwaway database, never the user's. */
const AUDIT_DB = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "med42-cli-audit-")), "audit.sqlite");

/** Runs `med42 ARGS` as a child process (the real bin script), with optional stdin and extra env. */
export function runCli(args: string[], options: {input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; bin?: string;
    /** Variables to remove from the child's environment (to run with the product's own defaults). */
    unsetEnv?: string[]; cwd?: string;
    /** Pin the child to one CPU (see oneCpuPrefix). */
    oneCpu?: boolean} = {}): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        // A fixed system locale (it picks the crisis numbers), so results do not depend on the machine's LANG.
        const env: NodeJS.ProcessEnv = {...process.env, LANG: "C.UTF-8", LC_ALL: undefined, LC_MESSAGES: undefined,
            MED42_THREADS: "1", MED42_AUDIT_DB: AUDIT_DB, ...options.env};
        for (const name of options.unsetEnv ?? []) delete env[name];
        const command = [process.execPath, options.bin ?? BIN, ...args];
        if (options.oneCpu) command.unshift(...oneCpuPrefix());
        const child = spawn(command[0], command.slice(1), {env, cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"]});
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => { stdout += d; });
        child.stderr.on("data", (d) => { stderr += d; });
        const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`med42 ${args.join(" ")} timed out\n${stderr}`)); }, options.timeoutMs ?? 60000);
        child.on("error", reject);
        child.on("close", (code) => { clearTimeout(timer); resolve({code, stdout, stderr}); });
        child.stdin.end(options.input ?? "");
    });
}

/**
 * `taskset -c N`: runs a command on one CPU, so the default thread count (the physical cores the process may use)
 * is 1 through the product's own default code path, without MED42_THREADS or --threads. Why: llama.cpp's threads spin
 * while they wait, and two of them on a shared 2-core machine made a tiny-model chat take minutes instead of seconds.
 * Empty where taskset is missing (not Linux): the command then runs on every core.
 */
export function oneCpuPrefix(): string[] {
    if (process.platform !== "linux" || !["/usr/bin/taskset", "/bin/taskset"].some((p) => fs.existsSync(p))) return [];
    const allowed = /^Cpus_allowed_list:\s*(\d+)/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
    return ["taskset", "-c", allowed ? allowed[1] : "0"];
}
