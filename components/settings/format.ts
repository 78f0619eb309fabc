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
