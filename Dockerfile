# One image for the API and the worker (docker-compose picks the command).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY infra/temporal-binaries.js infra/temporal-binaries.js
# The Temporal CLI binaries are for development only; the image talks to a Temporal cluster.
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
# A CJK font for the annual report's PDF (GET /metrics/assessment/annual?format=pdf).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-zenhei && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
# The volume for documents and the audit key (docker-compose mounts app-data here), writable by the app's user.
RUN mkdir -p /data && chown node:node /data
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
