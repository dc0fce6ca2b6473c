/**
 * Runs the real bot (real Bolt, real core with the generated test model) against the loopback fake Slack.
 * Order matters (Bolt facts): the fake starts before the App, and the App stops before the fake.
 */
import * as fs from "node:fs";
import {LogLevel, type Logger} from "@slack/bolt";
import Database from "better-sqlite3";
import {Med42Assistant, type AssistantOptions} from "../../shared/assistant";
import type {AnswerResult, AnswerStream, AskRequest, SummarizeConversationRequest} from "../../shared/assistantTypes";
import type {Surface} from "../../shared/types";
import {createSlackBot, type SlackBot} from "../../slack-bot/app";
import type {BotAssistant, BotSettings} from "../../slack-bot/botContext";
import {FakeSlack, type FakeMessage} from "../support/fakeSlack";
import {testModelPath} from "../support/testModel";

export const CHANNEL = "C0GENERAL";
export const DM = "D0ALICE";
export const ALICE = "U0ALICE";
export const BOB = "U0BOB";
/** About 6,500 tokens for the byte-level test model: seconds of prompt evaluation, time to stop it mid-way. */
export const LONG_QUESTION = "Which antibiotic dose is right for community-acquired pneumonia in adults? ".repeat(85);

/** The real core on the generated test model: short answers, no audit file unless asked. */
export function testAssistant(options: AssistantOptions = {}): Med42Assistant {
    return new Med42Assistant({model: testModelPath(), auditDb: false, sampling: {maxTokens: 16}, ...options});
}

/** Rows of the core's SQLite audit log, read with a separate read-only connection. */
export function auditRows(dbPath: string): Array<Record<string, unknown>> {
    const db = new Database(dbPath, {readonly: true, fileMustExist: true});
    try {
        return db.prepare("SELECT * FROM audit ORDER BY id").all() as Array<Record<string, unknown>>;
    } finally {
        db.close();
    }
}

/** Everything the audit log wrote to disk (database and write-ahead log), as text. */
export function auditFileText(dbPath: string): string {
    return [dbPath, `${dbPath}-wal`].filter((p) => fs.existsSync(p)).map((p) => fs.readFileSync(p, "latin1")).join("");
}

/** A Bolt logger that keeps lines for assertions instead of printing them. */
export function memoryLogger(): Logger & {lines: string[]} {
    const lines: string[] = [];
    let level = LogLevel.DEBUG;
    const put = (lvl: string) => (...msg: unknown[]) => { lines.push(`${lvl} ${msg.map(String).join(" ")}`); };
    return {lines, debug: put("debug"), info: put("info"), warn: put("warn"), error: put("error"),
        setLevel: (l: LogLevel) => { level = l; }, getLevel: () => level, setName: () => undefined};
}

/**
 * Wraps the real assistant to record what the bot asked and what the core answered; `hold()` keeps the events after
 * the policy decision back until the test lets them go (a slow model, under the test's control) without changing them.
 */
export class RecordingAssistant implements BotAssistant {
    readonly asks: AskRequest[] = [];
    readonly summaries: SummarizeConversationRequest[] = [];
    readonly results: AnswerResult[] = [];
    readonly feedback: Parameters<Med42Assistant["recordFeedback"]>[0][] = [];
    private held?: Promise<void>;
    /** Answers that reached the policy decision while held (and wait there). */
    waiting = 0;

    constructor(readonly inner: Med42Assistant) {}

    get disclaimer() { return this.inner.disclaimer; }
    disclaimerFor(text: string) { return this.inner.disclaimerFor(text); }
    get disclaimers() { return this.inner.disclaimers; }
    get localeByRequest() { return this.inner.localeByRequest; }

    decide(text: string, surface: Surface) { return this.inner.decide(text, surface); }

    recordFeedback(f: Parameters<Med42Assistant["recordFeedback"]>[0]): Promise<void> {
        this.feedback.push(f);
        return this.inner.recordFeedback(f);
    }

    ask(req: AskRequest): AnswerStream {
        this.asks.push(req);
        return this.wrap(this.inner.ask(req));
    }

    summarizeConversation(req: SummarizeConversationRequest): AnswerStream {
        this.summaries.push(req);
        return this.wrap(this.inner.summarizeConversation(req));
    }

