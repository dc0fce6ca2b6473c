/**
 * What a `med42` process loads before it runs a command: every command's module is imported at start (they register
 * together), so a library that only some paths need is loaded where it is used. The OpenAI client (model servers)
 * and the pg driver (the central audit log) cost `med42 ask` on a local model and its SQLite audit log ~140 ms of
 * every start for nothing; zod (a policy file, eval results) and the multilingual classifier model (messages in its
 * languages) another ~80 ms (docs/performance.md, issue 17).
 */
import {strict as assert} from "node:assert";
import {execFileSync} from "node:child_process";
import * as path from "node:path";

/**
 * The packages (under node_modules) a fresh process has loaded after `script`, and the generated model file when it
 * was loaded (as "multilingualTextModel.generated").
 */
function packagesLoadedBy(script: string): string[] {
    const out = execFileSync(process.execPath, ["-e", `${script}
        const names = new Set();
        for (const file of Object.keys(require.cache)) {
            const m = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file);
            if (m) names.add(m[1].replace(/\\\\/g, "/"));
            if (/multilingualTextModel\\.generated\\.js$/.test(file)) names.add("multilingualTextModel.generated");
        }
        process.stdout.write(JSON.stringify([...names].sort()), () => process.exit(0));`], {cwd: path.resolve(__dirname, "../../.."), encoding: "utf8"});
    return JSON.parse(out) as string[];
}

describe("med42 start-up: libraries of other paths are loaded where they are used", function () {
    this.timeout(60_000);

    it("loading the CLI loads neither the OpenAI client nor the pg driver", () => {
        const loaded = packagesLoadedBy(`require("./out/cli/main.js").buildProgram();`);
        assert.ok(loaded.includes("commander"), `the check sees packages: ${loaded.join(", ")}`);
        assert.ok(!loaded.includes("openai"), "the OpenAI client is loaded only for a model server");
        assert.ok(!loaded.includes("pg"), "the pg driver is loaded only for PostgreSQL");
        assert.ok(!loaded.includes("zod"), "zod is loaded only to validate a policy file or eval results (med42 eval's action)");
    });

    it("each is loaded once a path uses it: a server backend, a PostgreSQL database", () => {
        const loaded = packagesLoadedBy(`
            const {Med42Assistant} = require("./out/shared/assistant.js");
            const assistant = new Med42Assistant({auditDb: false, server: {urls: ["http://127.0.0.1:9"]}});
            assistant.getBackend(); // private in TypeScript: the backend a request would use, made without connecting
            const {PostgresDatabase} = require("./out/shared/storage/postgresDatabase.js");
            new PostgresDatabase("postgres://nobody@127.0.0.1:9/none"); // a pool, not connected yet`);
        assert.ok(loaded.includes("openai"), loaded.join(", "));
        assert.ok(loaded.includes("pg"), loaded.join(", "));
    });

    it("a policy decision on an English message without a policy file loads neither zod nor the multilingual model", () => {
        const loaded = packagesLoadedBy(`
            const {PolicyEngine} = require("./out/shared/policy/policyEngine.js");
            const d = new PolicyEngine({}).decide("What is the usual adult dose of amoxicillin for otitis media?", "cli");
            if (d.action !== "answer" || d.language?.code !== "en") throw new Error(JSON.stringify(d));`);
        assert.ok(loaded.includes("tinyld"), `the check sees packages: ${loaded.join(", ")}`);
        assert.ok(!loaded.includes("zod"), "zod is loaded only to validate a policy file");
        assert.ok(!loaded.includes("multilingualTextModel.generated"), "the multilingual model is loaded at the first message in its languages");
    });

    it("a policy file loads zod, and a message in Arabic the multilingual model, which then decides it", () => {
        const loaded = packagesLoadedBy(`
            const {PolicyEngine} = require("./out/shared/policy/policyEngine.js");
            const engine = new PolicyEngine({locale: "en-GB"});
            const d = engine.decide("بدي أعرف كيف أحصل على ترامادول بدون وصفة", "cli");
            if (d.action !== "refuse" || d.category !== "drug_misuse" || d.language?.code !== "ar") throw new Error(JSON.stringify(d));`);
        assert.ok(loaded.includes("zod"), loaded.join(", "));
        assert.ok(loaded.includes("multilingualTextModel.generated"), loaded.join(", "));
    });
});
