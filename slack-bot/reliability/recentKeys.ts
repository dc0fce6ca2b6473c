/**
 * A bounded, expiring set of keys. The bot uses two: deliveries already handled (Bolt does not de-duplicate: Slack
 * retries an event it thinks was not acknowledged with the same `event_id`, and one user message can arrive both as
 * `app_mention` and as `message`, with the same channel + ts) and threads it answered (for follow-ups without a
 * mention).
 *
 * @see https://docs.slack.dev/apis/events-api/#retries
 */
export class RecentKeys {
    private readonly keys = new Map<string, number>();

    constructor(private readonly options: {ttlMs: number; maxEntries: number}) {}

    has(key: string, now = Date.now()): boolean {
        this.evict(now);
        return this.keys.has(key);
    }

    /** Adds (or refreshes) `key`. */
    add(key: string, now = Date.now()): void {
        this.keys.delete(key);
        this.keys.set(key, now);
        this.evict(now);
    }

    /** True (and remembers `key`) the first time it is seen within the TTL; false for a repeat. */
    addIfNew(key: string, now = Date.now()): boolean {
        if (this.has(key, now)) return false;
        this.add(key, now);
        return true;
    }

    private evict(now: number): void {
        // Map iteration is insertion order, so the oldest entries come first.
        for (const [key, at] of this.keys) {
            if (now - at < this.options.ttlMs && this.keys.size <= this.options.maxEntries) break;
            this.keys.delete(key);
        }
    }
}

/** Key of a user message, the same for its `app_mention` and `message` deliveries. */
export function messageKey(channel: string, ts: string): string {
    return `msg:${channel}:${ts}`;
}

/** Key of a thread. */
export function threadKey(channel: string, threadTs: string): string {
    return `thread:${channel}:${threadTs}`;
}
