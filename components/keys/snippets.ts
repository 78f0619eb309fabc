// Ready-to-paste snippets for a new API key: the places engineers put a W&B key (SPEC section 5).
// Pure text builders, so what the dialog shows and what the tests expect come from one place.

export type SnippetKind = "env" | "netrc" | "kubernetes" | "github" | "vault";

export interface SnippetContext {
  key: string;
  /** WANDB_ENTITY: the team runs land in when a job names none (null: the owner is in no team yet). */
  entity: string | null;
  /** This server, as the W&B clients want it in WANDB_BASE_URL. */
  origin: string;
  /** host[:port]: what ~/.netrc is keyed by (the clients drop scheme and path). */
  host: string;
  /** Names the stored secret (Kubernetes Secret, Vault path): the service account's name. */
  secretName: string;
}

export interface SnippetBlock {
  /** Shown above the block when a snippet has several ("In the workflow"). */
  caption?: string;
  text: string;
  /** The copy button's text and accessible name, unique in the dialog. */
  copyLabel: string;
}

export interface Snippet {
  kind: SnippetKind;
  /** Heading (and tab label) of the snippet. */
  title: string;
  blocks: SnippetBlock[];
  hint: string;
}

function settings(c: SnippetContext): Array<[string, string]> {
  return [
    ["WANDB_API_KEY", c.key],
    ["WANDB_BASE_URL", c.origin],
    ...(c.entity ? ([["WANDB_ENTITY", c.entity]] as Array<[string, string]>) : []),
  ];
}

/** A Kubernetes object name is a DNS-1123 subdomain: no '_', which service-account names allow. */
export function kubernetesSecretName(secretName: string): string {
  const base = secretName.toLowerCase().replace(/[^a-z0-9.-]+/g, "-");
  return `${base || "wandb"}-wandb`.replace(/^[^a-z0-9]+/, "");
}

export function buildSnippet(kind: SnippetKind, c: SnippetContext): Snippet {
  switch (kind) {
    case "env":
      return {
        kind,
        title: "Environment variables",
        blocks: [
          {
            text: settings(c)
              .map(([k, v]) => `export ${k}=${v}`)
              .join("\n"),
            copyLabel: "Copy environment variables",
          },
        ],
        hint: c.entity
          ? `Runs land in ${c.entity} unless a job sets WANDB_ENTITY to another team.`
          : "Set WANDB_ENTITY to a team once you are in one.",
      };
    case "netrc":
      return {
        kind,
        title: "~/.netrc",
        blocks: [
          { text: `machine ${c.host}\n  login user\n  password ${c.key}`, copyLabel: "Copy .netrc entry" },
        ],
        hint: "What `wandb login` writes; the W&B clients read it when WANDB_API_KEY is unset.",
      };
    case "kubernetes": {
      const name = kubernetesSecretName(c.secretName);
      return {
        kind,
        title: "Kubernetes Secret",
        blocks: [
          {
            text: [
              `kubectl create secret generic ${name}`,
              ...settings(c).map(([k, v]) => `  --from-literal=${k}=${v}`),
            ].join(" \\\n"),
            copyLabel: "Copy kubectl command",
          },
          {
            caption: "In the pod's container spec",
            text: `envFrom:\n  - secretRef:\n      name: ${name}`,
            copyLabel: "Copy envFrom block",
          },
        ],
        hint: "Run it with the namespace of the workload (-n <namespace>); the pod then gets all three variables.",
      };
    }
    case "github":
      return {
        kind,
        title: "GitHub Actions",
        blocks: [
          {
            text: `gh secret set WANDB_API_KEY --body "${c.key}"`,
            copyLabel: "Copy gh command",
          },
          {
            caption: "In the workflow",
            text: [
              "env:",
              // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression syntax, not ours.
              "  WANDB_API_KEY: ${{ secrets.WANDB_API_KEY }}",
              `  WANDB_BASE_URL: ${c.origin}`,
              ...(c.entity ? [`  WANDB_ENTITY: ${c.entity}`] : []),
            ].join("\n"),
            copyLabel: "Copy workflow env block",
          },
        ],
        hint: "Run it in a clone of the repository (or add --repo owner/name); --env <environment> scopes it to one environment.",
      };
    case "vault":
      return {
        kind,
        title: "Vault",
        blocks: [
          {
            text: [`vault kv put secret/${c.secretName}`, ...settings(c).map(([k, v]) => `  ${k}=${v}`)].join(
              " \\\n",
            ),
            copyLabel: "Copy Vault command",
          },
        ],
        hint: `Assumes the KV engine at secret/. Read it back with: vault kv get -field=WANDB_API_KEY secret/${c.secretName}`,
      };
  }
}
