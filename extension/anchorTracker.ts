/**
 * Keeps track of where a streamed summary must land while the user goes on editing the document. The target is a
 * range of offsets (empty for an insertion); every document change before it shifts it, a change overlapping it
 * makes it uncertain ("conflict"), and the caller then asks the user instead of guessing.
 */

export interface OffsetRange {
    start: number;
    end: number;
}

/** A change as vscode.TextDocumentContentChangeEvent reports it (offsets into the text before the change event). */
export interface OffsetChange {
    rangeOffset: number;
    rangeLength: number;
    text: string;
}

export type TrackResult = {ok: true; range: OffsetRange} | {ok: false; reason: "conflict"};

/**
 * Applies the changes of one change event (non-overlapping, all relative to the text before the event) to `range`.
 * An insertion exactly at an empty range's position counts as before it (typing at the anchor pushes it along).
 */
export function trackRange(range: OffsetRange, changes: readonly OffsetChange[]): TrackResult {
    let shiftStart = 0;
    let shiftEnd = 0;
    for (const c of changes) {
        const cStart = c.rangeOffset;
        const cEnd = c.rangeOffset + c.rangeLength;
        const delta = c.text.length - c.rangeLength;
        if (range.start === range.end) {
            // An insertion point: changes ending at or before it shift it; a change strictly around it erases it.
            if (cEnd <= range.start) {
                shiftStart += delta;
                shiftEnd += delta;
            } else if (cStart < range.start) {
                return {ok: false, reason: "conflict"};
            }
            continue;
        }
        if (cEnd <= range.start) {
            shiftStart += delta;
            shiftEnd += delta;
        } else if (cStart >= range.end) {
            // After the range: no effect.
        } else {
            return {ok: false, reason: "conflict"};
        }
    }
    return {ok: true, range: {start: range.start + shiftStart, end: range.end + shiftEnd}};
}
