/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // better-sqlite3 is the sandbox's, never bundled; the BFF needs node's http2 client.
  serverExternalPackages: ["@connectrpc/connect-node"],
  basePath: process.env.FLYTE_CONSOLE_BASE_PATH || undefined,
};
export default nextConfig;
