# One image for both processes: `node dist/apps/api/src/main.js` or `node dist/apps/worker/src/main.js`.
# Node.js 24 (LTS). The production image has no development package: no embedded PostgreSQL, no mail catcher.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev && rm -rf dist/apps/dev dist/bench

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
# 3000: the API; 3001: the worker's /health and /metrics (WORKER_PORT).
EXPOSE 3000 3001
CMD ["node", "dist/apps/api/src/main.js"]
