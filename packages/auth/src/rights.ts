/** What a request needs: `read` (GET), `write` (anything that changes state), `admin` (users, audit). */
export type Right = "read" | "write" | "admin";

/** CipherTrust group names and what they grant. */
export const GROUP_RIGHTS: Record<string, readonly Right[]> = {
  admin: ["read", "write", "admin"],
  "CCKM Admins": ["read", "write", "admin"],
  "CCKM Users": ["read"],
};

export const KNOWN_GROUPS = Object.keys(GROUP_RIGHTS);

export function hasRight(groups: readonly string[], right: Right): boolean {
  return groups.some((g) => GROUP_RIGHTS[g]?.includes(right));
}
