import type { RequestHandler } from "express";
import { ApiError } from "./errors.ts";

/** Whether any string (key or value) inside `value` holds a NUL character. Iterative: depth is no risk. */
export function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "string") {
      if (item.includes("\u0000")) return true;
    } else if (item && typeof item === "object") {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes("\u0000")) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/**
 * Postgres text cannot hold U+0000, so such input would fail deep in a query: refuse it at the
 * edge, for every route, in the query string and the body alike.
 */
export const rejectNul: RequestHandler = (req, _res, next) => {
  if (containsNul(req.query) || containsNul(req.body)) throw new ApiError(400, "input must not contain NUL characters");
  next();
};
