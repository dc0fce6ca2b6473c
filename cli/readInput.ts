import * as fs from "node:fs";
import {CliError} from "./cliError";

/** Reads all of stdin as UTF-8. */
export async function readStdin(): Promise<string> {
    return (await readStdinBytes()).toString("utf8");
}

async function readStdinBytes(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
}

/**
 * Reads FILE, or stdin for "-", as UTF-8 text, with clear errors for missing or unreadable files and for content
 * that is not text (a PDF, an image, a UTF-16 export): decoding those would hand the model pages of noise.
 */
export async function readTextArgument(file: string): Promise<string> {
    const name = file === "-" ? "stdin" : file;
    if (file === "-") return decodeText(await readStdinBytes(), name);
    try {
        const stat = fs.statSync(file);
        if (stat.isDirectory()) throw new CliError(`${file} is a folder, not a text file`, 2);
        return decodeText(fs.readFileSync(file), name);
    } catch (err) {
        if (err instanceof CliError) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ENOENT") throw new CliError(`no such file: ${file}`, 2);
        if (code === "EACCES") throw new CliError(`cannot read ${file}: permission denied`, 2);
        throw new CliError(`cannot read ${file}: ${(err as Error).message}`, 2);
    }
}

function decodeText(bytes: Buffer, name: string): string {
    const notText = (why: string) => new CliError(`${name} is not a text file (${why}): summarize reads plain UTF-8 text; ` +
        "convert the document first (e.g. pdftotext, or save as .txt in UTF-8)", 2);
    if (bytes.includes(0)) throw notText("it contains binary data");
    try {
        return new TextDecoder("utf-8", {fatal: true, ignoreBOM: false}).decode(bytes);
    } catch {
        throw notText("it is not valid UTF-8");
    }
}

/** The exit code after a signal stopped the command: 128 + the signal's number, as shells report it. */
const SIGNAL_EXIT_CODES = {SIGINT: 130, SIGTERM: 143} as const;

/**
 * Runs `fn` with an AbortSignal that Ctrl+C (SIGINT) or SIGTERM fires, so the command stops the model, still prints
 * the disclaimer under what was shown, and exits 130 (143 for SIGTERM). A second signal exits at once.
 */
export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ac = new AbortController();
    let exitCode: number | undefined;
    const on = (signal: keyof typeof SIGNAL_EXIT_CODES) => () => {
        if (ac.signal.aborted) process.exit(exitCode ?? SIGNAL_EXIT_CODES[signal]);
        exitCode = SIGNAL_EXIT_CODES[signal];
        ac.abort();
    };
    const onSigint = on("SIGINT"), onSigterm = on("SIGTERM");
    process.on("SIGINT", onSigint);
    process.on("SIGTERM", onSigterm);
    try {
        return await fn(ac.signal);
    } finally {
        process.off("SIGINT", onSigint);
        process.off("SIGTERM", onSigterm);
        if (exitCode !== undefined) process.exitCode = exitCode;
    }
}
