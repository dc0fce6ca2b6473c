import * as assert from "node:assert/strict";
import {showsDisclaimer} from "../../extension/protocol";

describe("chat view: the disclaimer under a turn", () => {
    it("is shown under every answer, also while it streams, when stopped, and after a failure that left text on screen", () => {
        for (const status of ["pending", "queued", "loading", "streaming", "done", "stopped"] as const) {
            assert.equal(showsDisclaimer({status, answer: ""}), true, status);
        }
        assert.equal(showsDisclaimer({status: "error", answer: "The usual dose is 500 mg"}), true, "a partial answer keeps it");
        assert.equal(showsDisclaimer({status: "error", answer: "", notice: {action: "escalate", category: "emergency", message: "Call 911."}}), true);
    });

    it("is left out only for a failed turn with nothing on screen", () => {
        assert.equal(showsDisclaimer({status: "error", answer: ""}), false);
        assert.equal(showsDisclaimer({status: "error", answer: "  \n"}), false);
    });
});
