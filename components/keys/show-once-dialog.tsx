"use client";

// The dialog around every flow that ends on a new key shown once (create, rotate): while the key is
// on screen a stray click outside does not close it. Only whether a key is shown lives here, never
// the key: the flow inside holds it, and unmounts (forgetting it) when the dialog closes.
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/ui/dialog";

export function ShowOnceDialog({
  trigger,
  widen = false,
  children,
}: {
  trigger: ReactNode;
  /** Widens the dialog for the key, when its panel has tabs of snippets. */
  widen?: boolean;
  /** The flow; it calls `onShown` once its key is on screen. */
  children: (onShown: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [showingKey, setShowingKey] = useState(false);
  const onShown = useCallback(() => setShowingKey(true), []);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setShowingKey(false);
      }}
      dismissOnOutsideClick={!showingKey}
      width={widen && showingKey ? "xl" : "lg"}
      trigger={trigger}
    >
      {children(onShown)}
    </Dialog>
  );
}

/**
 * What a flow's action created, once it succeeded (undefined before); on success, its message as a
 * toast and `onShown` told (so the dialog holds on to the key).
 */
export function useCreated<T>(
  state: { ok?: boolean; message?: string; data?: unknown } | undefined,
  onShown: () => void,
): T | undefined {
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      onShown();
    }
  }, [state, onShown]);
  return state?.ok ? (state.data as T) : undefined;
}
