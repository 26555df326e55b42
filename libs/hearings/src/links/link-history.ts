import type { HearingLinkStatus, HearingLinkView, LinkRevokeCause } from './hearing-link-views';
import { describeUserAgent } from './link-origin';

/** A link row with the names of the people who issued and ended it, as the list query reads it. */
export interface LinkHistoryRow {
  readonly id: string;
  readonly created_at: Date;
  readonly created_by: string | null;
  readonly created_by_name: string | null;
  readonly expires_at: Date;
  readonly used_at: Date | null;
  readonly used_from_address: string | null;
  readonly used_user_agent: string | null;
  readonly revoked_at: Date | null;
  readonly revoked_by: string | null;
  readonly revoked_by_name: string | null;
  readonly revoke_cause: LinkRevokeCause | null;
  readonly replaced_by: string | null;
}

/**
 * Where a link stands at `now`. A used link stays `used` after its expiry: the expiry bounds
 * the exchange, not the session it opened, which lasts until the link is revoked.
 */
export function linkStatus(
  row: Pick<LinkHistoryRow, 'expires_at' | 'used_at' | 'revoked_at' | 'revoke_cause'>,
  now: Date,
): HearingLinkStatus {
  if (row.revoked_at) return row.revoke_cause === 'replaced' ? 'replaced' : 'revoked';
  if (row.used_at) return 'used';
  return row.expires_at <= now ? 'expired' : 'unused';
}

export function toLinkView(row: LinkHistoryRow, now: Date): HearingLinkView {
  const status = linkStatus(row, now);
  return {
    id: row.id,
    status,
    revocable: status === 'unused' || status === 'used',
    issuedAt: row.created_at.toISOString(),
    issuedBy: row.created_by ? { userId: row.created_by, displayName: row.created_by_name ?? '' } : null,
    expiresAt: row.expires_at.toISOString(),
    used: row.used_at
      ? {
          at: row.used_at.toISOString(),
          address: row.used_from_address,
          userAgent: row.used_user_agent,
          ...describeUserAgent(row.used_user_agent),
        }
      : null,
    revoked: row.revoked_at
      ? {
          at: row.revoked_at.toISOString(),
          cause: row.revoke_cause ?? 'revoked',
          by: row.revoked_by ? { userId: row.revoked_by, displayName: row.revoked_by_name ?? '' } : null,
          replacedBy: row.replaced_by,
        }
      : null,
  };
}
