// What a list says when it could not load: why, and Try again. `inline` sits in the list's toolbar
// while the rows loaded before stay; otherwise it takes the place of the rows.
import { Button } from "./button";

export function LoadError({
  message,
  onRetry,
  inline = false,
}: {
  message: string;
  onRetry: () => void;
  inline?: boolean;
}) {
  const retry = (
    <Button variant="secondary" size="sm" onClick={onRetry}>
      Try again
    </Button>
  );
  return inline ? (
    <p role="alert" className="flex min-h-5 items-center gap-2 text-sm text-red-700">
      {message}
      {retry}
    </p>
  ) : (
    <div role="alert" className="px-5 py-8 text-center text-sm text-red-700">
      {message} {retry}
    </div>
  );
}
