// People against a real database: creating users (operator only), unique usernames and emails,
// signing in by username or email, and looking users up.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { as, expectRefused, makeUser, makeWorld, PASSWORD, uniqueName } from "@/lib/testing/fixtures";
import { authenticateUser, createUser, findUserByLogin, getUserById, requireUserByLogin } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

async function userRows(username: string) {
  return t.db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.username, username));
}

describe("creating users", () => {
  it("the operator creates a user; the email is stored lower-case and the password only as a hash", async () => {
    const username = uniqueName("ada");
    const user = await createUser(t.system, {
      username,
      email: `  ${username}@Example.TEST `,
      password: PASSWORD,
      displayName: "Ada Lovelace",
    });
    expect(user).toEqual({
      id: expect.stringMatching(/^usr_/),
      username,
      email: `${username}@example.test`,
      displayName: "Ada Lovelace",
    });
    const [row] = await userRows(username);
    expect(row?.email).toBe(`${username}@example.test`);
    expect(row?.passwordHash).toMatch(/^scrypt\$/);
    expect(row?.passwordHash).not.toContain(PASSWORD);
  });

  it("a taken username or email is a conflict that names each taken field", async () => {
    const taken = await makeUser(t.db);
    const err = await expectRefused(
      t.db,
      () =>
        createUser(t.system, {
          username: taken.username,
          email: taken.email.toUpperCase(),
          password: PASSWORD,
        }),
      409,
    );
    expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual(["email", "username"]);
    const byEmail = await expectRefused(
      t.db,
      () => createUser(t.system, { username: uniqueName("other"), email: taken.email, password: PASSWORD }),
      409,
    );
    expect(Object.keys(byEmail.fieldErrors ?? {})).toEqual(["email"]);
  });

  it.each([
    ["an uppercase username", { username: "Ada" }],
    ["a one-letter username", { username: "a" }],
    ["a malformed email", { email: "not-an-email" }],
    ["a 7-character password", { password: "1234567" }],
  ])("%s is refused with the field to fix", async (_what, change) => {
    const username = uniqueName("bad");
    const input = { username, email: `${username}@example.test`, password: PASSWORD, ...change };
    const err = await expectRefused(t.db, () => createUser(t.system, input), 400);
    expect(Object.keys(err.fieldErrors ?? {})).toEqual(Object.keys(change));
  });

  it("a signed-in user, even an org admin, cannot create users directly", async () => {
    const w = await makeWorld(t.db);
    const username = uniqueName("sneaky");
    await expectRefused(
      t.db,
      async () =>
        createUser(await as(t.db, w.users.orgAdmin), {
          username,
          email: `${username}@example.test`,
          password: PASSWORD,
        }),
      403,
    );
    await expectRefused(
      t.db,
      () =>
        createUser(
          { db: t.db, actor: { kind: "anonymous" } },
          { username, email: `${username}@x.test`, password: PASSWORD },
        ),
      403,
    );
  });
});

describe("signing in", () => {
  it("works with the username or the email, the email in any case", async () => {
    const user = await makeUser(t.db);
    expect(await authenticateUser(t.db, user.username, PASSWORD)).toEqual(user);
    expect(await authenticateUser(t.db, user.email, PASSWORD)).toEqual(user);
    expect(await authenticateUser(t.db, ` ${user.email.toUpperCase()} `, PASSWORD)).toEqual(user);
    expect(await authenticateUser(t.db, user.username.toUpperCase(), PASSWORD)).toEqual(user);
  });

  it("a wrong password, even in another case, answers null", async () => {
    const user = await makeUser(t.db);
    expect(await authenticateUser(t.db, user.username, "wrong password")).toBeNull();
    expect(await authenticateUser(t.db, user.email, PASSWORD.toUpperCase())).toBeNull();
    expect(await authenticateUser(t.db, user.username, "")).toBeNull();
  });

  it("an unknown username or email answers null, like a wrong password", async () => {
    expect(await authenticateUser(t.db, uniqueName("ghost"), PASSWORD)).toBeNull();
    expect(await authenticateUser(t.db, `${uniqueName("ghost")}@example.test`, PASSWORD)).toBeNull();
    expect(await authenticateUser(t.db, "   ", PASSWORD)).toBeNull();
  });

  it("a password over 200 characters is refused outright", async () => {
    const username = uniqueName("long");
    const long = "p".repeat(201);
    await expectRefused(
      t.db,
      () => createUser(t.system, { username, email: `${username}@example.test`, password: long }),
      400,
    );
    const user = await makeUser(t.db);
    expect(await authenticateUser(t.db, user.username, long)).toBeNull();
  });
});

describe("looking users up", () => {
  it("finds a user by username or by email in any case, and null for a stranger", async () => {
    const user = await makeUser(t.db);
    expect(await findUserByLogin(t.db, user.username)).toEqual(user);
    expect(await findUserByLogin(t.db, user.email.toUpperCase())).toEqual(user);
    expect(await findUserByLogin(t.db, uniqueName("ghost"))).toBeNull();
    await expect(requireUserByLogin(t.db, uniqueName("ghost"))).rejects.toMatchObject({ status: 404 });
    expect(await getUserById(t.db, user.id)).toEqual({ ...user, defaultTeamId: null });
    expect(await getUserById(t.db, "usr_nobody")).toBeNull();
  });
});
