// The form-level message of an ActionState, announced to screen readers.
export function FormMessage({ state }: { state: { ok?: boolean; message?: string } | undefined }) {
  return (
    <div aria-live="polite">
      {state?.message && (
        <p
          role={state.ok ? "status" : "alert"}
          className={`rounded-md px-3 py-2 text-sm ${state.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`}
        >
          {state.message}
        </p>
      )}
    </div>
  );
}
