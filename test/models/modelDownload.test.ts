import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {ModelDownloadError, ModelFileError, ModelNotDownloadedError} from "../../shared/models/errors";
import {ModelStore} from "../../shared/models/modelStore";
import {LoopbackHttpServer} from "../support/loopbackHttp";
import {testModelPath} from "../support/testModel";

/** A model-like body: the generated test model (starts with the GGUF magic, ~630 KB, many 16 KiB chunks). */
const body = () => fs.readFileSync(testModelPath());

describe("model downloads (loopback HTTP)", () => {
    let server: LoopbackHttpServer;
    let dir: string;
    let store: ModelStore;
    let source: Buffer;
    const savedEndpoint = process.env.MED42_HF_ENDPOINT;

    before(() => { source = body(); });
    beforeEach(async () => {
        server = await LoopbackHttpServer.start();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-models-"));
        store = new ModelStore({dir});
        process.env.MED42_HF_ENDPOINT = server.origin;
    });
    afterEach(async () => {
        await server.close();
        fs.rmSync(dir, {recursive: true, force: true});
        if (savedEndpoint === undefined) delete process.env.MED42_HF_ENDPOINT; else process.env.MED42_HF_ENDPOINT = savedEndpoint;
    });

    it("downloads a URL with progress events, atomically, and then locates and lists it", async () => {
        server.serveFile("/files/model.gguf", {body: source});
        const events: [number, number | undefined][] = [];
        const url = server.url("/files/model.gguf");
        const file = await store.download(url, {onProgress: (r, t) => events.push([r, t])});

        assert.equal(file, path.join(dir, "model.gguf"));
        assert.ok(fs.readFileSync(file).equals(source));
        assert.ok(events.length > 5, `expected many progress events, got ${events.length}`);
        for (let i = 1; i < events.length; i++) assert.ok(events[i][0] >= events[i - 1][0], "progress never goes back");
        assert.deepEqual(events[events.length - 1], [source.length, source.length]);
        assert.ok(events.every(([, t]) => t === source.length));
        assert.deepEqual(fs.readdirSync(dir), ["model.gguf"], "no .partial or lock file is left");

        assert.equal(await store.locate(url), file);
        assert.deepEqual(await store.list(), [{name: "model.gguf", path: file, sizeBytes: source.length}]);
        // Downloading again is a no-op that asks nothing of the server.
        const before = server.requests.length;
        assert.equal(await store.download(url), file);
        assert.equal(server.requests.length, before);
    });

    it("resumes an interrupted download with a Range request", async () => {
        const url = server.url("/m.gguf");
        server.serveFile("/m.gguf", {body: source, cutAfterBytes: 200_000});
        const err = await store.download(url).then(() => undefined, (e) => e);
        assert.ok(err instanceof ModelDownloadError, String(err));
        assert.equal(err.failure, "interrupted");
        assert.match(err.message, /interrupted after .* run `med42 pull http:\/\/127\.0\.0\.1:\d+\/m\.gguf( --models-dir \S+)?` again to resume/);
        const partial = path.join(dir, "m.gguf.partial");
        assert.equal(err.partialPath, partial);
        const kept = fs.readFileSync(partial);
        assert.ok(kept.length > 0 && kept.length <= 200_000, `partial holds ${kept.length} bytes`);
        assert.ok(kept.equals(source.subarray(0, kept.length)), "the partial file is a prefix of the source");
        assert.equal(fs.existsSync(path.join(dir, "m.gguf")), false);
        assert.equal(await store.locate(url), null, "a partial file is not a model");
        assert.deepEqual((await store.listPartial()).map((m) => [m.name, m.sizeBytes]), [["m.gguf", kept.length]]);

        server.serveFile("/m.gguf", {body: source});
        const events: number[] = [];
        const file = await store.download(url, {onProgress: (r) => events.push(r)});
        const last = server.requestsFor("/m.gguf").at(-1)!;
        assert.equal(last.headers.range, `bytes=${kept.length}-`);
        assert.equal(events[0], kept.length, "progress starts from the bytes already on disk");
        assert.ok(fs.readFileSync(file).equals(source), "the resumed file equals the source byte for byte");
        assert.equal(fs.existsSync(partial), false);
    });

    it("downloads afresh, not a splice, when the file changed on the server since the interruption (If-Range)", async () => {
        const url = server.url("/m.gguf");
        server.serveFile("/m.gguf", {body: source, cutAfterBytes: 200_000});
        await assert.rejects(store.download(url), ModelDownloadError);
        const oldEtag = (await fetch(url, {method: "HEAD"})).headers.get("etag");
        assert.ok(oldEtag);

        const changed = fs.readFileSync(testModelPath({seed: 7}));
        assert.equal(changed.length, source.length);
        assert.ok(!changed.equals(source));
        server.serveFile("/m.gguf", {body: changed});
        const file = await store.download(url);
        const last = server.requestsFor("/m.gguf").at(-1)!;
        assert.match(String(last.headers.range), /^bytes=\d+-$/);
        assert.equal(last.headers["if-range"], oldEtag, "the resume names the version it continues");
        assert.ok(fs.readFileSync(file).equals(changed), "the file is the new version, whole");
    });

    it("restarts cleanly when the server ignores Range", async () => {
        const url = server.url("/m.gguf");
        server.serveFile("/m.gguf", {body: source, cutAfterBytes: 100_000});
        await assert.rejects(store.download(url), ModelDownloadError);
        const partial = path.join(dir, "m.gguf.partial");
        const kept = fs.statSync(partial).size;
        fs.writeFileSync(partial, Buffer.alloc(kept, 0xaa)); // wrong bytes: must not survive
        server.serveFile("/m.gguf", {body: source, ignoreRange: true});
        const file = await store.download(url);
        assert.equal(server.requestsFor("/m.gguf").at(-1)!.headers.range, `bytes=${kept}-`);
        assert.ok(fs.readFileSync(file).equals(source));
    });

    it("finishes a partial file that is already complete (416 from the server)", async () => {
        const url = server.url("/m.gguf");
        server.serveFile("/m.gguf", {body: source, cutAfterBytes: 100_000});
        await assert.rejects(store.download(url), ModelDownloadError);
        fs.writeFileSync(path.join(dir, "m.gguf.partial"), source); // all bytes there, the state still unfinished
        server.serveFile("/m.gguf", {body: source});
        const file = await store.download(url);
        assert.equal(server.requestsFor("/m.gguf").at(-1)!.headers.range, `bytes=${source.length}-`);
        assert.ok(fs.readFileSync(file).equals(source));
    });

    it("cancelling with an AbortSignal keeps the partial file for a later resume", async () => {
        const url = server.url("/m.gguf");
        server.serveFile("/m.gguf", {body: source, stallAfterBytes: 300_000});
        const controller = new AbortController();
        const err = await store.download(url, {
            signal: controller.signal,
            onProgress: (received) => { if (received >= 100_000) controller.abort(); }
        }).then(() => undefined, (e) => e);
        assert.equal((err as Error)?.name, "AbortError", String(err));
        const partial = fs.readFileSync(path.join(dir, "m.gguf.partial"));
        assert.ok(partial.length >= 100_000, `partial holds ${partial.length} bytes`);
        assert.ok(partial.equals(source.subarray(0, partial.length)));
        assert.equal(fs.existsSync(path.join(dir, "m.gguf.partial.lock")), false, "the lock is released");

        server.serveFile("/m.gguf", {body: source});
        const file = await store.download(url);
        assert.equal(server.requestsFor("/m.gguf").at(-1)!.headers.range, `bytes=${partial.length}-`);
        assert.ok(fs.readFileSync(file).equals(source));
    });

    it("names HTTP errors", async () => {
        const missing = await store.download(server.url("/nope.gguf")).then(() => undefined, (e) => e);
        assert.ok(missing instanceof ModelDownloadError);
        assert.equal(missing.status, 404);
        assert.match(missing.message, /HTTP 404 Not Found from http:\/\/127\.0\.0\.1:\d+\/nope\.gguf: check the model name or URL/);

        server.serveFile("/broken.gguf", {body: source, status: 500});
        const broken = await store.download(server.url("/broken.gguf")).then(() => undefined, (e) => e);
        assert.ok(broken instanceof ModelDownloadError);
        assert.match(broken.message, /HTTP 500 .*try again later/);
        assert.deepEqual(fs.readdirSync(dir), [], "a failed first request leaves nothing behind");
    });

    it("stops before filling the disk when the file cannot fit", async () => {
        server.serveFile("/huge.gguf", {body: source, announcedLength: 2 ** 52, cutAfterBytes: 0});
        const err = await store.download(server.url("/huge.gguf")).then(() => undefined, (e) => e);
        assert.ok(err instanceof ModelDownloadError, String(err));
        assert.equal(err.failure, "disk");
        assert.match(err.message, /^not enough disk space for http:\S+huge\.gguf: it needs 4504 TB more, \S+ has [\d.]+ [kMGT]?B free: free some space or choose another folder with --models-dir$/);
        assert.equal(fs.existsSync(path.join(dir, "huge.gguf")), false);
    });

    it("says 'are you offline?' when the host cannot be reached", async () => {
        const gone = await LoopbackHttpServer.start();
        const url = gone.url("/m.gguf");
        await gone.close();
        const err = await store.download(url).then(() => undefined, (e) => e);
        assert.ok(err instanceof ModelDownloadError, String(err));
        assert.equal(err.failure, "offline");
        assert.match(err.message, /^cannot reach 127\.0\.0\.1:\d+: are you offline\? \(ECONNREFUSED\) .*or pass --model \/path\/to\/file\.gguf$/);
    });

    it("rejects a download that is not a GGUF file and keeps nothing", async () => {
        server.serveFile("/page.gguf", {body: Buffer.from("<!DOCTYPE html><html>login</html>")});
        const err = await store.download(server.url("/page.gguf")).then(() => undefined, (e) => e);
        assert.ok(err instanceof ModelDownloadError);
        assert.equal(err.failure, "not-gguf");
        assert.match(err.message, /did not return a GGUF model file \(it starts with "<!DO"\)/);
        assert.deepEqual(fs.readdirSync(dir), []);
    });

    it("follows redirects, as the Hub does to its CDN", async () => {
        server.serveFile("/cdn/blob123", {body: source});
        server.redirect("/mradermacher/Llama3-Med42-8B-GGUF/resolve/main/Llama3-Med42-8B.Q4_K_M.gguf", "/cdn/blob123");
        const file = await store.resolve("med42-8b", {download: true});
        assert.equal(file, path.join(dir, "Llama3-Med42-8B.Q4_K_M.gguf"));
        assert.ok(fs.readFileSync(file).equals(source));
        // The same file answers the equivalent hf: URI, without the network.
        await server.close();
        server = await LoopbackHttpServer.start();
        assert.equal(await store.locate("hf:mradermacher/Llama3-Med42-8B-GGUF:Q4_K_M"), file);
        assert.equal(await store.resolve("hf:mradermacher/Llama3-Med42-8B-GGUF/Llama3-Med42-8B.Q4_K_M.gguf"), file);
    });

    it("refuses to download without permission, naming the pull command and the size", async () => {
        const err = await store.resolve("med42-8b").then(() => undefined, (e) => e);
        assert.ok(err instanceof ModelNotDownloadedError, String(err));
        assert.match(err.message, /^model med42-8b \(Med42-v2 8B Q4_K_M\) is not downloaded: run `med42 pull med42-8b --models-dir \S+` \(about 4\.92 GB\) or pass --model/);
        assert.equal(server.requests.length, 0, "nothing was downloaded");
        const d = store.describe("med42-70b");
        assert.equal(d.approxSizeBytes, 42.5e9);
        assert.equal(d.url, `${server.origin}/mradermacher/Llama3-Med42-70B-GGUF/resolve/main/Llama3-Med42-70B.Q4_K_M.gguf`);
        assert.equal(d.path, path.join(dir, "Llama3-Med42-70B.Q4_K_M.gguf"));
    });

    it("returns an existing local file as is and names a missing one", async () => {
        const local = testModelPath();
        assert.equal(await store.locate(local), local);
        assert.equal(await store.resolve(local), local);
        const missing = path.join(dir, "missing.gguf");
        assert.equal(await store.locate(missing), null);
        await assert.rejects(store.resolve(missing, {download: true}), (err: unknown) =>
            err instanceof ModelFileError && err.problem === "missing" && err.message.includes(missing));
    });

    it("never lets two downloads append to the same partial file", async () => {
        const url = server.url("/m.gguf");
        server.serveFile("/m.gguf", {body: source});
        fs.writeFileSync(path.join(dir, "m.gguf.partial.lock"), String(process.pid)); // a live download: this process
        const busy = await store.download(url).then(() => undefined, (e) => e);
        assert.ok(busy instanceof ModelDownloadError);
        assert.equal(busy.failure, "busy");
        assert.match(busy.message, /already being downloaded \(process \d+/);
        assert.equal(server.requests.length, 0);

        fs.writeFileSync(path.join(dir, "m.gguf.partial.lock"), "2147483646"); // a process that is gone: taken over
        const file = await store.download(url);
        assert.ok(fs.readFileSync(file).equals(source));
    });
});
