# One image for the api (with the web UI), the media node and the worker; the command picks.
# Build context: the repository. Runs where Docker reaches the internet; the mediasoup worker is
# taken from mediasoup's prebuilt release when reachable, else built from the package's sources
# against Debian's libraries by tools/mediasoup-worker (the same script the offline route uses).
FROM node:24-bookworm AS build
WORKDIR /app
COPY tools/mediasoup-worker/debian-build-packages.txt tools/mediasoup-worker/debian-runtime-packages.txt /tmp/
RUN apt-get update && apt-get install -y --no-install-recommends \
      $(grep -v '^#' /tmp/debian-build-packages.txt | cut -d' ' -f1) \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV EJ_CACHE_DIR=/app/.cache
RUN cp "$(tools/mediasoup-worker/ensure-worker.sh | tail -n 1)" /app/mediasoup-worker \
 && npx swc apps/api/src apps/media/src apps/worker/src libs migrations scripts -d dist --ignore '**/*.spec.ts' --ignore '**/*-spec.ts' -q \
 && npx vite build --config apps/web/vite.config.ts \
 && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
COPY tools/mediasoup-worker/debian-runtime-packages.txt /tmp/
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg poppler-utils fonts-noto-core \
      $(grep -v '^#' /tmp/debian-runtime-packages.txt | cut -d' ' -f1) \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
COPY --from=build /app/mediasoup-worker /usr/local/bin/mediasoup-worker
COPY package.json ./
ENV NODE_ENV=production EJ_ROOT_DIR=/app MEDIASOUP_WORKER_BIN=/usr/local/bin/mediasoup-worker
USER node
CMD ["node", "dist/apps/api/src/main.js"]
