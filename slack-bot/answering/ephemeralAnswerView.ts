/**
 * An answer only the asker sees (`/med42` by default), sent through the command's `response_url`, which works in
 * any conversation, including ones the bot is not a member of. Ephemeral messages cannot be edited through the
 * Web API, so the answer is sent once it is complete (in pieces when long, each with the disclaimer); the Stop
 * control lives in the command's immediate acknowledgement.
 *
 * @see https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 */
import type {RespondFn, types} from "@slack/bolt";
import type {Disclaimer, PolicyDecision} from "../../shared/policy/types";
import {answerFooter, disclaimerBlock, markdownBlock, textWithDisclaimer, toMrkdwn} from "../blocks";
import {SlackDefanger} from "./slackDefang";
import type {AnswerView, FinishedAnswer} from "./answerView";
import {phiChannelWarning, SHUTDOWN_SUFFIX, STOPPED_SUFFIX} from "./notices";
import {splitMessage} from "./splitMessage";

/** A response_url may be used five times; the answer gets at most this many pieces. */
const MAX_PIECES = 4;

export class EphemeralAnswerView implements AnswerView {
    readonly threaded = false;
    private text = "";
    private defanger = new SlackDefanger();

    constructor(private readonly respond: RespondFn) {}

    async thinking(): Promise<void> {}
    async waiting(): Promise<void> {}
    async writing(): Promise<void> {}
    async progress(): Promise<void> {}

    append(text: string): void { this.text += this.defanger.push(text); }

    /** The policy's own message replaces the answer (shown as written, like every policy message). */
    replace(text: string): void {
        this.defanger = new SlackDefanger();
        this.text = text;
    }

    async finish(answer: FinishedAnswer): Promise<void> {
        this.text += this.defanger.flush();
        let body = this.text.trim() ? this.text : "_Med42 returned an empty answer._";
        if (answer.stopped) body += answer.interrupted ? SHUTDOWN_SUFFIX : STOPPED_SUFFIX;
        const notice: types.KnownBlock[] = answer.notice
            ? [{type: "context", elements: [{type: "mrkdwn", text: `:information_source: ${toMrkdwn(answer.notice)}`}]}]
            : [];
        await this.send(body, answer.disclaimer, [...notice, ...answerFooter(answer.disclaimer, answer.feedback)]);
    }

    async policyMessage(message: string, disclaimer: Disclaimer): Promise<void> {
        await this.send(message || "Med42 can't help with this request.", disclaimer, [disclaimerBlock(disclaimer)]);
    }

    async phiWarning(decision: PolicyDecision): Promise<void> {
        await this.respond({response_type: "ephemeral", text: phiChannelWarning(decision)});
    }

    async notice(text: string): Promise<void> {
        await this.respond({response_type: "ephemeral", text});
    }

    async error(message: string): Promise<void> {
        await this.respond({response_type: "ephemeral", text: message});
    }

    async cleanup(): Promise<void> {}

    /** Sends `body` in pieces: every piece carries the disclaimer (blocks and text), the last one `footer`. */
    private async send(body: string, disclaimer: Disclaimer, footer: types.KnownBlock[]): Promise<void> {
        let pieces = splitMessage(body, 11_000);
        if (pieces.length > MAX_PIECES) {
            pieces = pieces.slice(0, MAX_PIECES);
            pieces[MAX_PIECES - 1] += "\n\n_(answer truncated: ask in a direct message for the full text)_";
        }
        for (let i = 0; i < pieces.length; i++) {
            const last = i === pieces.length - 1;
            await this.respond({response_type: "ephemeral", text: textWithDisclaimer(pieces[i], disclaimer, 3_000),
                blocks: [markdownBlock(pieces[i]), ...(last ? footer : [disclaimerBlock(disclaimer)])]});
        }
    }
}
