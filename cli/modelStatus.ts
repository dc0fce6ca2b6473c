/**
 * Shows the model's state on stderr while a command waits for it: a progress bar while downloading (on a terminal),
 * one line for loading. stdout stays clean for the answer (and for --json).
 */
import {SingleBar} from "cli-progress";
import type {Med42Assistant} from "../shared/assistant";
import {formatBytes} from "../shared/models/formatBytes";

export function showModelStatus(assistant: Med42Assistant, stream: NodeJS.WriteStream = process.stderr): {dispose(): void} {
    for (const warning of assistant.serverWarnings) stream.write(`med42: warning: ${warning}\n`);
    let bar: SingleBar | undefined;
    let lastLine = 0;
    const sub = assistant.onModelStateChange((s) => {
        if (s.status === "downloading") {
            const total = s.totalBytes ?? 0;
            if (stream.isTTY && total > 0) {
                if (!bar) {
                    bar = new SingleBar({
                        stream, format: "Downloading {model} [{bar}] {percentage}% {got}/{size} ETA {eta_formatted}",
                        hideCursor: true, clearOnComplete: false
                    });
                    bar.start(total, 0, {model: s.model, got: "0 B", size: formatBytes(total)});
                }
                bar.update(s.receivedBytes, {got: formatBytes(s.receivedBytes)});
            } else if (s.receivedBytes > 0 || s.totalBytes !== undefined) {
                // Only once the transfer started: a download that fails to connect prints its error alone.
                const now = Date.now();
                if (lastLine === 0) stream.write(`Downloading ${s.model}${total ? ` (${formatBytes(total)})` : ""}…\n`);
                else if (now - lastLine > 5000) {
                    const pct = total ? ` (${Math.floor((s.receivedBytes / total) * 100)}%)` : "";
                    stream.write(`Downloading ${s.model}: ${formatBytes(s.receivedBytes)}${pct}\n`);
                } else return;
                lastLine = now;
            }
        } else {
            bar?.stop();
            bar = undefined;
            if (s.status === "loading") stream.write(assistant.server ? `Connecting to ${s.model}…\n` : `Loading ${s.model}…\n`);
        }
    });
    return {dispose: () => { bar?.stop(); sub.dispose(); }};
}
