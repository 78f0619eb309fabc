// Demo data for the quick start and the e2e suite (documented in the README). Goes through the
// same services as the app, so it obeys every naming and membership rule.
import "server-only";
import { eq } from "drizzle-orm";
import type { Ctx } from "@/lib/context";
import { organizations } from "@/lib/db/schema";
import { addOrganizationMember, createOrganization } from "@/lib/orgs/service";
import { addProjectMember, createProject } from "@/lib/projects/service";
import { addTeamMember, createTeam } from "@/lib/teams/service";
import { createUser } from "@/lib/users/service";

export const DEMO_PASSWORD = "steward-demo";

export const DEMO_USERS = [
  { username: "ada", displayName: "Ada Lovelace", note: "org admin of acme" },
  { username: "tom", displayName: "Tom Kilburn", note: "team admin of ml-platform" },
  { username: "mia", displayName: "Mia Hamm", note: "member of ml-platform and research" },
  { username: "vic", displayName: "Vic Viewer", note: "viewer in research" },
  { username: "hal", displayName: "Hal Abelson", note: "org admin of hobby (free plan)" },
] as const;

/** Loads the demo data unless org `acme` already exists. Returns whether it loaded anything. */
export async function seedDemo(ctx: Ctx): Promise<boolean> {
  const [existing] = await ctx.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, "acme"))
    .limit(1);
  if (existing) return false;

  // In parallel: password hashing runs in the thread pool, and dominates seeding time. allSettled,
  // so no insert is still in flight when a failure rolls the caller's transaction back.
  const created = await Promise.allSettled(
    DEMO_USERS.map((u) =>
      createUser(ctx, {
        username: u.username,
        email: `${u.username}@example.com`,
        password: DEMO_PASSWORD,
        displayName: u.displayName,
      }),
    ),
  );
  const failed = created.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;

  await createOrganization(ctx, { slug: "acme", name: "Acme Corp", plan: "enterprise" });
  await createOrganization(ctx, { slug: "hobby", name: "Hobby Lab", plan: "free" });
  const member = (org: string, login: string, role: "admin" | "member" | "viewer") =>
    addOrganizationMember(ctx, org, { kind: "existing", login, role });
  await member("acme", "ada", "admin");
  await member("acme", "tom", "member");
  await member("acme", "mia", "member");
  await member("acme", "vic", "viewer");
  await member("hobby", "hal", "admin");

  await createTeam(ctx, "acme", "ml-platform");
  await createTeam(ctx, "acme", "research");
  await createTeam(ctx, "hobby", "hobby-lab");
  await addTeamMember(ctx, "ml-platform", "tom", "admin");
  await addTeamMember(ctx, "ml-platform", "mia", "member");
  await addTeamMember(ctx, "research", "mia", "member");
  await addTeamMember(ctx, "research", "vic", "viewer");
  await addTeamMember(ctx, "hobby-lab", "hal", "admin");

  const projects: Array<
    [team: string, name: string, visibility: string, owner: string, description: string]
  > = [
    ["ml-platform", "llm-eval", "open", "tom", "Shared evaluation harness: anyone may log here."],
    ["ml-platform", "model-zoo", "public", "tom", "Published checkpoints, readable by everyone."],
    ["ml-platform", "training", "team", "mia", "Nightly training runs of the platform team."],
    ["ml-platform", "secret-sauce", "restricted", "tom", "Unreleased work: listed members only."],
    ["research", "papers", "open", "mia", "Reproductions of published results."],
    ["research", "benchmarks", "public", "mia", "Benchmark results shared with the whole instance."],
    ["research", "experiments", "team", "mia", "The research team's day-to-day experiments."],
    ["research", "human-data", "restricted", "mia", "Labelled data with personal information."],
    ["hobby-lab", "weekend", "team", "hal", "Weekend projects."],
  ];
  for (const [team, name, visibility, owner, description] of projects) {
    await createProject(ctx, team, { name, visibility, owner, description });
  }
  await addProjectMember(ctx, "ml-platform", "secret-sauce", "mia");
  await addProjectMember(ctx, "research", "human-data", "vic");
  return true;
}
