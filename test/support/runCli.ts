import {spawn} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface CliRun { code: number | null; stdout: string; stderr: string }

const BIN = path.resolve(__dirname, "../../../bin/med42.js");
/** Child processes audit into a throwaway database, never the user's. */
const AUDIT_DB = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "med42-cli-audit-")), "audit.sqlite");

/** Runs `med42 ARGS` as a child process (the real bin script), with optional stdin and extra env. */
export function runCli(args: string[], options: {input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; bin?: string} = {}): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [options.bin ?? BIN, ...args], {
            env: {...process.env, MED42_THREADS: "1", MED42_AUDIT_DB: AUDIT_DB, ...options.env},
            stdio: ["pipe", "pipe", "pipe"]
        });
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
