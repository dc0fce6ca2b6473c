import * as assert from "node:assert/strict";
import {readSlackConfig} from "../../slack-bot/config";
import {StartupError} from "../../slack-bot/startupError";

const BOT = "xoxb-123-456-abc";
const APP = "xapp-1-A1-2-def";
const SECRET = "0123456789abcdef0123456789abcdef";

function startupMessage(fn: () => unknown): string {
    try {
        fn();
    } catch (err) {
        assert.ok(err instanceof StartupError, `expected a StartupError, got ${err}`);
        return err.message;
    }
    assert.fail("expected a StartupError");
}

describe("slack: start-up configuration", () => {
    it("reads Socket Mode tokens, the API URL and the model", () => {
        const c = readSlackConfig({SLACK_BOT_TOKEN: ` ${BOT}\n`, SLACK_APP_TOKEN: APP, SLACK_API_URL: "http://127.0.0.1:9/api",
            MED42_MODEL: "/models/m.gguf"});
        assert.equal(c.botToken, BOT);
        assert.equal(c.appToken, APP);
        assert.equal(c.http, undefined);
        assert.equal(c.slackApiUrl, "http://127.0.0.1:9/api/");
        assert.equal(c.model, "/models/m.gguf");
        assert.equal(readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, MED42_MODEL: "x"}, {model: "y"}).model, "y");
    });

    it("reads HTTP mode with a signing secret and port", () => {
        const c = readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: "8080"}, {http: true});
        assert.deepEqual(c.http, {signingSecret: SECRET, port: 8080});
        assert.equal(c.appToken, undefined);
    });

    it("reads the shared database (MED42_DATABASE_URL) and the health port (MED42_HEALTH_PORT), and explains bad values", () => {
        const c = readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP,
            MED42_DATABASE_URL: " postgres://med42:pw@db:5432/med42 ", MED42_HEALTH_PORT: "9464"});
        assert.equal(c.databaseUrl, "postgres://med42:pw@db:5432/med42");
        assert.equal(c.healthPort, 9464);
        const plain = readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP});
        assert.equal(plain.databaseUrl, undefined, "unset: one process, SQLite and memory");
        assert.equal(plain.healthPort, undefined);
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, MED42_DATABASE_URL: "db.sqlite"})),
            /MED42_DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, MED42_HEALTH_PORT: "http"})),
            /MED42_HEALTH_PORT must be a port number \(got "http"\)/);
        assert.equal(readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, MED42_SLACK_ANSWER_LEASE: "45"}).settings.answerLeaseMs, 45_000);
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, MED42_SLACK_ANSWER_LEASE: "0"})),
            /MED42_SLACK_ANSWER_LEASE must be a number of seconds, at least 1/);
        assert.equal(readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, MED42_SLACK_SHUTDOWN_GRACE: "2.5"}).settings.shutdownGraceMs, 2_500);
        assert.equal(readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP}).settings.shutdownGraceMs, undefined, "the default applies");
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, MED42_SLACK_SHUTDOWN_GRACE: "soon"})),
            /MED42_SLACK_SHUTDOWN_GRACE must be a number of seconds, e.g. 20 \(got "soon"\)/);
        assert.equal(readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP}).auditRetryMs, 30_000, "the default");
        assert.equal(readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, MED42_AUDIT_RETRY_SECONDS: "7.5"}).auditRetryMs, 7_500);
        assert.equal(readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, MED42_AUDIT_RETRY_SECONDS: "0"}).auditRetryMs, 0);
        for (const bad of ["-1", "soon", "7200"]) {
            assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, MED42_AUDIT_RETRY_SECONDS: bad})),
                new RegExp(`MED42_AUDIT_RETRY_SECONDS must be a number of seconds from 0 to 3600.*\\(got "${bad}"\\)`));
        }
    });

    it("explains a missing bot token", () => {
        assert.match(startupMessage(() => readSlackConfig({SLACK_APP_TOKEN: APP})), /SLACK_BOT_TOKEN is not set.*xoxb-/);
    });

    it("explains a user token or an app token given as the bot token, without printing it", () => {
        const m = startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: "xoxp-secret-999", SLACK_APP_TOKEN: APP}));
        assert.match(m, /user token/);
        assert.doesNotMatch(m, /secret-999/);
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: APP})), /app-level token/);
    });

    it("explains a missing or malformed app token and points to HTTP mode", () => {
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET})),
            /SLACK_APP_TOKEN is not set.*--http/);
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: BOT})),
            /does not look like an app-level token/);
    });

    it("explains a missing or malformed signing secret, a bad port and a bad API URL", () => {
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT}, {http: true})), /SLACK_SIGNING_SECRET/);
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: "nope"},
            {http: true})), /does not look like a signing secret/);
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET},
            {http: true, port: "http"})), /port/);
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP,
            SLACK_API_URL: "ftp://x"})), /http\(s\)/);
    });

    it("reads the behaviour switches", () => {
        const c = readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, MED42_SLACK_FOLLOW_UPS: "0",
            MED42_SLACK_STREAMING: "off", MED42_SLACK_COMMAND_VISIBILITY: "channel", MED42_SLACK_USER_LIMIT: "3/30",
            MED42_SLACK_MAX_ACTIVE: "4"});
        assert.deepEqual(c.settings, {followUpsWithoutMention: false, nativeStreaming: false, commandVisibility: "channel",
            rateLimit: {perUser: 3, windowMs: 30_000, maxActive: 4}});
        assert.match(startupMessage(() => readSlackConfig({SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP,
            MED42_SLACK_USER_LIMIT: "lots"})), /QUESTIONS\/SECONDS/);
    });
});
