/**
 * The bot-token scopes Slack requires, from its reference pages: per Web API method (the "Scopes / Bot token" facts of
 * https://docs.slack.dev/reference/methods/METHOD) and per Events API subscription (the "Required scopes" of
 * https://docs.slack.dev/reference/events/EVENT). The manifest test (manifest.test.ts) checks the manifest against
 * these: every scope the code needs is granted, and no other.
 *
 * Slack facts worth knowing when editing this table:
 * - `assistant.threads.setStatus` takes `chat:write`; `assistant:write` is still accepted for it but is being retired
 *   (https://docs.slack.dev/changelog/2026/03/05/set-status-scope-update).
 * - `conversations.replies` needs the history scope of the conversation's type; the bot reads threads in public and
 *   private channels, DMs and group DMs, so it needs all four.
 * - `conversations.open` for a bot token needs `im:write` to open a DM (`mpim:write` is not a bot scope).
 * - Methods without scopes (`auth.test`, `views.open`, `views.publish`) and a command's `response_url` still count as
 *   calls: they need no grant.
 */
export const METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
    "assistant.threads.setStatus": ["chat:write"],
    "auth.test": [],
    "chat.appendStream": ["chat:write"],
    "chat.delete": ["chat:write"],
    "chat.postEphemeral": ["chat:write"],
    "chat.postMessage": ["chat:write"],
    "chat.startStream": ["chat:write"],
    "chat.stopStream": ["chat:write"],
    "chat.update": ["chat:write"],
    "conversations.open": ["im:write"],
    "conversations.replies": ["channels:history", "groups:history", "im:history", "mpim:history"],
    "reactions.add": ["reactions:write"],
    "users.info": ["users:read"],
    "views.open": [],
    "views.publish": []
};

/** Scopes a subscription to each bot event needs. */
export const EVENT_SCOPES: Readonly<Record<string, readonly string[]>> = {
    "app_home_opened": [],
    "app_mention": ["app_mentions:read"],
    "message.channels": ["channels:history"],
    "message.groups": ["groups:history"],
    "message.im": ["im:history"],
    "message.mpim": ["mpim:history"]
};

/** Slash commands and shortcuts (global and message) need the `commands` scope. */
export const COMMANDS_SCOPE = "commands";
