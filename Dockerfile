# One image for every role: `api`, `worker` and the one-shot `migrate` (see docker-compose.yml).
# Node 24 is a maintained LTS line (package.json admits ^20.19 || ^22.13 || >=24).
ARG NODE_IMAGE=node:24-bookworm-slim

# Build: all dependencies, then the web app (web/dist) and the server compiled to JavaScript (dist/).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime: production dependencies only, the compiled code, no TypeScript toolchain, not root.
FROM ${NODE_IMAGE} AS runtime
# The Chinese font every PDF embeds (platform/pdf).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# `node` directly (not npm): SIGTERM reaches the process, which shuts down within 15 s (scripts/start.ts).
CMD ["node", "dist/scripts/start.js", "api"]
