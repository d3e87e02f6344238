// A failed action's message, announced to screen readers; nothing when there is none.
export function ErrorNote({ error }: { error: string | null | undefined }) {
  return error ? (
    <p className="warn" role="alert">
      {error}
    </p>
  ) : null;
}
