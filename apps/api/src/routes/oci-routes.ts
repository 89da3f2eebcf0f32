import { createConnection } from "../handlers/connections/create-connection.ts";
import { deleteConnection } from "../handlers/connections/delete-connection.ts";
import { getConnection } from "../handlers/connections/get-connection.ts";
import { testConnection } from "../handlers/connections/test-connection.ts";
import { testConnectionParameters } from "../handlers/connections/test-connection-parameters.ts";
import { updateConnection } from "../handlers/connections/update-connection.ts";
import { OCI_CONNECTION_CREATE } from "../handlers/oci/connections/create-oci-connection.ts";
import { OCI_CONNECTION_LIST } from "../handlers/oci/connections/list-oci-connections.ts";
import { ociConnectionResourceSchema } from "../handlers/oci/connections/oci-connection-resource.ts";
import { OCI_CONNECTIONS } from "../handlers/oci/connections/oci-connections.ts";
import { ociProbeOutcome } from "../handlers/oci/connections/probe-oci.ts";
import { OCI_CONNECTION_PARAMETERS } from "../handlers/oci/connections/test-oci-parameters.ts";
import { OCI_CONNECTION_PATCH } from "../handlers/oci/connections/update-oci-connection.ts";
import { cancelDeletionOciKey } from "../handlers/oci/keys/cancel-deletion-oci-key.ts";
import * as createKey from "../handlers/oci/keys/create-oci-key.ts";
import { disableOciKey } from "../handlers/oci/keys/disable-oci-key.ts";
import { enableOciKey } from "../handlers/oci/keys/enable-oci-key.ts";
import { getOciKey } from "../handlers/oci/keys/get-oci-key.ts";
import * as listKeys from "../handlers/oci/keys/list-oci-keys.ts";
import { ociKeyResourceSchema } from "../handlers/oci/keys/oci-key-resource.ts";
import { refreshOciKey } from "../handlers/oci/keys/refresh-oci-key.ts";
import * as scheduleDeletion from "../handlers/oci/keys/schedule-deletion-oci-key.ts";
import * as updateKey from "../handlers/oci/keys/update-oci-key.ts";
import * as createSync from "../handlers/oci/sync/create-oci-sync-job.ts";
import { OCI_SYNC_JOB_LIST } from "../handlers/oci/sync/list-oci-sync-jobs.ts";
import { OCI_SYNC_JOBS, ociSyncResourceSchema } from "../handlers/oci/sync/oci-sync-resource.ts";
import * as addVaults from "../handlers/oci/vaults/add-oci-vaults.ts";
import { deleteOciVault } from "../handlers/oci/vaults/delete-oci-vault.ts";
import { getOciVault } from "../handlers/oci/vaults/get-oci-vault.ts";
import * as getVaults from "../handlers/oci/vaults/get-oci-vaults.ts";
import * as listVaults from "../handlers/oci/vaults/list-oci-vaults.ts";
import { ociVaultResourceSchema } from "../handlers/oci/vaults/oci-vault-resource.ts";
import * as updateVault from "../handlers/oci/vaults/update-oci-vault.ts";
import * as addVersion from "../handlers/oci/versions/add-oci-version.ts";
import { getOciVersion } from "../handlers/oci/versions/get-oci-version.ts";
import * as listVersions from "../handlers/oci/versions/list-oci-versions.ts";
import { ociVersionResourceSchema } from "../handlers/oci/versions/oci-version-resource.ts";
import { cancelSyncJob } from "../handlers/sync/cancel-sync-job.ts";
import { getSyncJob } from "../handlers/sync/get-sync-job.ts";
import { listOf } from "../http/list.ts";
import { listResources } from "../http/list-resources.ts";
import type { RouteDef } from "./route-def.ts";

const CONNECTIONS = "/connectionmgmt/services/oci/connections";
const SYNC_JOBS = "/cckm/oci/synchronization-jobs";
const KEYS = "/cckm/oci/keys";

const keyAction = (path: string, summary: string, handler: RouteDef["handler"]): RouteDef => ({
  method: "post",
  path: `${KEYS}/:id/${path}`,
  access: "write",
  summary,
  responses: { 200: ociKeyResourceSchema },
  handler,
});

