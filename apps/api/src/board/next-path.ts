export const BOARD_PATH = "/admin/queues";
export const LOGIN_PATH = "/admin/login";

// Only board pages: a path under /admin/queues of plain URL characters, no `//`, no backslash, no scheme.
const SAFE_NEXT = /^\/admin\/queues(?:[/?][A-Za-z0-9\-._~%/?&=+:@]*)?$/;

/** Where to go after signing in: the page asked for when it is a board page, else the board (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === "string" && next.length <= 512 && SAFE_NEXT.test(next) && !next.includes("//")
    ? next
    : BOARD_PATH;
}

/** The login page's address, remembering the page asked for. */
export function loginUrl(next: string): string {
  const target = safeNext(next);
  return target === BOARD_PATH ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(target)}`;
}
