// The REST API's reference, rendered from the same OpenAPI document /api/v1/openapi.json serves
// (generated from the route table), so the page cannot describe an API that does not exist.
import type { Metadata } from "next";
import { openApiDocument, PROBLEM_CATALOGUE } from "@/lib/rest/openapi";
import { Description } from "./_parts/inline-text";
import { type Operation, OperationView } from "./_parts/operation";
import { type JsonSchema, SchemaFields, schemaAnchor } from "./_parts/schema";

export const metadata: Metadata = { title: "REST API" };

const tagAnchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

export default function ApiDocsPage() {
  const doc = openApiDocument();
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      path,
      method,
      operation: operation as Operation,
    })),
  );
  const schemas = doc.components.schemas as Record<string, JsonSchema>;
  return (
    // Paths, patterns and problem types are long unbroken words: let them wrap on a phone.
    <div className="space-y-8 wrap-anywhere">
      <div className="space-y-2">
        <p className="text-sm text-slate-500">Reference</p>
        <h1 className="text-2xl font-semibold">REST API</h1>
        <Description text={doc.info.description} />
        <p className="text-sm">
          Machine-readable:{" "}
          <a href="/api/v1/openapi.json" className="text-indigo-700 underline">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI {doc.openapi}).
        </p>
      </div>

      <nav aria-label="API sections" className="rounded-xl border border-slate-200 bg-white p-4 text-sm">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          <li>
            <a href="#authentication" className="text-indigo-700 underline">
              Authentication
            </a>
          </li>
          {doc.tags.map((tag) => (
            <li key={tag.name}>
              <a href={`#${tagAnchor(tag.name)}`} className="text-indigo-700 underline">
                {tag.name}
              </a>
            </li>
          ))}
          <li>
            <a href="#problems" className="text-indigo-700 underline">
              Errors
            </a>
          </li>
          <li>
            <a href="#schemas" className="text-indigo-700 underline">
              Schemas
            </a>
          </li>
        </ul>
      </nav>

      <section id="authentication" aria-labelledby="authentication-heading" className="space-y-2">
        <h2 id="authentication-heading" className="text-lg font-semibold">
          Authentication
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {Object.entries(doc.components.securitySchemes).map(([name, scheme]) => (
            <li key={name}>
              <strong>{scheme.scheme === "basic" ? "Basic" : "Bearer"}</strong>:{" "}
              <Description text={scheme.description} />
            </li>
          ))}
        </ul>
        <pre className="rounded-lg bg-slate-900 p-3 text-xs break-all whitespace-pre-wrap text-slate-100">
          {'curl -H "Authorization: Bearer $STEWARD_API_KEY" "$STEWARD_URL/api/v1/orgs/acme/teams"'}
        </pre>
      </section>

      {doc.tags.map((tag) => (
        <section
          key={tag.name}
          id={tagAnchor(tag.name)}
          aria-labelledby={`${tagAnchor(tag.name)}-heading`}
          className="space-y-3"
        >
          <h2 id={`${tagAnchor(tag.name)}-heading`} className="text-lg font-semibold">
            {tag.name}
          </h2>
          {operations
            .filter(({ operation }) => (operation as { tags?: string[] }).tags?.includes(tag.name))
            .map(({ path, method, operation }) => (
              <OperationView key={`${method} ${path}`} method={method} path={path} operation={operation} />
            ))}
        </section>
      ))}

      <section id="problems" aria-labelledby="problems-heading" className="space-y-2">
        <h2 id="problems-heading" className="text-lg font-semibold">
          Errors
        </h2>
        <p className="text-sm text-slate-700">
          Errors are <code className="font-mono">application/problem+json</code> (RFC 9457) with a stable{" "}
          <code className="font-mono">type</code>, a <code className="font-mono">title</code>, the{" "}
          <code className="font-mono">status</code>, a <code className="font-mono">detail</code> sentence
          saying what to do next and, for invalid input, <code className="font-mono">errors</code> by field. A
          member of the organization asking for what only admins may do gets 403; anyone outside it gets 404,
          as if nothing were there.
        </p>
        <div className="rounded-xl border border-slate-200 bg-white">
          <table className="w-full table-fixed text-left text-sm">
            <caption className="sr-only">Problem types</caption>
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th scope="col" className="w-1/2 px-4 py-2 font-medium">
                  type
                </th>
                <th scope="col" className="w-20 px-4 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Title
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {PROBLEM_CATALOGUE.map((p) => (
                <tr key={p.slug} id={`problem-${p.slug}`}>
                  <td className="px-4 py-2 font-mono text-xs break-all">{p.type}</td>
                  <td className="px-4 py-2">{p.status}</td>
                  <td className="px-4 py-2">{p.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section id="schemas" aria-labelledby="schemas-heading" className="space-y-3">
        <h2 id="schemas-heading" className="text-lg font-semibold">
          Schemas
        </h2>
        {Object.entries(schemas).map(([name, schema]) => (
          <article
            key={name}
            id={schemaAnchor(name)}
            aria-labelledby={`${schemaAnchor(name)}-title`}
            className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 sm:p-5"
          >
            <h3 id={`${schemaAnchor(name)}-title`} className="font-mono font-semibold">
              {name}
            </h3>
            <Description text={schema.description} />
            <SchemaFields schema={schema} label={name} />
          </article>
        ))}
      </section>
    </div>
  );
}
