/** An error whose message is fit for the user; the CLI prints it on one line and exits with `exitCode`. */
export class CliError extends Error {
    constructor(message: string, readonly exitCode = 1) {
        super(message);
        this.name = "CliError";
    }
}
