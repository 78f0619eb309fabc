// Key lifetimes people choose from: never, 7/30/90/365 days, or a date.
export const EXPIRY_CHOICES = [
  { value: "never", label: "Never" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "365d", label: "1 year" },
] as const;

const DAY = 24 * 3600 * 1000;

/**
 * "never" -> null; "30d" (or "12h") -> now + that; "2027-01-31" or an ISO timestamp -> that moment.
 * Returns an error sentence for anything else, or a moment that is not in the future.
 */
export function parseExpiry(
  input: string | undefined | null,
  now = new Date(),
): Date | null | { error: string } {
  const value = (input ?? "never").trim();
  if (!value || value === "never") return null;
  const relative = /^(\d{1,4})([dh])$/.exec(value);
  if (relative) {
    const amount = Number(relative[1]);
    if (amount < 1) return { error: "Choose a lifetime of at least one hour." };
    return new Date(now.getTime() + amount * (relative[2] === "d" ? DAY : 3600 * 1000));
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // A date means "until the end of that day", UTC.
    const at = new Date(`${value}T23:59:59.999Z`);
    if (Number.isNaN(at.getTime())) return { error: `${value} is not a valid date.` };
    if (at <= now) return { error: "Choose a date in the future." };
    return at;
  }
  const at = new Date(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(at.getTime())) {
    return at > now ? at : { error: "Choose a moment in the future." };
  }
  return {
    error: `Unknown expiry "${value}": use never, a number of days like 30d, or a date like 2027-01-31.`,
  };
}