    /**
     * From now on, every answer waits after its policy decision until the returned function is called (answers
     * already past that point are not affected).
     */
    hold(): () => void {
        let release!: () => void;
        const held = new Promise<void>((resolve) => { release = resolve; });
        this.held = held;
        return () => {
            if (this.held === held) this.held = undefined;
            release();
        };
    }

    /** True when the core ran the model for some request. */
    get modelCalled(): boolean {
        return this.results.some((r) => r.stopReason !== "policy" || r.usage.completionTokens > 0);
    }

    private wrap(stream: AnswerStream): AnswerStream {
        const result = stream.result.then((r) => { this.results.push(r); return r; });
        result.catch(() => undefined);
        const self = this;
        return {
            result,
            disclaimer: stream.disclaimer,
            async *[Symbol.asyncIterator]() {
                for await (const event of stream) {
                    yield event;
                    const held = self.held;
                    if (event.type === "decision" && held) {
                        self.waiting++;
                        await held;
                        self.waiting--;
                    }
                }
            }
        };
    }
}

export interface BotHarness {
    fake: FakeSlack;
    bot: SlackBot;
    logs: string[];
    /**
     * Resolves when the bot has no work in progress: every envelope acknowledged, every event processed by Bolt, and
     * the work its listeners started (answers, status, notices) finished.
     */
    idle(timeoutMs?: number): Promise<void>;
    /** The bot's messages in a thread (not the root), as the fake holds them. */
    replies(channel: string, threadTs: string): FakeMessage[];
    close(): Promise<void>;
}

export async function startBot(assistant: BotAssistant, options: {settings?: Partial<BotSettings>;
    http?: {signingSecret: string}; fake?: FakeSlack} = {}): Promise<BotHarness> {
    const fake = options.fake ?? new FakeSlack();
    if (!options.fake) await fake.start();
    fake.join(CHANNEL, DM); // the bot was invited to #general, and Alice has a DM with it
    const logger = memoryLogger();
    const bot = await createSlackBot({
        assistant, botToken: fake.botToken, slackApiUrl: fake.apiUrl, retryConfig: {retries: 0}, logger,
        ...(options.http ? {http: {signingSecret: options.http.signingSecret, port: 0}} : {appToken: fake.appToken}),
        settings: {shutdownGraceMs: 5_000, ...options.settings}
    });
    // Bolt acknowledges an event before its listeners run; counting the events Bolt is processing closes the gap
    // between the ack and the listener's work (the listener registers that work before it returns).
    let processing = 0;
    const processEvent = bot.app.processEvent.bind(bot.app);
    bot.app.processEvent = async (event) => {
        processing++;
        try {
            return await processEvent(event);
        } finally {
            processing--;
        }
    };
    await bot.start();
    return {
        fake, bot, logs: logger.lines,
        async idle(timeoutMs = 30_000) {
            await fake.waitUntil(() => fake.unacknowledged === 0 && processing === 0 && bot.context.pendingTasks === 0,
                timeoutMs, "the bot to finish its work");
        },
        replies: (channel, threadTs) => fake.thread(channel, threadTs).filter((m) => m.ts !== threadTs),
        async close() {
            await bot.stop({graceMs: 5_000});
            await fake.stop();
        }
    };
}

/** Sends a user's message (a mention or a plain message) and returns its ts and the delivery. */
export async function post(fake: FakeSlack, type: "app_mention" | "message", fields: {channel: string; user: string;
    text: string; thread_ts?: string; channel_type?: string}, options: {eventId?: string} = {}) {
    const event = fake.userMessage(type, fields);
    const delivery = await fake.sendEvent(event, options);
    return {ts: event.ts as string, event, delivery};
}

/** The text of the context blocks of a message (where the disclaimer lives). */
export function contextText(message: {blocks?: any[]} | undefined): string {
    return (message?.blocks ?? []).filter((b) => b.type === "context")
        .flatMap((b) => b.elements.map((e: {text?: string}) => e.text ?? "")).join("\n");
}

/** Values of the status calls (assistant.threads.setStatus) for a thread, in order. */
export function statuses(fake: FakeSlack, channel: string, threadTs: string): string[] {
    return fake.callsTo("assistant.threads.setStatus")
        .filter((c) => c.args.channel_id === channel && c.args.thread_ts === threadTs)
        .map((c) => String(c.args.status));
}
