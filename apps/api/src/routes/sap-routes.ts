import * as addGroupsSchemas from "../handlers/groups/add-groups.ts";
import { addGroups } from "../handlers/groups/add-groups.ts";
import { getGroup } from "../handlers/groups/get-group.ts";
import * as getSapGroupsSchemas from "../handlers/groups/get-sap-groups.ts";
import { getSapGroups } from "../handlers/groups/get-sap-groups.ts";
import * as listGroupsSchemas from "../handlers/groups/list-groups.ts";
import { listGroups } from "../handlers/groups/list-groups.ts";
import { getJob } from "../handlers/jobs/get-job.ts";
import * as listJobsSchemas from "../handlers/jobs/list-jobs.ts";
import { listJobs } from "../handlers/jobs/list-jobs.ts";
import * as submitJobSchemas from "../handlers/jobs/submit-job.ts";
import { submitJob } from "../handlers/jobs/submit-job.ts";
import * as createKeySchemas from "../handlers/keys/create-key.ts";
import { createKey } from "../handlers/keys/create-key.ts";
import { deleteBackup } from "../handlers/keys/delete-backup.ts";
import { deleteKeyOnSap } from "../handlers/keys/delete-key-on-sap.ts";
import { destroyKey } from "../handlers/keys/destroy-key.ts";
import { getKey } from "../handlers/keys/get-key.ts";
import * as listKeysSchemas from "../handlers/keys/list-keys.ts";
import { listKeys } from "../handlers/keys/list-keys.ts";
import { cancelSyncJob } from "../handlers/sync/cancel-sync-job.ts";
import * as createSyncJobSchemas from "../handlers/sync/create-sync-job.ts";
import { createSyncJob } from "../handlers/sync/create-sync-job.ts";
import { getSyncJob } from "../handlers/sync/get-sync-job.ts";
import * as listSyncJobsSchemas from "../handlers/sync/list-sync-jobs.ts";
import { listSyncJobs } from "../handlers/sync/list-sync-jobs.ts";
import * as addVersionSchemas from "../handlers/versions/add-version.ts";
import { addVersion } from "../handlers/versions/add-version.ts";
import { getVersion } from "../handlers/versions/get-version.ts";
import * as listVersionsSchemas from "../handlers/versions/list-versions.ts";
import { listVersions } from "../handlers/versions/list-versions.ts";
import type { RouteDef } from "../routes.ts";

const SYNC_JOBS = "/cckm/sap/synchronization-jobs";

/** The CCKM SAP area: synchronization, groups, keys, key jobs and key versions. Static paths come before parameterised ones. */
export const sapRoutes: RouteDef[] = [
  {
    method: "post",
    path: SYNC_JOBS,
    access: "write",
    summary: "Start a synchronization of groups and keys",
    body: createSyncJobSchemas.body,
    handler: (s) => createSyncJob(s.deps),
  },
  {
    method: "get",
    path: SYNC_JOBS,
    access: "read",
    summary: "List synchronization jobs",
    query: listSyncJobsSchemas.query,
    handler: (s) => listSyncJobs(s.deps),
  },
  {
    method: "get",
    path: `${SYNC_JOBS}/:id`,
    access: "read",
    summary: "Get a synchronization job",
    handler: (s) => getSyncJob(s.deps),
  },
  {
    method: "post",
    path: `${SYNC_JOBS}/:id/cancel`,
    access: "write",
    summary: "Cancel a synchronization (abort: true; it stops before its next group and ends completed)",
    handler: (s) => cancelSyncJob(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/get-groups",
    access: "read",
    summary: "List the groups of a connection's SAP tenant (SAP's own list; adds nothing)",
    body: getSapGroupsSchemas.body,
    handler: (s) => getSapGroups(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/add-groups",
    access: "write",
    summary: "Add SAP groups (by SAP id) to the inventory, without their keys",
    body: addGroupsSchemas.body,
    handler: (s) => addGroups(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/groups",
    access: "read",
    summary: "List SAP groups",
    query: listGroupsSchemas.query,
    handler: (s) => listGroups(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/groups/:id",
    access: "read",
    summary: "Get a SAP group",
    handler: (s) => getGroup(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/jobs",
    access: "write",
    summary: "Submit a delete or restore job for a key",
    body: submitJobSchemas.body,
    handler: (s) => submitJob(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/jobs",
    access: "read",
    summary: "List jobs (the polling route; ETag/304)",
    query: listJobsSchemas.query,
    handler: (s) => listJobs(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/jobs/:id",
    access: "read",
    summary: "Get a job (ETag/304)",
    handler: (s) => getJob(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys",
    access: "write",
    summary: "Create a native key in a SAP group",
    body: createKeySchemas.body,
    handler: (s) => createKey(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys",
    access: "read",
    summary: "List SAP keys",
    query: listKeysSchemas.query,
    handler: (s) => listKeys(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/:id",
    access: "read",
    summary: "Get a SAP key",
    handler: (s) => getKey(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/:id/delete-backup",
    access: "write",
    summary: "Drop the backup of a deleted key",
    handler: (s) => deleteBackup(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/:id/delete",
    access: "write",
    summary: "Delete a key from SAP and keep its backup (a delete job, waited for; 202 with the job on timeout)",
    handler: (s) => deleteKeyOnSap(s.deps),
  },
  {
    method: "delete",
    path: "/cckm/sap/keys/:id",
    access: "write",
    summary: "Destroy a key for good: on SAP, its versions, its backup and its inventory record (204)",
    handler: (s) => destroyKey(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/:id/versions",
    access: "read",
    summary: "List a key's versions (from SAP)",
    query: listVersionsSchemas.query,
    handler: (s) => listVersions(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/:id/versions",
    access: "write",
    summary: "Add a native version to a key on SAP (it becomes the primary one)",
    body: addVersionSchemas.body,
    handler: (s) => addVersion(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/:id/versions/:versionID",
    access: "read",
    summary: "Get a key version (by its id or its number)",
    handler: (s) => getVersion(s.deps),
  },
];
