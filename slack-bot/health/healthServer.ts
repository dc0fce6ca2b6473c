/**
 * Probes and metrics for orchestrators (Kubernetes) and Prometheus, on their own port (MED42_HEALTH_PORT), apart
 * from Slack's HTTP endpoint:
 * - `GET /healthz`: liveness; 200 while the process serves requests at all.
 * - `GET /readyz`: readiness; 200 when this replica can answer, 503 (with the reasons as JSON) while it is shutting
 *   down or its shared database cannot be reached (answers are paused then: no answer without its audit row).
 * - `GET /metrics`: Prometheus text format (botMetrics.ts).
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
import * as http from "node:http";
import type {AddressInfo} from "node:net";
import type {BotContext} from "../botContext";

export interface HealthServer {
    readonly port: number;
    close(): Promise<void>;
}

interface Readiness {
    ready: boolean;
    checks: Record<string, string>;
}

export async function startHealthServer(ctx: BotContext, options: {port: number; host?: string}): Promise<HealthServer> {
    const metrics = ctx.metrics.withProcessMetrics();
    const server = http.createServer((req, res) => {
        void handle(req, res).catch((err) => {
            ctx.logger.warn(`Health endpoint ${req.url} failed: ${err instanceof Error ? err.message : err}`);
            if (!res.headersSent) send(res, 500, "text/plain", "internal error\n");
            else res.end();
        });
    });
    async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const route = (req.url ?? "/").split("?")[0];
        if (req.method !== "GET" && req.method !== "HEAD") {
            res.setHeader("Allow", "GET, HEAD");
            send(res, 405, "text/plain", "method not allowed\n");
            return;
        }
        switch (route) {
            case "/healthz":
                send(res, 200, "application/json", JSON.stringify({status: "ok"}) + "\n");
                return;
            case "/readyz": {
                const r = await readiness(ctx);
                send(res, r.ready ? 200 : 503, "application/json", JSON.stringify({status: r.ready ? "ready" : "unready", checks: r.checks}) + "\n");
                return;
            }
            case "/metrics":
                send(res, 200, metrics.registry.contentType, await metrics.registry.metrics());
                return;
            default:
                send(res, 404, "text/plain", "not found: try /healthz, /readyz or /metrics\n");
        }
    }
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, options.host, () => { server.off("error", reject); resolve(); });
    });
    return {
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        }),
    };
}

async function readiness(ctx: BotContext): Promise<Readiness> {
    const checks: Record<string, string> = {accepting: ctx.accepting ? "ok" : "shutting down"};
    if (ctx.database) checks.database = (await ctx.database.ping()) ? "ok" : "unreachable";
    return {ready: Object.values(checks).every((c) => c === "ok"), checks};
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
    res.writeHead(status, {"Content-Type": type, "Cache-Control": "no-store"});
    res.end(body);
}
