/**
 * Runs the VS Code tests in a real VS Code (code-server's VS Code server + Debian Chromium, see
 * test/support/vscodeServer.ts):
 *   1. the integration suite (test/vscode/suite) inside the extension host, reported through codeAutomationExit;
 *   2. the UI suite (test/vscode/ui), driven from here with playwright-core.
 * Prints mocha's usual "N passing" lines and exits non-zero when anything failed or timed out.
 *
 *   node out/test/vscode/runVscodeTests.js [--only host|ui] [--grep PATTERN]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";
import {findVscodeInstall, launchChromium, repoRoot, VscodeServer, type VscodeInstall} from "../support/vscodeServer";
import {makeTestWorkspace, testServerEnv} from "./testWorkspace";
import {uiHarness} from "./ui/harness";

/** Whole-run bounds, so a hung VS Code can never hang CI. */
const HOST_SUITE_TIMEOUT_MS = 8 * 60_000;

interface Args {
    only?: "host" | "ui";
    grep?: string;
}

function parseArgs(argv: string[]): Args {
    const args: Args = {};
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--only") {
            const v = argv[++i];
            if (v !== "host" && v !== "ui") throw new Error(`--only takes host or ui, not ${v}`);
            args.only = v;
        } else if (argv[i] === "--grep") {
            args.grep = argv[++i];
        } else {
            throw new Error(`unknown argument ${argv[i]}`);
        }
    }
    return args;
}

interface SuiteResult {
    passed: number;
    failed: number;
}

async function runHostSuite(install: VscodeInstall, artifactsDir: string, grep?: string): Promise<SuiteResult> {
    console.log("\n== VS Code extension-host integration suite ==");
    const ws = makeTestWorkspace();
    const report = path.join(artifactsDir, "host-suite-report.txt");
    const server = await VscodeServer.start({
        install,
        env: {...testServerEnv(artifactsDir, "host-suite"), MED42_VSCODE_REPORT: report, ...(grep ? {MED42_VSCODE_GREP: grep} : {})},
        logFile: path.join(artifactsDir, "host-suite-server.log"),
        keepLogsIn: path.join(artifactsDir, "host-suite-logs")
    });
    const session = await launchChromium(install);
    try {
        const exit = new Promise<number>((resolve) => {
            void session.page.exposeFunction("codeAutomationExit", (code: number) => resolve(code));
        });
        const workbenchLog = path.join(artifactsDir, "host-suite-workbench.log");
        await session.page.exposeFunction("codeAutomationLog", (level: string, message: string) => {
            fs.appendFileSync(workbenchLog, `[${level}] ${message}\n`);
        });
        session.page.on("console", (msg) => fs.appendFileSync(workbenchLog, `[console.${msg.type()}] ${msg.text()}\n`));
        const url = server.workbenchUrl({
            folder: ws,
            extensionDevelopmentPath: repoRoot,
            extensionTestsPath: path.join(repoRoot, "out", "test", "vscode", "suite", "index.js")
        });
        await session.page.goto(url, {timeout: 60_000});
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), HOST_SUITE_TIMEOUT_MS)));
        const code = await Promise.race([exit, timeout]);
        clearTimeout(timer);
        const counts = printHostReport(report);
        if (code === "timeout") {
            console.log(`extension-host suite timed out after ${HOST_SUITE_TIMEOUT_MS / 1000} s`);
            await session.page.screenshot({path: path.join(artifactsDir, "host-suite-timeout.png")}).catch(() => undefined);
            return {passed: counts.passed, failed: counts.failed + 1};
        }
        // A non-zero exit without failing tests (the suite could not load) still counts as a failure.
        return code === 0 ? counts : {passed: counts.passed, failed: Math.max(1, counts.failed)};
    } finally {
        await session.close();
        await server.stop();
        fs.rmSync(ws, {recursive: true, force: true});
    }
}

/** Prints mocha's report, written by the suite inside the extension host (see suite/index.ts); returns its counts. */
function printHostReport(report: string): SuiteResult {
    if (!fs.existsSync(report)) {
        console.log("(the extension-host suite wrote no report: it did not start; see host-suite-*.log)");
        return {passed: 0, failed: 0};
    }
    const text = fs.readFileSync(report, "utf8");
    process.stdout.write(text);
    return {passed: Number(/(\d+) passing/.exec(text)?.[1] ?? 0), failed: Number(/(\d+) failing/.exec(text)?.[1] ?? 0)};
}

async function runUiSuite(install: VscodeInstall, artifactsDir: string, grep?: string): Promise<SuiteResult> {
    console.log("\n== VS Code UI suite ==");
    uiHarness.install = install;
    uiHarness.artifactsDir = artifactsDir;
    const mocha = new Mocha({ui: "bdd", timeout: 120_000, color: false, reporter: "spec", forbidOnly: true});
    if (grep) mocha.grep(grep);
    const dir = path.join(__dirname, "ui");
    for (const file of fs.readdirSync(dir).sort()) {
        if (file.endsWith(".ui.js")) mocha.addFile(path.join(dir, file));
    }
    return new Promise<SuiteResult>((resolve) => {
        const runner = mocha.run(() => resolve({passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0}));
    });
}

async function main(): Promise<number> {
    const args = parseArgs(process.argv.slice(2));
    const install = findVscodeInstall();
    const artifactsDir = path.join(repoRoot, ".vscode-test", "artifacts");
    fs.rmSync(artifactsDir, {recursive: true, force: true});
    fs.mkdirSync(artifactsDir, {recursive: true});
    const total: SuiteResult = {passed: 0, failed: 0};
    const add = (r: SuiteResult) => {
        total.passed += r.passed;
        total.failed += r.failed;
    };
    if (args.only !== "ui") add(await runHostSuite(install, artifactsDir, args.grep));
    if (args.only !== "host") add(await runUiSuite(install, artifactsDir, args.grep));
    const ok = total.failed === 0 && total.passed > 0;
    console.log(`\nVS Code tests ${ok ? "passed" : "FAILED"} (artifacts: ${artifactsDir})`);
    console.log(`vscode: ${total.passed} passed, ${total.failed} failed`);
    return ok ? 0 : 1;
}

if (require.main === module) {
    main().then(
        (code) => process.exit(code),
        (err: Error) => {
            console.error(`VS Code tests could not run: ${err.message}`);
            process.exit(1);
        }
    );
}
