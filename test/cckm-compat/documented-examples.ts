import type { Deviation, DocumentedExample } from "../support/example-compare.ts";

/**
 * CipherTrust's documented example responses for the SAP routes we serve, copied as the stored doc
 * pages print them (thalesdocs.com, "cckmapi" → "sap-apis"; values included), with what the
 * comparison (test/support/example-compare.ts) checks in each. Source ids and their pages are
 * listed in docs/cckm-compatibility.md §6.
 *
 * The stored pages stop about 3,000 characters in, so most examples are cut: `cut` says where, a
 * value cut mid-way is kept as far as it is shown and listed in `truncated`, a key cut mid-name is
 * left out. Nothing here is guessed: a field the docs do not show is not here.
 *
 * The examples are kept by route family in documented-examples/ (keys, groups, jobs); this file
 * collects them.
 *
 * Where two versions of a page show the same example, the one that shows more is used (the 2.14
 * pages print the JSON without indentation, so more of it fits).
 */
import { addGroupsAnswer, getGroupsAnswer, sapGroup } from "./documented-examples/groups.ts";
import { sapKeyJob, sapSyncJobCreate, sapSyncJobList } from "./documented-examples/jobs.ts";
import {
  sapKeyAfterDeleteBackup,
  sapKeyAfterDeleteOnSap,
  sapKeyCreate,
  sapKeyGet,
  sapKeyVersionAdd,
  sapKeyVersionGet,
} from "./documented-examples/keys.ts";

export const sapKey = { get: sapKeyGet, create: sapKeyCreate } as const;
export const sapKeyVersion = { add: sapKeyVersionAdd, get: sapKeyVersionGet } as const;
/** `list` is the list page as printed (the envelope and its first item). */
export const sapSyncJob = { create: sapSyncJobCreate, list: sapSyncJobList } as const;
export { addGroupsAnswer, getGroupsAnswer, sapGroup, sapKeyAfterDeleteBackup, sapKeyAfterDeleteOnSap, sapKeyJob };

/** Every example above, by a name of its own. */
export const documentedExamples: Readonly<Record<string, DocumentedExample>> = {
  "sapKey.get": sapKeyGet,
  "sapKey.create": sapKeyCreate,
  sapKeyAfterDeleteOnSap,
  sapKeyAfterDeleteBackup,
  "sapKeyVersion.add": sapKeyVersionAdd,
  "sapKeyVersion.get": sapKeyVersionGet,
  sapGroup,
  addGroupsAnswer,
  getGroupsAnswer,
  "sapSyncJob.create": sapSyncJobCreate,
  "sapSyncJob.list": sapSyncJobList,
  sapKeyJob,
};

/** The documented fields we deliberately do not follow, with the example each is in. */
export const deliberateDeviations: ReadonlyArray<Deviation & { example: string; source: string }> = Object.entries(
  documentedExamples,
).flatMap(([example, doc]) => doc.deviations.map((d) => ({ ...d, example, source: doc.source })));

/**
 * Answers of routes we serve for which no stored page shows an example response: nothing to
 * compare them with.
 */
export const undocumentedAnswers: readonly string[] = [
  "POST /api/v1/auth/tokens (the tokens pages document semantics only, D-TOKENS-213)",
  "GET /api/v1/cckm/sap/keys and GET /api/v1/cckm/sap/groups (the examples are cut before the first item, or empty)",
  'GET /api/v1/cckm/sap/keys/{id}/versions (D-VER-LIST: cut after "skip":)',
  "GET /api/v1/cckm/sap/keys/jobs, GET /api/v1/cckm/sap/keys/jobs/{id} (no page)",
  "GET /api/v1/cckm/sap/synchronization-jobs/{id}, POST …/{id}/cancel (no SAP page)",
  'DELETE /api/v1/cckm/sap/keys/{id} (D-KEY-DELETE-214 prints {"status": 204}; the route answers 204 with no body)',
  "/api/v1/connectionmgmt/services/sap-dc/… (no API-reference page) and /api/v1/usermgmt/users (not looked for)",
];
