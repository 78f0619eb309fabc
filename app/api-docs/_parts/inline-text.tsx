// The document's descriptions use two bits of Markdown: `code` and **bold**. Rendered as elements,
// never as HTML strings.
import type { ReactNode } from "react";

export function InlineText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(
      match[1] !== undefined ? (
        <code key={match.index} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]">
          {match[1]}
        </code>
      ) : (
        <strong key={match.index}>{match[2]}</strong>
      ),
    );
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}

/** Paragraphs separated by blank lines. */
export function Description({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <div className="space-y-2 text-sm text-slate-700">
      {text.split("\n\n").map((paragraph) => (
        <p key={paragraph}>
          <InlineText text={paragraph} />
        </p>
      ))}
    </div>
  );
}
