/**
 * Model-server configuration, the same on every entry point: URLs (one or several, with or without /v1), the
 * environment with explicit values first, and what the assistant does with a server configured (nothing to
 * download, no local model state).
 */
import {strict as assert} from "node:assert";
import {Med42Assistant} from "../../shared/assistant";
import {cleartextKeyWarnings, parseServerUrls, serverAddress, ServerConfigError, serverOptionsFromEnv} from "../../shared/engine/server/serverConfig";
import {runCli} from "../support/runCli";
import {classifyServerError, retryAfterMs} from "../../shared/engine/server/serverErrors";
import {FakeModelServer} from "../support/fakeModelServer";

describe("model server configuration", () => {
    it("warns when the API key would cross the network unencrypted (http:// beyond this machine), and only then", () => {
        const warned = cleartextKeyWarnings({urls: ["http://gpu1.hospital.example:8000", "https://gpu2.hospital.example", "http://127.0.0.1:8080",
            "http://localhost:8080", "http://[::1]:8080"], apiKey: "k"});
        assert.equal(warned.length, 1, warned.join("\n"));
        assert.match(warned[0], /http:\/\/gpu1\.hospital\.example:8000 unencrypted/);
        assert.deepEqual(cleartextKeyWarnings({urls: ["http://gpu1.hospital.example:8000"]}), [], "no key, nothing to leak");
        const assistant = new Med42Assistant({auditDb: false, server: {urls: ["http://gpu1.hospital.example:8000"], apiKey: "k"}});
        assert.deepEqual(assistant.serverWarnings, warned.slice(0, 1));
    });

    it("med42 says so on stderr before it contacts such a server", async function () {
        this.timeout(120_000);
        // A name under .invalid never resolves: the request fails at once, without any traffic leaving this machine.
        const r = await runCli(["ask", "What is gout?"], {env: {MED42_SERVER_URL: "http://med42-gpu.invalid:8000", MED42_SERVER_API_KEY: "secret-key"}});
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /^med42: warning: The model server's API key and every question are sent to http:\/\/med42-gpu\.invalid:8000 unencrypted/m);
        assert.doesNotMatch(r.stderr, /secret-key/);
    });

    it("takes the server root or its /v1 base, several comma-separated, and rejects what is not an http(s) URL", () => {
        assert.deepEqual(serverAddress("http://gpu1:8000/v1/"), {label: "http://gpu1:8000", root: "http://gpu1:8000", api: "http://gpu1:8000/v1"});
        assert.deepEqual(serverAddress("https://llm.hospital.org/med42"),
            {label: "https://llm.hospital.org/med42", root: "https://llm.hospital.org/med42", api: "https://llm.hospital.org/med42/v1"});
        assert.deepEqual(parseServerUrls(" http://a:1, http://b:2/v1 ,http://a:1/"), ["http://a:1", "http://b:2"]);
        assert.throws(() => parseServerUrls("gpu1:8000"), (e: unknown) => e instanceof ServerConfigError && /must start with http/.test(e.message));
        assert.throws(() => parseServerUrls("not a url"), /is not a URL/);
        assert.throws(() => parseServerUrls(" , "), /is empty/);
        assert.throws(() => parseServerUrls("http://user:secret@gpu1:8000"), /not in the URL/, "credentials never live in a URL");
    });

    it("reads MED42_SERVER_* from the environment, explicit values first, undefined never erasing anything", () => {
        const env = {MED42_SERVER_URL: "http://gpu1:8000", MED42_SERVER_API_KEY: " k ", MED42_SERVER_MODEL: "m42-health/Llama3-Med42-70B",
            MED42_SERVER_TIMEOUT: "30", MED42_SERVER_CONCURRENCY: "8"};
        assert.deepEqual(serverOptionsFromEnv(env), {urls: ["http://gpu1:8000"], apiKey: "k", model: "m42-health/Llama3-Med42-70B",
            timeoutMs: 30_000, concurrency: 8});
        assert.deepEqual(serverOptionsFromEnv(env, {urls: ["http://gpu2:8000"], model: undefined, apiKey: undefined}),
            {urls: ["http://gpu2:8000"], apiKey: "k", model: "m42-health/Llama3-Med42-70B", timeoutMs: 30_000, concurrency: 8});
        assert.equal(serverOptionsFromEnv({}), undefined, "no URL anywhere: the local engine");
        assert.throws(() => serverOptionsFromEnv({MED42_SERVER_URL: "http://a", MED42_SERVER_TIMEOUT: "soon"}), /MED42_SERVER_TIMEOUT must be a positive number/);
    });

    it("reads Retry-After as seconds, milliseconds or a date", () => {
        assert.equal(retryAfterMs(new Headers({"retry-after": "3"})), 3000);
        assert.equal(retryAfterMs(new Headers({"retry-after-ms": "250", "retry-after": "3"})), 250);
        assert.equal(retryAfterMs(new Headers({"retry-after": new Date(10_000).toUTCString()}), 4_000), 6_000);
        assert.equal(retryAfterMs(new Headers({})), undefined);
    });

    it("words a TLS failure as one, with what to check", () => {
        const cause = Object.assign(new Error("self-signed certificate"), {code: "DEPTH_ZERO_SELF_SIGNED_CERT"});
        const err = classifyServerError(new TypeError("fetch failed", {cause}), "https://gpu1:8000");
        assert.equal(err.kind, "tls");
        assert.match(err.message, /secure connection to the model server at https:\/\/gpu1:8000 \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
        assert.match(err.message, /NODE_EXTRA_CA_CERTS/);
    });

    it("a TLS handshake against a plain-HTTP server is reported as a TLS problem, not as the server being down", async () => {
        const f = await FakeModelServer.start({});
        const a = new Med42Assistant({auditDb: false, server: {urls: [f.url.replace("http:", "https:")]}});
        try {
            await assert.rejects(a.ask({messages: [{role: "user", content: "What is gout?"}], surface: "cli"}).result,
                (e: unknown) => e instanceof Error && /secure connection/.test(e.message) && /http:\/\/ or https:\/\//.test(e.message));
        } finally {
            await a.dispose();
            await f.close();
        }
    });

    it("with a server configured the assistant offers nothing to download and reports the server as its model", async () => {
        const f = await FakeModelServer.start({});
        const a = new Med42Assistant({auditDb: false, model: "med42-70b", server: {urls: [f.url]}});
        try {
            assert.equal(a.model, f.url);
            assert.equal((await a.refreshModelState()).status, "idle", "never not-downloaded");
            await assert.rejects(a.downloadModel(), /runs on a model server .* nothing to download/);
            await a.loadModel();
            assert.deepEqual(a.modelState, {status: "ready", model: f.url, path: `med42-fake on ${f.url}`});
            const fromEnv = new Med42Assistant({auditDb: false, server: false});
            assert.equal(fromEnv.server, undefined, "server: false keeps the local engine whatever the environment says");
            await fromEnv.dispose();
        } finally {
            await a.dispose();
            await f.close();
        }
    });
});
