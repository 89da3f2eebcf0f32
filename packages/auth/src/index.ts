export { ADMIN_GROUPS, ADMIN_USERNAME, ensureAdminUser } from "./admin-user.ts";
export { hashPassword, verifyPassword } from "./password.ts";
