/**
 * A loopback HTTP file server for download tests (127.0.0.1, a free port): serves buffers, honours Range requests
 * (or ignores them) with If-Range against the body's ETag, can cut the connection or stall midway, can answer an error status, redirects, serves JSON
 * (a fake Hugging Face API), and records every request with its headers.
 */
import {createHash} from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import type {AddressInfo} from "node:net";
import * as path from "node:path";

/**
 * A self-signed certificate for 127.0.0.1 and localhost (valid 2020-2120), for tests only: the key is public on
 * purpose. A child process trusts it when started with NODE_EXTRA_CA_CERTS=LOOPBACK_CERT_PATH.
 */
export const LOOPBACK_CERT_PATH = path.resolve(__dirname, "../../../test/support/tls/loopback-cert.pem");
const LOOPBACK_KEY_PATH = path.resolve(__dirname, "../../../test/support/tls/loopback-key.pem");

export interface ServedFile {
    body: Buffer;
    /** Answer 200 with the whole body even when a Range is asked for. */
    ignoreRange?: boolean;
    /** Send this many body bytes, then close the connection (the client sees the transfer break). */
    cutAfterBytes?: number;
    /** Send this many body bytes, then stop sending and keep the connection open. */
    stallAfterBytes?: number;
    /** Answer this status with a short text body instead of the file. */
    status?: number;
    /** ETag header; default: a hash of the body (so a changed body has a new ETag); false: none. */
    etag?: string | false;
    /** Content-Length to announce instead of the body's (to fake a huge file). */
    announcedLength?: number;
    /** Body bytes per write (default 16 KiB), so clients see several chunks. */
    chunkSize?: number;
    /** Extra response headers (e.g. the Hub's X-Linked-Etag). */
    headers?: Record<string, string>;
}

export interface RecordedRequest {
    method: string;
    path: string;
    headers: http.IncomingHttpHeaders;
}

type Route =
    | {type: "file"; file: ServedFile}
    | {type: "json"; status: number; value: unknown}
    | {type: "redirect"; location: string; status: number; headers?: Record<string, string>};

export class LoopbackHttpServer {
    readonly requests: RecordedRequest[] = [];
    private readonly routes = new Map<string, Route>();
    private readonly patterns: {pattern: RegExp; route: Route}[] = [];
    private readonly sockets = new Set<import("node:net").Socket>();

    private constructor(private readonly server: http.Server, readonly port: number, private readonly scheme: "http" | "https") {
        server.on("connection", (s) => { this.sockets.add(s); s.on("close", () => this.sockets.delete(s)); });
    }

    /** `tls`: serve HTTPS with the test certificate (LOOPBACK_CERT_PATH). */
    static async start(options: {tls?: boolean} = {}): Promise<LoopbackHttpServer> {
        let self: LoopbackHttpServer | undefined;
        const handler = (req: http.IncomingMessage, res: http.ServerResponse) => self!.handle(req, res);
        const server = options.tls
            ? https.createServer({key: fs.readFileSync(LOOPBACK_KEY_PATH), cert: fs.readFileSync(LOOPBACK_CERT_PATH)}, handler)
            : http.createServer(handler);
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(0, "127.0.0.1", () => resolve());
        });
        self = new LoopbackHttpServer(server, (server.address() as AddressInfo).port, options.tls ? "https" : "http");
        return self;
    }

    get origin(): string { return `${this.scheme}://127.0.0.1:${this.port}`; }

    url(pathname: string): string { return this.origin + pathname; }

    /** Serves `file` at `pathname`; calling again replaces it (e.g. to stop cutting the connection). */
    serveFile(pathname: string, file: ServedFile): void { this.routes.set(pathname, {type: "file", file}); }

    /** Serves `file` at every path that matches `pattern` and has no exact route (e.g. any revision of a Hub file). */
    serveFileMatching(pattern: RegExp, file: ServedFile): void { this.patterns.push({pattern, route: {type: "file", file}}); }

    serveJson(pathname: string, value: unknown, status = 200): void { this.routes.set(pathname, {type: "json", status, value}); }

    /** Redirects to `location`, with extra headers (as the Hub sends X-Linked-Etag and X-Repo-Commit on its redirect). */
    redirect(pathname: string, location: string, status = 302, headers: Record<string, string> = {}): void {
        this.routes.set(pathname, {type: "redirect", location, status, headers});
    }

    requestsFor(pathname: string): RecordedRequest[] { return this.requests.filter((r) => r.path === pathname); }

    async close(): Promise<void> {
        for (const s of this.sockets) s.destroy();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const pathname = new URL(req.url ?? "/", this.origin).pathname;
        this.requests.push({method: req.method ?? "GET", path: pathname, headers: req.headers});
        const route = this.routes.get(pathname) ?? this.patterns.find((p) => p.pattern.test(pathname))?.route;
        if (!route) { res.writeHead(404, {"Content-Type": "text/plain"}).end("not found"); return; }
        if (route.type === "json") {
            res.writeHead(route.status, {"Content-Type": "application/json"}).end(JSON.stringify(route.value));
            return;
        }
        if (route.type === "redirect") {
            res.writeHead(route.status, {...route.headers, Location: route.location}).end();
            return;
        }
        this.sendFile(req, res, route.file);
    }

    private sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: ServedFile): void {
        if (file.status && file.status >= 400) {
            res.writeHead(file.status, {"Content-Type": "text/plain"}).end(`error ${file.status}`);
            return;
        }
        const size = file.body.length;
        const etag = file.etag ?? `"${createHash("sha1").update(file.body).digest("hex").slice(0, 16)}"`;
        const validators: Record<string, string> = {...file.headers, ...(etag ? {ETag: etag} : {})};
        let start = 0;
        const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ""));
        // If-Range: serve the range only if the client's copy is of this same version, else the whole body.
        const sameVersion = req.headers["if-range"] === undefined || (etag !== false && req.headers["if-range"] === etag);
        if (range && !file.ignoreRange && sameVersion) {
            start = Number(range[1]);
            if (start >= size) {
                res.writeHead(416, {"Content-Range": `bytes */${size}`, ...validators}).end();
                return;
            }
            res.writeHead(206, {"Content-Length": size - start, "Content-Range": `bytes ${start}-${size - 1}/${size}`, "Accept-Ranges": "bytes", ...validators});
        } else {
            res.writeHead(200, {"Content-Length": file.announcedLength ?? size, "Accept-Ranges": "bytes", "Content-Type": "application/octet-stream", ...validators});
        }
        if (req.method === "HEAD") { res.end(); return; }
        const body = file.body.subarray(start);
        const limit = Math.min(body.length, file.cutAfterBytes ?? Infinity, file.stallAfterBytes ?? Infinity);
        const chunk = file.chunkSize ?? 16 * 1024;
        let sent = 0;
        const writeNext = (): void => {
            while (sent < limit) {
                const piece = body.subarray(sent, Math.min(sent + chunk, limit));
                sent += piece.length;
                if (!res.write(piece)) { res.once("drain", writeNext); return; }
            }
            if (limit === body.length) res.end();
            // Cut: let the written bytes go out, then close the socket under the unfinished response.
            else if (file.cutAfterBytes !== undefined && limit === Math.min(body.length, file.cutAfterBytes)) {
                res.write(Buffer.alloc(0), () => setTimeout(() => res.socket?.destroy(), 20));
            }
            // Stall: keep the connection open with the response unfinished until the client gives up.
        };
        writeNext();
    }
}
