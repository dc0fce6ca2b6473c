/**
 * Errors of the model store and the model-file check. Every message is fit to show a user as is: it names the model
 * or file and says what to do next (front ends print `err.message`, never a stack trace).
 */
import {formatBytes} from "./formatBytes";

/** A model reference that is neither a preset, a .gguf path, an `hf:` URI nor an http(s) URL. */
export class ModelReferenceError extends Error {
    constructor(message: string, readonly reference: string) {
        super(message);
        this.name = "ModelReferenceError";
    }
}

/** The model is not in the store and downloading was not allowed. */
export class ModelNotDownloadedError extends Error {
    constructor(
        readonly reference: string,
        /** The command that downloads it, e.g. `med42 pull med42-8b`. */
        readonly pullCommand: string,
        /** Approximate download size, when known without asking the network. */
        readonly sizeBytes?: number,
        readonly displayName?: string
    ) {
        super(`model ${reference}${displayName && displayName !== reference ? ` (${displayName})` : ""} is not downloaded: ` +
            `run \`${pullCommand}\`${sizeBytes ? ` (about ${formatBytes(sizeBytes)})` : ""} or pass --model /path/to/file.gguf`);
        this.name = "ModelNotDownloadedError";
    }
}

export type ModelDownloadFailure = "offline" | "http" | "interrupted" | "incomplete" | "not-gguf" | "busy" | "resolve" | "disk"
    /** The bytes do not match the SHA-256 the source published. */
    | "checksum"
    /** A redirect would leave HTTPS (or http(s) altogether). */
    | "insecure";

/** A download that failed; `failure` says why, `partialPath` is the kept partial file when it can be resumed. */
export class ModelDownloadError extends Error {
    constructor(message: string, readonly failure: ModelDownloadFailure, readonly options: {status?: number; partialPath?: string; cause?: unknown} = {}) {
        super(message, {cause: options.cause});
        this.name = "ModelDownloadError";
    }
    get status(): number | undefined { return this.options.status; }
    get partialPath(): string | undefined { return this.options.partialPath; }
}

export type ModelFileProblem = "missing" | "folder" | "not-gguf" | "corrupt" | "architecture" | "memory";

/** A local model file that cannot be used: missing, not GGUF, truncated/corrupt, wrong architecture, or too big. */
export class ModelFileError extends Error {
    constructor(message: string, readonly path: string, readonly problem: ModelFileProblem, options: {cause?: unknown} = {}) {
        super(message, options);
        this.name = "ModelFileError";
    }
}

/** A folder given where a model file was expected. */
export function folderError(file: string): ModelFileError {
    return new ModelFileError(`${file} is a folder, not a model file: pass the path of a .gguf file in it`, file, "folder");
}
