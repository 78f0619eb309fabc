// oidc-provider ships no types (and @types/oidc-provider is not a dependency): the little of it that
// oidc-provider.test.ts uses, typed loosely enough to follow its configuration reference.
declare module "oidc-provider" {
  import type { Server } from "node:http";

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: "opaque" | "jwt";
    jwt?: { sign?: { alg?: string; kid?: string } };
  }

  export interface Configuration {
    clients?: Array<Record<string, unknown>>;
    jwks?: { keys: Array<Record<string, unknown>> };
    ttl?: Record<string, number | ((...args: unknown[]) => number)>;
    features?: {
      devInteractions?: { enabled: boolean };
      clientCredentials?: { enabled: boolean };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (ctx: unknown, client: unknown, oneOf?: string[]) => string | string[] | undefined;
        useGrantedResource?: (ctx: unknown, model: unknown) => boolean;
        getResourceServerInfo?: (
          ctx: unknown,
          resourceIndicator: string,
          client: unknown,
        ) => ResourceServerInfo;
      };
      [feature: string]: unknown;
    };
    [option: string]: unknown;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    listen(port: number, host?: string): Server;
    callback(): (...args: unknown[]) => void;
  }
}
