// Weave refs (`weave:///entity/project/object/name:digest/attr/rows/id/<row>`): parsing them for
// refs/read_batch, and finding the refs a call's inputs and output mention (input_refs filters).

export type WeaveRef =
  | {
      kind: "object" | "op";
      entity: string;
      project: string;
      name: string;
      /** A digest, "latest" or "v<n>". */
      digest: string;
      /** Path into the value: pairs of (key | attr | index | id, value). */
      extra: Array<{ edge: string; value: string }>;
    }
  | {
      kind: "table";
      entity: string;
      project: string;
      digest: string;
      extra: Array<{ edge: string; value: string }>;
    }
  | {
      kind: "call";
      entity: string;
      project: string;
      id: string;
      extra: Array<{ edge: string; value: string }>;
    };

const PREFIX = "weave:///";
const EDGES = new Set(["key", "attr", "index", "id"]);

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Parses a weave ref URI; null when it is not one. */
export function parseRef(uri: string): WeaveRef | null {
  if (!uri.startsWith(PREFIX)) return null;
  const parts = uri.slice(PREFIX.length).split("/");
  if (parts.length < 4 || parts.slice(0, 4).some((p) => p === "")) return null;
  const [entity, project, kind, head, ...rest] = parts as [string, string, string, string, ...string[]];
  if (rest.length % 2 !== 0) return null;
  const extra: Array<{ edge: string; value: string }> = [];
  for (let i = 0; i < rest.length; i += 2) {
    const edge = rest[i]!;
    if (!EDGES.has(edge)) return null;
    extra.push({ edge, value: decode(rest[i + 1]!) });
  }
  if (kind === "object" || kind === "op") {
    const colon = head.lastIndexOf(":");
    const name = decode(colon < 0 ? head : head.slice(0, colon));
    const digest = colon < 0 ? "latest" : head.slice(colon + 1);
    if (!name || !digest) return null;
    return { kind, entity: decode(entity), project: decode(project), name, digest, extra };
  }
  if (kind === "table")
    return { kind, entity: decode(entity), project: decode(project), digest: head, extra };
  if (kind === "call") return { kind, entity: decode(entity), project: decode(project), id: head, extra };
  return null;
}

/** Every distinct weave ref string inside a JSON value (bounded, so a huge value cannot stall). */
export function refsIn(value: unknown, limit = 1000): string[] {
  const found = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (found.size >= limit || depth > 64) return;
    if (typeof v === "string") {
      if (v.startsWith(PREFIX) && v.length <= 2048) found.add(v);
    } else if (Array.isArray(v)) {
      for (const item of v) walk(item, depth + 1);
    } else if (v && typeof v === "object") {
      for (const item of Object.values(v)) walk(item, depth + 1);
    }
  };
  walk(value, 0);
  return [...found];
}
