export const API_PREFIX = "/api/v1";
export const BODY_LIMIT = "64kb";
