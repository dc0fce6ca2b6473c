/**
 * A real PostgreSQL for the tests: Debian's server binaries (`/usr/lib/postgresql/<version>/bin`, not on PATH),
 * a fresh cluster in a temporary folder, listening on a free loopback port. Start it once per test file (initdb
 * takes a few seconds) and stop it after; `stop()`/`start()` in between simulate a database outage.
 *
 * initdb and postgres refuse to run as root: as root the cluster belongs to the `postgres` user (runuser).
 * When the binaries are missing the tests fail and say how to install them: they never skip.
 */
import {execFileSync} from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

/** The folder of initdb/pg_ctl (MED42_PG_BIN overrides), or an error saying how to get it. */
export function postgresBinDir(): string {
    const override = process.env.MED42_PG_BIN?.trim();
    if (override) return override;
    const root = "/usr/lib/postgresql";
    const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb"))) : [];
    if (versions.length === 0) {
        throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install Debian's " +
            "`postgresql` package (apt-get install postgresql), or set MED42_PG_BIN to the folder with initdb and pg_ctl.");
    }
    versions.sort((a, b) => Number(b) - Number(a));
    return path.join(root, versions[0], "bin");
}

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}

export class TestPostgres {
    private running = false;

    private constructor(readonly dir: string, readonly port: number, private readonly bin: string) {}

    /** postgres://postgres@127.0.0.1:PORT/DB (trust authentication: a throw-away cluster on loopback). */
    url(database = "postgres"): string {
        return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
    }

    /** initdb in a temporary folder, then start. */
    static async create(): Promise<TestPostgres> {
        const bin = postgresBinDir();
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-pg-"));
        const pg = new TestPostgres(dir, await freePort(), bin);
        fs.chmodSync(dir, 0o700);
        if (asRoot()) execFileSync("chown", ["postgres:postgres", dir]);
        pg.run("initdb", ["-D", pg.dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
        pg.start();
        return pg;
    }

    private get dataDir(): string { return path.join(this.dir, "data"); }

    start(): void {
        this.run("pg_ctl", ["-D", this.dataDir, "-o", `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
            "-l", path.join(this.dir, "server.log"), "-w", "start"]);
        this.running = true;
    }

    /** Stops at once (like a crash or a pulled cable: clients see their connections drop). */
    stop(): void {
        if (!this.running) return;
        this.run("pg_ctl", ["-D", this.dataDir, "-m", "immediate", "-w", "stop"]);
        this.running = false;
    }

    /** Stops the server and deletes the cluster. */
    destroy(): void {
        try { this.stop(); } finally { fs.rmSync(this.dir, {recursive: true, force: true}); }
    }

    /** Creates a database (each test can have its own). */
    createDatabase(name: string): string {
        this.run("psql", ["-h", "127.0.0.1", "-p", String(this.port), "-U", "postgres", "-d", "postgres", "-q", "-c",
            `CREATE DATABASE "${name}"`]);
        return this.url(name);
    }

    private run(tool: string, args: string[]): void {
        const exe = path.join(this.bin, tool);
        try {
            if (asRoot()) execFileSync("runuser", ["-u", "postgres", "--", exe, ...args], {stdio: "pipe", cwd: this.dir});
            else execFileSync(exe, args, {stdio: "pipe", cwd: this.dir});
        } catch (err) {
            const e = err as {stderr?: Buffer; message: string};
            let log = "";
            try { log = fs.readFileSync(path.join(this.dir, "server.log"), "utf8").slice(-2000); } catch { /* none yet */ }
            throw new Error(`${tool} failed: ${e.stderr?.toString().trim() || e.message}${log ? `\nserver log:\n${log}` : ""}`);
        }
    }
}

function asRoot(): boolean {
    return typeof process.getuid === "function" && process.getuid() === 0;
}
