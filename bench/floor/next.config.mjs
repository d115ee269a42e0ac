// The floor app's build (bench/floor.ts copies this folder to results/bench/floor and builds it there).
// Its root is the console's checkout, whose node_modules it resolves, so both use the same next and react.
const root = process.env.BENCH_FLOOR_ROOT;
if (!root) throw new Error("BENCH_FLOOR_ROOT is unset: build the floor through bench/floor.ts");

/** @type {import('next').NextConfig} */
export default {
  output: "standalone",
  poweredByHeader: false,
  outputFileTracingRoot: root,
  turbopack: { root },
  typescript: { ignoreBuildErrors: true },
};
