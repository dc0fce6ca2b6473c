/**
 * Keeps concurrent generations in step, so llama.cpp decodes the next token of every active conversation in one
 * batch.
 *
 * Why: node-llama-cpp decodes whatever its sequences have queued when its dispatch loop comes round. After a batch,
 * each sequence samples its token on libuv's thread pool and gets it back at a slightly different moment; the first
 * ones back queue their next token while the others are still sampling, the loop decodes those alone, and the
 * conversations drift into separate, smaller batches (measured: ~3 tokens per decode with 4 sequences, total
 * throughput ~1.1× one sequence's instead of the ~2× llama.cpp itself reaches).
 *
 * How: every generation on a wrapped sequence goes through `sequence.evaluate()` (LlamaChat uses it); the wrapper
 * holds each request for the next token until every other generation has asked for its next token too, then lets
 * them all go in the same tick, so they are queued together and decoded together. A generation that is still
 * evaluating its prompt does not hold the others; one whose caller goes quiet holds them at most `maxWaitMs`.
 */
import type {
    BatchItem, CustomBatchingPrioritizationStrategy, EvaluationPriority, LlamaContextSequence, PrioritizedBatchItem, Token
} from "node-llama-cpp" with {"resolution-mode": "import"};

type EvaluateFn = LlamaContextSequence["evaluate"];
type MemberState = "waiting" | "decoding" | "prompt" | "consuming";

interface Member {
    state: MemberState;
    /** The sequence's position in the context (its sequence id when sequences were taken in order). */
    order: number;
    release?: () => void;
}

export interface LockstepStats {
    /** Times the waiting generations were let go. */
    releases: number;
    /** Generations let go, summed over all releases (÷ releases = mean generations per batch). */
    released: number;
    /** Releases forced by `maxWaitMs` because a generation's caller did not ask for its next token. */
    timeouts: number;
}

export class LockstepBatcher {
    private readonly members = new Set<Member>();
    private timer?: ReturnType<typeof setTimeout>;
    private readonly wrapped = new Map<LlamaContextSequence, EvaluateFn>();
    private wrappedCount = 0;
    readonly stats: LockstepStats = {releases: 0, released: 0, timeouts: 0};

    /** @param maxWaitMs the longest a generation waits for another whose caller is busy elsewhere. */
    constructor(private readonly maxWaitMs = 50) {}

    /**
     * Routes `sequence.evaluate()` through the batcher; `unwrap` (or dispose) restores it. Wrap the sequences in the
     * order the context gave them out (their sequence ids), or pass that id as `order`: see releaseWaiting.
     */
    wrap(sequence: LlamaContextSequence, order = this.wrappedCount): void {
        if (this.wrapped.has(sequence)) return;
        this.wrappedCount++;
        const original = sequence.evaluate;
        this.wrapped.set(sequence, original);
        const evaluate: EvaluateFn = (tokens, options) => this.inStep(original.call(sequence, tokens,
            {...options, evaluationPriority: tagPriority(options?.evaluationPriority ?? DEFAULT_PRIORITY, order)}), order);
        sequence.evaluate = evaluate;
    }

    unwrap(sequence: LlamaContextSequence): void {
        const original = this.wrapped.get(sequence);
        if (!original) return;
        sequence.evaluate = original;
        this.wrapped.delete(sequence);
    }

    dispose(): void {
        for (const sequence of [...this.wrapped.keys()]) this.unwrap(sequence);
        this.releaseWaiting(false);
    }

    /** Generations currently in step (asking for tokens, decoding or handling one). */
    get active(): number { return this.members.size; }

    private async *inStep(inner: AsyncGenerator<Token, void, void | Token | Token[]>, order: number):
        AsyncGenerator<Token, void, void | Token | Token[]> {
        let member: Member | undefined;
        let input: void | Token | Token[] = undefined;
        try {
            for (;;) {
                if (!member) {
                    // The first call evaluates the prompt, which can take long: others do not wait for it.
                    member = {state: "prompt", order};
                    this.members.add(member);
                } else {
                    await this.arrive(member);
                    member.state = "decoding";
                }
                const r = await inner.next(input);
                member.state = "consuming";
                this.check();
                if (r.done) return;
                input = yield r.value;
            }
        } finally {
            if (member) {
                this.members.delete(member);
                member.release?.();
                this.check();
            }
            await inner.return(undefined);
        }
    }

