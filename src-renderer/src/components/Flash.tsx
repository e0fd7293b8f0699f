/** Polite live region for short confirmations; always in the page so announcements are heard. */
export function Flash({ message }: { message: string | null }) {
  return (
    <span className="flash" role="status" aria-live="polite">
      {message ? <span className="flash-text">{message}</span> : null}
    </span>
  );
}
