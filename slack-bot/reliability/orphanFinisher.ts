/**
 * Finishes an answer whose replica died mid-way (its lease ran out, see postgresSlackState.ts): the control message
 * that said "Med42 is writing…" (with Stop) becomes "interrupted, ask again" with the disclaimer (or that notice is
 * posted in the thread when the control message was never posted), the thread's status is cleared, and the audit
 * log gets the answer's row with stop reason `replica-lost` (unless the dead replica had written it already).
 *
 * What the dead replica had shown stays, and carries the disclaimer: an answer written with chat.update has it under
 * every message from the start; a natively streamed message gets it only when its stream is stopped, so the open
 * stream is stopped here with the interrupted mark and the disclaimer below the text (or, when Slack had closed the
 * stream already, the message is rewritten with them).
 */
import type {Logger, webApi} from "@slack/bolt";
import type {AuditSink} from "../../shared/audit/auditLog";
import type {Surface} from "../../shared/types";
import type {Disclaimer} from "../../shared/policy/types";
import {disclaimerBlock, markdownBlock, NOTICE_METADATA, textWithDisclaimer} from "../blocks";
import {slackErrorCode, withSlackRetry} from "./slackRetry";
import type {OrphanedAnswer} from "./sharedState";

export const INTERRUPTED_NOTICE = ":warning: This answer was interrupted: the Med42 instance writing it stopped " +
    "before it finished. What it wrote may be incomplete. Please ask again.";
/** Under the text of a streamed message that a lost replica left open. */
export const INTERRUPTED_MARK = ":warning: _Interrupted before Med42 finished. Please ask again._";

export async function finishOrphanedAnswer(client: webApi.WebClient, orphan: OrphanedAnswer, deps: {disclaimer: Disclaimer;
    audit?: AuditSink; logger: Logger}): Promise<void> {
    deps.logger.warn(`Finishing answer ${orphan.answerId}: its replica stopped renewing its lease`);
    try {
        // The row first: an answer that cannot be finished in Slack is still accounted for.
        if (!orphan.audited) await deps.audit?.record({kind: "decision", surface: orphan.surface as Surface, userId: orphan.userId, action: null,
            category: null, rules: [], latencyMs: Date.now() - orphan.startedAt.getTime(), stopReason: "replica-lost"});
    } catch (err) {
        deps.logger.error(`Could not audit the interrupted answer ${orphan.answerId}: ${err instanceof Error ? err.message : err}`);
    }
    if (!orphan.threaded || !orphan.channel) return; // an ephemeral answer: nothing another replica can edit
    if (orphan.streamTs) await closeOrphanedStream(client, orphan.channel, orphan.threadTs, orphan.streamTs, deps);
    const message = {text: textWithDisclaimer(INTERRUPTED_NOTICE, deps.disclaimer),
        blocks: [markdownBlock(INTERRUPTED_NOTICE), disclaimerBlock(deps.disclaimer)]};
    try {
        if (orphan.controlTs) {
            await withSlackRetry(() => client.chat.update({channel: orphan.channel, ts: orphan.controlTs!, ...message}));
        } else {
            await withSlackRetry(() => client.chat.postMessage({channel: orphan.channel, thread_ts: orphan.threadTs, ...message,
                metadata: NOTICE_METADATA}));
        }
    } catch (err) {
        deps.logger.warn(`Could not mark answer ${orphan.answerId} as interrupted: ${slackErrorCode(err) ?? err}`);
    }
    await withSlackRetry(() => client.assistant.threads.setStatus({channel_id: orphan.channel, thread_ts: orphan.threadTs, status: ""}),
        {attempts: 2}).catch((err) => deps.logger.debug(`assistant.threads.setStatus failed: ${slackErrorCode(err) ?? err}`));
}

/** Stops the stream a lost replica left open, with the interrupted mark and the disclaimer under what it wrote. */
async function closeOrphanedStream(client: webApi.WebClient, channel: string, threadTs: string, streamTs: string,
    deps: {disclaimer: Disclaimer; logger: Logger}): Promise<void> {
    const footer = [{type: "context" as const, elements: [{type: "mrkdwn" as const, text: INTERRUPTED_MARK}]},
        disclaimerBlock(deps.disclaimer)];
    try {
        await withSlackRetry(() => client.chat.stopStream({channel, ts: streamTs, blocks: footer}));
        return;
    } catch (err) {
        deps.logger.info(`The interrupted stream ${streamTs} could not be stopped (${slackErrorCode(err) ?? err}); rewriting it`);
    }
    // Slack closed the stream already (after some minutes): the message is rewritten as it is, with the same footer.
    try {
        const replies = await withSlackRetry(() => client.conversations.replies({channel, ts: threadTs, latest: streamTs,
            inclusive: true, limit: 200}));
        const shown = String(replies.messages?.find((m) => m.ts === streamTs)?.text ?? "");
        await withSlackRetry(() => client.chat.update({channel, ts: streamTs,
            text: textWithDisclaimer(`${shown.slice(0, 3_000)}\n\n${INTERRUPTED_MARK}`, deps.disclaimer),
            blocks: [...(shown.trim() ? [markdownBlock(shown.slice(0, 11_000))] : []), ...footer]}));
    } catch (err) {
        deps.logger.warn(`Could not add the disclaimer to the interrupted answer ${streamTs}: ${slackErrorCode(err) ?? err}`);
    }
}
