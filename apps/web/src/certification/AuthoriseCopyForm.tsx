import { useEffect, useId, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { PartyView } from '@ejustice/cases/contract/case-contract';
import type { AuthoriseSealedCopyBody } from '@ejustice/certification/contract/certification-contract';
import { errorMessage } from '../i18n/error-message';
import { type Failed, outcomeOf } from '../api/outcome';
import { type CertificationApi, certificationApi } from './certification-api';
import './certification.css';

/** The api's limit on the reason (AuthoriseSealedCopyDto). */
export const MAX_AUTHORISATION_REASON = 2000;

/** An account a judge may authorise, by the name the judge sees for it. */
export interface AuthorisableAccount {
  readonly userId: string;
  readonly name: string;
}

/**
 * The accounts linked to a case's parties, each once: the party's own, then their counsel's,
 * labelled by the party they act for. The ids reach the browser only for the court's staff.
 */
export function authorisableAccounts(parties: readonly PartyView[], counselFor: (name: string) => string): AuthorisableAccount[] {
  const accounts = new Map<string, string>();
  for (const party of parties) {
    if (party.accountUserId && !accounts.has(party.accountUserId)) accounts.set(party.accountUserId, party.name);
    if (party.counselUserId && !accounts.has(party.counselUserId)) accounts.set(party.counselUserId, counselFor(party.name));
  }
  return [...accounts].map(([userId, name]) => ({ userId, name }));
}

export type AuthoriseOutcome = { readonly kind: 'authorised'; readonly name: string } | Failed;

/** Sends the authorisation; never throws, so the form has one outcome to show. */
export async function authoriseCopy(
  client: Pick<CertificationApi, 'authoriseSealedCopy'>,
  body: AuthoriseSealedCopyBody,
  name: string,
): Promise<AuthoriseOutcome> {
  return outcomeOf(client.authoriseSealedCopy({ ...body, reason: body.reason.trim() }), () => ({ kind: 'authorised', name }) as const);
}

/** The confirmation or the api's sentence; it takes the focus so a screen reader hears it at once. */
export function AuthoriseOutcomeNotice({ outcome }: { outcome: AuthoriseOutcome }) {
  const { i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [outcome]);
  return outcome.kind === 'authorised' ? (
    <div ref={ref} className="notice" role="status" tabIndex={-1}>
      <p>
        {/* The name in its own direction: a Latin name inside an Arabic sentence, and the reverse. */}
        <Trans i18nKey="certification.authorise.done" values={{ name: outcome.name }} components={{ who: <bdi /> }} />
      </p>
    </div>
  ) : (
    <div ref={ref} className="notice notice--error" role="alert" tabIndex={-1}>
      <p>{errorMessage(outcome.error, i18n)}</p>
    </div>
  );
}

interface AuthoriseCopyDisclosureProps {
  documentId: string;
  parties: readonly PartyView[];
  client?: Pick<CertificationApi, 'authoriseSealedCopy'>;
}

/**
 * For a judge on a sealed docketed document: let one person linked to the case request a
 * certified copy of it, with the reason for the order. The server decides who may; this only
 * offers it where it can succeed.
 */
export function AuthoriseCopyDisclosure({ documentId, parties, client = certificationApi }: AuthoriseCopyDisclosureProps) {
  const { t } = useTranslation();
  const formId = useId();
  const accounts = authorisableAccounts(parties, (name) => t('certification.authorise.counselFor', { name }));
  const [userId, setUserId] = useState(accounts[0]?.userId ?? '');
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AuthoriseOutcome | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const chosen = accounts.find((a) => a.userId === userId);
    setReasonMissing(reason.trim() === '');
    if (!chosen || reason.trim() === '') return;
    setBusy(true);
    setOutcome(await authoriseCopy(client, { documentId, userId: chosen.userId, reason }, chosen.name));
    setBusy(false);
  };

  return (
    <details className="authorise-copy">
      <summary>{t('certification.authorise.open')}</summary>
      {accounts.length === 0 ? (
        <p className="muted">{t('certification.authorise.noAccounts')}</p>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          {outcome && <AuthoriseOutcomeNotice outcome={outcome} />}
          <div className="field">
            <label htmlFor={`${formId}-who`}>{t('certification.authorise.who')}</label>
            <select id={`${formId}-who`} value={userId} onChange={(e) => setUserId(e.target.value)}>
              {accounts.map((account) => (
                <option key={account.userId} value={account.userId}>
                  {account.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${formId}-reason`}>{t('certification.authorise.reason')}</label>
            <textarea
              id={`${formId}-reason`}
              rows={3}
              maxLength={MAX_AUTHORISATION_REASON}
              required
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reasonMissing ? true : undefined}
              aria-describedby={reasonMissing ? `${formId}-reason-error` : undefined}
            />
            {reasonMissing && (
              <p id={`${formId}-reason-error`} className="field__error">
                {t('certification.authorise.reasonRequired')}
              </p>
            )}
          </div>
          <button type="submit" className="button button--small" disabled={busy}>
            {t('certification.authorise.submit')}
          </button>
        </form>
      )}
    </details>
  );
}
