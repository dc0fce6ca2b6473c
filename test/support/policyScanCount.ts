/**
 * Counts the characters the policy's regular expressions are given to scan during one decision, for messages of a
 * few kinds at two sizes, and prints them as JSON: {kind: [small, large]}. Run as its own process by
 * test/policy/policyLinearWork.test.ts, because counting replaces RegExp.prototype.exec, and V8 never returns to its
 * fast paths for regular expressions in a process where that happened (it would slow every later test).
 */
import {PolicyEngine} from "../../shared/policy/policyEngine";

export const SMALL_CHARS = 8_000;
export const LARGE_CHARS = 16_000;

/** Sentence `i` of each kind: numbered, so no two are alike (a repeated sentence is tested once). */
export const KINDS: Readonly<Record<string, (i: number) => string>> = {
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

export function kindText(kind: (i: number) => string, chars: number): string {
    let t = "";
    for (let i = 0; t.length < chars; i++) t += kind(i);
    return t.slice(0, chars);
}

function scannedCharacters(run: () => void): number {
    const exec = RegExp.prototype.exec;
    let scanned = 0;
    RegExp.prototype.exec = function (this: RegExp, s: string) {
        // A global or sticky pattern resumes at lastIndex: count what it reads up to its match (or the end), so a
        // replace loop over n matches counts about the text's length, not n times it.
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

function main(): void {
    const engine = new PolicyEngine();
    const counts: Record<string, [number, number]> = {};
    for (const [name, kind] of Object.entries(KINDS)) {
        const small = kindText(kind, SMALL_CHARS);
        const large = kindText(kind, LARGE_CHARS);
        engine.decide(small, "slack-channel"); // lazy tables built before counting
        counts[name] = [scannedCharacters(() => engine.decide(small, "slack-channel")), scannedCharacters(() => engine.decide(large, "slack-channel"))];
    }
    process.stdout.write(JSON.stringify(counts));
}

if (require.main === module) main();
