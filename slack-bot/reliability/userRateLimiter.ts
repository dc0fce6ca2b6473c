/**
 * Fair use of one local model shared by a whole workspace: a per-user sliding-window limit on questions, and a cap
 * on answers waiting or running at once (beyond it a polite "busy" reply beats an ever-growing queue).
 */
export interface RateLimitOptions {
    /** Questions one user may ask within `windowMs`. */
    perUser: number;
    windowMs: number;
    /** Answers in progress or queued across all users. */
    maxActive: number;
}

export type Admission =
    | {admitted: true; release(): void}
    | {admitted: false; reason: "user-limit"; retryAfterMs: number}
    | {admitted: false; reason: "busy"};

export class UserRateLimiter {
    private readonly history = new Map<string, number[]>();
    private active = 0;
    private lastSweep = 0;

    constructor(private readonly options: RateLimitOptions) {}

    /** Answers in progress or queued. */
    get activeCount(): number { return this.active; }

    /** Users with a question still inside the window (the others are forgotten, so the map stays small). */
    get trackedUsers(): number { return this.history.size; }

    /** Admits one question from `userId`, or says why not; call `release()` when its answer is done. */
    admit(userId: string, now = Date.now()): Admission {
        this.forgetIdleUsers(now);
        const recent = (this.history.get(userId) ?? []).filter((t) => now - t < this.options.windowMs);
        if (recent.length >= this.options.perUser) {
            this.history.set(userId, recent);
            return {admitted: false, reason: "user-limit", retryAfterMs: this.options.windowMs - (now - recent[0])};
        }
        if (this.active >= this.options.maxActive) return {admitted: false, reason: "busy"};
        recent.push(now);
        this.history.set(userId, recent);
        this.active++;
        let released = false;
        return {admitted: true, release: () => {
            if (released) return;
            released = true;
            this.active--;
        }};
    }

    /**
     * Drops users whose last question left the window: once per window, so the cost stays small, and the map holds
     * at most the users of the last two windows instead of everyone who ever asked.
     */
    private forgetIdleUsers(now: number): void {
        if (now - this.lastSweep < this.options.windowMs) return;
        this.lastSweep = now;
        for (const [userId, times] of this.history) {
            if (times.length === 0 || now - times[times.length - 1] >= this.options.windowMs) this.history.delete(userId);
        }
    }
}
