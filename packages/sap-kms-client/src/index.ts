export { type Page, SapKmsApi } from "./api.ts";
export {
  type ExportedKeyMaterial,
  IMPORT_KEY_NAME,
  type ImportKeyRef,
  type KeyMaterial,
  SapKmsClient,
} from "./client.ts";
export {
  type AddressKind,
  addressKind,
  describeRefusal,
  EndpointForbiddenError,
  EndpointPolicy,
  type EndpointRefusal,
} from "./endpoint-policy.ts";
export { parseRetryAfter, SAP_KMS_ERROR_CODES, SapKmsError, type SapKmsErrorCode } from "./errors.ts";
export {
  createExportWrappingKey,
  ECDH_EXPORT_INFO,
  EXPORT_ALGORITHMS,
  type ExportAlgorithm,
  type ExportWrappingKey,
  exportAad,
  openExport,
} from "./export-wrapping.ts";
export { type HttpAnswer, httpRequest } from "./http.ts";
export { unwrapRsaAes, wrapMaterial } from "./key-wrapping.ts";
export { eqFilter, odataString } from "./odata.ts";
export type {
  ExportedVersion,
  Group,
  Key,
  Keystore,
  KeyType,
  KeyVersion,
  NewKey,
  UnwrapRequest,
  WrappingAlgorithm,
} from "./schemas.ts";
export { groupSchema } from "./schemas.ts";
export type { SapCallThrottle, SapKmsClientConfig, SapKmsLogger } from "./transport.ts";
