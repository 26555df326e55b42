import { type ReactElement, createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import type { UserProfile } from '@ejustice/identity/contract/identity-contract';
import { testI18n } from '../i18n/i18n.testing';
import { AuthContext, type AuthContextValue } from './auth-context';

/**
 * For web tests: the static markup of `element` as the app renders it for `user` (null: signed
 * out), in one of its three languages, inside a router (links need one).
 */
export function renderAs(element: ReactElement, user: UserProfile | null, lng: 'en' | 'fr' | 'ar' = 'en'): string {
  const auth: AuthContextValue = {
    state: user ? { status: 'signed-in', user } : { status: 'signed-out' },
    login: async () => undefined,
    logout: async () => undefined,
    retryRestore: () => undefined,
  };
  return renderToStaticMarkup(
    createElement(
      AuthContext.Provider,
      { value: auth },
      createElement(I18nextProvider, { i18n: testI18n(lng) }, createElement(MemoryRouter, null, element)),
    ),
  );
}

/** The clerk of a Cairo court, as the web tests sign people in (the court's clock is Cairo's). */
export const CAIRO_CLERK: UserProfile = {
  id: 'u-clerk',
  email: 'clerk@cairo.court.test',
  displayName: 'Omar Clerk',
  courtId: 'c-cairo',
  courtName: 'Cairo Court of First Instance',
  courtTimeZone: 'Africa/Cairo',
  roles: ['clerk'],
};

/** A judge of the same court. */
export const CAIRO_JUDGE: UserProfile = {
  ...CAIRO_CLERK,
  id: 'u-judge',
  email: 'judge@cairo.court.test',
  displayName: 'Judge Hoda',
  roles: ['judge'],
};
