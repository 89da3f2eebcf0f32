import { accountRoutes } from "./routes/account-routes.ts";
import { awsConnectionRoutes } from "./routes/aws-connection-routes.ts";
import { awsRoutes } from "./routes/aws-routes.ts";
import { connectionRoutes } from "./routes/connection-routes.ts";
import { localKeyRoutes } from "./routes/local-key-routes.ts";
import { ociRoutes } from "./routes/oci-routes.ts";
import type { RouteDef } from "./routes/route-def.ts";
import { sapRoutes } from "./routes/sap-routes.ts";

export type { RouteDef, RouteServices } from "./routes/route-def.ts";

export const apiRoutes: RouteDef[] = [
  ...accountRoutes,
  ...connectionRoutes,
  ...sapRoutes,
  ...awsConnectionRoutes,
  ...awsRoutes,
  ...ociRoutes,
  ...localKeyRoutes,
];
