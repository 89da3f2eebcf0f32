import { awsProvider } from "./aws/aws-provider.ts";
import { ociProvider } from "./oci/oci-provider.ts";
import { sapProvider } from "./sap/sap-provider.ts";

/** The clouds this service orchestrates, each one provider of the shared mechanisms (packages/jobs makes a sync kind of each). */
export const CLOUD_PROVIDERS = [sapProvider, awsProvider, ociProvider] as const;
