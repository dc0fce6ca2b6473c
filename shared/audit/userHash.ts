/**
 * User ids in the audit log are salted SHA-256 hashes: the same user maps to the same hash within one install
 * (so a reviewer can see repeated requests), while the raw id never reaches the database.
 */
import {createHash, randomBytes} from "node:crypto";
import * as fs from "node:fs";

export function hashUserId(userId: string, salt: string): string {
    return createHash("sha256").update(salt).update("\0").update(userId).digest("hex");
}

/** A shorter salt is too easy to guess, and with it every user id behind a hash (user ids are few and structured). */
export const MIN_SALT_LENGTH = 32;

/** MED42_AUDIT_SALT when set (checked: at least MIN_SALT_LENGTH characters), else undefined. */
export function saltFromEnv(env: NodeJS.ProcessEnv): string | undefined {
    const value = env.MED42_AUDIT_SALT;
    if (value === undefined) return undefined;
    const salt = value.trim();
    if (salt.length < MIN_SALT_LENGTH)
        throw new Error(`MED42_AUDIT_SALT is ${salt.length === 0 ? "empty" : `only ${salt.length} characters long`}: it must be ` +
            `at least ${MIN_SALT_LENGTH} characters (e.g. the output of \`openssl rand -hex 32\`), or unset to use a random salt kept beside the audit database`);
    return salt;
}

/**
 * Reads the install's salt from `file`, creating it (random, mode 0600) if missing; no file: a salt for this run only.
 * An existing file that is empty or too short is an error (hashing with it would make user ids guessable), not
 * something to replace silently (which would break the link between old and new hashes).
 */
export function loadOrCreateSalt(file?: string): string {
    if (!file) return randomBytes(32).toString("hex");
    try {
        return checkedSalt(fs.readFileSync(file, "utf8"), file);
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    // Written whole under another name, then linked into place: another process never sees an empty salt file.
    const salt = randomBytes(32).toString("hex");
    const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    fs.writeFileSync(draft, salt + "\n", {mode: 0o600, flag: "wx"});
    try {
        fs.linkSync(draft, file);
        return salt;
    } catch (err) {
        // Another process created it first: use theirs.
        if ((err as NodeJS.ErrnoException).code === "EEXIST") return checkedSalt(fs.readFileSync(file, "utf8"), file);
        throw err;
    } finally {
        fs.rmSync(draft, {force: true});
    }
}

function checkedSalt(text: string, file: string): string {
    const salt = text.trim();
    if (salt.length >= MIN_SALT_LENGTH) return salt;
    throw new Error(`the audit salt file ${file} is ${salt.length === 0 ? "empty" : `only ${salt.length} characters long`}: ` +
        `it must hold at least ${MIN_SALT_LENGTH} characters. Restore it from a backup (hashes made with another salt no ` +
        "longer match), or delete it to start a new salt");
}
