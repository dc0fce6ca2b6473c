#!/usr/bin/env node
/**
 * Builds a platform-specific .vsix of the VS Code extension:
 *
 *   npm run package                        # this machine's platform (linux-x64 here)
 *   npm run package -- --target darwin-arm64 [--binaries mac-arm64-metal] [--out dist]
 *
 * The extension host code (extension/ + shared/) is bundled with esbuild; node-llama-cpp is NOT bundled (it is
 * ESM-only and loads its native binaries relative to itself): it ships in node_modules together with its runtime
 * dependencies and the ONE prebuilt binary package of the target (@node-llama-cpp/<platform>), without the other
 * platforms' binaries, the llama.cpp source bundle (llama/gitRelease.bundle) or the C++ sources. The result is
 * checked (contents and size) before the script reports success.
 */
"use strict";
const {execFileSync} = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const MAX_VSIX_BYTES = 30 * 1024 * 1024;

/** vsce target → node-llama-cpp's prebuilt binary package (CPU/Metal build) for it. */
const BINARY_PACKAGES = {
    "linux-x64": "linux-x64",
    "linux-arm64": "linux-arm64",
    "linux-armhf": "linux-armv7l",
    "darwin-arm64": "mac-arm64-metal",
    "darwin-x64": "mac-x64",
    "win32-x64": "win-x64",
    "win32-arm64": "win-arm64"
};

/** Dependencies used only when a package is installed (fetching or building its native binary), never at run time. */
const INSTALL_ONLY = new Set(["prebuild-install", "node-gyp", "node-addon-api", "cmake-js"]);

/**
 * Optional packages a bundled dependency requires inside try/catch and works without: pg's native binding (loaded only
 * through pg.native, which the core never uses; pg, for the central audit log, is bundled).
 */
const OPTIONAL_REQUIRES = new Set(["pg-native"]);

/** Parts of node-llama-cpp needed only to build llama.cpp from source, never at run time. */
const NODE_LLAMA_CPP_BUILD_ONLY = ["llama/gitRelease.bundle", "llama/addon", "llama/cmake", "llama/toolchains", "llama/xpack",
    "llama/patches", "llama/profiles", "llama/CMakeLists.txt", "templates"];

/** Native packages built here from source: ship the compiled addon, not the sources and build intermediates. */
const NATIVE_KEEP = {
    "better-sqlite3": (inner) => inner === "package.json" || /^LICENSE/i.test(inner) || inner.startsWith(`lib${path.sep}`) ||
        inner === path.join("build", "Release", "better_sqlite3.node")
};

function fail(message) {
    console.error(`package-vsix: ${message}`);
    process.exit(1);
}

function parseArgs(argv) {
    const hostTarget = `${process.platform === "win32" ? "win32" : process.platform}-${process.arch === "arm" ? "armhf" : process.arch}`;
    const args = {target: hostTarget, binaries: undefined, out: path.join(root, "dist")};
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--target") args.target = argv[++i];
        else if (a === "--binaries") args.binaries = argv[++i].split(",").map((s) => s.trim()).filter(Boolean);
        else if (a === "--out") args.out = path.resolve(argv[++i]);
        else if (a === "--help" || a === "-h") {
            console.log("usage: npm run package -- [--target linux-x64|linux-arm64|linux-armhf|darwin-arm64|darwin-x64|win32-x64|win32-arm64] " +
                "[--binaries PKG,...] [--out DIR]");
            process.exit(0);
        } else fail(`unknown argument ${a} (see --help)`);
    }
    if (!BINARY_PACKAGES[args.target]) fail(`unknown target ${args.target}: use one of ${Object.keys(BINARY_PACKAGES).join(", ")}`);
    args.binaries ??= [BINARY_PACKAGES[args.target]];
    return args;
}

function readJson(file) {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Node's resolution: the package folder `name` as seen from `fromDir` (nested node_modules first). */
function resolvePackageDir(name, fromDir) {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, "node_modules", name);
        if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
        if (dir === root || path.dirname(dir) === dir) return undefined;
    }
}

/** The installed package folders `entries` need at run time (dependencies, installed optionals), as a set. */
function dependencyClosure(entries, binaryPackages) {
    const seen = new Set();
    const visit = (name, fromDir, optional) => {
        if (INSTALL_ONLY.has(name)) return;
        if (name.startsWith("@node-llama-cpp/") && !binaryPackages.includes(name.slice("@node-llama-cpp/".length))) return;
        const dir = resolvePackageDir(name, fromDir);
        if (!dir) {
            if (optional) return;
            fail(`${name} (needed by ${path.relative(root, fromDir) || "the extension"}) is not installed: run npm ci`);
        }
        if (seen.has(dir)) return;
        seen.add(dir);
        const pkg = readJson(path.join(dir, "package.json"));
        for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, false);
        for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, true);
    };
    for (const name of entries) visit(name, root, false);
    for (const bin of binaryPackages) {
        if (![...seen].some((d) => d.endsWith(path.join("@node-llama-cpp", bin)))) {
            const version = readJson(path.join(root, "node_modules", "node-llama-cpp", "package.json")).version;
            fail(`the binary package @node-llama-cpp/${bin} is not installed; for another platform run ` +
                `npm install --no-save --force @node-llama-cpp/${bin}@${version}`);
        }
    }
    return seen;
}

