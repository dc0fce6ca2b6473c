/**
 * Entry point VS Code's extension host calls for `extensionTestsPath`: runs the mocha integration tests beside this
 * file inside the real extension host, against the real `vscode` API. The outcome reaches the runner through the
 * workbench's `codeAutomationExit` (non-zero when a test failed).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as util from "node:util";
import Mocha from "mocha";

/** The extension host's stdout goes nowhere useful: the runner names a file for mocha's report (env). */
function routeReport(): void {
    const report = process.env.MED42_VSCODE_REPORT;
    if (!report) return;
    fs.writeFileSync(report, "");
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
        fs.appendFileSync(report, `${util.format(...args)}\n`);
    };
}

export async function run(): Promise<void> {
    routeReport();
    const mocha = new Mocha({ui: "bdd", timeout: 60000, color: false, reporter: "spec", forbidOnly: true});
    const grep = process.env.MED42_VSCODE_GREP;
    if (grep) mocha.grep(grep);
    for (const file of fs.readdirSync(__dirname).sort()) {
        if (file.endsWith(".test.js")) mocha.addFile(path.join(__dirname, file));
    }
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
