/** @type {import("next").NextConfig} */
const nextConfig = {
  // Load PGlite from node_modules at runtime instead of bundling its 15 MB of wasm/data
  // (Turbopack would also copy it into the public .next/static/media).
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
};

export default nextConfig;
