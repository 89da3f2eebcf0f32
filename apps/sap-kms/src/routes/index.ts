import type { AdminRoute } from "../http/admin-route.ts";
import type { TenantRoute } from "../http/tenant-route.ts";
import { faultsAdd, faultsClear, faultsList, faultsRemove, faultsReplace } from "./admin/faults.ts";
import { keyFingerprint } from "./admin/fingerprint.ts";
import { groupsCreate } from "./admin/groups.ts";
import { keysBulkCreate } from "./admin/keys-bulk.ts";
import { requestsArrivals, requestsList, requestsReset } from "./admin/requests.ts";
import { tokensExpire } from "./admin/tokens.ts";
import { authRequest } from "./auth-request.ts";
import { cryptoUnwrap } from "./crypto-unwrap.ts";
import { groupsList } from "./groups-list.ts";
import { keysCreate } from "./keys-create.ts";
import { keysDelete } from "./keys-delete.ts";
import { keysGet } from "./keys-get.ts";
import { keysList } from "./keys-list.ts";
import { versionsCreate } from "./versions-create.ts";
import { versionsExport } from "./versions-export.ts";
import { versionsList } from "./versions-list.ts";
import { versionsPublicKey } from "./versions-public-key.ts";

/** The SAP KMS v2 routes, under `/kms/v2`. */
export const TENANT_ROUTES: TenantRoute[] = [
  authRequest,
  groupsList,
  keysCreate,
  keysList,
  keysGet,
  keysDelete,
  versionsCreate,
  versionsList,
  versionsPublicKey,
  versionsExport,
  cryptoUnwrap,
];

/** The simulator's own routes, under `/admin`. */
export const ADMIN_ROUTES: AdminRoute[] = [
  faultsList,
  faultsReplace,
  faultsAdd,
  faultsClear,
  faultsRemove,
  keyFingerprint,
  requestsList,
  requestsArrivals,
  requestsReset,
  tokensExpire,
  groupsCreate,
  keysBulkCreate,
];
