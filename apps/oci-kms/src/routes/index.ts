import type { AdminRoute } from "../http/admin-route.ts";
import type { OciRoute } from "../http/oci-route.ts";
import { faultsAdd, faultsClear, faultsList, faultsRemove, faultsReplace } from "./admin/faults.ts";
import { settleAll, versionFingerprint } from "./admin/keys.ts";
import { requestsList, requestsReset } from "./admin/requests.ts";
import { tenanciesCreate, tenanciesList, vaultsCreate } from "./admin/tenancies.ts";
import { keysCancelDeletion, keysDisable, keysEnable, keysScheduleDeletion } from "./keys-actions.ts";
import { keysCreate } from "./keys-create.ts";
import { keysGet, keysList } from "./keys-read.ts";
import { keysUpdate } from "./keys-update.ts";
import { vaultsGet, vaultsList } from "./vaults.ts";
import { versionsCreate, versionsImport } from "./versions-create.ts";
import { versionsGet, versionsList } from "./versions-read.ts";
import { wrappingKeyGet } from "./wrapping-key.ts";

/** OCI's KMS routes: the region's vault endpoint and each vault's management endpoint. */
export const OCI_ROUTES: OciRoute[] = [
  vaultsList,
  vaultsGet,
  keysList,
  keysCreate,
  keysGet,
  keysUpdate,
  keysScheduleDeletion,
  keysCancelDeletion,
  keysEnable,
  keysDisable,
  versionsList,
  versionsCreate,
  versionsImport,
  versionsGet,
  wrappingKeyGet,
];

/** The simulator's own routes, under `/admin`. */
export const ADMIN_ROUTES: AdminRoute[] = [
  faultsList,
  faultsReplace,
  faultsAdd,
  faultsClear,
  faultsRemove,
  requestsList,
  requestsReset,
  versionFingerprint,
  settleAll,
  tenanciesList,
  tenanciesCreate,
  vaultsCreate,
];
