/**
 * Checks the bot token with `auth.test` before anything else, so a wrong token is a clear start-up message rather
 * than a stack trace later, and learns the bot's user id (its mentions, its own messages in thread history).
 *
 * @see https://docs.slack.dev/reference/methods/auth.test
 */
import {webApi} from "@slack/bolt";
import type {BotIdentity} from "./botContext";
import {slackErrorCode} from "./reliability/slackRetry";
import {StartupError} from "./startupError";

const REJECTED = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
    "not_allowed_token_type"]);

export async function fetchBotIdentity(botToken: string, clientOptions: webApi.WebClientOptions): Promise<BotIdentity> {
    // A wrong URL or an unreachable Slack should fail within seconds at start-up, not after half an hour of retries.
    const client = new webApi.WebClient(botToken, {...clientOptions, retryConfig: clientOptions.retryConfig ?? {retries: 2}});
    try {
        const auth = await client.auth.test();
        if (!auth.user_id || !auth.bot_id) {
            throw new StartupError("SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot). Use the " +
                "\"Bot User OAuth Token\" (xoxb-...) from OAuth & Permissions.");
        }
        return {botUserId: auth.user_id, botId: auth.bot_id, teamId: auth.team_id};
    } catch (err) {
        if (err instanceof StartupError) throw err;
        const code = slackErrorCode(err);
        if (code && REJECTED.has(code)) {
            throw new StartupError(`Slack rejected SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token ` +
                "(xoxb-...) from your app's OAuth & Permissions page, and reinstall the app if it was revoked.");
        }
        const url = clientOptions.slackApiUrl ?? "https://slack.com/api/";
        throw new StartupError(`Could not reach Slack at ${url} (${code ?? (err instanceof Error ? err.message : err)}).`);
    }
}
