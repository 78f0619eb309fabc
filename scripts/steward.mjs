#!/usr/bin/env node
// The `steward` admin CLI launcher: runs scripts/cli/main.ts through tsx with the react-server
// condition, so the CLI uses the app's own services (lib/**, which import "server-only").
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const result = spawnSync(
  process.execPath,
  [
    "--conditions=react-server",
    "--import",
    "tsx",
    path.join(root, "scripts", "cli", "main.ts"),
    ...process.argv.slice(2),
  ],
  {
    stdio: "inherit",
    cwd: process.cwd(),
    env: { TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"), ...process.env },
  },
);
process.exit(result.status ?? 1);
