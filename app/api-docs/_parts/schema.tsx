// JSON Schemas of the document as readable field tables: name, type, required, rules, description.
// References to named schemas link to their section further down the page.
import { Description } from "./inline-text";

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
};

export const schemaAnchor = (name: string) => `schema-${name}`;

function refName(ref: string): string {
  return ref.split("/").at(-1) ?? ref;
}

export function TypeLabel({ schema }: { schema: JsonSchema }) {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return (
      <a href={`#${schemaAnchor(name)}`} className="text-indigo-700 underline">
        {name}
      </a>
    );
  }
  if (schema.anyOf) {
    return (
      <>
        {schema.anyOf.map((option, i) => (
          <span key={JSON.stringify(option)}>
            {i > 0 && " or "}
            <TypeLabel schema={option} />
          </span>
        ))}
      </>
    );
  }
  if (schema.enum) return <>{schema.enum.map((v) => JSON.stringify(v)).join(" | ")}</>;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ["any"];
  return (
    <>
      {types
        .map((type) => {
          if (type === "array" && schema.items) return null;
          if (
            type === "object" &&
            schema.additionalProperties &&
            typeof schema.additionalProperties === "object"
          ) {
            return "map";
          }
          return schema.format ? `${type} (${schema.format})` : type;
        })
        .filter(Boolean)
        .join(" or ")}
      {types.includes("array") && schema.items && (
        <>
          array of <TypeLabel schema={schema.items} />
        </>
      )}
    </>
  );
}

function rules(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.minLength !== undefined) out.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) out.push(`at most ${schema.maxLength} characters`);
  if (schema.minimum !== undefined) out.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) out.push(`≤ ${schema.maximum}`);
  if (schema.pattern !== undefined && schema.format === undefined) out.push(`matches ${schema.pattern}`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  return out;
}

/** An object's fields as a table; anything else as its type. */
export function SchemaFields({ schema, label }: { schema: JsonSchema; label: string }) {
  if (!schema.properties) {
    return (
      <p className="text-sm">
        <TypeLabel schema={schema} />
      </p>
    );
  }
  const required = new Set(schema.required ?? []);
  return (
    // Fits a phone screen without scrolling sideways: long names and types wrap.
    <div>
      <table className="w-full table-fixed text-left text-sm break-words">
        <caption className="sr-only">{label}</caption>
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="w-1/4 py-1 pr-3 font-medium">
              Field
            </th>
            <th scope="col" className="w-1/4 py-1 pr-3 font-medium">
              Type
            </th>
            <th scope="col" className="py-1 font-medium">
              Description
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {Object.entries(schema.properties).map(([name, field]) => (
            <tr key={name}>
              <td className="py-1.5 pr-3 font-mono text-xs break-all">
                {name}
                {required.has(name) ? <span className="text-red-700"> *</span> : null}
                {required.has(name) ? <span className="sr-only"> (required)</span> : null}
              </td>
              <td className="py-1.5 pr-3 text-xs">
                <TypeLabel schema={field} />
              </td>
              <td className="py-1.5 text-xs text-slate-700">
                <Description
                  text={[field.description, rules(field).join(", ")].filter(Boolean).join("\n\n")}
                />
                {field.properties ? <SchemaFields schema={field} label={`${label}: ${name}`} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
