/**
 * A loopback OpenAI-compatible server that misbehaves on demand, for what a real llama-server will not do when asked:
 * hang, send a malformed stream, die mid-answer, answer 429/503 with Retry-After. It also records every request
 * (headers and body), and can play vLLM's /v1/completions with `echo` + `logprobs` for the eval tests.
 * Everything else is tested against the real llama-server (test/support/llamaServer.ts).
 */
import * as http from "node:http";
import type {AddressInfo, Socket} from "node:net";

export type ChatBehaviour =
    /** Streams `words` as chunks, then finish_reason "stop", usage and [DONE]. */
    | {kind: "answer"; words?: string[]}
    /** Accepts the request and never answers. */
    | {kind: "hang"}
    /** Streams `chunks` pieces, then waits for `until` and ends the answer as "answer" does (a long answer, on cue). */
    | {kind: "held"; chunks: number; until: Promise<unknown>}
    /** Streams `chunks` pieces, then stalls with the response open. */
    | {kind: "stall"; chunks: number}
    /** Streams `chunks` pieces, then cuts the connection. */
    | {kind: "die"; chunks: number}
    /** Sends an SSE line that is not JSON (after `chunks` good pieces). */
    | {kind: "malformed"; chunks?: number}
    /** Answers an HTTP error status with an OpenAI error body and optional Retry-After. */
    | {kind: "status"; status: number; message?: string; retryAfter?: string};

export interface RecordedCall {
    method: string;
    path: string;
    headers: http.IncomingHttpHeaders;
    body: any;
}

export interface FakeServerOptions {
    models?: Array<{id: string; max_model_len?: number}>;
    ownedBy?: string;
    /** Each chat request takes the next behaviour; the last one repeats. */
    chat?: ChatBehaviour[];
    /** /v1/completions: log-probability per prompt token (vLLM style, echo + logprobs), from this function. */
    completionLogprob?: (prompt: number[], index: number) => number;
    /** /tokenize (vLLM style): one token per UTF-8 byte. Default on. */
    tokenize?: boolean;
    /** /health status; default 200. */
    health?: number;
    /**
     * Close a kept-alive connection when a second request arrives on it, without answering (as a server does when
     * its idle timeout races the client's reuse): the client sees the socket closed under its request.
     */
    closeReusedConnections?: boolean;
}

const SPECIAL = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"];

/** The fake's tokenizer: Llama 3's special tokens (ids 128000+), every other byte a token of its own. */
export function fakeTokenize(text: string): number[] {
    const out: number[] = [];
    for (const part of text.split(/(<\|[a-z_]+\|>)/)) {
        const special = SPECIAL.indexOf(part);
        if (special >= 0) out.push(128000 + special);
        else out.push(...Buffer.from(part, "utf8"));
    }
    return out;
}

export class FakeModelServer {
    readonly calls: RecordedCall[] = [];
    /** Requests dropped by closeReusedConnections. */
    dropped = 0;
    private readonly sockets = new Set<Socket>();
    private readonly served = new WeakMap<Socket, number>();
    private chatIndex = 0;

    private constructor(private readonly server: http.Server, readonly port: number, public options: FakeServerOptions) {
        server.on("connection", (s) => { this.sockets.add(s); s.on("close", () => this.sockets.delete(s)); });
    }

    static async start(options: FakeServerOptions = {}): Promise<FakeModelServer> {
        let self: FakeModelServer | undefined;
        const server = http.createServer((req, res) => void self!.handle(req, res));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
        self = new FakeModelServer(server, (server.address() as AddressInfo).port, options);
        return self;
    }

    get url(): string { return `http://127.0.0.1:${this.port}`; }

    chatCalls(): RecordedCall[] { return this.calls.filter((c) => c.path === "/v1/chat/completions"); }

