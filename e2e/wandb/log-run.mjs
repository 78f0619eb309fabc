// Logs one run with the unmodified @wandb/sdk, as an engineer's script would. Driven by e2e specs:
// WANDB_API_KEY, WANDB_BASE_URL, (WANDB_ENTITY via RUN_ENTITY), RUN_PROJECT, RUN_ID, RUN_STEPS.
import wandb from "@wandb/sdk";

const steps = Number(process.env.RUN_STEPS ?? 5);
const run = await wandb.init({
  project: process.env.RUN_PROJECT,
  entity: process.env.RUN_ENTITY || undefined,
  id: process.env.RUN_ID,
  name: `${process.env.RUN_ID}-display`,
  config: { lr: 0.01, layers: 2, optimizer: "adam" },
});
for (let step = 0; step < steps; step++) wandb.log({ loss: 1 / (step + 1), acc: step / steps });
await wandb.finish();
console.log(`logged ${run.id}`);
