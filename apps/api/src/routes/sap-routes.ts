import * as addGroupsSchemas from "../handlers/groups/add-groups.ts";
import { addGroups } from "../handlers/groups/add-groups.ts";
import { getGroup } from "../handlers/groups/get-group.ts";
import * as getSapGroupsSchemas from "../handlers/groups/get-sap-groups.ts";
import { getSapGroups } from "../handlers/groups/get-sap-groups.ts";
import { groupResourceSchema } from "../handlers/groups/group-resource.ts";
import * as listGroupsSchemas from "../handlers/groups/list-groups.ts";
import { listGroups } from "../handlers/groups/list-groups.ts";
import { getJob } from "../handlers/jobs/get-job.ts";
import { jobEventSchema } from "../handlers/jobs/job-event-resource.ts";
import { jobEvents } from "../handlers/jobs/job-events.ts";
import { jobResourceSchema } from "../handlers/jobs/job-resource.ts";
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
import { keyResourceSchema } from "../handlers/keys/key-resource.ts";
import * as listKeysSchemas from "../handlers/keys/list-keys.ts";
import { listKeys } from "../handlers/keys/list-keys.ts";
import { cancelSyncJob } from "../handlers/sync/cancel-sync-job.ts";
import * as createSyncJobSchemas from "../handlers/sync/create-sync-job.ts";
import { createSyncJob } from "../handlers/sync/create-sync-job.ts";
import { getSyncJob } from "../handlers/sync/get-sync-job.ts";
import { SAP_SYNC_JOB_LIST } from "../handlers/sync/list-sync-jobs.ts";
import { SAP_SYNC_JOBS, syncResourceSchema } from "../handlers/sync/sync-resource.ts";
import * as addVersionSchemas from "../handlers/versions/add-version.ts";
import { addVersion } from "../handlers/versions/add-version.ts";
import { getVersion } from "../handlers/versions/get-version.ts";
import * as listVersionsSchemas from "../handlers/versions/list-versions.ts";
import { listVersions } from "../handlers/versions/list-versions.ts";
import { versionResourceSchema } from "../handlers/versions/version-resource.ts";
import { listOf } from "../http/list.ts";
import { listResources } from "../http/list-resources.ts";
import type { RouteDef } from "./route-def.ts";

const SYNC_JOBS = "/cckm/sap/synchronization-jobs";

