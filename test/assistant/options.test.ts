/**
 * Options: an unset flag or setting must mean "the default", never "undefined". Every options builder (CLI, VS Code
 * settings, Slack launch config, benchmark) yields no undefined keys, and an assistant built from empty options
 * samples with the model card's values and a fresh random seed per request.
 */
import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {toAssistantOptions as cliOptions} from "../../cli/assistantOptions";
import {CliError} from "../../cli/cliError";
import {readSettings, toAssistantOptions as extensionOptions} from "../../extension/settings";
import {assistantOptionsFrom, readSlackConfig} from "../../slack-bot/config";
import {parseBenchArgs} from "../../bench/main";
import {Med42Assistant} from "../../shared/assistant";
import type {ChatBackend, GenerateRequest, GenerateResult, ResolvedSampling} from "../../shared/engine/chatBackend";
import {requestSeed} from "../../shared/engine/llamaCppBackend";
import {InvalidNumberError, finiteNumber, mergeDefined, withoutUndefined} from "../../shared/options";
import {testModelPath} from "../support/testModel";

/** Paths of every key whose value is undefined, at any depth of plain objects. */
function undefinedKeys(value: unknown, at = ""): string[] {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
        v === undefined ? [`${at}${k}`] : undefinedKeys(v, `${at}${k}.`));
}

/** Records the sampling of each request; answers "ok". */
class RecordingBackend implements ChatBackend {
    readonly modelDescription = "recording";
    readonly contextSize = 8192;
    readonly samplings: ResolvedSampling[] = [];
    async load(): Promise<void> {}
    async countTokens(text: string): Promise<number> { return text.length; }
    async dispose(): Promise<void> {}
    async generate(req: GenerateRequest): Promise<GenerateResult> {
        this.samplings.push(req.sampling);
        req.onStart?.();
        req.onText?.("ok");
        return {text: "ok", stopReason: "eos", droppedMessages: 0, usage: {promptTokens: 1, completionTokens: 1, evaluatedPromptTokens: 1}};
    }
}

const CARD_SAMPLING = {temperature: 0.4, topK: 150, topP: 0.75, maxTokens: 512};

async function samplingOf(options: ConstructorParameters<typeof Med42Assistant>[0]): Promise<ResolvedSampling> {
    const backend = new RecordingBackend();
    const assistant = new Med42Assistant({...options, backend, auditDb: false});
    try {
        await assistant.ask({messages: [{role: "user", content: "What is gout?"}], surface: "cli"}).result;
        return backend.samplings[0];
    } finally {
        await assistant.dispose();
    }
}

