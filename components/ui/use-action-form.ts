"use client";

// A form posted to a server action by hand (not `action=`), so React does not reset the fields
// when the action refuses; a refusal puts the focus on the first field to fix, which reads out its
// error. Use with useActionState: `const { formRef, errors, onSubmit } = useActionForm(state, dispatch)`.
import { type FormEvent, startTransition, useEffect, useRef } from "react";

export function useActionForm(
  state: { ok?: boolean; fieldErrors?: Record<string, string[]> } | undefined,
  dispatch: (data: FormData) => void,
) {
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  useEffect(() => {
    if (errors) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [errors]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  }

  return { formRef, errors, onSubmit };
}
