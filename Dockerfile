# One image for both roles: `api` and `worker` (see docker-compose.yml).
FROM node:20.19-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build:web

FROM node:20.19-bookworm-slim
# The Chinese font every PDF embeds (platform/pdf).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/web/dist ./web/dist
COPY package.json tsconfig.json ./
COPY server ./server
COPY workers ./workers
COPY domain ./domain
COPY db ./db
COPY search ./search
COPY scripts ./scripts
USER node
EXPOSE 3000
CMD ["npx", "tsx", "scripts/start.ts", "api"]
