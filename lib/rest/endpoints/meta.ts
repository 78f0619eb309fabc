// /api/v1 about the API itself: who a key is, and the OpenAPI document.
import { z } from "zod";
import { defineEndpoint } from "../endpoint";
import { openApiDocumentSchema, whoamiSchema } from "../schemas";

export const whoamiEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/whoami",
  operationId: "whoami",
  tag: "About",
  summary: "Who the credential authenticates as",
  description: "For engineers checking a key they just stored.",
  access: "Any valid credential.",
  params: z.object({}),
  response: { status: 200, schema: whoamiSchema, description: "The key's principal." },
  problems: [],
  handle: async ({ identity }) => {
    const { principal } = identity;
    return {
      kind: principal.kind,
      name: identity.name,
      org: identity.org,
      entity: identity.entity,
      keyId: identity.keyId,
      ...(principal.kind === "service_account" ? { scope: principal.scope } : {}),
    };
  },
});

export const openApiEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/openapi.json",
  operationId: "getOpenApiDocument",
  tag: "About",
  summary: "This API's OpenAPI 3.1 document",
  access: "Anyone: no credentials needed.",
  public: true,
  params: z.object({}),
  response: { status: 200, schema: openApiDocumentSchema, description: "The OpenAPI document." },
  problems: [],
  // Imported lazily: the document is built from the table that lists this endpoint.
  handle: async () => (await import("../openapi")).openApiDocument(),
});
