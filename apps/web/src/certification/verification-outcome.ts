import type { CopyVerificationView } from '@ejustice/certification/contract/certification-contract';
import { isApiError } from '../api/problem';

/**
 * What a verification tells the reader, as one of four plain outcomes. "Not in the register" is an
 * answer, not a failure: the api says it with a 404 and a stable code, and the page must say it as
 * clearly as "valid". Anything else (rate limit, network) stays an error with its own sentence.
 */
export type VerificationOutcome =
  | { readonly kind: 'valid'; readonly view: CopyVerificationView }
  | { readonly kind: 'revoked'; readonly view: CopyVerificationView }
  | { readonly kind: 'not_in_register'; readonly by: 'code' | 'file' }
  | { readonly kind: 'error'; readonly error: unknown };

const NOT_IN_REGISTER = new Set(['certification.code_not_found', 'certification.not_in_register']);

export function outcomeOfView(view: CopyVerificationView): VerificationOutcome {
  return view.status === 'revoked' ? { kind: 'revoked', view } : { kind: 'valid', view };
}

export function outcomeOfError(error: unknown, by: 'code' | 'file'): VerificationOutcome {
  if (isApiError(error) && NOT_IN_REGISTER.has(error.code)) return { kind: 'not_in_register', by };
  return { kind: 'error', error };
}

/**
 * A copy whose seal does not hold is not a copy the court vouches for, even when its hash is in the
 * register (it cannot be: a changed file has another hash; but the seal check is the verifier's own
 * and the page says what it found).
 */
export function sealWarning(view: CopyVerificationView): 'broken' | 'untrusted' | null {
  if (!view.seal) return null;
  if (!view.seal.valid || !view.seal.unmodified) return 'broken';
  if (!view.seal.trusted) return 'untrusted';
  return null;
}

/** A code as people type it: trimmed, without spaces; upper case, as printed. */
export function normaliseCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}
