/**
 * Bolt's Logger interface on top of pino (JSON lines, the usual format for a service's logs).
 *
 * @see https://docs.slack.dev/tools/bolt-js/concepts/logging
 */
import {LogLevel, type Logger} from "@slack/bolt";
import pino from "pino";

export function createPinoLogger(level: LogLevel = LogLevel.INFO,
    destination: pino.DestinationStream = pino.destination(2)): Logger {
    const base = pino({name: "med42-slack", level}, destination);
    let current = level;
    const format = (msg: unknown[]) => msg.map((m) => m instanceof Error ? m.message : typeof m === "string" ? m
        : JSON.stringify(m)).join(" ");
    return {
        debug: (...msg: unknown[]) => base.debug(format(msg)),
        info: (...msg: unknown[]) => base.info(format(msg)),
        warn: (...msg: unknown[]) => base.warn(format(msg)),
        error: (...msg: unknown[]) => base.error(format(msg)),
        setLevel: (l: LogLevel) => { current = l; base.level = l; },
        getLevel: () => current,
        setName: () => undefined
    };
}
