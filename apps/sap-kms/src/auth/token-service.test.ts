import { describe, expect, it } from "vitest";
import { TokenService } from "./token-service.ts";

describe("token service", () => {
  it("issues JWT-shaped tokens that expire after the TTL", () => {
    let now = 1_000_000;
    const tokens = new TokenService(60, () => now);
    const { token, claims } = tokens.issue("user-1", "tenant-1");
    expect(token.split(".")).toHaveLength(3);
    expect(claims.exp - claims.iat).toBe(60);
    expect(tokens.verify(token)).toMatchObject({ sub: "user-1", tenant: "tenant-1" });
    now += 59_999;
    expect(tokens.verify(token)).not.toBe("expired");
    now += 1;
    expect(tokens.verify(token)).toBe("expired");
  });

  it("refuses changed, foreign and garbage tokens, and expires all on demand", () => {
    const tokens = new TokenService(60);
    const { token } = tokens.issue("user-1", "tenant-1");
    const [h, p, s] = token.split(".") as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ sub: "admin", exp: 9e9, jti: "x" })).toString("base64url");
    expect(tokens.verify(`${h}.${forged}.${s}`)).toBe("invalid");
    expect(tokens.verify(new TokenService(60).issue("user-1", "t").token)).toBe("invalid");
    expect(tokens.verify("garbage")).toBe("invalid");
    expect(tokens.verify(`${h}.${p}.${s}`)).not.toBe("invalid");
    expect(tokens.expireAll()).toBe(1);
    expect(tokens.verify(token)).toBe("expired");
  });
});
