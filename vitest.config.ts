import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const include = ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside the react-server condition; tests run plain Node.
      "server-only": fileURLToPath(new URL("./lib/testing/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    // One test file per core. Vitest 4.1 leaves one core free by default, which on a 2-core CI
    // machine ran every file one after the other (measured: a third slower).
    maxWorkers: availableParallelism(),
    globalSetup: ["lib/testing/global-setup.ts"],
    env: { SCRYPT_LOG_N: "10" }, // fast password hashing in tests (production: 2^17)
    testTimeout: 30_000, // in-memory PGlite boot + migrations take 1-3 s on 2 cores
    hookTimeout: 60_000,
    projects: [
      // Every test on the embedded database (in-memory PGlite).
      { extends: true, test: { name: "pglite", include, env: { TEST_DB: "pglite" } } },
      // With TEST_DATABASE_URL, the database tests again on real PostgreSQL (pure ones need not).
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: { name: "postgres", include, exclude: ["lib/access/**"], env: { TEST_DB: "postgres" } },
            },
          ]
        : []),
    ],
  },
});
