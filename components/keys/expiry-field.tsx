"use client";

// How long a new key works: a lifetime to pick (`expiry`), or a date of one's own (`expiresOn`, the
// key then works until the end of that day, UTC). Field names are what the create actions parse.
import { useState } from "react";
import { formatDay } from "@/components/settings/format";
import { SelectField, TextField } from "@/components/ui/field";
import { EXPIRY_CHOICES } from "@/lib/api-keys/expiry";

export function ExpiryField({
  errors,
  sayWhen = false,
}: {
  errors: Record<string, string[]> | undefined;
  /** Under the choice, the day the key would stop working. */
  sayWhen?: boolean;
}) {
  const [expiry, setExpiry] = useState("90d");
  return (
    <>
      <SelectField
        label="Expiration"
        name="expiry"
        value={expiry}
        onChange={(e) => setExpiry(e.target.value)}
        errors={errors?.expiry}
        hint={sayWhen ? expiryHint(expiry) : undefined}
      >
        {EXPIRY_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
        <option value="custom">Custom date</option>
      </SelectField>
      {expiry === "custom" && (
        <TextField
          label="Expiration date"
          name="expiresOn"
          type="date"
          required
          min={new Date().toISOString().slice(0, 10)}
          errors={errors?.expiresOn}
          hint="The key works until the end of that day (UTC)."
        />
      )}
    </>
  );
}

function expiryHint(expiry: string): string {
  if (expiry === "never") return "The key works until you revoke it.";
  if (expiry === "custom") return "Pick the last day the key works.";
  const days = Number(/^(\d+)d$/.exec(expiry)?.[1] ?? 0);
  return `The key stops working on ${formatDay(new Date(Date.now() + days * 86_400_000))} (UTC).`;
}
