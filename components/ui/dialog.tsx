"use client";

// A Radix dialog shell: modal, focus trapped inside, Escape closes, focus returns to the trigger.
// Children render their own <DialogTitle> (and <DialogDescription>), so a dialog whose content
// changes (a form, then its result) can change its title too.
import * as RadixDialog from "@radix-ui/react-dialog";
import type { ComponentPropsWithoutRef, ReactNode } from "react";
import { Button } from "./button";

export const DialogClose = RadixDialog.Close;

export function DialogTitle({
  className = "",
  ...props
}: ComponentPropsWithoutRef<typeof RadixDialog.Title>) {
  return <RadixDialog.Title {...props} className={`pr-8 text-lg font-semibold ${className}`} />;
}

export function DialogDescription({
  className = "",
  ...props
}: ComponentPropsWithoutRef<typeof RadixDialog.Description>) {
  return <RadixDialog.Description {...props} className={`mt-1 text-sm text-slate-600 ${className}`} />;
}

/**
 * The row under a dialog's form: a button that closes the dialog (Cancel) and the dialog's own
 * action(s), side by side from `sm` up, stacked (action first) on a phone.
 */
export function DialogActions({
  children,
  closeLabel = "Cancel",
  className = "",
}: {
  /** The action(s) right of the close button. */
  children?: ReactNode;
  closeLabel?: string;
  className?: string;
}) {
  return (
    <div className={`flex flex-col-reverse gap-2 sm:flex-row sm:justify-end ${className}`}>
      <RadixDialog.Close asChild>
        <Button type="button" variant="secondary">
          {closeLabel}
        </Button>
      </RadixDialog.Close>
      {children}
    </div>
  );
}

/** The one button under a result (a key shown once, a notice): it closes the dialog. */
export function DialogDone({ label = "Done" }: { label?: string }) {
  return (
    <div className="mt-6 flex justify-end">
      <RadixDialog.Close asChild>
        <Button type="button" variant="secondary">
          {label}
        </Button>
      </RadixDialog.Close>
    </div>
  );
}

const widths = { md: "max-w-md", lg: "max-w-lg", xl: "max-w-xl" } as const;

export function Dialog({
  open,
  onOpenChange,
  trigger,
  children,
  width = "lg",
  dismissOnOutsideClick = true,
  hasDescription = true,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens the dialog (rendered as is; focus returns to it on close). */
  trigger?: ReactNode;
  children: ReactNode;
  width?: keyof typeof widths;
  /** False while closing by accident would lose something (a secret shown once). */
  dismissOnOutsideClick?: boolean;
  /** False when the children render no <DialogDescription>. */
  hasDescription?: boolean;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <RadixDialog.Content
          {...(hasDescription ? {} : { "aria-describedby": undefined })}
          onInteractOutside={dismissOnOutsideClick ? undefined : (e) => e.preventDefault()}
          className={`fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-5 shadow-xl sm:p-6 ${widths[width]}`}
        >
          {children}
          <RadixDialog.Close
            aria-label="Close"
            className="absolute top-4 right-4 grid size-8 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          >
            <svg
              aria-hidden
              viewBox="0 0 16 16"
              className="size-4"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            >
              <path d="M4 4l8 8M12 4l-8 8" />
            </svg>
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
