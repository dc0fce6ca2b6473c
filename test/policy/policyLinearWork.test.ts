import {strict as assert} from "node:assert";
import {PolicyEngine} from "../../shared/policy/policyEngine";

/**
 * Every pattern is linear (policyRegexSafety.test.ts), but the rules that combine them can still re-read the whole
 * message once per sentence: 40 KB of "chest pain. " took 14-24 s for one decision that way. This test counts the
 * characters the policy's regular expressions are given to scan during one decision (no timing: the count depends
 * only on the code) and checks that doubling the message at most about doubles it.
 */
function scannedCharacters(run: () => void): number {
    const exec = RegExp.prototype.exec;
    let scanned = 0;
    RegExp.prototype.exec = function (this: RegExp, s: string) {
        // A global or sticky pattern resumes at lastIndex: count what is left, so a replace loop over n matches counts
        // about the text's length, not n times it.
        const from = this.global || this.sticky ? this.lastIndex : 0;
        const m = exec.call(this, s);
        scanned += (this.global || this.sticky) && m ? m.index + m[0].length - from : String(s).length - from;
        return m;
    };
    try {
        run();
    } finally {
        RegExp.prototype.exec = exec;
    }
    return scanned;
}

/** Sentence `i` of each kind: numbered, so no two are alike (a repeated sentence is tested once). */
const KINDS: Record<string, (i: number) => string> = {
    "a sign per sentence": (i) => `chest pain ${i}. `,
    "a conditional sign per sentence": (i) => `if i have chest pain ${i}. `,
    "a past sign per sentence": (i) => `i had chest pain ${i} weeks ago. `,
    "a relative and a sign per sentence": (i) => `my son has a rash ${i}. `,
    "an overdose per sentence": (i) => `i took ${i} pills. `,
    "reported speech per sentence": (i) => `my friend said i want to die ${i}. `,
    "a clinician per sentence": (i) => `i am a nurse ${i}. `,
    "a drug request per sentence": (i) => `how do i buy xanax ${i}. `,
    "short sentences": (i) => `no ${i}. `,
    "one long sentence": (i) => `i am ${i} `,
    "hyphenated run": (i) => `a-${i}-`,
};

function text(kind: (i: number) => string, chars: number): string {
    let t = "";
    for (let i = 0; t.length < chars; i++) t += kind(i);
    return t.slice(0, chars);
}

describe("policy: the work of one decision grows linearly with the message", () => {
    const engine = new PolicyEngine();
    for (const [name, kind] of Object.entries(KINDS)) {
        it(name, () => {
            const small = text(kind, 8_000);
            const large = text(kind, 16_000);
            engine.decide(small, "slack-channel"); // patterns compiled, lazy tables built
            const a = scannedCharacters(() => engine.decide(small, "slack-channel"));
            const b = scannedCharacters(() => engine.decide(large, "slack-channel"));
            assert.ok(a > 0, "the count sees the policy's patterns");
            assert.ok(b / a < 2.6, `twice the text scanned ${(b / a).toFixed(2)}× the characters (${a} → ${b}): some rule re-reads the message per piece`);
        });
    }
});