describe("options: merging and the options builders", () => {
    it("mergeDefined never lets an undefined erase a default; withoutUndefined drops undefined keys", () => {
        assert.deepEqual(mergeDefined({a: 1, b: 2, c: 3}, {a: undefined, b: 20}, undefined, {c: undefined}), {a: 1, b: 20, c: 3});
        assert.deepEqual(mergeDefined({a: 1}, {a: 0}), {a: 0}, "0 is a value, not a missing one");
        assert.deepEqual(withoutUndefined({a: undefined, b: null, c: 0}), {b: null, c: 0});
    });

    it("finiteNumber rejects NaN, Infinity and out-of-range values with a message naming the option", () => {
        assert.equal(finiteNumber("n", 3, {integer: true, min: 1}), 3);
        for (const bad of [NaN, Infinity, -1, 1.5, "3", undefined]) {
            assert.throws(() => finiteNumber("contextSize", bad, {integer: true, min: 1}),
                (e: unknown) => e instanceof InvalidNumberError && /^contextSize must be a whole number of at least 1 \(got /.test(e.message));
        }
    });

    it("CLI: toAssistantOptions({}) has no undefined keys, and only the flags that were given (and the system locale)", () => {
        const saved = {LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES};
        try {
            delete process.env.LC_ALL;
            delete process.env.LC_MESSAGES;
            process.env.LANG = "C.UTF-8";
            assert.deepEqual(cliOptions({}), {});
            assert.deepEqual(undefinedKeys(cliOptions({model: "m.gguf"})), []);
            assert.deepEqual(cliOptions({maxTokens: "64", seed: "0", audit: false, threads: "2"}),
                {sampling: {maxTokens: 64, seed: 0}, auditDb: false, threads: 2});
            // The system locale picks the crisis numbers (unless a policy file sets a locale).
            process.env.LANG = "fr_FR.UTF-8";
            assert.deepEqual(cliOptions({}), {locale: "fr-FR"});
        } finally {
            for (const [name, value] of Object.entries(saved)) {
                if (value === undefined) delete process.env[name];
                else process.env[name] = value;
            }
        }
    });

    it("CLI: blank or non-numeric numbers and a bad MED42_THREADS are usage errors", () => {
        for (const flags of [{temperature: ""}, {seed: ""}, {seed: " "}, {maxTokens: ""}, {contextSize: "  "}, {temperature: "warm"}, {threads: ""}]) {
            assert.throws(() => cliOptions(flags), (e: unknown) => e instanceof CliError && e.exitCode === 2 && /must be/.test(e.message),
                JSON.stringify(flags));
        }
        const saved = process.env.MED42_THREADS;
        try {
            for (const bad of ["abc", "0", "1.5", "-2"]) {
                process.env.MED42_THREADS = bad;
                assert.throws(() => cliOptions({}), (e: unknown) => e instanceof CliError && e.exitCode === 2 &&
                    e.message.includes("MED42_THREADS") && e.message.includes(`"${bad}"`), bad);
            }
            process.env.MED42_THREADS = "abc";
            assert.deepEqual(cliOptions({threads: "3"}), {threads: 3}, "--threads wins over the variable");
            process.env.MED42_THREADS = " ";
            assert.deepEqual(cliOptions({}), {}, "blank means unset");
        } finally {
            if (saved === undefined) delete process.env.MED42_THREADS;
            else process.env.MED42_THREADS = saved;
        }
    });

    it("VS Code: the settings' own defaults, or no settings at all, give no undefined keys", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../package.json"), "utf8"));
        const defaults: Record<string, unknown> = {};
        for (const [key, spec] of Object.entries(manifest.contributes.configuration.properties as Record<string, {default: unknown}>)) {
            defaults[key.replace(/^med42\./, "")] = spec.default;
        }
        const fromDefaults = extensionOptions(readSettings(<T>(key: string) => defaults[key] as T | undefined));
        assert.deepEqual(undefinedKeys(fromDefaults), []);
        assert.deepEqual({...fromDefaults.sampling}, CARD_SAMPLING, "the settings' defaults are the model card's");
        const fromNothing = extensionOptions(readSettings(() => undefined));
        assert.deepEqual(undefinedKeys(fromNothing), []);
        assert.deepEqual(fromNothing, {autoDownload: false, gpu: "auto"});
    });

    it("Slack: the launch config and the bot's assistant options have no undefined keys", () => {
        const config = readSlackConfig({SLACK_BOT_TOKEN: "xoxb-1-2-a", SLACK_APP_TOKEN: "xapp-1-A-2-b"});
        assert.deepEqual(undefinedKeys(config), []);
        assert.deepEqual(assistantOptionsFrom(config), {});
        assert.deepEqual(assistantOptionsFrom(readSlackConfig({SLACK_BOT_TOKEN: "xoxb-1-2-a", SLACK_APP_TOKEN: "xapp-1-A-2-b",
            MED42_MODEL: "med42-70b"})), {model: "med42-70b"});
    });

    it("benchmark: parsed arguments have no undefined keys", () => {
        const saved = process.env.MED42_MODEL;
        try {
            delete process.env.MED42_MODEL;
            assert.deepEqual(undefinedKeys(parseBenchArgs([])), []);
            assert.deepEqual(undefinedKeys(parseBenchArgs(["--shape", "1b", "--mmap", "off"])), []);
        } finally {
            if (saved !== undefined) process.env.MED42_MODEL = saved;
        }
    });

    it("an assistant built from empty CLI options samples with the model card's values and no fixed seed", async () => {
        assert.deepEqual(await samplingOf(cliOptions({})), CARD_SAMPLING);
        // The shape of the old bug: every sampling key present but undefined.
        assert.deepEqual(await samplingOf({sampling: {maxTokens: undefined, temperature: undefined, seed: undefined, topK: undefined}}), CARD_SAMPLING);
        assert.deepEqual(await samplingOf(cliOptions({temperature: "0", maxTokens: "7", seed: "3"})), {...CARD_SAMPLING, temperature: 0, maxTokens: 7, seed: 3});
    });

    it("rejects non-finite engine numbers when the assistant is built, naming the option", () => {
        const cases: [ConstructorParameters<typeof Med42Assistant>[0], RegExp][] = [
            [{contextSize: NaN}, /^contextSize must be a whole number/],
            [{threads: 0}, /^threads must be a whole number of at least 1/],
            [{sampling: {maxTokens: NaN}}, /^sampling\.maxTokens must be/],
            [{sampling: {temperature: Infinity}}, /^sampling\.temperature must be/],
            [{sampling: {topP: 2}}, /^sampling\.topP must be a finite number from 0 to 1/]
        ];
        for (const [options, message] of cases) {
            assert.throws(() => new Med42Assistant({...options, auditDb: false}),
                (e: unknown) => e instanceof InvalidNumberError && message.test(e.message), JSON.stringify(options));
        }
    });

    it("an unset seed is a fresh random one for each request; a set one is kept", () => {
        const seeds = new Set(Array.from({length: 20}, () => requestSeed(undefined)));
        assert.ok(seeds.size > 1, "not one seed for every request (node-llama-cpp's default: the current second)");
        for (const s of seeds) assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 31);
        assert.equal(requestSeed(7), 7);
        assert.equal(requestSeed(0), 0);
    });

    it("the default sampling is random: the same question twice gets two different answers (real model)", async () => {
        const assistant = new Med42Assistant({...cliOptions({}), model: testModelPath(), auditDb: false});
        try {
            const ask = () => assistant.ask({messages: [{role: "user", content: "What is gout?"}], surface: "cli"}).result;
            // With temperature 0 (the old bug) both were the same; with node-llama-cpp's default seed (the current
            // second) so were two answers finished within one second.
            const first = await ask();
            const second = await ask();
            assert.ok(first.answer.length > 0 && second.answer.length > 0);
            assert.notEqual(first.answer, second.answer);
        } finally {
            await assistant.dispose();
        }
    });
});
