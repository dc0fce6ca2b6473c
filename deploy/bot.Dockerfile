# The Med42 Slack bot for a model server (docs/deploy.md). Built from the repository root:
#   docker build -f deploy/bot.Dockerfile -t med42-assist-bot .
# With MED42_SERVER_URL set the bot never loads a local model, so node-llama-cpp's binaries are not fetched or built.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NODE_LLAMA_CPP_SKIP_DOWNLOAD=true
COPY package.json package-lock.json tsconfig.json ./
COPY shared ./shared
COPY slack-bot ./slack-bot
COPY cli ./cli
COPY extension ./extension
COPY tools ./tools
COPY test ./test
COPY bin ./bin
# Dev dependencies are needed once (npm ci's prepare step compiles the TypeScript); then they are dropped.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund && rm -rf test out/test \
    && mkdir -p /data && chown node:node /data
USER node
CMD ["node", "bin/med42-slack.js"]
