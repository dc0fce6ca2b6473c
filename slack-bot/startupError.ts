/** A problem the operator must fix before the bot can run (missing or rejected tokens): shown as one clear line. */
export class StartupError extends Error {
    override readonly name = "StartupError";
}
