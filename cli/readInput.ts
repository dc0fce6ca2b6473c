import * as fs from "node:fs";
import {CliError} from "./cliError";

/** Reads all of stdin as UTF-8. */
export async function readStdin(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
}

/** Reads FILE, or stdin for "-", with clear errors for missing or unreadable files. */
export async function readTextArgument(file: string): Promise<string> {
    if (file === "-") return readStdin();
    try {
        const stat = fs.statSync(file);
        if (stat.isDirectory()) throw new CliError(`${file} is a folder, not a text file`, 2);
        return fs.readFileSync(file, "utf8");
    } catch (err) {
        if (err instanceof CliError) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ENOENT") throw new CliError(`no such file: ${file}`, 2);
        if (code === "EACCES") throw new CliError(`cannot read ${file}: permission denied`, 2);
        throw new CliError(`cannot read ${file}: ${(err as Error).message}`, 2);
    }
}

/** Runs `fn` with an AbortSignal that Ctrl+C (SIGINT) fires; a second Ctrl+C exits at once. */
export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ac = new AbortController();
    const onSigint = () => {
        if (ac.signal.aborted) process.exit(130);
        ac.abort();
    };
    process.on("SIGINT", onSigint);
    try {
        return await fn(ac.signal);
    } finally {
        process.off("SIGINT", onSigint);
        if (ac.signal.aborted) process.exitCode = 130;
    }
}
