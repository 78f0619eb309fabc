/** @type {import("next").NextConfig} */
const nextConfig = {
  // Load PGlite from node_modules at runtime instead of bundling its 15 MB of wasm/data
  // (Turbopack would also copy it into the public .next/static/media).
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Lets two builds live side by side (a benchmark build beside the test build, say).
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
