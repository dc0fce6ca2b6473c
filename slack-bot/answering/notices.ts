/**
 * The short texts the bot shows instead of, or around, an answer: the PHI warning (which names the kinds of
 * identifier found and never echoes them), rate-limit and busy replies, and errors.
 */
import {randomBytes} from "node:crypto";
import {InputTooLongError} from "../../shared/engine/chatBackend";
import type {PhiType, PolicyDecision} from "../../shared/policy/types";

const PHI_LABELS: Record<PhiType, string> = {
    name: "names", mrn: "medical record numbers", ssn: "social security numbers", health_plan: "health plan numbers",
    account: "account numbers", phone: "phone numbers", fax: "fax numbers", email: "email addresses",
    address: "street addresses", zip: "ZIP codes", date: "dates (such as birth or admission dates)", age: "ages",
    url: "web addresses", ip: "IP addresses", national_id: "national or health ID numbers"
};

/** The kinds of identifier in a decision, in a readable list ("names and medical record numbers"). */
export function phiKinds(decision: PolicyDecision): string {
    const labels = [...new Set(decision.phi.map((span) => PHI_LABELS[span.type] ?? "identifiers"))];
    if (labels.length === 0) return "patient identifiers";
    if (labels.length === 1) return labels[0];
    return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

/**
 * Shown only to the author of a channel message with identifiers; the message itself is never repeated. The
 * policy's own message (which names the kinds found, and which an institution may reword) comes first.
 */
export function phiChannelWarning(decision: PolicyDecision, what: "question" | "thread" = "question"): string {
    if (decision.message) return `:lock: ${decision.message}`;
    const subject = what === "question" ? "Your question was not sent to Med42" : "This thread was not summarised";
    return `:lock: ${subject}: it appears to contain patient identifiers (${phiKinds(decision)}). ` +
        "Channels are read by many people. Please remove the identifiers (consider deleting the message), " +
        "or ask me in a direct message instead.";
}

export function userLimitNotice(retryAfterMs: number): string {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return `:hourglass: You've asked several questions in a short time. Please wait about ${seconds} s and ask again.`;
}

export const BUSY_NOTICE = ":hourglass: Med42 is busy with many questions right now. Please try again in a few minutes.";

/** The shared audit database cannot be reached: no answer may go out without its audit row. */
export const DATABASE_PAUSED_NOTICE = ":pause_button: Med42 has paused answers: its audit log (database) cannot be " +
    "reached, and no answer goes out without an audit record. Please ask again in a few minutes; the administrators " +
    "have been alerted in the bot's log.";

export const SHUTTING_DOWN_NOTICE = ":zzz: Med42 is restarting. Please ask again in a minute.";

export function queuedStatus(position: number): string {
    return position <= 1
        ? ":hourglass_flowing_sand: Med42 is finishing another answer; yours is next."
        : `:hourglass_flowing_sand: Med42 is answering other questions; yours is *#${position}* in line.`;
}

export const WRITING_STATUS = ":writing_hand: Med42 is writing…";

/** A summary's progress: the share of the work done, and the passes over a long thread's parts. */
export function summarizingStatus(percent: number, done: number, total: number): string {
    const passes = total > 1 ? ` (part ${Math.min(done + 1, total)} of ${total})` : "";
    return `:hourglass_flowing_sand: Med42 is summarizing: *${percent}%*${passes}…`;
}

export const STOPPED_SUFFIX = "\n\n_:black_square_for_stop: Stopped._";

/** An answer cut short because its Med42 instance was shutting down (a restart, a rolling deploy). */
export const SHUTDOWN_SUFFIX = "\n\n_:warning: Interrupted: Med42 was restarting before it finished. Please ask again._";
export const SHUTDOWN_NOTICE = ":warning: Interrupted: Med42 was restarting before it finished this answer. Please ask again.";

/** A short random id that links what a user sees to the log line with the error's details. */
export function newErrorId(): string {
    return randomBytes(4).toString("hex");
}

/**
 * Errors whose message is written for the person asking and holds nothing of the machine (no path, no host, no
 * model file): shown as they are. Everything else stays in the log.
 */
const USER_FACING_ERRORS: ReadonlyArray<abstract new (...args: never[]) => Error> = [InputTooLongError];

/**
 * What a conversation sees when an answer fails. Never the error itself (it can name files and folders on the bot's
 * machine, hosts, a model's location): only an error id, which the caller logs with the details.
 */
export function errorNotice(err: unknown, errorId: string): string {
    if (USER_FACING_ERRORS.some((type) => err instanceof type))
        return `:warning: Sorry, Med42 could not answer: ${(err as Error).message} (error id ${errorId})`;
    return `:warning: Sorry, Med42 could not answer because of an internal error (error id ${errorId}). ` +
        "The bot's administrator can find the details in its log under this id.";
}

/**
 * Under a policy message (an escalation shown while the audit database is down) whose audit row could not be written:
 * the message stands, and the gap is said, not hidden.
 */
export function unrecordedEscalationNotice(errorId: string): string {
    return ":warning: This message could not be recorded in the audit log (its database cannot be reached). It was " +
        `shown anyway because it gives emergency resources (error id ${errorId}).`;
}
