import { awsProvider } from "@cckm/inventory";
import { KIND } from "../../http/resource.ts";

/** The `uri` kinds of the AWS area, spelled as CipherTrust spells them (its own from its provider). */
export const AWS_KIND = {
  connection: KIND.connection,
  kms: awsProvider.containers.uriKind,
  key: awsProvider.keys.uriKind,
  sync: KIND.sync,
} as const;
