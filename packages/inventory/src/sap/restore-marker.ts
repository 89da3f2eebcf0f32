/**
 * Restores made before issue 12 appended `[cckm-restore-job:<uuid>]` to the description of the key they
 * re-created (SAP has no route to take it out again). Restores no longer mark anything; these helpers
 * keep the old markers out of what users see and out of the description a restore writes.
 */
const LEGACY_MARKERS = /\s*\[cckm-restore-job:[0-9a-f-]{36}\]/gi;

/** The description without old restore markers; null when nothing else is left. */
export function withoutRestoreMarkers(description: string | null | undefined): string | null {
  if (description === null || description === undefined) return null;
  const clean = description.replace(LEGACY_MARKERS, "");
  return clean === "" ? null : clean;
}