/** OCI connections (connection management). */
const ociConnectionRoutes: RouteDef[] = [
  {
    method: "post",
    path: CONNECTIONS,
    access: "write",
    summary: "Create an OCI connection (the private key is sealed, never returned)",
    body: OCI_CONNECTION_CREATE.body,
    responses: { 201: ociConnectionResourceSchema },
    handler: (s) => createConnection(s.deps, OCI_CONNECTION_CREATE),
  },
  {
    method: "get",
    path: CONNECTIONS,
    access: "read",
    summary: "List OCI connections",
    query: OCI_CONNECTION_LIST.query,
    responses: { 200: listOf(ociConnectionResourceSchema) },
    handler: (s) => listResources(s.deps, OCI_CONNECTION_LIST),
  },
  {
    method: "get",
    path: `${CONNECTIONS}/:id`,
    access: "read",
    summary: "Get an OCI connection",
    responses: { 200: ociConnectionResourceSchema },
    handler: (s) => getConnection(s.deps, OCI_CONNECTIONS),
  },
  {
    method: "patch",
    path: `${CONNECTIONS}/:id`,
    access: "write",
    summary: "Update an OCI connection",
    body: OCI_CONNECTION_PATCH.body,
    responses: { 200: ociConnectionResourceSchema },
    handler: (s) => updateConnection(s.deps, OCI_CONNECTION_PATCH),
  },
  {
    method: "delete",
    path: `${CONNECTIONS}/:id`,
    access: "write",
    summary: "Delete an OCI connection (no vault may depend on it)",
    responses: { 204: null },
    handler: (s) => deleteConnection(s.deps, OCI_CONNECTIONS),
  },
  {
    method: "post",
    path: `${CONNECTIONS}/:id/test`,
    access: "write",
    summary: "Test an OCI connection (a signed call listing the tenancy's vaults)",
    responses: { 200: ociProbeOutcome },
    handler: (s) => testConnection(s.deps, OCI_CONNECTIONS),
  },
  {
    method: "post",
    path: "/connectionmgmt/services/oci/connection-test",
    access: "write",
    summary: "Test OCI connection parameters before creating the connection (persists nothing)",
    body: OCI_CONNECTION_PARAMETERS.body,
    responses: { 200: ociProbeOutcome },
    handler: (s) => testConnectionParameters(s.deps, OCI_CONNECTION_PARAMETERS),
  },
];

