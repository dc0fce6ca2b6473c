/**
 * A fair FIFO queue of leases on a fixed set of slots (the context's sequences). A waiting request learns its
 * position whenever it changes; aborting a waiting request removes it from the queue.
 *
 * Slot choice keeps KV caches useful: a request that names a preferred slot (the one that served its
 * conversation) gets it when it is free; otherwise the least recently used free slot is taken, so recently used
 * slots keep their conversations for a follow-up.
 */
export interface SlotLease<T> {
    readonly slot: T;
    readonly index: number;
    release(): void;
}

interface Waiter<T> {
    preferred?: number;
    resolve(lease: SlotLease<T>): void;
    reject(err: unknown): void;
    onPosition?: (position: number) => void;
    lastPosition?: number;
}

export class QueueAbortedError extends Error {
    constructor() {
        super("The request was cancelled while waiting for the model.");
        this.name = "AbortError";
    }
}

export class RequestQueue<T> {
    private readonly busy: boolean[];
    private readonly lastUsed: number[];
    private readonly waiters: Waiter<T>[] = [];
    private clock = 0;
    private disposed = false;

    constructor(private readonly slots: readonly T[]) {
        if (slots.length === 0) throw new Error("RequestQueue needs at least one slot");
        this.busy = slots.map(() => false);
        this.lastUsed = slots.map(() => 0);
    }

    /** Requests waiting for a slot. */
    get waiting(): number { return this.waiters.length; }

    /** Slots in use. */
    get active(): number { return this.busy.filter(Boolean).length; }

    /**
     * Waits for a free slot. `preferred` is honoured only when that slot is free at the time this request is served:
     * fairness comes first, so a request never overtakes an earlier one.
     */
    acquire(options: {preferred?: number; signal?: AbortSignal; onPosition?: (position: number) => void} = {}):
        Promise<SlotLease<T>> {
        if (this.disposed) return Promise.reject(new Error("The model was unloaded."));
        if (options.signal?.aborted) return Promise.reject(new QueueAbortedError());
        return new Promise((resolve, reject) => {
            const waiter: Waiter<T> = {preferred: options.preferred, resolve, reject, onPosition: options.onPosition};
            const onAbort = () => {
                const i = this.waiters.indexOf(waiter);
                if (i >= 0) {
                    this.waiters.splice(i, 1);
                    reject(new QueueAbortedError());
                    this.reportPositions();
                }
            };
            options.signal?.addEventListener("abort", onAbort, {once: true});
            waiter.resolve = (lease) => { options.signal?.removeEventListener("abort", onAbort); resolve(lease); };
            this.waiters.push(waiter);
            this.dispatch();
            this.reportPositions();
        });
    }

    /** Rejects everyone waiting; leases in use stay valid until released. */
    dispose(): void {
        this.disposed = true;
        for (const w of this.waiters.splice(0)) w.reject(new Error("The model was unloaded."));
    }

    private dispatch(): void {
        while (this.waiters.length > 0) {
            const index = this.pickSlot(this.waiters[0].preferred);
            if (index < 0) return;
            const waiter = this.waiters.shift()!;
            this.busy[index] = true;
            let released = false;
            waiter.resolve({
                slot: this.slots[index],
                index,
                release: () => {
                    if (released) return;
                    released = true;
                    this.busy[index] = false;
                    this.lastUsed[index] = ++this.clock;
                    this.dispatch();
                    this.reportPositions();
                }
            });
        }
    }

    private pickSlot(preferred: number | undefined): number {
        if (preferred != null && preferred >= 0 && preferred < this.slots.length && !this.busy[preferred]) return preferred;
        let best = -1;
        for (let i = 0; i < this.slots.length; i++)
            if (!this.busy[i] && (best < 0 || this.lastUsed[i] < this.lastUsed[best])) best = i;
        return best;
    }

    private reportPositions(): void {
        this.waiters.forEach((w, i) => {
            const position = i + 1;
            if (w.lastPosition !== position) {
                w.lastPosition = position;
                w.onPosition?.(position);
            }
        });
    }
}
