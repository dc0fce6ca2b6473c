/**
 * Backs off on Slack's HTTP 429 exactly as its `Retry-After` header says. The bot's WebClient is created with
 * `rejectRateLimitedCalls: true`, so a 429 surfaces here as a `WebAPIRateLimitedError` instead of pausing every
 * request of the client.
 *
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
import {webApi} from "@slack/bolt";

export interface RetryOptions {
    /** Attempts in all, the first included. */
    attempts?: number;
    /** Longest single wait; a longer Retry-After gives up instead (the answer is stale by then). */
    maxWaitMs?: number;
    signal?: AbortSignal;
}

/** Calls `call`, waiting and retrying while Slack answers 429. */
export async function withSlackRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
    const attempts = options.attempts ?? 4;
    for (let attempt = 1; ; attempt++) {
        try {
            return await call();
        } catch (err) {
            const waitMs = retryAfterMs(err);
            if (waitMs === undefined || attempt >= attempts || waitMs > (options.maxWaitMs ?? 60_000)) throw err;
            await sleep(waitMs, options.signal);
        }
    }
}

/** The wait Slack asked for, when `err` is a rate-limit error. */
export function retryAfterMs(err: unknown): number | undefined {
    if (err && typeof err === "object" && (err as {code?: unknown}).code === webApi.ErrorCode.RateLimitedError) {
        return Math.max(0, Number((err as {retryAfter?: unknown}).retryAfter ?? 1)) * 1000;
    }
    return undefined;
}

/** Slack's error string (`message_not_in_streaming_state`, `invalid_auth`...) of a failed Web API call. */
export function slackErrorCode(err: unknown): string | undefined {
    const data = (err as {data?: {error?: unknown}} | undefined)?.data;
    return typeof data?.error === "string" ? data.error : undefined;
}

/** Resolves after `ms`, or rejects early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) { reject(signal.reason); return; }
        const onAbort = () => { clearTimeout(timer); reject(signal!.reason); };
        const timer = setTimeout(() => { signal?.removeEventListener("abort", onAbort); resolve(); }, ms);
        signal?.addEventListener("abort", onAbort, {once: true});
    });
}
