import { request } from "node:https";
import { gunzipSync } from "node:zlib";

export interface HttpsAnswer {
  status: number;
  headers: Headers;
  /** The body as the client reads it (gunzipped when it came gzip). */
  text: string;
}

/**
 * One request over HTTPS, as `curl --cacert <ca> --compressed` sends it: the server's certificate
 * checked against `ca` (the stack's self-signed one), gzip asked for and undone.
 */
export function httpsCall(
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: string; ca: string },
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method, ca: options.ca, headers: { "accept-encoding": "gzip", ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
          }
          const gzipped = headers.get("content-encoding") === "gzip";
          resolve({ status: res.statusCode ?? 0, headers, text: (gzipped ? gunzipSync(raw) : raw).toString("utf8") });
        });
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}
