/**
 * `med42 chat`: an interactive multi-turn conversation. Ctrl+C stops the current answer (not the program);
 * at the prompt, Ctrl+C or /exit leaves. /reset starts a new conversation.
 */
import * as readline from "node:readline";
import * as crypto from "node:crypto";
import type {Command} from "commander";
import {Med42Assistant} from "../../shared/assistant";
import type {ChatMessage} from "../../shared/types";
import {checkAuditBeforeAnswer} from "../../shared/audit/auditStore";
import {addModelOptions, type ModelFlags, toAssistantOptions} from "../assistantOptions";
import {showModelStatus} from "../modelStatus";
import {printAnswerStream} from "../renderAnswer";

const HELP = "Commands: /reset (new conversation), /exit (quit), /help. Ctrl+C stops an answer.";

export function register(program: Command): void {
    addModelOptions(program.command("chat")
        .description("interactive chat with Med42 (downloads the default model on first use)"))
        .action(async (flags: ModelFlags) => {
            const options = toAssistantOptions(flags);
            const assistant = new Med42Assistant(options);
            const status = showModelStatus(assistant);
            const rl = readline.createInterface({input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY});
            let history: ChatMessage[] = [];
            let conversationId = crypto.randomUUID();
            let current: AbortController | undefined;
            const onInterrupt = () => {
                if (current) { current.abort(); return; }
                rl.close();
            };
            // SIGTERM ends the session: the answer in progress stops (with the disclaimer), then the program exits.
            let terminated = false;
            const onTerminate = () => {
                if (terminated) process.exit(143);
                terminated = true;
                process.exitCode = 143;
                current?.abort();
                rl.close();
            };
            // readline reports Ctrl+C on a terminal; a SIGINT sent to a piped session arrives as a process signal.
            rl.on("SIGINT", onInterrupt);
            process.on("SIGINT", onInterrupt);
            process.on("SIGTERM", onTerminate);
            process.stdout.write(`Med42 chat. ${HELP}\n${assistant.disclaimer.text}\n\n`);
            const questions = rl[Symbol.asyncIterator]();
            try {
                for (;;) {
                    if (process.stdin.isTTY) rl.setPrompt("you> "), rl.prompt();
                    const next = await questions.next();
                    if (next.done || terminated) break;
                    const line = String(next.value).trim();
                    if (!line) continue;
                    if (line === "/exit" || line === "/quit") break;
                    if (line === "/help") { process.stdout.write(`${HELP}\n`); continue; }
                    if (line === "/reset") {
                        history = [];
                        conversationId = crypto.randomUUID();
                        process.stdout.write("New conversation.\n");
                        continue;
                    }
                    if (line.startsWith("/")) { process.stdout.write(`Unknown command ${line}. ${HELP}\n`); continue; }
                    current = new AbortController();
                    const messages: ChatMessage[] = [...history, {role: "user", content: line}];
                    try {
                        // Checked at every question: answers pause while the central audit log is down, then resume.
                        // An escalation is still shown (crisis resources are never withheld; its audit gap is reported).
                        await checkAuditBeforeAnswer(options.audit, () => assistant.decide(line, "cli"));
                        const r = await printAnswerStream(assistant.ask({messages, surface: "cli", conversationId, signal: current.signal}),
                            process.stdout, process.stderr, "med42> ");
                        // The conversation as shown goes to the core, which keeps escalated or refused turns and their
                        // policy messages out of what the model sees (shared/policy/conversationGuard.ts).
                        if (r.answer) history = [...messages, {role: "assistant", content: r.answer}];
                        else if (r.policy.action !== "answer") {
                            history = [...messages, {role: "assistant", content: r.policy.message ?? "", policyNotice: true}];
                        }
                    } catch (err) {
                        process.stderr.write(`\nmed42: ${err instanceof Error ? err.message : String(err)}\n`);
                    } finally {
                        current = undefined;
                    }
                }
            } finally {
                process.off("SIGINT", onInterrupt);
                process.off("SIGTERM", onTerminate);
                rl.close();
                status.dispose();
                await assistant.dispose();
            }
        });
}