    private arrive(member: Member): Promise<void> {
        return new Promise((resolve) => {
            member.state = "waiting";
            member.release = () => { member.release = undefined; resolve(); };
            this.check();
        });
    }

    /** Lets the waiting generations go once nobody else is about to ask for a token. */
    private check(): void {
        let waiting = 0;
        let decoding = 0;
        let consuming = 0;
        for (const m of this.members) {
            if (m.state === "waiting") waiting++;
            else if (m.state === "decoding") decoding++;
            else if (m.state === "consuming") consuming++;
        }
        if (waiting === 0 || consuming === 0) this.clearTimer();
        if (waiting === 0) return;
        if (decoding === 0 && consuming === 0) {
            this.releaseWaiting(false);
            return;
        }
        // A generation that is decoding comes back within this batch, and the waiting ones could not be decoded
        // before that batch ends anyway: waiting for it costs nothing. One that is handling its token asks for the
        // next within microseconds, unless its caller is busy elsewhere: wait for it at most maxWaitMs.
        if (consuming > 0 && !this.timer) {
            this.timer = setTimeout(() => {
                this.timer = undefined;
                this.releaseWaiting(true);
            }, this.maxWaitMs);
            this.timer.unref?.();
        }
    }

    private releaseWaiting(timedOut: boolean): void {
        this.clearTimer();
        const waiting = [...this.members].filter((m) => m.state === "waiting" && m.release);
        if (waiting.length === 0) return;
        this.stats.releases++;
        this.stats.released += waiting.length;
        if (timedOut) this.stats.timeouts++;
        for (const m of waiting) {
            m.state = "decoding";
            m.release!();
        }
    }

    private clearTimer(): void {
        if (this.timer) {
            clearTimeout(this.timer);
            this.timer = undefined;
        }
    }
}

/** node-llama-cpp's default evaluation priority. */
const DEFAULT_PRIORITY = 5;
/** Sequence orders are carried in the fraction of the evaluation priority: exact in binary, below any integer step. */
const ORDER_SCALE = 4096;

/** The caller's priority with the sequence's order in its fraction (the integer part keeps its meaning). */
function tagPriority(priority: EvaluationPriority, order: number): EvaluationPriority {
    return (Math.floor(priority) + (Math.min(order, ORDER_SCALE - 2) + 1) / ORDER_SCALE) as EvaluationPriority;
}

function sequenceOrder(item: BatchItem): number {
    const fraction = Math.round((item.evaluationPriority - Math.floor(item.evaluationPriority)) * ORDER_SCALE);
    return fraction > 0 ? fraction - 1 : Number.POSITIVE_INFINITY;
}

/**
 * node-llama-cpp's "maximumParallelism" batching (every queued sequence gets an equal share of the batch, the rest
 * goes to those with more tokens, higher priority first), with the items in ascending sequence order.
 *
 * Why the order matters: with several sequences llama.cpp keeps one KV stream per sequence and cuts a batch into
 * sub-batches of consecutive, ascending sequence ids (llama_batch_allocr::split_equal, "sequential"), each its own
 * evaluation of the whole model. node-llama-cpp batches tokens in the order the sequences queued them, which
 * varies from token to token: measured on the 1b shape, 4 conversations queued as 0,1,3,2 in 10 of 16 steps, and
 * such a step cost 1.4× one in order. The lockstep batcher tags every evaluation with its sequence's order.
 */
export const sequenceOrderedPrioritization: CustomBatchingPrioritizationStrategy = ({items, size}) => {
    const ordered = [...items].sort((a, b) => sequenceOrder(a) - sequenceOrder(b));
    let left = size;
    const share = Math.floor(left / Math.max(1, ordered.length));
    const result: PrioritizedBatchItem[] = [];
    const clipped: PrioritizedBatchItem[] = [];
    for (const item of ordered) {
        const entry = {item, processAmount: Math.min(item.tokens.length, left, share)};
        result.push(entry);
        left -= entry.processAmount;
        if (entry.processAmount < item.tokens.length) clipped.push(entry);
        if (left === 0) break;
    }
    clipped.sort((a, b) => b.item.evaluationPriority - a.item.evaluationPriority);
    for (const entry of clipped) {
        if (left === 0) break;
        const more = Math.min(entry.item.tokens.length - entry.processAmount, left);
        entry.processAmount += more;
        left -= more;
    }
    return result;
};
