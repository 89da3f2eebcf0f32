import { models, requests } from "oci-keymanagement";

/** Our string unions to the SDK's enums (the same strings, typed as the SDK wants them). */
export const ALGORITHM = {
  AES: models.KeyShape.Algorithm.Aes,
  RSA: models.KeyShape.Algorithm.Rsa,
  ECDSA: models.KeyShape.Algorithm.Ecdsa,
};
export const CURVE = {
  NIST_P256: models.KeyShape.CurveId.NistP256,
  NIST_P384: models.KeyShape.CurveId.NistP384,
  NIST_P521: models.KeyShape.CurveId.NistP521,
};
export const PROTECTION = {
  SOFTWARE: models.CreateKeyDetails.ProtectionMode.Software,
  HSM: models.CreateKeyDetails.ProtectionMode.Hsm,
};
export const LIST_ALGORITHM = {
  AES: requests.ListKeysRequest.Algorithm.Aes,
  RSA: requests.ListKeysRequest.Algorithm.Rsa,
  ECDSA: requests.ListKeysRequest.Algorithm.Ecdsa,
};
export const LIST_PROTECTION = {
  SOFTWARE: requests.ListKeysRequest.ProtectionMode.Software,
  HSM: requests.ListKeysRequest.ProtectionMode.Hsm,
};
export const WRAPPING = {
  RSA_OAEP_SHA256: models.WrappedImportKey.WrappingAlgorithm.RsaOaepSha256,
  RSA_OAEP_AES_SHA256: models.WrappedImportKey.WrappingAlgorithm.RsaOaepAesSha256,
};
