import * as assert from "node:assert/strict";
import {trackRange} from "../../extension/anchorTracker";

describe("summary target tracking (edits while a summary streams)", () => {
    const ins = (at: number, text: string) => ({rangeOffset: at, rangeLength: 0, text});
    const del = (at: number, length: number) => ({rangeOffset: at, rangeLength: length, text: ""});

    it("shifts an insertion point by edits before it and ignores edits after it", () => {
        assert.deepEqual(trackRange({start: 10, end: 10}, [ins(0, "abc")]), {ok: true, range: {start: 13, end: 13}});
        assert.deepEqual(trackRange({start: 10, end: 10}, [del(2, 5)]), {ok: true, range: {start: 5, end: 5}});
        assert.deepEqual(trackRange({start: 10, end: 10}, [ins(20, "zzz"), del(11, 3)]), {ok: true, range: {start: 10, end: 10}});
        // Typing exactly at the insertion point pushes it along (the summary goes after what was typed).
        assert.deepEqual(trackRange({start: 10, end: 10}, [ins(10, "xy")]), {ok: true, range: {start: 12, end: 12}});
    });

    it("adds up several changes of one event (all relative to the text before it)", () => {
        assert.deepEqual(trackRange({start: 10, end: 20}, [ins(30, "a"), ins(5, "12"), del(0, 1)]), {ok: true, range: {start: 11, end: 21}});
    });

    it("moves a selection to replace when text before it changes, keeps it for text after it", () => {
        assert.deepEqual(trackRange({start: 10, end: 20}, [ins(10, "ab")]), {ok: true, range: {start: 12, end: 22}});
        assert.deepEqual(trackRange({start: 10, end: 20}, [ins(20, "ab")]), {ok: true, range: {start: 10, end: 20}});
    });

    it("reports a conflict when the selection itself or the insertion point's surroundings are edited", () => {
        assert.deepEqual(trackRange({start: 10, end: 20}, [ins(15, "x")]), {ok: false, reason: "conflict"});
        assert.deepEqual(trackRange({start: 10, end: 20}, [del(5, 10)]), {ok: false, reason: "conflict"});
        assert.deepEqual(trackRange({start: 10, end: 20}, [del(18, 5)]), {ok: false, reason: "conflict"});
        assert.deepEqual(trackRange({start: 10, end: 10}, [del(5, 10)]), {ok: false, reason: "conflict"});
    });
});
