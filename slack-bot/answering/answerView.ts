/**
 * Where and how one answer is shown. The answer flow (answerFlow.ts) is the same for every entry point; a view
 * decides the Slack calls: a thread everyone in the conversation sees (ThreadAnswerView), or messages only the
 * asker sees (EphemeralAnswerView, for /med42).
 */
import type {Disclaimer, PolicyDecision} from "../../shared/policy/types";
import type {FeedbackRef} from "../blocks";

export interface FinishedAnswer {
    disclaimer: Disclaimer;
    /** A policy notice to show with the answer (e.g. identifiers noticed in a DM). */
    notice?: string;
    /** The generation was stopped (Stop button or shutdown): the partial answer is marked as such. */
    stopped: boolean;
    /** Stopped by a shutdown, not by the asker: marked "interrupted, ask again" instead of "Stopped". */
    interrupted?: boolean;
    feedback: FeedbackRef;
}

export interface AnswerView {
    /** True when the answer is visible in a thread (so follow-ups there continue the conversation). */
    readonly threaded: boolean;
    /** Called with the ts of the control message ("Med42 is writing…", Stop) once posted: another replica finishes it if this one dies. */
    onControlPosted?: (ts: string) => void;
    /** Called with the ts of a message the answer is natively streamed into (no disclaimer on it until it is stopped). */
    onStreamStarted?: (ts: string) => void;
    /** The policy lets the model answer: show that the bot is thinking. */
    thinking(): Promise<void>;
    /** Waiting behind other requests (1 = next). */
    waiting(position: number): Promise<void>;
    /** The model started writing. */
    writing(): Promise<void>;
    /** A summary's progress: the share of the work done (0 to 1), passes done of passes expected. */
    progress(fraction: number, done: number, total: number): Promise<void>;
    append(text: string): void;
    /** Output screening replaced the answer so far. */
    replace(text: string): void;
    finish(answer: FinishedAnswer): Promise<void>;
    /** An escalation or refusal message decided by the policy, shown instead of a model answer. */
    policyMessage(message: string, disclaimer: Disclaimer): Promise<void>;
    /** Identifiers in a channel: a warning to the author only, naming the kinds found. */
    phiWarning(decision: PolicyDecision): Promise<void>;
    /** A polite short reply (rate limit, busy). */
    notice(text: string): Promise<void>;
    /** The answer failed: a short visible message, never silence. */
    error(message: string): Promise<void>;
    /** Always called last: clears the status and removes the Stop control. Never throws. */
    cleanup(): Promise<void>;
}
