/**
 * slack-bot/manifest.json creates the app in one step: it must declare what the code registers (the command, the
 * shortcut, the events) and exactly the scopes the code needs (least privilege: no scope missing, none unused).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {SHORTCUT_SUMMARIZE} from "../../slack-bot/blocks";
import {COMMANDS_SCOPE, EVENT_SCOPES, METHOD_SCOPES} from "./slackScopes";

const ROOT = path.resolve(__dirname, "../../..");

/** Code without comments, so that a method named in a comment does not count as a call. */
function withoutComments(code: string): string {
    return code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/.*$/gm, "$1");
}

/**
 * The Web API methods a piece of code calls: `client.<family>.<method>(` (also `app.client…`, `this.client…`, split
 * over lines), `apiCall("<method>")`, the WebClient's chat stream helper (`chatStream(`: start, append and stop) and
 * Bolt's `say` taken from a listener's arguments (chat.postMessage). Bolt's `respond` posts to a response_url and
 * needs no scope.
 */
function calledMethods(code: string): Set<string> {
    const source = withoutComments(code).replace(/\s*\.\s*/g, ".");
    const called = new Set([...source.matchAll(/\bclient\.([a-z]+(?:\.[a-z]+)?\.[a-zA-Z]+)\(/g)].map((m) => m[1]));
    for (const m of source.matchAll(/\bapiCall\(\s*["'`]([a-z]+(?:\.[a-zA-Z]+)+)["'`]/g)) called.add(m[1]);
    if (/\.chatStream\(/.test(source)) for (const m of ["chat.startStream", "chat.appendStream", "chat.stopStream"]) called.add(m);
    if (/\(\{[^)]*\bsay\b[^)]*\}\s*:/.test(source)) called.add("chat.postMessage");
    return called;
}

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

    it("has no AI-app view: DMs with the bot happen in its Messages tab, and every subscribed event is handled", () => {
        // assistant_view is Slack's legacy AI-app experience (new apps get agent_view), needs a paid plan and sends
        // events (assistant_thread_started, assistant_thread_context_changed) the bot does not handle: see docs/slack.md.
        assert.equal(manifest.features.assistant_view, undefined);
        assert.equal(manifest.features.agent_view, undefined);
        assert.equal(manifest.features.app_home.messages_tab_enabled, true, "DMs need the Messages tab");
        assert.equal(manifest.features.app_home.messages_tab_read_only_enabled, false, "users must be able to write");
        const events: string[] = manifest.settings.event_subscriptions.bot_events;
        const handled = [...source.matchAll(/app\.event\("([a-z_]+)"/g)].map((m) => m[1]);
        if (/app\.message\(/.test(source)) handled.push("message");
        for (const e of events) {
            assert.ok(handled.some((h) => e === h || e.startsWith(`${h}.`)), `${e} is subscribed but no listener handles it`);
        }
        assert.deepEqual(events.filter((e) => e.startsWith("assistant_") || e === "app_context_changed"), []);
    });

    it("grants exactly the scopes the code and the subscriptions need: none missing, none unused", () => {
        // The scan finds calls however they are written (and only real calls).
        assert.deepEqual([...calledMethods(`
            await this.client.chat.postMessage({channel});
            const dm = await app.client
                .conversations.open({users});
            // client.reactions.add( in a comment is not a call
            /* nor client.chat.delete( here */
            await client.apiCall("emoji.list");
            this.client.chatStream({channel});
            async ({event, say}: AllMiddlewareArgs) => { await say("hi"); };
            await client.assistant.threads.setStatus({status: ""});
        `)].sort(), ["assistant.threads.setStatus", "chat.appendStream", "chat.postMessage", "chat.startStream",
            "chat.stopStream", "conversations.open", "emoji.list"]);
        assert.deepEqual([...calledMethods("const say = (line: string) => write(line); say(\"x\");")], [],
            "a local function named say is not Bolt's");
        const called = calledMethods(source);
        assert.ok(called.size >= 10, `found ${[...called]}`);
        const needed = new Map<string, string[]>(); // scope -> what needs it
        const need = (scope: string, why: string) => needed.set(scope, [...needed.get(scope) ?? [], why]);
        for (const method of called) {
            const scopes = METHOD_SCOPES[method];
            assert.ok(scopes, `${method} is called but its scopes are unknown: add them to test/slack/slackScopes.ts`);
            for (const scope of scopes) need(scope, method);
        }
        for (const event of manifest.settings.event_subscriptions.bot_events as string[]) {
            const scopes = EVENT_SCOPES[event];
            assert.ok(scopes, `the manifest subscribes to ${event}; add its scopes to test/slack/slackScopes.ts`);
            for (const scope of scopes) need(scope, `the ${event} event`);
        }
        if (manifest.features.slash_commands?.length || manifest.features.shortcuts?.length) {
            need(COMMANDS_SCOPE, "the slash command and shortcut");
        }
        const granted: string[] = manifest.oauth_config.scopes.bot;
        assert.equal(new Set(granted).size, granted.length, "a scope is listed twice");
        const missing = [...needed.keys()].filter((s) => !granted.includes(s)).map((s) => `${s} (${needed.get(s)})`);
        assert.deepEqual(missing, [], "scopes the code needs but the manifest does not grant");
        assert.deepEqual(granted.filter((s) => !needed.has(s)), [], "scopes the manifest grants but nothing uses");
        assert.equal(manifest.oauth_config.scopes.user, undefined, "the bot acts with its own token only");
        // docs/slack.md's scope table says why each is needed: it lists the same scopes.
        const docs = fs.readFileSync(path.join(ROOT, "docs/slack.md"), "utf8");
        const section = docs.slice(docs.indexOf("## Scopes"), docs.indexOf("\n## ", docs.indexOf("## Scopes") + 1));
        const documented = section.split("\n").filter((l) => l.startsWith("| `"))
            .flatMap((l) => [...l.split("|")[1].matchAll(/`([a-z_.:]+)`/g)].map((m) => m[1]));
        assert.deepEqual([...documented].sort(), [...granted].sort(), "docs/slack.md's scope table");
    });
});
