/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets several checkouts' worth of builds (parallel e2e runs, dev servers) live side by side.
  distDir: process.env.FLYTE_CONSOLE_DIST_DIR || ".next",
  poweredByHeader: false,
  // The BFF dials FlyteAdmin over HTTP/2 with node's http2 module; keep it out of the bundle.
  // prom-client: loaded once from node_modules rather than copied into each route's bundle (lib/admin/metrics.ts).
  serverExternalPackages: ["@connectrpc/connect-node", "prom-client"],
  // Types are checked once, by `npm run typecheck` in the test suite, not again in every build.
  typescript: { ignoreBuildErrors: true },
};
export default nextConfig;
