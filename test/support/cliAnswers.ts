/**
 * Reads the answers out of the CLI's plain (non-JSON) output, so tests assert the answer itself and not only the
 * disclaimer that follows it (which is printed even for an empty answer).
 */
import {strict as assert} from "node:assert";
import {DEFAULT_DISCLAIMER} from "../../shared/policy/defaultPolicy";

const TAIL = `\n\n${DEFAULT_DISCLAIMER.text}\n`;

/** `med42 ask` / `summarize`: the output is the streamed answer, a blank line, the disclaimer; returns the answer. */
export function plainAnswer(stdout: string): string {
    assert.ok(stdout.endsWith(TAIL), `the output ends with the disclaimer:\n${stdout}`);
    const answer = stdout.slice(0, stdout.length - TAIL.length);
    assert.ok(!answer.includes(DEFAULT_DISCLAIMER.text), "one disclaimer, after the answer");
    return answer;
}

/** `med42 chat`: every answer follows the "med42> " prompt and is followed by the disclaimer; returns them in order. */
export function chatAnswers(stdout: string): string[] {
    const [banner, ...turns] = stdout.split("med42> ");
    assert.ok(banner.includes(DEFAULT_DISCLAIMER.text), "the banner shows the disclaimer");
    return turns.map((turn, i) => {
        const end = turn.indexOf(TAIL);
        assert.ok(end >= 0, `answer ${i + 1} is followed by the disclaimer:\n${turn}`);
        return turn.slice(0, end);
    });
}

/** The answer is the model's text: not empty, not stopped, not one of the policy's messages. */
export function assertModelText(answer: string, what: string): void {
    assert.ok(answer.trim().length > 0, `${what}: the model's answer is not empty`);
    assert.ok(!answer.includes("[stopped]"), `${what}: not stopped`);
    assert.doesNotMatch(answer, /Med42 answers medical|cannot help with|emergency services|crisis line/i, `${what}: not a policy message`);
}
