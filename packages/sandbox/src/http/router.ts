/** What a route handler receives. */
export interface RouteContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
}

/** A route handler. */
export type RouteHandler = (ctx: RouteContext) => Response | Promise<Response>;

/** One route the sandbox serves, as its docs and the route fuzzer list it. */
export interface RouteSummary {
  /** HTTP method, upper case. */
  method: string;
  /** Path template; `:name` marks a parameter segment. */
  path: string;
}

/** What a route may do besides answering. */
export interface RouteOptions {
  /**
   * Whether the route can change state outside the engine (tokens, lockouts, settings), so the state
   * must be persisted after it. Default: every method but GET. Reads that poll (status, gettraninfo)
   * say false, so that polling never rewrites the state file; the engine reports its own changes.
   */
  mutates?: boolean;
  /**
   * The body limit, bytes, enforced while the body streams in. Default 1 MiB: SmartCA's own requests
   * are a few KB; whole-file signing, the PDF helper and eKYC uploads set more.
   */
  maxBodyBytes?: number;
}

/** What {@link Router.match} found. */
export type RouteMatch =
  | { handler: RouteHandler; params: Record<string, string>; mutates: boolean; maxBodyBytes: number | undefined }
  | { allowed: string[] }
  | { badSegment: string };

interface Route {
  method: string;
  path: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
  mutates: boolean;
  maxBodyBytes: number | undefined;
}

/** A small method + path router; `:name` segments become params. */
export class Router {
  readonly #routes: Route[] = [];

  /** Adds a route. `path` may contain `:name` segments. */
  on(method: string, path: string, handler: RouteHandler, options: RouteOptions = {}): this {
    const names: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.#routes.push({
      method,
      path,
      pattern: new RegExp(`^${source}$`),
      names,
      handler,
      mutates: options.mutates ?? method !== 'GET',
      maxBodyBytes: options.maxBodyBytes,
    });
    return this;
  }

  /** Every route, as method and path template (`:name` segments), in registration order. */
  list(): RouteSummary[] {
    return this.#routes.map((r) => ({ method: r.method, path: r.path }));
  }

  /**
   * The handler for a request; else `allowed` lists the methods that exist for the path, or
   * `badSegment` is a path segment whose %-escapes do not decode (a 400, not a crash).
   */
  match(method: string, pathname: string): RouteMatch {
    const allowed: string[] = [];
    for (const route of this.#routes) {
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      for (const [i, name] of route.names.entries()) {
        const raw = found[i + 1] ?? '';
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          return { badSegment: raw };
        }
      }
      return { handler: route.handler, params, mutates: route.mutates, maxBodyBytes: route.maxBodyBytes };
    }
    return { allowed };
  }
}
