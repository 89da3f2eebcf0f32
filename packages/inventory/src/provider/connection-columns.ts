/**
 * The columns every cloud's connection table has besides its credentials: what CipherTrust answers
 * for any connection (name, description, meta, labels, the last test's outcome) and the timestamps.
 * Each cloud's view adds its own fields; none shows the sealed secret.
 */
export const CONNECTION_COLUMNS = {
  id: true,
  name: true,
  description: true,
  meta: true,
  labels: true,
  lastTestedAt: true,
  lastTestOk: true,
  lastTestError: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** A connection test's outcome as every connection table records it (the error only when it failed). */
export function testOutcomeColumns(outcome: { ok: boolean; error: string | null }) {
  return { lastTestedAt: new Date(), lastTestOk: outcome.ok, lastTestError: outcome.ok ? null : outcome.error };
}
