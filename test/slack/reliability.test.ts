import * as assert from "node:assert/strict";
import {InFlightAnswers} from "../../slack-bot/reliability/inFlightAnswers";
import {RecentKeys} from "../../slack-bot/reliability/recentKeys";
import {UserRateLimiter} from "../../slack-bot/reliability/userRateLimiter";

describe("slack: reliability helpers", () => {
    it("RecentKeys reports a key once within the TTL, again after it expires, and stays bounded", () => {
        const keys = new RecentKeys({ttlMs: 1000, maxEntries: 3});
        assert.equal(keys.addIfNew("a", 0), true);
        assert.equal(keys.addIfNew("a", 500), false);
        assert.equal(keys.addIfNew("a", 1500), true);
        for (const k of ["b", "c", "d", "e"]) keys.add(k, 1600);
        assert.equal(keys.has("a", 1600), false, "the oldest entry is evicted beyond maxEntries");
        assert.equal(keys.has("e", 1600), true);
    });

    it("UserRateLimiter limits each user within the window and caps work in progress", () => {
        const limiter = new UserRateLimiter({perUser: 2, windowMs: 60_000, maxActive: 3});
        const a1 = limiter.admit("A", 0);
        const a2 = limiter.admit("A", 1);
        const a3 = limiter.admit("A", 2);
        assert.equal(a1.admitted && a2.admitted, true);
        assert.equal(a3.admitted, false);
        assert.equal(!a3.admitted && a3.reason, "user-limit");
        assert.equal(!a3.admitted && a3.reason === "user-limit" && a3.retryAfterMs, 59_998, "until the oldest question leaves the window");
        const b1 = limiter.admit("B", 3);
        const c1 = limiter.admit("C", 4);
        assert.equal(b1.admitted, true);
        assert.equal(!c1.admitted && c1.reason, "busy");
        if (b1.admitted) b1.release();
        assert.equal(limiter.admit("C", 5).admitted, true);
        if (a1.admitted) a1.release();
        assert.equal(limiter.admit("A", 60_001).admitted, true, "the window slides");
    });

    it("InFlightAnswers lets only the asker stop an answer", async () => {
        const answers = new InFlightAnswers();
        let aborted = false;
        const done = answers.track("x", "U1", (signal) => new Promise<void>((resolve) => {
            signal.addEventListener("abort", () => { aborted = true; resolve(); });
        }));
        assert.equal(answers.stop("x", "U2"), "not-owner");
        assert.equal(aborted, false);
        assert.equal(answers.stop("x", "U1"), "stopped");
        await done;
        assert.equal(aborted, true);
        assert.equal(answers.stop("x", "U1"), "not-found");
        assert.equal(answers.size, 0);
    });
});
