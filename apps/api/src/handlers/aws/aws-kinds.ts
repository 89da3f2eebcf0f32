/** The `uri` kinds of the AWS area, spelled as CipherTrust spells them. */
export const AWS_KIND = {
  connection: "connectionmgmt:connections",
  kms: "cckm:aws-kms",
  key: "cckm:aws-key",
  sync: "cckm:synchronize",
} as const;
