/**
 * One question, from admission to the last Slack call, the same for mentions, DMs, follow-ups, /med42, the
 * summarize shortcut and the App Home modal: rate limit → the core (policy → queue → model → screening →
 * disclaimer → audit) → the view. Errors become a short visible message; the status and the Stop control are
 * always cleared.
 */
import type {Disclaimer, PolicyDecision} from "../../shared/policy/types";
import type {ChatMessage, Surface} from "../../shared/types";
import type {AnswerEvent, AnswerStream} from "../../shared/assistantTypes";
import type {TranscriptEntry} from "../../shared/policy/conversationGuard";
import type {BotContext} from "../botContext";
import {threadKey} from "../reliability/recentKeys";
import type {Admission} from "../reliability/userRateLimiter";
import {InputTooLargeError} from "../../shared/inputLimits";
import type {AnswerView} from "./answerView";
import type {AnswerOutcome} from "../health/botMetrics";
import {BUSY_NOTICE, DATABASE_PAUSED_NOTICE, errorNotice, newErrorId, SHUTDOWN_NOTICE, unrecordedEscalationNotice,
    userLimitNotice} from "./notices";
import {passesAuditOutage} from "../../shared/audit/auditStore";
import {AuditWriteError} from "../../shared/assistant";
import {ShutdownAbort} from "../reliability/inFlightAnswers";

export interface AnswerJob {
    kind: "ask" | "summarize";
    surface: Surface;
    channel: string;
    /** The thread the answer belongs to (for a new question, the question's ts). */
    threadTs: string;
    userId: string;
    /** The question (for a summary, empty: the thread is `conversation`). */
    text: string;
    /** Earlier turns of the conversation (ask only). */
    history?: ChatMessage[];
    /** The thread to summarise (summarize only). */
    conversation?: TranscriptEntry[];
    /** Id of this answer: the Stop button's value. */
    answerId: string;
}

export type Admitted = Extract<Admission, {admitted: true}>;

/**
 * The per-user limit and the queue cap, checked before anything costly (reading a thread, the policy over it): the
 * admission, or undefined after telling the asker why not.
 */
export async function admitQuestion(ctx: BotContext, userId: string, view: AnswerView): Promise<Admitted | undefined> {
    const admission = await ctx.admissions.admit(userId);
    if (admission.admitted) return admission;
    await view.notice(admission.reason === "busy" ? BUSY_NOTICE : userLimitNotice(admission.retryAfterMs))
        .catch((err) => ctx.logger.warn(`Could not send a rate-limit notice: ${err}`));
    return undefined;
}

/**
 * Runs one answer to the end; never throws (failures are shown in Slack and logged). `admitted`: the caller already
 * admitted the question (`admitQuestion`); the admission is released here either way.
 */
export async function runAnswer(ctx: BotContext, job: AnswerJob, view: AnswerView, admitted?: Admitted): Promise<void> {
    const admission = admitted ?? await admitQuestion(ctx, job.userId, view);
    if (!admission) return;
    if (view.threaded) {
        await ctx.state.rememberThread(threadKey(job.channel, job.threadTs))
            .catch((err) => ctx.logger.warn(`Could not remember the thread: ${err}`));
    }
    try {
        await ctx.state.answerStarted({answerId: job.answerId, userId: job.userId, channel: job.channel, threadTs: job.threadTs,
            surface: job.surface, threaded: view.threaded});
        view.onControlPosted ??= (ts) => { void ctx.state.answerControlPosted(job.answerId, ts); };
        view.onStreamStarted ??= (ts) => { void ctx.state.answerStreamStarted(job.answerId, ts); };
        await ctx.answers.track(job.answerId, job.userId, (signal) => generate(ctx, job, view, signal));
    } finally {
        admission.release();
        await ctx.state.answerEnded(job.answerId);
    }
}

