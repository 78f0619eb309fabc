// Runs once per server process before the first request (next start / next dev).
// Node-only work lives in lib/server/boot.ts: this file is also compiled for the Edge runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/server/boot");
    await boot();
  }
}
