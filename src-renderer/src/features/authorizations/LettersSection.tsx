/**
 * Placeholder slot on the request page, owned by one helper this round (replaced with the real
 * section). Renders nothing until then.
 */
import type { AuthorizationDetail } from '../../../../src-shared/api/schemas/authorization-request';

export function LettersSection(_props: { auth: AuthorizationDetail; onChanged: () => void }) {
  return null;
}
