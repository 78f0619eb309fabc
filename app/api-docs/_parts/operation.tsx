// One endpoint of the document: method and absolute path, who may call it, parameters, body, answers.
import { Badge } from "@/components/ui/badge";
import { Description } from "./inline-text";
import { type JsonSchema, SchemaFields, TypeLabel } from "./schema";

export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  security?: unknown[];
}

const methodTone = { get: "blue", post: "green", put: "amber", patch: "amber", delete: "red" } as const;

export function OperationView({
  method,
  path,
  operation,
}: {
  method: string;
  path: string;
  operation: Operation;
}) {
  const tone = methodTone[method as keyof typeof methodTone] ?? "slate";
  return (
    <article
      id={operation.operationId}
      aria-labelledby={`${operation.operationId}-title`}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 sm:p-5"
    >
      <header className="space-y-1">
        <h3 id={`${operation.operationId}-title`} className="font-semibold">
          {operation.summary}
        </h3>
        <p className="flex flex-wrap items-center gap-2 font-mono text-sm break-all">
          <Badge tone={tone}>{method.toUpperCase()}</Badge>
          <span>{path}</span>
          {operation.security?.length === 0 ? <Badge>no credentials needed</Badge> : null}
        </p>
      </header>
      <Description text={operation.description} />
      {operation.parameters.length > 0 && (
        <div className="space-y-1">
          <h4 className="text-sm font-medium">Parameters</h4>
          <ul className="space-y-1 text-sm">
            {operation.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`} className="flex flex-wrap gap-x-2">
                <code className="font-mono text-xs">{p.name}</code>
                <span className="text-xs text-slate-500">
                  {p.in}
                  {p.required ? ", required" : ""} · <TypeLabel schema={p.schema} />
                </span>
                {p.description ? (
                  <span className="w-full text-xs text-slate-700 sm:w-auto">
                    <Description text={p.description} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      )}
      {operation.requestBody && (
        <div className="space-y-1">
          <h4 className="text-sm font-medium">Request body (application/json)</h4>
          <SchemaFields
            schema={operation.requestBody.content["application/json"]!.schema}
            label={`${operation.summary}: request body`}
          />
        </div>
      )}
      <div className="space-y-1">
        <h4 className="text-sm font-medium">Responses</h4>
        <ul className="space-y-1 text-sm">
          {Object.entries(operation.responses).map(([status, response]) => {
            const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
            return (
              <li key={status} className="flex flex-wrap gap-x-2">
                <Badge tone={Number(status) < 300 ? "green" : Number(status) < 500 ? "amber" : "red"}>
                  {status}
                </Badge>
                <span className="text-xs text-slate-700">{response.description}</span>
                {media ? (
                  <span className="text-xs text-slate-500">
                    {mediaType}: <TypeLabel schema={media.schema} />
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </article>
  );
}
