import { type Db, orderByOf, type Page, Prisma } from "@cckm/db";
import { AuthError } from "./errors.ts";
import { hashPassword } from "./password.ts";
import { sessionCache } from "./session-cache.ts";

/** A user as it is shown: never the password hash. */
export const USER_VIEW = {
  id: true,
  username: true,
  nickname: true,
  email: true,
  groups: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.UserSelect;

/** The one row type of a shown user (Prisma's, from USER_VIEW). */
export type UserView = Prisma.UserGetPayload<{ select: typeof USER_VIEW }>;

/** Which users a list holds: by exact username, or those in a group. */
export interface UserFilter {
  username?: string | undefined;
  group?: string | undefined;
}

export type UserSortField = "createdAt" | "updatedAt" | "username";

function userWhere(f: UserFilter): Prisma.UserWhereInput {
  return {
    ...(f.username ? { username: f.username } : {}),
    ...(f.group ? { groups: { has: f.group } } : {}),
  };
}

/** How many users match. */
export async function countUsers(db: Db, filter: UserFilter): Promise<number> {
  return db.user.count({ where: userWhere(filter) });
}

/** One page of the users that match; oldest first unless sorted. */
export async function listUsers(db: Db, filter: UserFilter, page: Page<UserSortField>): Promise<UserView[]> {
  return db.user.findMany({
    where: userWhere(filter),
    select: USER_VIEW,
    orderBy: orderByOf(page.sort, "createdAt") as Prisma.UserOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}

/** The user with this id, as shown; null when there is none. */
export async function findUser(db: Db, id: string): Promise<UserView | null> {
  return db.user.findUnique({ where: { id }, select: USER_VIEW });
}

/** The user with this username and the hash to check a password against (sign-in only); null when none. */
export async function findUserForSignIn(db: Db, username: string) {
  return db.user.findUnique({
    where: { username },
    select: { id: true, username: true, groups: true, passwordHash: true },
  });
}

export interface NewUser {
  username: string;
  password: string;
  email?: string | undefined;
  nickname?: string | undefined;
  groups: readonly string[];
}

/** Creates a user (the password stored as its scrypt hash); a username taken is USERNAME_TAKEN. */
export async function createUser(db: Db, input: NewUser): Promise<UserView> {
  try {
    return await db.user.create({
      data: {
        username: input.username,
        passwordHash: await hashPassword(input.password),
        email: input.email ?? null,
        nickname: input.nickname ?? null,
        groups: [...new Set(input.groups)],
      },
      select: USER_VIEW,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AuthError("USERNAME_TAKEN", `user ${input.username} already exists`);
    }
    throw error;
  }
}

/** Deletes a user and, with them, their sessions (one statement; a user gone already counts as deleted). */
export async function deleteUser(db: Db, id: string): Promise<void> {
  await db.user.deleteMany({ where: { id } });
  sessionCache.forgetUser(id);
}
