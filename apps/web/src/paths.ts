/**
 * Every address of the UI in one place, so features link to each other without spelling URLs.
 * Routes for features that are not built yet already exist (they show an honest placeholder), so
 * links sent out today — above all one-time hearing links — keep working when the feature lands.
 */
export const paths = {
  home: '/',
  login: '/login',
  hearing: (hearingId: string) => `/hearings/${encodeURIComponent(hearingId)}`,
  /** The court's recordings of a hearing, for playback by the bench and the court's clerks. */
  hearingRecordings: (hearingId: string) => `/hearings/${encodeURIComponent(hearingId)}/recordings`,
  join: (token: string) => `/join/${encodeURIComponent(token)}`,
  /** Where a link's page moves once the link is exchanged, so the token leaves the address bar. */
  joinSession: '/join',
  filings: '/filings',
  newFiling: '/filings/new',
  filing: (filingId: string) => `/filings/${encodeURIComponent(filingId)}`,
  clerkQueue: '/clerk/queue',
  clerkReview: (filingId: string) => `/clerk/filings/${encodeURIComponent(filingId)}`,
  caseDocket: (caseId: string) => `/cases/${encodeURIComponent(caseId)}`,
  verify: '/verify',
  /** The address a certified copy's code can be checked at, by anyone. */
  verifyCode: (code: string) => `/verify/${encodeURIComponent(code)}`,
  /** Asking for a certified copy of one docketed document: signed in, or as a member of the public. */
  requestCertifiedCopy: (documentId: string) => `/certified-copies/request/${encodeURIComponent(documentId)}`,
  certifiedCopies: '/certified-copies',
  /** A member of the public's requests, kept in this browser with their access keys. */
  publicCertifiedCopies: '/certified-copies/public',
  clerkCertifiedCopies: '/clerk/certified-copies',
  /** A court's backlog dashboard: its clerks and judges. */
  backlog: (courtId: string) => `/courts/${encodeURIComponent(courtId)}/backlog`,
  /** A court's schedule runs and board: its clerks (and judges, reading). */
  schedule: (courtId: string) => `/courts/${encodeURIComponent(courtId)}/schedule`,
  /** What the scheduler plans with (sessions, judges' sitting, rooms, policy...): its clerks and administrators edit, judges read. */
  schedulingData: (courtId: string) => `/courts/${encodeURIComponent(courtId)}/scheduling-data`,
} as const;

/**
 * Where to go after signing in. Only paths of this app are accepted, never `//other.site`
 * or an absolute URL, so a crafted link cannot send a person elsewhere after they sign in.
 */
export function safeReturnPath(candidate: unknown): string {
  if (typeof candidate !== 'string') return paths.home;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return paths.home;
  if (candidate === paths.login || candidate.startsWith(`${paths.login}?`)) return paths.home;
  return candidate;
}