/** The CCKM SAP area: synchronization, groups, keys, key jobs and key versions. Static paths come before parameterised ones. */
export const sapRoutes: RouteDef[] = [
  {
    method: "post",
    path: SYNC_JOBS,
    access: "write",
    summary: "Start a synchronization of groups and keys",
    body: createSyncJobSchemas.body,
    responses: { 201: syncResourceSchema },
    handler: (s) => createSyncJob(s.deps),
  },
  {
    method: "get",
    path: SYNC_JOBS,
    access: "read",
    summary: "List synchronization jobs",
    query: SAP_SYNC_JOB_LIST.query,
    responses: { 200: listOf(syncResourceSchema) },
    handler: (s) => listResources(s.deps, SAP_SYNC_JOB_LIST),
  },
  {
    method: "get",
    path: `${SYNC_JOBS}/:id`,
    access: "read",
    summary: "Get a synchronization job",
    responses: { 200: syncResourceSchema },
    handler: (s) => getSyncJob(s.deps, SAP_SYNC_JOBS),
  },
  {
    method: "post",
    path: `${SYNC_JOBS}/:id/cancel`,
    access: "write",
    summary: "Cancel a synchronization (abort: true; it stops before its next group and ends completed)",
    responses: { 200: syncResourceSchema },
    handler: (s) => cancelSyncJob(s.deps, SAP_SYNC_JOBS),
  },
  {
    method: "post",
    path: "/cckm/sap/get-groups",
    access: "read",
    summary: "List the groups of a connection's SAP tenant (SAP's own list; adds nothing)",
    body: getSapGroupsSchemas.body,
    responses: { 200: getSapGroupsSchemas.response },
    handler: (s) => getSapGroups(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/add-groups",
    access: "write",
    summary: "Add SAP groups (by SAP id) to the inventory, without their keys",
    body: addGroupsSchemas.body,
    responses: { 200: addGroupsSchemas.response },
    handler: (s) => addGroups(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/groups",
    access: "read",
    summary: "List SAP groups",
    query: listGroupsSchemas.query,
    responses: { 200: listOf(groupResourceSchema) },
    handler: (s) => listGroups(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/groups/:id",
    access: "read",
    summary: "Get a SAP group",
    responses: { 200: groupResourceSchema },
    handler: (s) => getGroup(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/jobs",
    access: "write",
    summary: "Submit a delete or restore job for a key",
    body: submitJobSchemas.body,
    responses: { 201: jobResourceSchema },
    handler: (s) => submitJob(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/jobs",
    access: "read",
    summary: "List jobs (the polling route; ETag/304); watch=true streams their state changes instead",
    query: listJobsSchemas.query,
    responses: { 200: listOf(jobResourceSchema), 304: null },
    eventStream: {
      data: jobEventSchema,
      description: "watch=true: `event: job` per state change from now on (or after Last-Event-ID); never ends",
    },
    handler: (s) => listJobs(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/jobs/:id/events",
    access: "read",
    summary: "A job's state changes as server-sent events (from PENDING, or after Last-Event-ID) until it ends",
    responses: { 200: null },
    eventStream: { data: jobEventSchema, description: "`event: job` per state change; ends after DONE or FAILED" },
    handler: (s) => jobEvents(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/jobs/:id",
    access: "read",
    summary: "Get a job (ETag/304)",
    responses: { 200: jobResourceSchema, 304: null },
    handler: (s) => getJob(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys",
    access: "write",
    summary: "Create a native key in a SAP group",
    body: createKeySchemas.body,
    responses: { 201: keyResourceSchema },
    handler: (s) => createKey(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys",
    access: "read",
    summary: "List SAP keys",
    query: listKeysSchemas.query,
    responses: { 200: listOf(keyResourceSchema) },
    handler: (s) => listKeys(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/:id",
    access: "read",
    summary: "Get a SAP key",
    responses: { 200: keyResourceSchema },
    handler: (s) => getKey(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/:id/delete-backup",
    access: "write",
    summary: "Drop the backup of a deleted key",
    responses: { 200: keyResourceSchema },
    handler: (s) => deleteBackup(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/:id/delete",
    access: "write",
    summary: "Delete a key from SAP and keep its backup (a delete job, waited for; 202 with the job on timeout)",
    responses: { 200: keyResourceSchema, 202: jobResourceSchema },
    handler: (s) => deleteKeyOnSap(s.deps),
  },
  {
    method: "delete",
    path: "/cckm/sap/keys/:id",
    access: "write",
    summary: "Destroy a key for good: on SAP, its versions, its backup and its inventory record (204)",
    responses: { 204: null },
    handler: (s) => destroyKey(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/:id/versions",
    access: "read",
    summary: "List a key's versions (from SAP)",
    query: listVersionsSchemas.query,
    responses: { 200: listOf(versionResourceSchema) },
    handler: (s) => listVersions(s.deps),
  },
  {
    method: "post",
    path: "/cckm/sap/keys/:id/versions",
    access: "write",
    summary: "Add a native version to a key on SAP (it becomes the primary one)",
    body: addVersionSchemas.body,
    responses: { 201: versionResourceSchema },
    handler: (s) => addVersion(s.deps),
  },
  {
    method: "get",
    path: "/cckm/sap/keys/:id/versions/:versionID",
    access: "read",
    summary: "Get a key version (by its id or its number)",
    responses: { 200: versionResourceSchema },
    handler: (s) => getVersion(s.deps),
  },
];
