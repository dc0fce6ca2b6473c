/**
 * Slack payloads in log lines, with what people wrote taken out. At debug level Bolt, its Web API client and its
 * Socket Mode client log whole payloads as JSON inside the message string: events as received ("Received a message
 * on the WebSocket: {...}"), API requests and answers ("http request body: {...}", "http request result: {...}":
 * posted answers, thread histories, modal inputs). That is patient text. pino's path redaction cannot reach into a
 * string, so every JSON object in a line is parsed and rewritten: a string value is kept only under a key known to
 * hold an id, a timestamp or a protocol word; every other string becomes "[redacted N chars]". An object that cannot
 * be parsed is dropped whole. Keys, numbers and booleans stay, so the logs still show which events and calls happened.
 */
import {LogLevel, type Logger} from "@slack/bolt";

/** Keys whose string values are identifiers or protocol fields, never text a person wrote. */
const KEPT_KEYS = new Set([
    "type", "subtype", "event_type", "channel", "channel_id", "channel_type", "user", "user_id", "bot_id", "bot_user_id",
    "app_id", "api_app_id", "team", "team_id", "enterprise_id", "context_team_id", "context_enterprise_id", "ts",
    "thread_ts", "event_ts", "message_ts", "action_ts", "latest_reply", "parent_user_id", "event_id", "envelope_id",
    "client_msg_id", "callback_id", "action_id", "block_id", "view_id", "id", "ok", "error", "warning", "needed",
    "provided", "retry_reason", "command", "method", "next_cursor", "response_action", "style", "reason"
]);

const OBJECT_START = /\{\s*["}]/g;

/**
 * `logger` with every line redacted before it is written. The app factory gives Bolt (and so its Web API and Socket
 * Mode clients) this wrapper, whatever logger it was handed.
 */
export function redactingLogger(logger: Logger): Logger {
    const redact = (msg: unknown[]) => msg.map((m) => typeof m === "string" ? redactSlackPayloads(m)
        : m instanceof Error ? m : redactValue(m, undefined));
    return {
        // A debug line can hold a large payload: not worth parsing when it is not written.
        debug: (...msg: unknown[]) => { if (logger.getLevel() === LogLevel.DEBUG) logger.debug(...redact(msg)); },
        info: (...msg: unknown[]) => logger.info(...redact(msg)),
        warn: (...msg: unknown[]) => logger.warn(...redact(msg)),
        error: (...msg: unknown[]) => logger.error(...redact(msg)),
        setLevel: (level: LogLevel) => logger.setLevel(level),
        getLevel: () => logger.getLevel(),
        setName: (name: string) => logger.setName(name)
    };
}

/** `line` with every embedded JSON object's free text redacted (see the file comment). */
export function redactSlackPayloads(line: string): string {
    let out = "";
    let from = 0;
    OBJECT_START.lastIndex = 0;
    for (let m = OBJECT_START.exec(line); m; m = OBJECT_START.exec(line)) {
        const start = m.index;
        const end = matchingBrace(line, start);
        let replacement: string;
        if (end < 0) {
            out += line.slice(from, start) + "[unparsed payload redacted]";
            return out;
        }
        try {
            replacement = JSON.stringify(redactValue(JSON.parse(line.slice(start, end + 1)), undefined));
        } catch {
            replacement = "[unparsed payload redacted]";
        }
        out += line.slice(from, start) + replacement;
        from = end + 1;
        OBJECT_START.lastIndex = from;
    }
    return out + line.slice(from);
}

function redactValue(value: unknown, key: string | undefined): unknown {
    if (typeof value === "string") return key !== undefined && KEPT_KEYS.has(key) ? value : `[redacted ${value.length} chars]`;
    if (Array.isArray(value)) return value.map((v) => redactValue(v, key));
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, k)]));
    }
    return value;
}

/** Index of the `}` closing the object that opens at `start` (strings and escapes respected), or -1. */
function matchingBrace(text: string, start: number): number {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            if (c === "\\") i++;
            else if (c === "\"") inString = false;
        } else if (c === "\"") inString = true;
        else if (c === "{" || c === "[") depth++;
        else if (c === "}" || c === "]") {
            if (--depth === 0) return c === "}" ? i : -1;
        }
    }
    return -1;
}
