import { useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthContext } from '../auth/auth-context';
import { type CourtTimeStyle, courtZone, formatCourtDate, formatCourtDateTime, formatCourtTime } from './court-time';
import { currentLanguage } from './i18n';

/**
 * The zone of the court whose records are on screen. An account belongs to one court and acts in
 * it (a hearing admits only accounts of its own court), so a signed-in page states times in the
 * zone of the account's court (`courtTimeZone` of the session's user). A record that carries its
 * own zone (a filing's `receivedAtCourt`, the hearing of a one-time link) is formatted with that
 * one instead, through court-time.ts directly. Signed out, UTC, named as such.
 */
export function useCourtTimeZone(): string {
  const auth = useContext(AuthContext);
  return courtZone(auth?.state.status === 'signed-in' ? auth.state.user.courtTimeZone : null);
}

export interface CourtClock {
  readonly timeZone: string;
  dateTime(iso: string, style?: CourtTimeStyle): string;
  time(iso: string): string;
  date(iso: string): string;
}

/** The court-time formatters in the reader's language and the court's zone (see court-time.ts). */
export function useCourtTime(): CourtClock {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const timeZone = useCourtTimeZone();
  return useMemo(
    () => ({
      timeZone,
      dateTime: (iso, style) => formatCourtDateTime(iso, language, timeZone, style),
      time: (iso) => formatCourtTime(iso, language, timeZone),
      date: (iso) => formatCourtDate(iso, language, timeZone),
    }),
    [language, timeZone],
  );
}