/** The CCKM OCI area: vaults, synchronization, keys and key versions. Static paths before parameterised ones. */
export const ociRoutes: RouteDef[] = [
  ...ociConnectionRoutes,
  {
    method: "post",
    path: "/cckm/oci/get-vaults",
    access: "read",
    summary: "List the vaults OCI has in a compartment (OCI's own list; adds nothing)",
    body: getVaults.body,
    responses: { 200: getVaults.response },
    handler: (s) => getVaults.getOciVaults(s.deps),
  },
  {
    method: "post",
    path: "/cckm/oci/add-vaults",
    access: "write",
    summary: "Add OCI vaults (by OCID) to the inventory, without their keys",
    body: addVaults.body,
    responses: { 200: addVaults.response },
    handler: (s) => addVaults.addOciVaults(s.deps),
  },
  {
    method: "get",
    path: "/cckm/oci/vaults",
    access: "read",
    summary: "List OCI vaults",
    query: listVaults.query,
    responses: { 200: listOf(ociVaultResourceSchema) },
    handler: (s) => listVaults.listOciVaults(s.deps),
  },
  {
    method: "get",
    path: "/cckm/oci/vaults/:id",
    access: "read",
    summary: "Get an OCI vault",
    responses: { 200: ociVaultResourceSchema },
    handler: (s) => getOciVault(s.deps),
  },
  {
    method: "patch",
    path: "/cckm/oci/vaults/:id",
    access: "write",
    summary: "Change the connection an OCI vault is reached through",
    body: updateVault.body,
    responses: { 200: ociVaultResourceSchema },
    handler: (s) => updateVault.updateOciVault(s.deps),
  },
  {
    method: "delete",
    path: "/cckm/oci/vaults/:id",
    access: "write",
    summary: "Remove an OCI vault and its keys from the inventory (nothing changes on OCI)",
    responses: { 204: null },
    handler: (s) => deleteOciVault(s.deps),
  },
  {
    method: "post",
    path: SYNC_JOBS,
    access: "write",
    summary: "Start a synchronization of OCI vaults (keys and versions)",
    body: createSync.body,
    responses: { 201: ociSyncResourceSchema },
    handler: (s) => createSync.createOciSyncJob(s.deps),
  },
  {
    method: "get",
    path: SYNC_JOBS,
    access: "read",
    summary: "List OCI synchronization jobs",
    query: OCI_SYNC_JOB_LIST.query,
    responses: { 200: listOf(ociSyncResourceSchema) },
    handler: (s) => listResources(s.deps, OCI_SYNC_JOB_LIST),
  },
  {
    method: "get",
    path: `${SYNC_JOBS}/:id`,
    access: "read",
    summary: "Get an OCI synchronization job",
    responses: { 200: ociSyncResourceSchema },
    handler: (s) => getSyncJob(s.deps, OCI_SYNC_JOBS),
  },
  {
    method: "post",
    path: `${SYNC_JOBS}/:id/cancel`,
    access: "write",
    summary: "Cancel an OCI synchronization (it stops before its next vault)",
    responses: { 200: ociSyncResourceSchema },
    handler: (s) => cancelSyncJob(s.deps, OCI_SYNC_JOBS),
  },
  {
    method: "post",
    path: KEYS,
    access: "write",
    summary: "Create a key on OCI in a vault of the inventory (answers CREATING)",
    body: createKey.body,
    responses: { 201: ociKeyResourceSchema },
    handler: (s) => createKey.createOciKey(s.deps),
  },
  {
    method: "get",
    path: KEYS,
    access: "read",
    summary: "List OCI keys",
    query: listKeys.query,
    responses: { 200: listOf(ociKeyResourceSchema) },
    handler: (s) => listKeys.listOciKeys(s.deps),
  },
  {
    method: "get",
    path: `${KEYS}/:id`,
    access: "read",
    summary: "Get an OCI key",
    responses: { 200: ociKeyResourceSchema },
    handler: (s) => getOciKey(s.deps),
  },
  {
    method: "patch",
    path: `${KEYS}/:id`,
    access: "write",
    summary: "Change an OCI key's display name or tags",
    body: updateKey.body,
    responses: { 200: ociKeyResourceSchema },
    handler: (s) => updateKey.updateOciKey(s.deps),
  },
  {
    ...keyAction("schedule-deletion", "Schedule an OCI key's deletion (days: 7 to 30)", (s) =>
      scheduleDeletion.scheduleDeletionOciKey(s.deps),
    ),
    body: scheduleDeletion.body,
  },
  keyAction("cancel-deletion", "Cancel an OCI key's deletion (answers CANCELLING_DELETION)", (s) =>
    cancelDeletionOciKey(s.deps),
  ),
  keyAction("enable", "Enable an OCI key (answers ENABLING)", (s) => enableOciKey(s.deps)),
  keyAction("disable", "Disable an OCI key (answers DISABLING)", (s) => disableOciKey(s.deps)),
  keyAction("refresh", "Re-read an OCI key and its versions from OCI", (s) => refreshOciKey(s.deps)),
  {
    method: "get",
    path: `${KEYS}/:id/versions`,
    access: "read",
    summary: "List an OCI key's versions",
    query: listVersions.query,
    responses: { 200: listOf(ociVersionResourceSchema) },
    handler: (s) => listVersions.listOciVersions(s.deps),
  },
  {
    method: "post",
    path: `${KEYS}/:id/versions`,
    access: "write",
    summary: "Add a version to an OCI key, native or uploaded from a local key (answers CREATING)",
    body: addVersion.body,
    responses: { 201: ociVersionResourceSchema },
    handler: (s) => addVersion.addOciVersion(s.deps),
  },
  {
    method: "get",
    path: `${KEYS}/:id/versions/:versionID`,
    access: "read",
    summary: "Get an OCI key version (by its id or OCID)",
    responses: { 200: ociVersionResourceSchema },
    handler: (s) => getOciVersion(s.deps),
  },
];
