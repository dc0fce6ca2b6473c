/**
 * The bot's Prometheus metrics (prom-client, one registry per bot): answers by surface and outcome, policy
 * decisions that replaced an answer by category, the questions admitted and not finished (the queue depth), and
 * the answer latency. Served at /metrics by healthServer.ts.
 *
 * @see https://prometheus.io/docs/practices/naming/
 */
import {Counter, Gauge, Histogram, Registry, collectDefaultMetrics} from "prom-client";
import type {PolicyDecision} from "../../shared/policy/types";

/** How one answer ended: the model answered, the policy answered instead, stopped, failed, or paused (no database). */
export type AnswerOutcome = "answered" | "policy" | "stopped" | "error" | "paused";

export class BotMetrics {
    readonly registry = new Registry();
    private readonly answers: Counter<"surface" | "outcome">;
    private readonly refusals: Counter<"action" | "category">;
    private readonly latency: Histogram<"outcome">;

    /** `queueDepth`: read at each scrape (questions admitted and not finished). */
    constructor(queueDepth: () => number) {
        this.answers = new Counter({name: "med42_answers_total", help: "Questions handled, by surface and outcome",
            labelNames: ["surface", "outcome"], registers: [this.registry]});
        this.refusals = new Counter({name: "med42_policy_decisions_total",
            help: "Policy decisions that replaced a model answer (refusals, escalations, identifier warnings), by action and category",
            labelNames: ["action", "category"], registers: [this.registry]});
        this.latency = new Histogram({name: "med42_answer_duration_seconds", help: "Time from admission to the finished answer",
            labelNames: ["outcome"], buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 40, 80, 160], registers: [this.registry]});
        new Gauge({name: "med42_queue_depth", help: "Questions admitted and not finished (waiting or being answered)",
            registers: [this.registry], collect() { this.set(queueDepth()); }});
    }

    /** Adds the process's own metrics (CPU, memory, event loop lag): once, when /metrics is served. */
    withProcessMetrics(): this {
        collectDefaultMetrics({register: this.registry, prefix: "med42_slack_"});
        return this;
    }

    answered(surface: string, outcome: AnswerOutcome, seconds: number): void {
        this.answers.inc({surface, outcome});
        this.latency.observe({outcome}, seconds);
    }

    policyDecision(decision: PolicyDecision): void {
        if (decision.action === "answer") return;
        this.refusals.inc({action: decision.action, category: decision.category ?? "none"});
    }
}
