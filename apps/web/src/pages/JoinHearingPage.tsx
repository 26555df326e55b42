import { ComingSoonPage } from './ComingSoonPage';

/**
 * `/join/:token`: a witness, victim or supporter opens their one-time link here, without an
 * account. Not built yet. When it is: exchange the token (`POST /api/hearing-links/exchange`)
 * once, then replace this history entry so the token leaves the address bar and the back button,
 * and never log it or send it anywhere else (index.html already sets `referrer: no-referrer`).
 */
export function JoinHearingPage() {
  return <ComingSoonPage feature="join" showHomeLink={false} />;
}
