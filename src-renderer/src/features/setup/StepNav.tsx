/** The buttons under each setup page: back, skip, and save-and-continue. */
export function StepButtons({
  busy,
  onBack,
  onSkip,
  saveLabel = 'Save and continue',
}: {
  busy: boolean;
  onBack: (() => void) | null;
  onSkip: () => void;
  saveLabel?: string;
}) {
  return (
    <div className="form-actions setup-actions">
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Saving…' : saveLabel}
      </button>
      <button type="button" className="button" onClick={onSkip} disabled={busy}>
        Skip this step
      </button>
      {onBack ? (
        <button type="button" className="button button-quiet" onClick={onBack} disabled={busy}>
          Back
        </button>
      ) : null}
    </div>
  );
}
