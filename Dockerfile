# The console as one container: Next's standalone server (server.js plus only the node_modules it
# traces), its static assets, Node 20 on Debian slim, a non-root user. No sandbox, no dev tooling.
#   docker build -t flyte-console .
#   docker build --build-arg FLYTE_CONSOLE_BASE_PATH=/ui -t flyte-console .
#   docker run -p 8080:8080 -e FLYTE_ADMIN_ENDPOINT=dns:///flyteadmin:81 -e FLYTE_ADMIN_INSECURE=true flyte-console

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# No install scripts: the only one the build would need is buf's, and its CLI runs without it.
# better-sqlite3's (a native build, or a prebuilt download) serves only the sandbox, which the image
# does not ship, so skipping it spares the stage python3/make/g++ and a network fetch.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY buf.yaml buf.gen.yaml ./
COPY proto ./proto
RUN npm run gen
COPY . .
# Next inlines the base path into server and browser code, so it is fixed here, not at run time.
ARG FLYTE_CONSOLE_BASE_PATH=/console
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ARG FLYTE_CONSOLE_BASE_PATH=/console
# FLYTE_CONSOLE_BASE_PATH only records what the build inlined (the healthcheck reads it); setting it
# at run time moves nothing. HOSTNAME: listen on every interface, not on the container's name.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=8080 \
    FLYTE_CONSOLE_BASE_PATH=${FLYTE_CONSOLE_BASE_PATH}
WORKDIR /app
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
# Files served as they are (robots.txt); the standalone output leaves them out.
COPY --from=build /app/public ./public
# The node image's `node` user; numeric so Kubernetes' runAsNonRoot can check it, and the same UID
# flyte-core's console Deployment runs as.
USER 1000:1000
EXPOSE 8080 10254
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + (process.env.FLYTE_CONSOLE_BASE_PATH || '').replace(/\\/+$/, '') + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
