/**
 * Who may ask now: the per-user limit and the cap on answers at once. One process counts in memory
 * (userRateLimiter.ts); replicas count together in PostgreSQL (postgresAdmissions.ts).
 */
import {type Admission, type RateLimitOptions, UserRateLimiter} from "./userRateLimiter";

export interface Admissions {
    /** Admits one question from `userId`, or says why not; call `release()` when its answer is done. */
    admit(userId: string): Promise<Admission>;
    /** Questions admitted by this process and not finished (the queue depth it reports). */
    readonly activeCount: number;
}

export class LocalAdmissions implements Admissions {
    readonly limiter: UserRateLimiter;

    constructor(options: RateLimitOptions) {
        this.limiter = new UserRateLimiter(options);
    }

    get activeCount(): number { return this.limiter.activeCount; }

    async admit(userId: string): Promise<Admission> { return this.limiter.admit(userId); }
}
