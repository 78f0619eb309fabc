// Runs last (files run in name order): after every other spec has created, used and revoked keys
// through the browser, the CLI fixtures and the W&B clients, the server's log shows none of them.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { fixtures } from "./fixtures";

test("the server log of the whole run never shows a key", async () => {
  const log = readFileSync(process.env.E2E_SERVER_LOG!, "utf8");
  expect(log.length).toBeGreaterThan(0);
  for (const key of Object.values(fixtures().keys)) expect(log).not.toContain(key);
  expect(log).not.toMatch(/\b(stw_sa|stw_u)-[A-Za-z0-9]{40}\b/);
  // failed authentications are logged with their reason and key ID only
  expect(log).toMatch(/\[auth\] refused reason=\w+ keyId=/);
});
