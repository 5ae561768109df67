/**
 * Loopback plumbing for the fakes: start an HTTP server on 127.0.0.1 and route public host names to it through the
 * HTTP client passed in the command's context (PRODUCT.md §11.4). Outputs keep the public URLs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpFetch } from "../../src/adapters/http/fetch.js";

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  server: Server;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Starts a server on an ephemeral loopback port. Handler exceptions become 500 answers naming the error. */
export async function startLoopback(handler: Handler): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`fake server error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads a whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A fetch that sends requests for the given hosts (`api.github.com`, `pypi.org`, …) to loopback origins instead,
 * keeping path and query. The original host is passed in `x-forwarded-host` so one fake can serve several names.
 * Requests to any other non-loopback host are refused: tests never touch the internet.
 */
export function routeHosts(routes: Record<string, string>): HttpFetch {
  return async (url, init) => {
    const target = new URL(url);
    const origin = routes[target.host] ?? routes[target.hostname];
    if (origin === undefined) {
      if (target.hostname === "127.0.0.1" || target.hostname === "localhost") return fetch(url, init);
      throw new TypeError(`fetch failed: test routing has no fake for ${target.host}`);
    }
    const routed = new URL(target.pathname + target.search, origin);
    const headers = new Headers(init?.headers);
    headers.set("x-forwarded-host", target.host);
    headers.set("x-forwarded-proto", target.protocol.replace(":", ""));
    return fetch(routed, { ...init, headers });
  };
}

/** Combines several routing tables into one fetch. */
export function mergeRoutes(...tables: Record<string, string>[]): HttpFetch {
  return routeHosts(Object.assign({}, ...tables));
}