async function generate(ctx: BotContext, job: AnswerJob, view: AnswerView, signal: AbortSignal): Promise<void> {
    const started = Date.now();
    let handledDecision = false;
    let replaced = false;
    let outcome: AnswerOutcome = "error";
    try {
        // No answer without its audit row: while the shared database is unreachable, answers pause (the model is not
        // even asked) and the asker is told so. Nothing to restart: the next question finds it back.
        // The one exception: an escalation (emergency, self-harm) comes from the policy, not the model, and is shown
        // anyway; withholding crisis resources because a database is down is the greater harm (docs/audit.md).
        if (ctx.database && !(await ctx.database.ping())) {
            if (job.kind !== "ask" || !passesAuditOutage(ctx.assistant.decide(job.text, job.surface))) {
                ctx.logger.error(`Answer paused: the audit database ${ctx.database.description} cannot be reached`);
                outcome = "paused";
                await view.error(DATABASE_PAUSED_NOTICE);
                return;
            }
            ctx.logger.error(`The audit database ${ctx.database.description} cannot be reached: an escalation is shown ` +
                "anyway (crisis resources are never withheld); its audit row cannot be written");
        }
        // The asker's own locale picks the crisis numbers (the bot's where Slack does not tell).
        const stream = openStream(ctx, job, signal, await ctx.localeOf(job.userId));
        for await (const event of stream) {
            if (event.type === "decision") handledDecision = await onDecision(job, view, event.decision, stream.disclaimer);
            else {
                replaced ||= event.type === "replaced";
                await onProgress(view, event);
            }
        }
        const result = await stream.result;
        // Written by the core before the result: a replica finishing this answer after a crash must not audit it again.
        await ctx.state.answerAudited(job.answerId);
        ctx.metrics.policyDecision(result.policy);
        outcome = result.policy.action !== "answer" || replaced ? "policy" : result.stopReason === "abort" ? "stopped" : "answered";
        if (handledDecision) return; // the policy answered instead of the model
        if (result.policy.action !== "answer" && !replaced) {
            await onDecision(job, view, result.policy, result.disclaimer);
            return;
        }
        // A model server failed mid-answer: the partial answer stays, with a note that it was cut off.
        const notice = [result.policy.notice, result.interruption].filter(Boolean).join("\n") || undefined;
        await view.finish({disclaimer: result.disclaimer, notice,
            stopped: result.stopReason === "abort" && !replaced, interrupted: signal.reason instanceof ShutdownAbort, feedback: {ref: `${job.channel}/${job.threadTs}`,
                surface: job.surface === "slack-dm" ? "slack-dm" : "slack-channel"}});
        ctx.logger.info(`Answered (${job.kind}, ${job.surface}) in ${Date.now() - started} ms, ` +
            `stop reason ${result.stopReason}`);
    } catch (err) {
        outcome = signal.aborted ? "stopped" : "error";
        if (err instanceof InputTooLargeError) {
            // Bad input, not a failure: told to the asker alone (ephemeral in a channel).
            await view.notice(`:warning: ${err.message}`).catch((e) => ctx.logger.error(`Could not send a notice: ${e}`));
            return;
        }
        const stopped = signal.aborted;
        const errorId = newErrorId();
        ctx.logger.warn(`Answer failed${stopped ? " (stopped)" : ""} (error id ${errorId}): ${err instanceof Error ? err.message : err}`);
        const message = !stopped && handledDecision && err instanceof AuditWriteError ? unrecordedEscalationNotice(errorId)
            : !stopped ? errorNotice(err, errorId)
            : signal.reason instanceof ShutdownAbort ? SHUTDOWN_NOTICE : ":black_square_for_stop: Stopped before Med42 finished.";
        await view.error(message).catch((e) => ctx.logger.error(`Could not report an error in Slack: ${e}`));
    } finally {
        ctx.metrics.answered(job.surface, outcome, (Date.now() - started) / 1000);
        await view.cleanup().catch((e) => ctx.logger.warn(`Cleanup failed: ${e}`));
    }
}

function openStream(ctx: BotContext, job: AnswerJob, signal: AbortSignal, locale: string | undefined): AnswerStream {
    const asker = locale ? {locale} : {};
    if (job.kind === "summarize") {
        return ctx.assistant.summarizeConversation({conversation: job.conversation ?? [], surface: job.surface,
            userId: job.userId, signal, ...asker,
            instruction: "Summarise this Slack thread for a clinician: key points, decisions and open questions."});
    }
    return ctx.assistant.ask({messages: [...(job.history ?? []), {role: "user", content: job.text}],
        surface: job.surface, userId: job.userId, conversationId: `slack:${job.channel}:${job.threadTs}`, signal, ...asker});
}

/** Returns true when the decision replaced the answer (escalation, refusal, identifiers in a channel). */
/** `disclaimer`: the answer's (in the language of the question), shown under the policy's message. */
async function onDecision(job: AnswerJob, view: AnswerView, decision: PolicyDecision, disclaimer: Disclaimer): Promise<boolean> {
    if (decision.action === "answer") {
        await view.thinking();
        return false;
    }
    if (decision.category === "phi" && job.surface === "slack-channel") await view.phiWarning(decision);
    else await view.policyMessage(decision.message ?? "", disclaimer);
    return true;
}

async function onProgress(view: AnswerView, event: Exclude<AnswerEvent, {type: "decision"}>): Promise<void> {
    switch (event.type) {
        case "queued": await view.waiting(event.position); break;
        case "started": await view.writing(); break;
        case "progress": await view.progress(event.fraction, event.done, event.total); break;
        case "text": view.append(event.text); break;
        case "replaced": view.replace(event.text); break;
    }
}