/**
 * Copies one package into the stage. Install-only dependencies are not shipped, so they are also dropped from the
 * staged copy's package.json: vsce checks the tree with `npm list`, which must match what is shipped.
 */
function copyPackage(srcDir, destDir) {
    const rel = path.relative(root, srcDir);
    const isNodeLlamaCpp = rel === path.join("node_modules", "node-llama-cpp");
    const keepNative = NATIVE_KEEP[path.basename(path.dirname(srcDir)).startsWith("@") ? "" : path.basename(srcDir)];
    fs.cpSync(srcDir, destDir, {
        recursive: true,
        dereference: true,
        filter: (src) => {
            const inner = path.relative(srcDir, src);
            if (inner.split(path.sep)[0] === "node_modules") return false; // nested packages are copied on their own
            if (keepNative && inner && !fs.statSync(src).isDirectory() && !keepNative(inner)) return false;
            if (isNodeLlamaCpp && NODE_LLAMA_CPP_BUILD_ONLY.some((p) => inner === p || inner.startsWith(p + path.sep))) return false;
            if (/\.(map|d\.ts|d\.mts|d\.cts|md|markdown)$/i.test(inner) && !/^license/i.test(path.basename(inner))) return false;
            return true;
        }
    });
    const pkgFile = path.join(destDir, "package.json");
    const pkg = readJson(pkgFile);
    let changed = false;
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
        if (INSTALL_ONLY.has(dep)) {
            delete pkg.dependencies[dep];
            changed = true;
        }
    }
    if (changed) fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + "\n");
}

function run(cmd, args, opts = {}) {
    try {
        execFileSync(cmd, args, {stdio: "inherit", cwd: root, ...opts});
    } catch (err) {
        fail(`${path.basename(args[0] ?? cmd)} ${args[1] ?? ""} failed (exit ${err.status ?? err.signal ?? err.message})`);
    }
}

