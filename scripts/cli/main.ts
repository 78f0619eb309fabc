// Entry point of the `steward` admin CLI (see scripts/steward.mjs and `steward --help`).
import { defaultIo, runCli } from "./program";

runCli(process.argv.slice(2), defaultIo).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
