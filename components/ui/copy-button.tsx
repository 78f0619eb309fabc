"use client";

// A button that copies a text to the clipboard, says "Copied" for two seconds and announces it.
// Falls back to a hidden textarea where the Clipboard API is missing (plain-HTTP self-hosting).
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { Button, type ButtonProps } from "./button";

const COPIED_FOR_MS = 2000;

async function copyText(text: string, near: HTMLElement | null): Promise<void> {
  if (window.isSecureContext && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Permission refused or document not focused: try the old way below.
    }
  }
  // The textarea goes next to the button, so a dialog's focus trap does not pull focus away from it.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.setAttribute("aria-hidden", "true");
  area.style.position = "fixed";
  area.style.top = "0";
  area.style.opacity = "0";
  (near ?? document.body).appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  near?.querySelector("button")?.focus();
  if (!ok) throw new Error("copy refused");
}

export function CopyButton({
  text,
  label = "Copy",
  variant = "secondary",
  size = "sm",
  className,
  ...rest
}: Omit<ButtonProps, "onClick" | "children"> & {
  /** What to copy. */
  text: string;
  /** The button's text (and accessible name) until it is clicked. */
  label?: string;
}) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const wrapper = useRef<HTMLSpanElement>(null);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await copyText(text, wrapper.current);
    } catch {
      toast.error("Could not copy to the clipboard: select the text and press Ctrl+C (⌘C on a Mac).");
      return;
    }
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), COPIED_FOR_MS);
  }

  return (
    <span ref={wrapper} className="relative inline-flex">
      <Button {...rest} type="button" variant={variant} size={size} className={className} onClick={copy}>
        {/* Both texts share one grid cell, so the button keeps its width when the text changes. */}
        <span className="grid justify-items-center">
          <span aria-hidden className="invisible col-start-1 row-start-1">
            {label}
          </span>
          <span aria-hidden className="invisible col-start-1 row-start-1">
            Copied
          </span>
          <span className="col-start-1 row-start-1">{copied ? "Copied" : label}</span>
        </span>
      </Button>
      <span role="status" className="sr-only">
        {copied ? "Copied to the clipboard." : ""}
      </span>
    </span>
  );
}
