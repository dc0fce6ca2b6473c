/**
 * A push-to-pull bridge: producers `push` events, one consumer iterates them with `for await`. Events are buffered
 * until read, so a consumer that starts late misses nothing. Used to turn callback-style generation into the
 * async-iterable AnswerStream.
 */
export class EventChannel<T> implements AsyncIterable<T> {
    private buffer: T[] = [];
    private closed = false;
    private wake?: () => void;

    push(event: T): void {
        if (this.closed) return;
        this.buffer.push(event);
        this.wake?.();
    }

    close(): void {
        this.closed = true;
        this.wake?.();
    }

    async *[Symbol.asyncIterator](): AsyncIterator<T> {
        for (;;) {
            if (this.buffer.length > 0) { yield this.buffer.shift()!; continue; }
            if (this.closed) return;
            await new Promise<void>((resolve) => { this.wake = resolve; });
            this.wake = undefined;
        }
    }
}
