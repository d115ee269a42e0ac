// Everything the console serves (pages, `/_next` assets, the BFF at `/api/connect`, logs, stats,
// probes, the icon) lives under one base path, because Flyte's ingress sends only `/console` and
// `/console/*` to the console; `/api`, `/login`, `/me`, … go to FlyteAdmin. Next fixes it at build
// time: FLYTE_CONSOLE_BASE_PATH when building ("" serves at the root), `/console` otherwise.
const basePath = normalizeBasePath(process.env.FLYTE_CONSOLE_BASE_PATH ?? "/console");

function normalizeBasePath(value) {
  const trimmed = value.trim().replace(/\/+$/, "");
  if (trimmed === "") return "";
  if (!/^\/[A-Za-z0-9._~\-/]+$/.test(trimmed)) {
    throw new Error(`FLYTE_CONSOLE_BASE_PATH must be a path like /console, not ${JSON.stringify(value)}`);
  }
  return trimmed;
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  basePath,
  // The container image ships only `.next/standalone` (server.js plus the node_modules it traces),
  // not the whole node_modules tree: see Dockerfile.
  output: "standalone",
  // Inlined into server and browser code alike: what lib/flyte/urls' withBasePath prefixes to the URLs
  // Next does not route itself (fetches, raw links, history entries).
  env: { FLYTE_CONSOLE_BASE_PATH: basePath },
  // Lets several checkouts' worth of builds (parallel e2e runs, dev servers) live side by side.
  distDir: process.env.FLYTE_CONSOLE_DIST_DIR || ".next",
  poweredByHeader: false,
  // For bench/chunks.ts only (what the page's scripts are made of): a build with the browser's source maps.
  productionBrowserSourceMaps: process.env.FLYTE_CONSOLE_SOURCE_MAPS === "1",
  // The BFF dials FlyteAdmin over HTTP/2 with node's http2 module; keep it out of the bundle.
  // prom-client: loaded once from node_modules rather than copied into each route's bundle (lib/admin/metrics.ts).
  serverExternalPackages: ["@connectrpc/connect-node", "prom-client"],
  // The browser bundle gets the browser's generation of the protos (buf.gen.yaml): the same messages, enums
  // and wire names, but only those the browser's calls reach. Types stay those of lib/gen for everyone.
  turbopack: { resolveAlias: { "@/lib/gen/*": { browser: "./lib/gen/browser/*" } } },
  // Types are checked once, by `npm run typecheck` in the test suite, not again in every build.
  typescript: { ignoreBuildErrors: true },
  async redirects() {
    if (basePath === "") return [];
    // Outside the base path (a console run on its own, or the old console's root-level links), send
    // people to the same page under it. Behind Flyte's ingress these paths never reach the console.
    return [
      { source: "/", destination: basePath, basePath: false, permanent: false },
      // Browsers ask for /favicon.ico before the page's own icon link arrives (metadata streams in
      // after the head): answer with that icon instead of a 404 in the console.
      { source: "/favicon.ico", destination: `${basePath}/icon.svg`, basePath: false, permanent: false },
      { source: "/projects/:path*", destination: `${basePath}/projects/:path*`, basePath: false, permanent: true },
      { source: "/select-project", destination: `${basePath}/select-project`, basePath: false, permanent: true },
    ];
  },
};
export default nextConfig;
