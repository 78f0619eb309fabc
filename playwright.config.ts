import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// A fresh embedded database per run, seeded with the demo data by the server itself.
const DATA_DIR = `.data/e2e-${PORT}`;

// The specs read the fixtures the server's start-up wrote (e2e/fixtures/index.ts).
process.env.E2E_FIXTURES_FILE = `${DATA_DIR}-fixtures.json`;
process.env.E2E_SERVER_LOG = `${DATA_DIR}-server.log`;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000, // generous: a 2-core CI machine builds and serves at once
  expect: { timeout: 15_000 },
  workers: 1, // 2 cores, one server, one embedded database
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's chromium (apt-get install -y chromium). Never `npx playwright install`.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox", // CI runs as root
        "--disable-gpu",
        "--disable-background-networking", // closed network: avoid a storm of refused connections
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // Needs a prior `next build` (npm run test:e2e does it). Fixtures go in before the server
    // starts: the embedded database allows one process at a time.
    command: [
      `rm -rf ${DATA_DIR} ${DATA_DIR}.lock`,
      "node --conditions=react-server --import tsx e2e/fixtures/setup.ts",
      // The log is kept: e2e/zz-secrets.spec.ts checks it never shows a key.
      `next start -p ${PORT} 2>&1 | tee ${DATA_DIR}-server.log`,
    ].join(" && "),
    url: `http://localhost:${PORT}/api/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: "", // always the embedded database, even when the caller has PostgreSQL configured
      PGLITE_DATA_DIR: DATA_DIR,
      SEED_DEMO: "true",
      AUTH_FAILURE_LIMIT: "1000", // the suites send many deliberate 401s from one address
      ALLOW_INSECURE_ISSUERS: "true", // federation tests run their OpenID providers on http loopback
      NEXT_TELEMETRY_DISABLED: "1",
      E2E_FIXTURES_FILE: `${DATA_DIR}-fixtures.json`,
    },
  },
});
