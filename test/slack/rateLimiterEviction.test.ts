/**
 * The per-user rate limiter forgets users whose questions have left the window, so a large workspace does not grow
 * its memory with everyone who ever asked. Time is the `now` passed to admit(): no wall clock.
 */
import * as assert from "node:assert/strict";
import {UserRateLimiter} from "../../slack-bot/reliability/userRateLimiter";

describe("slack: the rate limiter evicts idle users", () => {
    const WINDOW = 60_000;

    it("forgets users idle for a window, keeps the recent ones and their limit", () => {
        const limiter = new UserRateLimiter({perUser: 2, windowMs: WINDOW, maxActive: 100_000});
        const ask = (user: string, now: number) => {
            const a = limiter.admit(user, now);
            if (a.admitted) a.release();
            return a;
        };
        for (let i = 0; i < 5_000; i++) ask(`U${i}`, i);
        assert.equal(limiter.trackedUsers, 5_000);

        // Two questions from B late in the next window, then a question from someone new after it.
        assert.equal(ask("B", WINDOW + 30_000).admitted, true);
        assert.equal(ask("B", WINDOW + 30_001).admitted, true);
        ask("NEW", 2 * WINDOW + 10_000);
        assert.equal(limiter.trackedUsers, 2, "only B and NEW are left: the 5,000 idle users were forgotten");
        const third = ask("B", 2 * WINDOW + 10_001);
        assert.equal(!third.admitted && third.reason, "user-limit", "B's recent questions still count");

        // Much later, everyone is idle: a single new question leaves one user tracked.
        ask("LATE", 10 * WINDOW);
        assert.equal(limiter.trackedUsers, 1);
    });

    it("stays bounded under a steady stream of new users", () => {
        const limiter = new UserRateLimiter({perUser: 6, windowMs: WINDOW, maxActive: 100_000});
        let most = 0;
        for (let t = 0; t < 20 * WINDOW; t += 1_000) { // one new user a second for 20 windows
            const a = limiter.admit(`U${t}`, t);
            if (a.admitted) a.release();
            most = Math.max(most, limiter.trackedUsers);
        }
        assert.ok(most <= 2 * WINDOW / 1_000 + 1, `at most two windows of users were kept, not ${most}`);
    });
});
