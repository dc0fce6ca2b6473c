#!/usr/bin/env node
// The `med42-slack` command: compiled TypeScript lives in out/ (built by `npm install` through the prepare script).
require("../out/slack-bot/main.js").main(process.argv).then((code) => { process.exitCode = code; });