    async close(): Promise<void> {
        for (const s of this.sockets) s.destroy();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const count = this.served.get(req.socket) ?? 0;
        this.served.set(req.socket, count + 1);
        if (this.options.closeReusedConnections && count > 0) {
            this.dropped++;
            req.socket.destroy();
            return;
        }
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const text = Buffer.concat(chunks).toString("utf8");
        let body: any;
        try { body = text ? JSON.parse(text) : undefined; } catch { body = text; }
        const path = new URL(req.url ?? "/", this.url).pathname;
        this.calls.push({method: req.method ?? "GET", path, headers: req.headers, body});
        const json = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
            res.writeHead(status, {"Content-Type": "application/json", ...headers}).end(JSON.stringify(value));
        };
        if (path === "/health") return json(this.options.health ?? 200, {status: "ok"});
        if (path === "/v1/models") {
            const models = this.options.models ?? [{id: "med42-fake", max_model_len: 8192}];
            return json(200, {object: "list", data: models.map((m) => ({object: "model", owned_by: this.options.ownedBy ?? "vllm", ...m}))});
        }
        if (path === "/tokenize" && this.options.tokenize !== false) {
            const tokens = fakeTokenize(String(body?.prompt ?? body?.content ?? ""));
            return json(200, {count: tokens.length, tokens, max_model_len: 8192});
        }
        if (path === "/v1/completions" && this.options.completionLogprob) return this.completions(body, json);
        if (path === "/v1/chat/completions") return this.chat(res);
        json(404, {error: {message: `no route ${path}`}});
    }

    private completions(body: any, json: (status: number, value: unknown) => void): void {
        const prompt: number[] = Array.isArray(body?.prompt) ? body.prompt : [...Buffer.from(String(body?.prompt ?? ""), "utf8")];
        const logprob = this.options.completionLogprob!;
        const tokenLogprobs = prompt.map((t, i) => (i === 0 ? null : logprob(prompt, i)));
        const echo = body?.echo === true;
        json(200, {
            object: "text_completion", model: body?.model,
            choices: [{
                index: 0, text: "x", finish_reason: "length",
                logprobs: {
                    tokens: [...(echo ? prompt.map(String) : []), "x"],
                    token_logprobs: [...(echo ? tokenLogprobs : []), -1],
                    top_logprobs: [...(echo ? prompt.map((t, i) => (i === 0 ? null : {[String(t)]: tokenLogprobs[i]})) : []), {x: -1}]
                }
            }],
            usage: {prompt_tokens: prompt.length, completion_tokens: 1, total_tokens: prompt.length + 1}
        });
    }

    private chat(res: http.ServerResponse): void {
        const plan = this.options.chat ?? [{kind: "answer"}];
        const behaviour = plan[Math.min(this.chatIndex++, plan.length - 1)];
        if (behaviour.kind === "hang") return;
        if (behaviour.kind === "status") {
            const headers: Record<string, string> = {"Content-Type": "application/json"};
            if (behaviour.retryAfter !== undefined) headers["Retry-After"] = behaviour.retryAfter;
            res.writeHead(behaviour.status, headers).end(JSON.stringify({error: {message: behaviour.message ?? `status ${behaviour.status}`, code: behaviour.status}}));
            return;
        }
        res.writeHead(200, {"Content-Type": "text/event-stream", "Cache-Control": "no-cache"});
        const piece = (content: string) => `data: ${JSON.stringify({object: "chat.completion.chunk", choices: [{index: 0, delta: {content}, finish_reason: null}]})}\n\n`;
        const words = behaviour.kind === "answer" ? behaviour.words ?? ["Gout ", "is ", "an ", "arthritis."] : ["part-1 ", "part-2 ", "part-3 ", "part-4 "];
        const count = behaviour.kind === "answer" ? words.length : behaviour.kind === "malformed" ? behaviour.chunks ?? 0 : behaviour.chunks;
        for (let i = 0; i < count; i++) res.write(piece(words[i % words.length]));
        const end = () => {
            res.write(`data: ${JSON.stringify({object: "chat.completion.chunk", choices: [{index: 0, delta: {}, finish_reason: "stop"}]})}\n\n`);
            res.write(`data: ${JSON.stringify({object: "chat.completion.chunk", choices: [], usage: {prompt_tokens: 42, completion_tokens: count, total_tokens: 42 + count, prompt_tokens_details: {cached_tokens: 30}}})}\n\n`);
            res.end("data: [DONE]\n\n");
        };
        switch (behaviour.kind) {
            case "answer":
                end();
                return;
            case "held":
                void behaviour.until.then(() => { if (!res.destroyed) end(); });
                return;
            case "stall":
                return;
            case "die":
                res.write("", () => setTimeout(() => res.socket?.destroy(), 20));
                return;
            case "malformed":
                res.end("data: {\"choices\": [{\"delta\": {\"content\": \"unterminated\n\n");
                return;
        }
    }
}
