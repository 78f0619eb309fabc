"use client";

// A new API key, shown once: the key (focused and selected), Copy API key, the warning that it will
// not be shown again, and ready-to-paste snippets. Shared by every dialog that creates a key; the
// key lives only in the props of this panel, inside a dialog that forgets it when it closes.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { buildSnippet, type Snippet, type SnippetContext, type SnippetKind } from "./snippets";

export interface KeyPanelProps {
  apiKey: string;
  /** WANDB_ENTITY in the snippets; null leaves it out. */
  entity: string | null;
  /** Names the stored secret in the Kubernetes and Vault snippets. */
  secretName?: string;
  /** The key field's label. */
  label?: string;
  /** Snippets shown one under the other, right below the key. */
  stacked: SnippetKind[];
  /** More snippets, one at a time behind tabs ("Store it in"), to keep the dialog short. */
  tabbed?: SnippetKind[];
  /** Replaces a snippet's default hint. */
  hints?: Partial<Record<SnippetKind, string>>;
}

export function KeyPanel({
  apiKey,
  entity,
  secretName = "wandb",
  label = "Your new API key",
  stacked,
  tabbed = [],
  hints = {},
}: KeyPanelProps) {
  const keyField = useRef<HTMLInputElement>(null);
  const keyFieldId = useId();
  const warningId = useId();
  // Focus the key, selected, so a keyboard user can copy it at once.
  useEffect(() => {
    keyField.current?.focus();
    keyField.current?.select();
  }, []);
  // Rendered only in the browser (after a click), so `window` is always there.
  const { origin, host } = window.location;
  const context: SnippetContext = { key: apiKey, entity, origin, host, secretName };
  const snippet = (kind: SnippetKind): Snippet => {
    const s = buildSnippet(kind, context);
    return hints[kind] ? { ...s, hint: hints[kind] } : s;
  };

  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <label htmlFor={keyFieldId} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            ref={keyField}
            id={keyFieldId}
            readOnly
            value={apiKey}
            aria-describedby={warningId}
            spellCheck={false}
            autoComplete="off"
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
          />
          <CopyButton text={apiKey} label="Copy API key" variant="primary" size="md" />
        </div>
        <p
          id={warningId}
          className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          This key will not be shown again. Store it in your secret manager now.
        </p>
      </div>
      {stacked.map((kind) => (
        <SnippetView key={kind} snippet={snippet(kind)} />
      ))}
      {tabbed.length > 0 && <SnippetTabs snippets={tabbed.map(snippet)} />}
    </div>
  );
}

/** In a tab panel (`inTab`), the tab already shows the title: the heading is for screen readers only. */
function SnippetView({ snippet, inTab = false }: { snippet: Snippet; inTab?: boolean }) {
  const id = useId();
  const Heading = inTab ? "h4" : "h3";
  const [first, ...rest] = snippet.blocks;
  return (
    <section aria-labelledby={id} className="space-y-1.5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Heading id={id} className={inTab ? "sr-only" : "text-sm font-medium text-slate-800"}>
          {snippet.title}
        </Heading>
        {first && (
          <div className="ml-auto">
            <CopyButton text={first.text} label={first.copyLabel} />
          </div>
        )}
      </div>
      {first && <Code text={first.text} />}
      {rest.map((block) => (
        <div key={block.copyLabel} className="space-y-1.5 pt-1">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-xs font-medium text-slate-600">{block.caption}</p>
            <CopyButton text={block.text} label={block.copyLabel} />
          </div>
          <Code text={block.text} />
        </div>
      ))}
      <p className="text-xs text-slate-500">{snippet.hint}</p>
    </section>
  );
}

function Code({ text }: { text: string }) {
  return (
    <pre className="rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-slate-100">
      {text}
    </pre>
  );
}

/**
 * WAI-ARIA tabs (arrow keys move between tabs, Tab goes into the panel). Every panel stays laid out
 * in one grid cell, the inactive ones invisible, so switching tabs never resizes the dialog.
 */
function SnippetTabs({ snippets }: { snippets: Snippet[] }) {
  const [active, setActive] = useState(0);
  const baseId = useId();
  const headingId = `${baseId}-heading`;
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = snippets.length - 1;
    const next =
      event.key === "ArrowRight"
        ? active === last
          ? 0
          : active + 1
        : event.key === "ArrowLeft"
          ? active === 0
            ? last
            : active - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    tabs.current[next]?.focus();
  }

  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h3 id={headingId} className="text-sm font-medium text-slate-800">
        Or store it in
      </h3>
      <div
        role="tablist"
        aria-labelledby={headingId}
        onKeyDown={onKeyDown}
        // The bottom rule is an inset shadow, under the active tab's border: a negative margin would
        // be clipped by the horizontal scrolling that narrow screens need.
        className="flex gap-1 overflow-x-auto shadow-[inset_0_-1px_0_var(--color-slate-200)]"
      >
        {snippets.map((s, i) => (
          <button
            key={s.kind}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${s.kind}`}
            aria-selected={i === active}
            aria-controls={`${baseId}-panel-${s.kind}`}
            tabIndex={i === active ? 0 : -1}
            onClick={() => setActive(i)}
            className={`border-b-2 px-3 py-1.5 text-sm font-medium whitespace-nowrap ${
              i === active
                ? "border-indigo-600 text-indigo-700"
                : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {s.title}
          </button>
        ))}
      </div>
      <div className="grid">
        {snippets.map((s, i) => (
          <div
            key={s.kind}
            role="tabpanel"
            id={`${baseId}-panel-${s.kind}`}
            aria-labelledby={`${baseId}-tab-${s.kind}`}
            aria-hidden={i !== active || undefined}
            className={`col-start-1 row-start-1 pt-1 ${i === active ? "" : "invisible"}`}
          >
            <SnippetView snippet={s} inTab />
          </div>
        ))}
      </div>
      <p className="text-xs text-slate-500">
        These commands contain the key: in bash, start them with a space to keep them out of the shell history
        (HISTCONTROL=ignorespace).
      </p>
    </section>
  );
}
