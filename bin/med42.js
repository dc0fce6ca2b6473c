#!/usr/bin/env node
// The `med42` command: compiled TypeScript lives in out/ (built by `npm install` through the prepare script).
require("../out/cli/main.js").main(process.argv).then((code) => { process.exitCode = code; });
