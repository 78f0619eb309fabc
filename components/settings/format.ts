// Dates on the settings page, in UTC: formatted once on the server (no hydration mismatch, no shift),
// and a custom expiry date means "until the end of that day, UTC".
const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const moment = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "Jan 31, 2031" */
export function formatDay(at: Date): string {
  return day.format(at);
}

/** "Jan 31, 2031, 14:05 UTC" */
export function formatMoment(at: Date): string {
  return `${moment.format(at)} UTC`;
}

/** A moment as a page sends it to the browser: machine-readable (for <time>) and as shown. */
export function momentStamp(at: Date): { iso: string; text: string } {
  return { iso: at.toISOString(), text: formatMoment(at) };
}

/** A day (a key's expiry, say) as a page sends it: shown as the day, the moment in full on hover. */
export function dayStamp(at: Date): { iso: string; text: string; full: string } {
  return { iso: at.toISOString(), text: formatDay(at), full: formatMoment(at) };
}