function listZip(file) {
    // The .vsix is a zip: read its central directory (no unzip tool needed).
    const buf = fs.readFileSync(file);
    let eocd = buf.length - 22;
    while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
    if (eocd < 0) fail(`${file} is not a zip file`);
    const count = buf.readUInt16LE(eocd + 10);
    let offset = buf.readUInt32LE(eocd + 16);
    const entries = [];
    for (let i = 0; i < count; i++) {
        if (buf.readUInt32LE(offset) !== 0x02014b50) fail(`${file}: bad zip central directory`);
        const size = buf.readUInt32LE(offset + 24);
        const nameLen = buf.readUInt16LE(offset + 28);
        const extraLen = buf.readUInt16LE(offset + 30);
        const commentLen = buf.readUInt16LE(offset + 32);
        entries.push({name: buf.toString("utf8", offset + 46, offset + 46 + nameLen), size});
        offset += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
}

/** Checks the .vsix: what must be in it, what must not, and its size. Returns the problems found. */
function verifyVsix(file, binaries) {
    const problems = [];
    const entries = listZip(file);
    const names = new Set(entries.map((e) => e.name));
    const must = [
        "extension/package.json",
        "extension/out/extension/extension.js",
        "extension/out/webview/main.js",
        "extension/out/webview/style.css",
        "extension/extension/media/med42.svg",
        "extension/node_modules/node-llama-cpp/package.json",
        "extension/node_modules/node-llama-cpp/dist/index.js",
        ...binaries.map((b) => `extension/node_modules/@node-llama-cpp/${b}/package.json`)
    ];
    for (const m of must) if (!names.has(m)) problems.push(`missing ${m}`);
    for (const {name} of entries) {
        const binPkg = /^extension\/node_modules\/@node-llama-cpp\/([^/]+)\//.exec(name);
        if (binPkg && !binaries.includes(binPkg[1])) problems.push(`another platform's binaries: ${name}`);
        if (/gitRelease\.bundle$/.test(name)) problems.push(`llama.cpp source bundle: ${name}`);
        if (/^extension\/node_modules\/node-llama-cpp\/llama\/(addon|cmake|toolchains|xpack)\//.test(name)) problems.push(`llama.cpp build sources: ${name}`);
        if (/^extension\/(test|cli|slack-bot|shared|scripts|\.vscode-test)\//.test(name)) problems.push(`not part of the extension: ${name}`);
        if (/\.ts$/.test(name) && !/\.d\.ts$/.test(name)) problems.push(`TypeScript source: ${name}`);
    }
    const size = fs.statSync(file).size;
    if (size > MAX_VSIX_BYTES) problems.push(`${(size / 1e6).toFixed(1)} MB is over the ${MAX_VSIX_BYTES / 1024 / 1024} MiB limit`);
    return {problems, size, entries: entries.length};
}

function main() {
    const args = parseArgs(process.argv.slice(2));
    const manifest = readJson(path.join(root, "package.json"));
    const stage = path.join(args.out, `vsix-${args.target}`);
    fs.rmSync(stage, {recursive: true, force: true});
    fs.mkdirSync(stage, {recursive: true});

    console.log(`package-vsix: building the webview and bundling the extension for ${args.target}`);
    const esbuild = require("esbuild");
    esbuild.buildSync({
        absWorkingDir: root, entryPoints: ["extension/webview/main.ts", "extension/webview/style.css"], bundle: true,
        format: "iife", platform: "browser", target: "es2020", minify: true, logLevel: "warning",
        outdir: path.join(stage, "out", "webview")
    });
    const {metafile} = esbuild.buildSync({
        absWorkingDir: root, entryPoints: ["extension/extension.ts"], bundle: true, platform: "node", target: "node20",
        format: "cjs", minifySyntax: true, logLevel: "warning", metafile: true,
        external: ["vscode", "node-llama-cpp", "better-sqlite3"],
        outfile: path.join(stage, "out", "extension", "extension.js")
    });

    // Runtime packages the bundle still imports (the externals it actually uses).
    const externals = new Set();
    for (const output of Object.values(metafile.outputs)) {
        for (const imp of output.imports ?? []) {
            if (imp.external && imp.path !== "vscode" && !imp.path.startsWith("node:")) externals.add(imp.path.split("/").slice(0, imp.path.startsWith("@") ? 2 : 1).join("/"));
        }
    }
    const builtins = new Set(require("node:module").builtinModules);
    const runtimeDeps = [...externals].filter((e) => !builtins.has(e) && !OPTIONAL_REQUIRES.has(e)).sort();
    for (const dep of runtimeDeps) if (!manifest.dependencies?.[dep]) fail(`the bundle imports ${dep}, which is not a dependency in package.json`);

    const closure = dependencyClosure(runtimeDeps, args.binaries);
    for (const dir of closure) copyPackage(dir, path.join(stage, path.relative(root, dir)));

    fs.cpSync(path.join(root, "extension", "media"), path.join(stage, "extension", "media"), {recursive: true});
    const docs = path.join(root, "docs", "vscode.md");
    fs.writeFileSync(path.join(stage, "README.md"), fs.existsSync(docs) ? fs.readFileSync(docs, "utf8") : `# ${manifest.displayName}\n\n${manifest.description}\n`);
    const stagedManifest = {...manifest};
    for (const k of ["scripts", "devDependencies", "bin", "allowScripts", "private"]) delete stagedManifest[k];
    stagedManifest.dependencies = Object.fromEntries(runtimeDeps.map((d) => [d, manifest.dependencies[d]]));
    fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(stagedManifest, null, 2) + "\n");
    fs.writeFileSync(path.join(stage, ".vscodeignore"), fs.readFileSync(path.join(root, ".vscodeignore"), "utf8"));

    const vsix = path.join(args.out, `${manifest.name}-${manifest.version}-${args.target}.vsix`);
    console.log(`package-vsix: runtime packages: ${runtimeDeps.join(", ") || "(none)"} + ${closure.size - runtimeDeps.length} dependencies; binaries: ${args.binaries.join(", ")}`);
    run(process.execPath, [path.join(root, "node_modules", "@vscode", "vsce", "vsce"), "package", "--target", args.target,
        "--skip-license", "--allow-missing-repository", "--allow-star-activation", "--out", vsix], {cwd: stage});

    const {problems, size, entries} = verifyVsix(vsix, args.binaries);
    if (problems.length) fail(`${vsix} failed its checks:\n  ${problems.slice(0, 30).join("\n  ")}`);
    console.log(`package-vsix: ${path.relative(root, vsix)}: ${(size / 1e6).toFixed(1)} MB, ${entries} files, checks passed`);
}

module.exports = {verifyVsix, listZip, BINARY_PACKAGES};
if (require.main === module) {
    try {
        main();
    } catch (err) {
        fail(err.message);
    }
}
