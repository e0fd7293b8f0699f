/**
 * Placeholder slot on the Authorizations workspace, owned by one helper this round (replaced with
 * the real list). Renders nothing until then.
 */
export function WaitingList() {
  return null;
}
