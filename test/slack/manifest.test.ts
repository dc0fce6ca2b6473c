/**
 * slack-bot/manifest.json creates the app in one step: it must declare what the code registers (the command, the
 * shortcut, the events) and a scope for every Web API method the code calls.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {SHORTCUT_SUMMARIZE} from "../../slack-bot/blocks";

const ROOT = path.resolve(__dirname, "../../..");

/** The scope each Web API method needs (https://docs.slack.dev/reference/methods). */
const METHOD_SCOPES: Record<string, string[]> = {
    "assistant.threads.setStatus": ["assistant:write"],
    "auth.test": [],
    "chat.delete": ["chat:write"],
    "chat.postEphemeral": ["chat:write"],
    "chat.postMessage": ["chat:write"],
    "chat.update": ["chat:write"],
    "chat.startStream": ["chat:write"],
    "chat.appendStream": ["chat:write"],
    "chat.stopStream": ["chat:write"],
    "conversations.open": ["im:write"],
    "conversations.replies": ["channels:history", "groups:history", "im:history", "mpim:history"],
    "reactions.add": ["reactions:write"],
    "views.open": [],
    "views.publish": []
};

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => e.isDirectory()
        ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []);
}

describe("slack: app manifest", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "slack-bot/manifest.json"), "utf8"));
    const source = sourceFiles(path.join(ROOT, "slack-bot")).map((f) => fs.readFileSync(f, "utf8")).join("\n");

    it("uses Socket Mode and interactivity", () => {
        assert.equal(manifest.settings.socket_mode_enabled, true);
        assert.equal(manifest.settings.interactivity.is_enabled, true);
        assert.equal(manifest.features.app_home.home_tab_enabled, true);
        assert.equal(manifest.features.app_home.messages_tab_enabled, true);
    });

    it("declares the command, the shortcut and the events the listeners handle", () => {
        assert.deepEqual(manifest.features.slash_commands.map((c: {command: string}) => c.command), ["/med42"]);
        assert.match(source, /app\.command\("\/med42"/);
        const shortcut = manifest.features.shortcuts[0];
        assert.deepEqual([shortcut.type, shortcut.callback_id], ["message", SHORTCUT_SUMMARIZE]);
        const events: string[] = manifest.settings.event_subscriptions.bot_events;
        for (const e of ["app_mention", "app_home_opened", "message.im", "message.channels"]) assert.ok(events.includes(e), e);
        for (const m of source.matchAll(/app\.event\("([a-z_]+)"/g)) {
            assert.ok(events.some((e) => e === m[1] || e.startsWith(`${m[1]}.`)), `no subscription for ${m[1]}`);
        }
        assert.ok(manifest.oauth_config.scopes.bot.includes("app_mentions:read"));
        assert.ok(manifest.oauth_config.scopes.bot.includes("commands"));
    });

    it("grants a scope for every Web API method the bot calls", () => {
        const called = new Set([...source.matchAll(/client\.([a-z]+(?:\.[a-z]+)?\.[a-zA-Z]+)\(/g)].map((m) => m[1]));
        if (source.includes("chatStream(")) for (const m of ["chat.startStream", "chat.appendStream", "chat.stopStream"]) called.add(m);
        assert.ok(called.size >= 10, `found ${[...called]}`);
        const granted: string[] = manifest.oauth_config.scopes.bot;
        for (const method of called) {
            const needed = METHOD_SCOPES[method];
            assert.ok(needed, `${method} is called but its scope is unknown: add it to METHOD_SCOPES`);
            for (const scope of needed) assert.ok(granted.includes(scope), `${method} needs ${scope}`);
        }
    });
});
