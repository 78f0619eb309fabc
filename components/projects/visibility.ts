// Who may read and write a project under each visibility, in words (SPEC section 3's table, read per
// audience), and what a change from one visibility to another gains or takes away from whom.
import type { Visibility } from "@/lib/access/types";

export const VISIBILITIES: readonly Visibility[] = ["team", "restricted", "public", "open"];

/**
 * The choices offered: a team that keeps its projects private ("Make all future projects private")
 * allows only team and restricted, so restricted -> team always stays open. `current` is kept on the
 * list so an open or public project still shows what it is.
 */
export function visibilityChoices(futureProjectsPrivate: boolean, current?: Visibility): Visibility[] {
  if (!futureProjectsPrivate) return [...VISIBILITIES];
  return VISIBILITIES.filter((v) => v === "team" || v === "restricted" || v === current);
}

export const VISIBILITY_LABEL: Record<Visibility, string> = {
  open: "Open",
  public: "Public",
  team: "Team",
  restricted: "Restricted",
};

/** "This project is …", "Make it …?" */
export const VISIBILITY_ADJECTIVE: Record<Visibility, string> = {
  open: "open",
  public: "public",
  team: "team-visible",
  restricted: "restricted",
};

export interface ProjectNames {
  team: string;
  org: string;
}

/** One line per choice on the Settings tab. */
export function visibilityHint(v: Visibility, { team, org }: ProjectNames): string {
  switch (v) {
    case "open":
      return "Anyone reads, even without signing in; any signed-in user or service account writes.";
    case "public":
      return `Anyone reads, even without signing in; only ${team} members and its service accounts write.`;
    case "team":
      return `${team} members and its service accounts read and write; ${team} viewers and ${org} org admins read.`;
    case "restricted":
      return "Only the users and service accounts listed on the Users tab read and write.";
  }
}

/**
 * Who reads and writes the project under `v`: "now" for the current visibility, "after" for the first
 * sentence of the confirmation of a change.
 */
export function accessSentence(v: Visibility, { team, org }: ProjectNames, when: "now" | "after"): string {
  const can = when === "after" ? "will be able to" : "can";
  switch (v) {
    case "open":
      return `Anyone, even without signing in, ${can} read runs and traces; any signed-in user or service account, of any organization, can write.`;
    case "public":
      return `Anyone, even without signing in, ${can} read runs and traces; only ${team} members and its service accounts can write.`;
    case "team":
      return `Only ${team} members and its service accounts ${can} read and write runs and traces; ${team} viewers and ${org} org admins can read.`;
    case "restricted":
      return `Only the users and service accounts listed on the Users tab ${can} read and write runs and traces (listed viewers read only). ${team} admins, ${org} org admins and the project's owner manage its settings and its list.`;
  }
}

/** `listed`: as much as the audience's role allows, but only if listed on the project. */
type Level = "none" | "listed" | "read" | "write";
const RANK: Record<Level, number> = { none: 0, listed: 1, read: 2, write: 3 };

interface Audience {
  name: (n: ProjectNames) => string;
  levels: Record<Visibility, Level>;
}

// The rows of SPEC section 3, most specific first, grouped by who a person would think of.
const AUDIENCES: Audience[] = [
  {
    name: () => "Anyone, even without signing in,",
    levels: { open: "read", public: "read", team: "none", restricted: "none" },
  },
  {
    name: ({ team }) => `Signed-in users and service accounts outside ${team}, of any organization,`,
    levels: { open: "write", public: "read", team: "none", restricted: "none" },
  },
  {
    name: ({ team }) => `${team} members and admins`,
    levels: { open: "write", public: "write", team: "write", restricted: "listed" },
  },
  {
    name: ({ team }) => `${team} viewers`,
    levels: { open: "read", public: "read", team: "read", restricted: "listed" },
  },
  {
    name: ({ team, org }) => `${org} org admins outside ${team}`,
    levels: { open: "write", public: "read", team: "read", restricted: "listed" },
  },
  {
    name: ({ team, org }) => `${team} service accounts and ${org} org service accounts`,
    levels: { open: "write", public: "write", team: "write", restricted: "listed" },
  },
];

function consequence(from: Level, to: Level): string {
  switch (to) {
    case "write":
      if (from === "read") return "will be able to write runs and traces, not only read them";
      return from === "listed"
        ? "will be able to read and write runs and traces, listed or not"
        : "will be able to read and write runs and traces";
    case "read":
      if (from === "write")
        return "will no longer be able to write runs and traces; they can still read them";
      return from === "listed"
        ? "will be able to read runs and traces, listed or not"
        : "will be able to read runs and traces";
    case "listed":
      return from === "write"
        ? "will keep reading and writing runs and traces only if listed on the Users tab"
        : "will keep reading runs and traces only if listed on the Users tab";
    case "none":
      return from === "write"
        ? "will no longer be able to read or write runs and traces"
        : "will no longer be able to read runs and traces";
  }
}

export interface VisibilityChange {
  gains: string[];
  loses: string[];
}

/** Who gains and who loses access when the project goes from `from` to `to`. */
export function visibilityChange(from: Visibility, to: Visibility, names: ProjectNames): VisibilityChange {
  const gains: string[] = [];
  const loses: string[] = [];
  for (const audience of AUDIENCES) {
    const before = audience.levels[from];
    const after = audience.levels[to];
    if (before === after) continue;
    const sentence = `${audience.name(names)} ${consequence(before, after)}.`;
    (RANK[after] > RANK[before] ? gains : loses).push(sentence);
  }
  return { gains, loses };
}
