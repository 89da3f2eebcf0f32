import { z } from "zod";

/** `true` / `false` in a query string. */
export const queryBoolean = z.enum(["true", "false"]).transform((v) => v === "true");
