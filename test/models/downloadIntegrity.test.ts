/**
 * What a download may be trusted for: the bytes match the SHA-256 the Hub publishes, the parts of a file come from one
 * commit, a resume never splices two versions of a file, and a redirect never leaves HTTPS.
 */
import * as assert from "node:assert/strict";
import {createHash} from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {ModelDownloadError} from "../../shared/models/errors";
import {ModelStore} from "../../shared/models/modelStore";
import {MODEL_PRESETS, presetUrl} from "../../shared/models/presets";
import {LOOPBACK_CERT_PATH, LoopbackHttpServer} from "../support/loopbackHttp";
import {runCli} from "../support/runCli";
import {testModelPath} from "../support/testModel";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const REPO = "someone/Test-Med-GGUF";

describe("model downloads: integrity (loopback HTTP)", function () {
    this.timeout(60_000);
    let server: LoopbackHttpServer;
    let dir: string;
    let store: ModelStore;
    let source: Buffer;
    /** Another version of the file: same size, other bytes. */
    let changed: Buffer;
    const savedEndpoint = process.env.MED42_HF_ENDPOINT;

    before(() => {
        source = fs.readFileSync(testModelPath());
        changed = fs.readFileSync(testModelPath({seed: 7}));
        assert.equal(changed.length, source.length);
    });
    beforeEach(async () => {
        server = await LoopbackHttpServer.start();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-integrity-"));
        store = new ModelStore({dir});
        process.env.MED42_HF_ENDPOINT = server.origin;
    });
    afterEach(async () => {
        await server.close();
        fs.rmSync(dir, {recursive: true, force: true});
        if (savedEndpoint === undefined) delete process.env.MED42_HF_ENDPOINT; else process.env.MED42_HF_ENDPOINT = savedEndpoint;
    });

    /** Files left in the model folder, any depth. */
    const leftovers = () => (fs.readdirSync(dir, {recursive: true}) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());

    /** The Hub's way: the resolve URL redirects to its CDN, naming the file's SHA-256 and the commit on the redirect. */
    function serveLikeTheHub(fileName: string, body: Buffer, published: string, extra: Parameters<LoopbackHttpServer["serveFile"]>[1] = {body}) {
        server.serveFile(`/cdn/${fileName}`, {...extra, body});
        server.redirect(`/${REPO}/resolve/main/${fileName}`, `/cdn/${fileName}`, 302,
            {"X-Linked-Etag": `"${published}"`, "X-Linked-Size": String(body.length), "X-Repo-Commit": COMMIT});
    }

    it("keeps a file whose bytes match the SHA-256 in the Hub's X-Linked-Etag", async () => {
        serveLikeTheHub("M.Q4_K_M.gguf", source, sha256(source));
        const file = await store.download(`hf:${REPO}/M.Q4_K_M.gguf`);
        assert.ok(fs.readFileSync(file).equals(source));
        assert.deepEqual(leftovers(), [path.join("hf", "someone", "Test-Med-GGUF", "M.Q4_K_M.gguf")]);
    });

    it("deletes a file whose bytes do not match the Hub's SHA-256, and says what to do", async () => {
        serveLikeTheHub("M.Q4_K_M.gguf", source, sha256(changed));
        const err = await store.download(`hf:${REPO}/M.Q4_K_M.gguf`).then(() => undefined, (e) => e);
        assert.ok(err instanceof ModelDownloadError, String(err));
        assert.equal(err.failure, "checksum");
        assert.match(err.message, new RegExp(`is corrupt or was altered: its SHA-256 is ${sha256(source)}, but the source ` +
            `publishes ${sha256(changed)}\\. It was deleted: run \`med42 pull hf:${REPO}/M\\.Q4_K_M\\.gguf`));
        assert.deepEqual(leftovers(), [], "neither the model nor a partial file is kept");
    });

    it("downloads hf:user/repo:QUANT from the commit the API answered, checking each part against its lfs.sha256", async () => {
        const half = Math.floor(source.length / 2);
        const parts = [source.subarray(0, half), source.subarray(half)];
        server.serveJson(`/api/models/${REPO}`, {id: REPO, sha: COMMIT, siblings: [
            {rfilename: "M.Q6_K.gguf.part1of2", size: half, lfs: {sha256: sha256(parts[0]), size: half}},
            {rfilename: "M.Q6_K.gguf.part2of2", size: parts[1].length, lfs: {sha256: sha256(parts[1]), size: parts[1].length}},
            {rfilename: "M.Q8_0.gguf", size: source.length, lfs: {sha256: sha256(changed), size: source.length}}
        ]});
        // Only the commit the API named serves the files: `main` may have moved on since.
        server.serveFile(`/${REPO}/resolve/${COMMIT}/M.Q6_K.gguf.part1of2`, {body: parts[0]});
        server.serveFile(`/${REPO}/resolve/${COMMIT}/M.Q6_K.gguf.part2of2`, {body: parts[1]});
        server.serveFile(`/${REPO}/resolve/${COMMIT}/M.Q8_0.gguf`, {body: source});

        const file = await store.download(`hf:${REPO}:Q6_K`);
        assert.ok(fs.readFileSync(file).equals(source));

        const bad = await store.download(`hf:${REPO}:Q8_0`).then(() => undefined, (e) => e);
        assert.ok(bad instanceof ModelDownloadError, String(bad));
        assert.equal(bad.failure, "checksum");
        assert.equal(fs.existsSync(path.join(path.dirname(file), "M.Q8_0.gguf")), false);
        assert.equal(fs.existsSync(path.join(path.dirname(file), "M.Q8_0.gguf.partial")), false);
    });

    it("pins a preset's download URL to its revision when it names one", () => {
        const preset = {...MODEL_PRESETS[0], revision: COMMIT};
        assert.equal(presetUrl(preset, "http://hub.test"), `http://hub.test/${preset.repo}/resolve/${COMMIT}/${preset.fileName}`);
        for (const p of MODEL_PRESETS) {
            if (p.revision !== undefined) assert.match(p.revision, /^[0-9a-f]{40}$/, `${p.id}: a revision must be a commit id`);
        }
    });

    it("never continues a partial file without saved state: it may be another version of the file", async () => {
        const url = server.url("/m.gguf");
        fs.writeFileSync(path.join(dir, "m.gguf.partial"), changed.subarray(0, 200_000)); // old bytes, nothing saved with them
        server.serveFile("/m.gguf", {body: source});
        const file = await store.download(url);
        assert.equal(server.requestsFor("/m.gguf").length, 1);
        assert.equal(server.requestsFor("/m.gguf")[0].headers.range, undefined, "downloaded from the start");
        assert.ok(fs.readFileSync(file).equals(source), "the file is one version, whole");
    });

    it("starts over when the Hub names another SHA-256 than before the interruption (a server that ignores If-Range)", async () => {
        // No ETag: If-Range cannot tell the versions apart; only the published SHA-256 can.
        serveLikeTheHub("M.Q4_K_M.gguf", source, sha256(source), {body: source, etag: false, cutAfterBytes: 200_000});
        await assert.rejects(store.download(`hf:${REPO}/M.Q4_K_M.gguf`), ModelDownloadError);
        serveLikeTheHub("M.Q4_K_M.gguf", changed, sha256(changed), {body: changed, etag: false});
        const file = await store.download(`hf:${REPO}/M.Q4_K_M.gguf`);
        assert.equal(server.requestsFor("/cdn/M.Q4_K_M.gguf").at(-1)!.headers.range, undefined, "the last request starts over");
        assert.ok(fs.readFileSync(file).equals(changed), "the file is the new version, whole");
    });

    it("resumes a part whose published SHA-256 is unchanged, and checks the whole part", async () => {
        serveLikeTheHub("M.Q4_K_M.gguf", source, sha256(source), {body: source, etag: false, cutAfterBytes: 200_000});
        await assert.rejects(store.download(`hf:${REPO}/M.Q4_K_M.gguf`), ModelDownloadError);
        const partial = path.join(dir, "hf", "someone", "Test-Med-GGUF", "M.Q4_K_M.gguf.partial");
        const kept = fs.statSync(partial).size;
        assert.ok(kept > 0);
        serveLikeTheHub("M.Q4_K_M.gguf", source, sha256(source), {body: source, etag: false});
        const file = await store.download(`hf:${REPO}/M.Q4_K_M.gguf`);
        assert.equal(server.requestsFor("/cdn/M.Q4_K_M.gguf").at(-1)!.headers.range, `bytes=${kept}-`);
        assert.ok(fs.readFileSync(file).equals(source));
    });

    it("a resumed part that fails its checksum is downloaded once more from the start", async () => {
        serveLikeTheHub("M.Q4_K_M.gguf", source, sha256(source), {body: source, etag: false, cutAfterBytes: 200_000});
        await assert.rejects(store.download(`hf:${REPO}/M.Q4_K_M.gguf`), ModelDownloadError);
        const partial = path.join(dir, "hf", "someone", "Test-Med-GGUF", "M.Q4_K_M.gguf.partial");
        const bytes = fs.readFileSync(partial);
        bytes[bytes.length - 1] ^= 0xff; // damaged on disk since
        fs.writeFileSync(partial, bytes);
        serveLikeTheHub("M.Q4_K_M.gguf", source, sha256(source), {body: source, etag: false});
        const file = await store.download(`hf:${REPO}/M.Q4_K_M.gguf`);
        const requests = server.requestsFor("/cdn/M.Q4_K_M.gguf").slice(1);
        assert.deepEqual(requests.map((r) => r.headers.range), [`bytes=${bytes.length}-`, undefined]);
        assert.ok(fs.readFileSync(file).equals(source));
    });

    it("refuses a redirect to anything but http(s)", async () => {
        server.redirect("/m.gguf", "file:///etc/passwd");
        const err = await store.download(server.url("/m.gguf")).then(() => undefined, (e) => e);
        assert.ok(err instanceof ModelDownloadError, String(err));
        assert.equal(err.failure, "insecure");
        assert.deepEqual(leftovers(), []);
    });

    it("refuses a redirect from HTTPS to plain HTTP (med42 pull over TLS to a loopback server)", async () => {
        const tls = await LoopbackHttpServer.start({tls: true});
        try {
            tls.serveFile("/direct.gguf", {body: source});
            tls.redirect("/down.gguf", server.url("/plain.gguf"));
            server.serveFile("/plain.gguf", {body: source});
            const env = {NODE_EXTRA_CA_CERTS: LOOPBACK_CERT_PATH, MED42_HF_ENDPOINT: server.origin};
            // HTTPS itself works here (the test certificate is trusted): the refusal below is about the redirect.
            const direct = await runCli(["pull", tls.url("/direct.gguf"), "--models-dir", dir], {env});
            assert.equal(direct.code, 0, direct.stderr);
            assert.ok(fs.readFileSync(path.join(dir, "direct.gguf")).equals(source));

            const down = await runCli(["pull", tls.url("/down.gguf"), "--models-dir", dir], {env});
            assert.equal(down.code, 1, down.stderr);
            assert.match(down.stderr, /refusing a redirect from 127\.0\.0\.1:\d+ over HTTPS to http:\/\/127\.0\.0\.1:\d+: the download would leave HTTPS/);
            assert.equal(server.requestsFor("/plain.gguf").length, 0, "nothing was fetched over plain HTTP");
            assert.equal(fs.existsSync(path.join(dir, "down.gguf")), false);
        } finally {
            await tls.close();
        }
    });
});
