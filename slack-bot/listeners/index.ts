/**
 * Registers every listener, one per file, grouped like Slack's Bolt templates.
 *
 * @see https://docs.slack.dev/tools/bolt-js/getting-started
 */
import type {App, BlockButtonAction} from "@slack/bolt";
import {ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP, ACTION_OPEN_ASK_MODAL, ACTION_STOP, SHORTCUT_SUMMARIZE,
    VIEW_ASK_MODAL} from "../blocks";
import type {BotContext} from "../botContext";
import {feedback} from "./actions/feedback";
import {openAskModal} from "./actions/openAskModal";
import {stopAnswer} from "./actions/stopAnswer";
import {med42Command} from "./commands/med42";
import {appHomeOpened} from "./events/appHomeOpened";
import {appMention} from "./events/appMention";
import {message} from "./events/message";
import {summarizeThread} from "./shortcuts/summarizeThread";
import {askModalSubmission} from "./views/askModalSubmission";

export function registerListeners(app: App, ctx: BotContext): void {
    app.event("app_mention", appMention(ctx));
    app.event("message", message(ctx));
    app.event("app_home_opened", appHomeOpened(ctx));
    app.command("/med42", med42Command(ctx));
    app.action<BlockButtonAction>(ACTION_STOP, stopAnswer(ctx));
    app.action<BlockButtonAction>(ACTION_FEEDBACK_UP, feedback(ctx));
    app.action<BlockButtonAction>(ACTION_FEEDBACK_DOWN, feedback(ctx));
    app.action<BlockButtonAction>(ACTION_OPEN_ASK_MODAL, openAskModal());
    app.shortcut({type: "message_action", callback_id: SHORTCUT_SUMMARIZE}, summarizeThread(ctx));
    app.view({type: "view_submission", callback_id: VIEW_ASK_MODAL}, askModalSubmission(ctx));
}
