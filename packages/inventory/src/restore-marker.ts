/**
 * The restore procedure writes this into the description of the key it re-creates, so a retried
 * restore finds its half-done key, and synchronization leaves such keys to the job.
 */
export const RESTORE_MARKER_PREFIX = "cckm-restore-job:";

export const restoreMarker = (jobId: string) => `${RESTORE_MARKER_PREFIX}${jobId}`;

export const hasRestoreMarker = (description: string | undefined | null) =>
  (description ?? "").includes(RESTORE_MARKER_PREFIX);
