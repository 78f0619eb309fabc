// Published objects and datasets of a project: the latest version of each, by name.
import { RelativeTime } from "@/components/runs/run-bits";
import { Badge } from "@/components/ui/badge";
import type { PublishedObject } from "@/lib/traces/pages";

const th = "px-3 py-2 font-medium whitespace-nowrap";

export function ObjectsTable({
  project,
  objects,
  now,
}: {
  project: string;
  objects: PublishedObject[];
  now: Date;
}) {
  return (
    <section
      aria-label="Objects table"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: at 375 px it scrolls sideways: keyboard users must reach it
      tabIndex={0}
      className="relative overflow-x-auto"
    >
      <table className="w-full text-sm">
        <caption className="sr-only">Published objects and datasets of {project}, by name</caption>
        <thead className="text-left text-slate-500">
          <tr>
            <th scope="col" className={`${th} pl-5`}>
              Name
            </th>
            <th scope="col" className={th}>
              Kind
            </th>
            <th scope="col" className={th}>
              Version
            </th>
            <th scope="col" className={th}>
              Digest
            </th>
            <th scope="col" className={`${th} pr-5`}>
              Created
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {objects.map((obj) => (
            <tr key={obj.objectId} data-testid={`object-${obj.objectId}`} className="align-top">
              <th
                scope="row"
                className="max-w-72 min-w-32 py-2.5 pr-3 pl-5 text-left font-medium [overflow-wrap:anywhere]"
              >
                {obj.objectId}
              </th>
              <td className="px-3 py-2.5">
                <Badge tone={obj.kind === "Dataset" ? "indigo" : "slate"}>{obj.kind}</Badge>
              </td>
              <td className="px-3 py-2.5 whitespace-nowrap text-slate-600 tabular-nums">
                v{obj.versionIndex}
                {obj.versionIndex > 0 && (
                  <span className="text-xs text-slate-500"> (of {obj.versionIndex + 1})</span>
                )}
              </td>
              <td className="px-3 py-2.5">
                <code className="block max-w-48 min-w-28 font-mono text-xs break-all text-slate-600">
                  {obj.digest}
                </code>
              </td>
              <td className="py-2.5 pr-5 pl-3 whitespace-nowrap text-slate-600">
                <RelativeTime at={obj.createdAt} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
