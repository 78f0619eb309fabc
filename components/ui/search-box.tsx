"use client";

// The search box over a list: it searches as you type (after a short pause) or on Enter, and
// follows the list's query when that changes from outside (back/forward, a cleared search).
import { type FormEvent, useEffect, useId, useRef, useState } from "react";

const SEARCH_DELAY_MS = 250;

export function SearchBox({
  q,
  onSearch,
  busy,
  label,
  placeholder,
  maxLength,
  icon = false,
  className,
}: {
  /** The query the list shows now. */
  q: string;
  /** Called with the trimmed text. */
  onSearch: (q: string) => void;
  busy: boolean;
  /** The box's accessible name (the label is visually hidden: the placeholder says it on screen). */
  label: string;
  placeholder: string;
  maxLength: number;
  /** A magnifier inside the box. */
  icon?: boolean;
  /** Width classes of the landmark, which fills the row on a phone. */
  className: string;
}) {
  const [text, setText] = useState(q);
  const inputId = useId();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Back/forward (or a cleared search) changes q: the box follows.
  const lastQ = useRef(q);
  useEffect(() => {
    if (q !== lastQ.current) {
      lastQ.current = q;
      setText(q);
    }
  }, [q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  function submit(next: string) {
    clearTimeout(timer.current);
    lastQ.current = next.trim();
    onSearch(lastQ.current);
  }

  return (
    <search className={`block w-full ${className}`}>
      <form
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          submit(text);
        }}
      >
        <label htmlFor={inputId} className="sr-only">
          {label}
        </label>
        <div className="relative">
          {icon && (
            <svg
              aria-hidden
              viewBox="0 0 16 16"
              className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.75"
            >
              <circle cx="7" cy="7" r="4.5" />
              <path d="M10.5 10.5L14 14" />
            </svg>
          )}
          <input
            id={inputId}
            type="search"
            value={text}
            maxLength={maxLength}
            placeholder={placeholder}
            autoComplete="off"
            spellCheck={false}
            aria-busy={busy || undefined}
            onChange={(e) => {
              const next = e.target.value;
              setText(next);
              clearTimeout(timer.current);
              timer.current = setTimeout(() => submit(next), SEARCH_DELAY_MS);
            }}
            className={`block w-full rounded-md border border-slate-300 bg-white py-2 pr-3 ${icon ? "pl-8" : "pl-3"} text-sm shadow-xs placeholder:text-slate-500`}
          />
        </div>
      </form>
    </search>
  );
}
