import { AwsError } from "../protocol/aws-error.ts";

export interface Page<T> {
  items: T[];
  truncated: boolean;
  nextMarker?: string;
}

const encode = (cursor: string) => Buffer.from(JSON.stringify({ v: 1, after: cursor })).toString("base64url");

function decode(marker: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(marker, "base64url").toString("utf8")) as { v?: unknown; after?: unknown };
    if (parsed.v === 1 && typeof parsed.after === "string") return parsed.after;
  } catch {
    // falls through to the refusal
  }
  throw new AwsError("InvalidMarkerException", "The request was rejected because the marker is not valid.");
}

/**
 * One page of `items` (in ascending `cursorOf` order) after `marker`. The marker is opaque, as AWS's
 * are, and names the last item answered, so a page is right even when items came or went between calls.
 */
export function page<T>(items: T[], cursorOf: (item: T) => string, limit: number, marker?: string): Page<T> {
  const after = marker === undefined ? undefined : decode(marker);
  const rest = after === undefined ? items : items.filter((item) => cursorOf(item) > after);
  const answered = rest.slice(0, limit);
  const last = answered.at(-1);
  const truncated = rest.length > answered.length && last !== undefined;
  return { items: answered, truncated, ...(truncated ? { nextMarker: encode(cursorOf(last)) } : {}) };
}

/** `{Truncated, NextMarker?}` as AWS answers them. */
export const pageFields = (p: Page<unknown>) => ({
  Truncated: p.truncated,
  ...(p.nextMarker !== undefined ? { NextMarker: p.nextMarker } : {}),
});
