// What an empty project shows to someone who may write to it: how to point a W&B client here.
import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";

function Snippet({ title, text, copyLabel }: { title: string; text: string; copyLabel: string }) {
  return (
    <div className="min-w-0 space-y-1.5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className="text-sm font-medium text-slate-800">{title}</h4>
        <CopyButton text={text} label={copyLabel} />
      </div>
      <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-relaxed text-slate-100">
        {text}
      </pre>
    </div>
  );
}

export function LogARun({
  origin,
  team,
  project,
  signedIn,
}: {
  origin: string;
  team: string;
  project: string;
  signedIn: boolean;
}) {
  const env = [
    "export WANDB_API_KEY=<key>",
    `export WANDB_BASE_URL=${origin}`,
    `export WANDB_ENTITY=${team}`,
  ].join("\n");
  const python = [
    "import wandb",
    "",
    `run = wandb.init(project="${project}", config={"lr": 0.01})`,
    'run.log({"loss": 0.5})',
    "run.finish()",
  ].join("\n");
  const js = [
    'import wandb from "@wandb/sdk";',
    "",
    `await wandb.init({ project: "${project}", config: { lr: 0.01 } });`,
    "wandb.log({ loss: 0.5 });",
    "await wandb.finish();",
  ].join("\n");
  return (
    <div className="space-y-4 px-5 py-6">
      <div className="max-w-2xl space-y-1">
        <h3 className="font-semibold">No runs yet</h3>
        <p className="text-sm text-slate-600">
          Log a run from any W&amp;B client: set these variables where the code runs, with{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-xs">&lt;key&gt;</code> being{" "}
          {signedIn ? (
            <Link href="/settings" className="font-medium text-indigo-700 hover:underline">
              a personal API key
            </Link>
          ) : (
            "a personal API key"
          )}{" "}
          or a service account&apos;s key from a team admin. The run shows up here as soon as the client
          starts it.
        </p>
      </div>
      <Snippet title="Environment" text={env} copyLabel="Copy environment variables" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Snippet title="Python" text={python} copyLabel="Copy Python snippet" />
        <Snippet title="JavaScript" text={js} copyLabel="Copy JavaScript snippet" />
      </div>
    </div>
  );
}
