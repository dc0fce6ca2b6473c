/**
 * Finishes an answer whose replica died mid-way (its lease ran out, see postgresSlackState.ts): the control message
 * that said "Med42 is writing…" (with Stop) becomes "interrupted, ask again" with the disclaimer (or that notice is
 * posted in the thread when the control message was never posted), the thread's status is cleared, and the audit
 * log gets the answer's row with stop reason `replica-lost`. What the dead replica had streamed stays as it was.
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

export async function finishOrphanedAnswer(client: webApi.WebClient, orphan: OrphanedAnswer, deps: {disclaimer: Disclaimer;
    audit?: AuditSink; logger: Logger}): Promise<void> {
    deps.logger.warn(`Finishing answer ${orphan.answerId}: its replica stopped renewing its lease`);
    try {
        // The row first: an answer that cannot be finished in Slack is still accounted for.
        await deps.audit?.record({kind: "decision", surface: orphan.surface as Surface, userId: orphan.userId, action: null,
            category: null, rules: [], latencyMs: Date.now() - orphan.startedAt.getTime(), stopReason: "replica-lost"});
    } catch (err) {
        deps.logger.error(`Could not audit the interrupted answer ${orphan.answerId}: ${err instanceof Error ? err.message : err}`);
    }
    if (!orphan.threaded || !orphan.channel) return; // an ephemeral answer: nothing another replica can edit
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
