/**
 * User ids in the audit log are salted SHA-256 hashes: the same user maps to the same hash within one install
 * (so a reviewer can see repeated requests), while the raw id never reaches the database.
 */
import {createHash, randomBytes} from "node:crypto";
import * as fs from "node:fs";

export function hashUserId(userId: string, salt: string): string {
    return createHash("sha256").update(salt).update("\0").update(userId).digest("hex");
}

/** Reads the install's salt from `file`, creating it (random, mode 0600) if missing; no file: a salt for this run only. */
export function loadOrCreateSalt(file?: string): string {
    if (!file) return randomBytes(32).toString("hex");
    try {
        const existing = fs.readFileSync(file, "utf8").trim();
        if (existing.length >= 32) return existing;
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    const salt = randomBytes(32).toString("hex");
    try {
        fs.writeFileSync(file, salt + "\n", {mode: 0o600, flag: "wx"});
        return salt;
    } catch (err) {
        // Another process created it first: use theirs.
        if ((err as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
        throw err;
    }
}
