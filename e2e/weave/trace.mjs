// Traces nested ops with the unmodified weave package, as an engineer's LLM app would. Driven by
// e2e/weave-traces.spec.ts: WANDB_API_KEY, WF_TRACE_SERVER_URL, WEAVE_PROJECT ("entity/project"),
// WEAVE_TAG (marks this run's calls), WEAVE_LOGIN_HOST to weave.login first, and WEAVE_PUBLISH /
// WEAVE_DATASET to also save an object and a dataset and read them back through the client,
// WEAVE_FAIL to also call an op that throws. Prints one `RESULT {...}` line.
import { createRequire } from "node:module";

// weave is CommonJS; resolve it from the repository whatever the working directory is.
const weave = createRequire(import.meta.url)("weave");

const tag = process.env.WEAVE_TAG ?? "untagged";
// weave.login checks the key against GET {trace server}/health and saves it to ~/.netrc
if (process.env.WEAVE_LOGIN_HOST) await weave.login(process.env.WANDB_API_KEY, process.env.WEAVE_LOGIN_HOST);
const client = await weave.init(process.env.WEAVE_PROJECT);

const add = weave.op(async function add(a, b) {
  return a + b;
});
const pipeline = weave.op(async function pipeline(question, runTag) {
  const partial = await add(1, 2);
  const total = await add(partial, 3);
  return { question, runTag, answer: total, note: "réponse ✓" };
});

const result = { answer: await pipeline("what is 1 + 2 + 3?", tag) };

if (process.env.WEAVE_FAIL) {
  const check = weave.op(async function check(answer) {
    throw new Error(`cannot check ${answer.answer}: the checker is offline`);
  });
  try {
    await check(result.answer);
  } catch (err) {
    result.failed = err.message;
  }
}

if (process.env.WEAVE_PUBLISH) {
  const ref = await client.publish({ lr: 0.01, layers: [64, 32], note: "日本語", tag }, "my-config");
  result.published = { uri: ref.uri(), digest: ref.digest, readBack: await ref.get() };
}

if (process.env.WEAVE_DATASET) {
  const dataset = new weave.Dataset({
    name: "qa set",
    rows: [
      { question: "2 + 2", expected: "4" },
      { question: "capital of France", expected: "Paris" },
      { question: "日本の首都", expected: "東京" },
    ],
  });
  const ref = await dataset.save();
  const loaded = await ref.get();
  result.dataset = {
    uri: ref.uri(),
    objectId: ref.objectId,
    digest: ref.digest,
    rows: loaded.rows.rows.map(({ __savedRef, ...row }) => row),
  };
}

await client.waitForBatchProcessing();
console.log(`RESULT ${JSON.stringify(result)}`);
