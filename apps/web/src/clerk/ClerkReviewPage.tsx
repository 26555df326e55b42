import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApiResource } from '../api/use-api-resource';
import { filingApi } from '../filing/filing-api';
import type { CourtFilingPolicy, FilingDetailView as FilingDetail, ReasonCode } from '@ejustice/filing/contract/filing-contract';
import { errorMessage } from '../i18n/error-message';
import { formatCourtDateTime } from '../i18n/court-time';
import { currentLanguage } from '../i18n/i18n';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import { PdfViewer } from './PdfViewer';
import { acceptDecision, EMPTY_MARK, step, type DocumentMark } from './review-decisions';
import { ShortcutHelpDialog } from './ShortcutHelpDialog';
import { shortcutFor } from './shortcuts';
import '../filing/filing.css';

/** The clerk's review of one filing: claim, read each PDF, decide per document or for the whole filing. */
export function ClerkReviewPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('clerk.review.title'));
  const { filingId = '' } = useParams();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [filing, policy] = await Promise.all([filingApi.detail(filingId, signal), filingApi.policy(signal)]);
      return { filing, policy };
    },
    [filingId],
  );
  const { state, reload } = useApiResource(load);

  return (
    <div className="page-content review-page">
      <p>
        <Link to={paths.clerkQueue}>{t('clerk.review.back')}</Link>
      </p>
      {state.status === 'loading' && (
        <p className="muted" role="status">
          {t('clerk.review.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <div className="notice notice--error" role="alert">
          <p>
            {t('clerk.review.loadFailed')} {errorMessage(state.error, i18n)}
          </p>
          <button type="button" className="button button--secondary" onClick={reload}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {state.status === 'loaded' && <Review initial={state.data.filing} policy={state.data.policy} />}
    </div>
  );
}

type Busy = 'claim' | 'release' | 'record' | 'refuse' | null;

function Review({ initial, policy }: { initial: FilingDetail; policy: CourtFilingPolicy }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [filing, setFiling] = useState(initial);
  const [current, setCurrent] = useState(0);
  const [page, setPage] = useState(1);
  const [pageCount, setPageCount] = useState(0);
  const [marks, setMarks] = useState<Record<string, DocumentMark>>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [problem, setProblem] = useState<{ messageKey: string; documentId: string } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [refuse, setRefuse] = useState<{ action: 'reject' | 'return'; reasonCode: string; note: string } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const reasonRef = useRef<HTMLSelectElement>(null);
  const refuseRef = useRef<HTMLFieldSetElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const headingId = useId();

  // The filing's court states its times; the claim's end is on the same clock as the receipt.
  const courtZone = filing.receivedAtCourt.timeZone;
  const documents = filing.documents;
  const document = documents[current];
  const open = filing.status === 'submitted' || filing.status === 'under_review';
  const mine = open && filing.claim?.mine === true;
  const claimedByOther = open && filing.claim !== null && !filing.claim.mine;
  const markOf = (documentId: string) => marks[documentId] ?? EMPTY_MARK;
  const reasonsFor = (action: 'reject' | 'return'): ReasonCode[] =>
    policy.reasonCodes.filter((reason) => reason.appliesTo.includes(action));

  const run = async (kind: Exclude<Busy, null>, action: () => Promise<FilingDetail | unknown>, after?: (result: FilingDetail) => void) => {
    setBusy(kind);
    setFailure(null);
    try {
      const result = await action();
      if (result && typeof result === 'object' && 'documents' in result) {
        setFiling(result as FilingDetail);
        after?.(result as FilingDetail);
      } else {
        setFiling(await filingApi.detail(filing.filingId));
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  const claim = () => run('claim', () => filingApi.claim(filing.filingId));
  const release = () => run('release', () => filingApi.release(filing.filingId));

  const announceOutcome = (result: FilingDetail) => {
    setAnnouncement(t('clerk.review.recorded', { status: t(`filing.status.${result.status}`) }));
    requestAnimationFrame(() => outcomeRef.current?.focus());
  };

  const record = () => {
    const check = acceptDecision(
      documents.map((each) => each.id),
      marks,
    );
    if (!check.ok) {
      setProblem({ messageKey: check.messageKey, documentId: check.documentId });
      setCurrent(
        Math.max(
          0,
          documents.findIndex((each) => each.id === check.documentId),
        ),
      );
      return;
    }
    setProblem(null);
    void run('record', () => filingApi.review(filing.filingId, check.decision), announceOutcome);
  };

  const submitRefusal = () => {
    if (!refuse) return;
    if (!refuse.reasonCode) {
      setProblem({ messageKey: 'clerk.review.reasonRequired', documentId: '' });
      return;
    }
    setProblem(null);
    const note = refuse.note.trim();
    void run(
      'refuse',
      () => filingApi.review(filing.filingId, { action: refuse.action, reasonCode: refuse.reasonCode, ...(note ? { note } : {}) }),
      (result) => {
        setRefuse(null);
        announceOutcome(result);
      },
    );
  };

  const setMark = useCallback((documentId: string, change: Partial<DocumentMark>) => {
    setMarks((all) => ({ ...all, [documentId]: { ...(all[documentId] ?? EMPTY_MARK), ...change } }));
  }, []);

  const goToDocument = useCallback((index: number) => {
    setCurrent(index);
    setPage(1);
    setPageCount(0);
  }, []);

  // The shortcuts, on the whole page. Handlers read the latest state through a ref so the
  // listener is attached once.
  const latest = useRef({ current, documents, mine, open, page, pageCount, document });
  latest.current = { current, documents, mine, open, page, pageCount, document };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        repeat: event.repeat,
        defaultPrevented: event.defaultPrevented,
        isComposing: event.isComposing,
        target: event.target instanceof HTMLElement ? event.target : null,
      });
      if (!action) return;
      const now = latest.current;
      // A modal dialog is open: its own keys only.
      if (window.document.querySelector('dialog[open]') && action !== 'help') return;
      event.preventDefault();
      switch (action) {
        case 'nextDocument':
          goToDocument(step(now.current, 1, now.documents.length));
          break;
        case 'previousDocument':
          goToDocument(step(now.current, -1, now.documents.length));
          break;
        case 'nextPage':
          setPage((value) => Math.min(value + 1, Math.max(1, now.pageCount)));
          break;
        case 'previousPage':
          setPage((value) => Math.max(1, value - 1));
          break;
        case 'claim':
          if (now.open && !now.mine) void claim();
          break;
        case 'accept':
          if (now.mine && now.document) {
            setMark(now.document.id, { decision: 'accept' });
            setAnnouncement(t('clerk.review.markedAccepted', { title: now.document.title }));
          }
          break;
        case 'reject':
          if (now.mine && now.document) {
            setMark(now.document.id, { decision: 'reject' });
            setAnnouncement(t('clerk.review.markedRejected', { title: now.document.title }));
            // The reason is needed next; put the focus where it is chosen.
            requestAnimationFrame(() => reasonRef.current?.focus());
          }
          break;
        case 'returnForCorrection':
          if (now.mine) {
            setRefuse({ action: 'return', reasonCode: '', note: '' });
            requestAnimationFrame(() => refuseRef.current?.querySelector('select')?.focus());
          }
          break;
        case 'help':
          setHelpOpen((value) => !value);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // `claim` is recreated on every render but only reads filing.filingId, which never changes here.
  }, [goToDocument, setMark, t]);

  const mark = document ? markOf(document.id) : EMPTY_MARK;

  return (
    <>
      <h1 id={headingId}>
        {t(`filing.filingType.${filing.filingType}`)}: <bdi>{filing.title}</bdi>
      </h1>
      <dl className="summary-list summary-list--compact">
        <div className="summary-list__row">
          <dt>{t('filing.receipt.status')}</dt>
          <dd>
            <span className={`status status--${filing.status}`}>{t(`filing.status.${filing.status}`)}</span>
            {filing.urgent && <span className="tag tag--urgent">{t('filing.urgent')}</span>}
            {filing.urgencyGrounds.map((ground) => (
              <span key={ground} className="tag tag--quiet">
                {t(`filing.urgency.${ground}`)}
              </span>
            ))}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('clerk.queue.columns.filer')}</dt>
          <dd>
            <bdi>{filing.filer.displayName}</bdi>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('filing.receipt.receivedUtc')}</dt>
          <dd>
            <time dateTime={filing.receivedAt}>{formatCourtDateTime(filing.receivedAt, language, 'UTC', 'long')}</time>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('filing.receipt.receivedCourt', { timeZone: courtZone })}</dt>
          <dd>
            <time dateTime={filing.receivedAtCourt.localTime}>{formatCourtDateTime(filing.receivedAt, language, courtZone, 'long')}</time>
          </dd>
        </div>
        {filing.newCase ? (
          <div className="summary-list__row">
            <dt>{t('filing.receipt.case')}</dt>
            <dd>
              {t('filing.newCaseOf', { caseType: t(`cases.caseType.${filing.newCase.caseType}`) })} — <bdi>{filing.newCase.title}</bdi>
              <ul className="plain-list">
                {filing.newCase.parties.map((party) => (
                  <li key={party.position}>
                    {t(`docket.partyRole.${party.partyRole}`)}: <bdi>{party.name}</bdi>
                    {party.isProtected && <span className="tag tag--protected">{t('docket.protected')}</span>}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : (
          filing.caseId && (
            <div className="summary-list__row">
              <dt>{t('filing.receipt.case')}</dt>
              <dd>
                <Link to={paths.caseDocket(filing.caseId)}>
                  <bdi className="case-number">{filing.caseNumber}</bdi>
                </Link>
              </dd>
            </div>
          )
        )}
      </dl>

      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>

      {failure !== null && (
        <div className="notice notice--error" role="alert">
          <p>{errorMessage(failure, i18n)}</p>
        </div>
      )}

      <div className="claim-bar">
        {!open && (
          <div ref={outcomeRef} className="notice notice--success" tabIndex={-1}>
            <p>{t('clerk.review.alreadyDecided', { status: t(`filing.status.${filing.status}`) })}</p>
            {filing.caseId && (
              <p>
                <Link to={paths.caseDocket(filing.caseId)}>{t('filing.receipt.openCase')}</Link>
              </p>
            )}
          </div>
        )}
        {open && !filing.claim && (
          <>
            <p className="muted">{t('clerk.review.claimHint')}</p>
            <button type="button" className="button" onClick={claim} disabled={busy !== null}>
              {t('clerk.review.claim')}
            </button>
          </>
        )}
        {mine && filing.claim && (
          <>
            <p>{t('clerk.review.claimedUntil', { time: formatCourtDateTime(filing.claim.expiresAt, language, courtZone) })}</p>
            <button type="button" className="button button--secondary" onClick={release} disabled={busy !== null}>
              {t('clerk.review.release')}
            </button>
          </>
        )}
        {claimedByOther && filing.claim && (
          <p className="notice">
            <Trans i18nKey="clerk.review.claimedByOther" components={{ name: <bdi>{filing.claim.claimedBy.displayName}</bdi> }} />
          </p>
        )}
      </div>

      <p className="muted shortcut-hint">
        {t('clerk.review.shortcutsHint')}{' '}
        <button type="button" className="button button--quiet" onClick={() => setHelpOpen(true)}>
          {t('clerk.review.helpTitle')}
        </button>
      </p>

      <div className="review-layout">
        <section className="review-layout__documents" aria-label={t('clerk.review.documents')}>
          <h2>{t('clerk.review.documents')}</h2>
          <ol className="document-tabs">
            {documents.map((each, index) => {
              const eachMark = markOf(each.id);
              return (
                <li key={each.id}>
                  <button
                    type="button"
                    className={`document-tab${index === current ? ' document-tab--current' : ''}`}
                    aria-current={index === current ? 'true' : undefined}
                    onClick={() => goToDocument(index)}
                  >
                    <span className={`tag${each.role === 'lead' ? ' tag--lead' : ''}`}>
                      {each.role === 'lead' ? t('filing.wizard.documents.lead') : t('filing.wizard.documents.attachment')}
                    </span>
                    <bdi>{each.title}</bdi>
                    {eachMark.decision && (
                      <span className={`status status--${eachMark.decision === 'accept' ? 'accepted' : 'rejected'}`}>
                        {eachMark.decision === 'accept' ? t('clerk.review.accept') : t('clerk.review.reject')}
                      </span>
                    )}
                    {!open && <span className="muted">{t(`filing.receipt.documentStatus.${each.reviewStatus}`)}</span>}
                  </button>
                </li>
              );
            })}
          </ol>
        </section>

        {document && (
          <section className="review-layout__viewer" aria-labelledby={`${headingId}-doc`}>
            <h2 id={`${headingId}-doc`}>
              {t('clerk.review.documentOf', { current: current + 1, total: documents.length })}: <bdi>{document.title}</bdi>
            </h2>
            <div className="pager">
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setPage((value) => Math.max(1, value - 1))}
                disabled={page <= 1}
              >
                {t('clerk.review.previousPage')}
              </button>
              <span aria-live="polite">{pageCount > 0 && t('clerk.review.pageOf', { current: page, total: pageCount })}</span>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setPage((value) => Math.min(pageCount, value + 1))}
                disabled={pageCount === 0 || page >= pageCount}
              >
                {t('clerk.review.nextPage')}
              </button>
            </div>
            <PdfViewer url={document.contentUrl} title={document.title} page={page} onPageCount={setPageCount} />

            {mine && (
              <fieldset className="decision">
                <legend>{t('clerk.review.decisionLegend', { title: document.title })}</legend>
                {problem && problem.documentId === document.id && (
                  <p className="field__error" role="alert">
                    {t(problem.messageKey)}
                  </p>
                )}
                <div className="choice-group choice-group--inline">
                  <label className="choice">
                    <input
                      type="radio"
                      name={`decision-${document.id}`}
                      checked={mark.decision === 'accept'}
                      onChange={() => setMark(document.id, { decision: 'accept' })}
                    />
                    <span className="choice__label">{t('clerk.review.accept')}</span>
                  </label>
                  <label className="choice">
                    <input
                      type="radio"
                      name={`decision-${document.id}`}
                      checked={mark.decision === 'reject'}
                      onChange={() => setMark(document.id, { decision: 'reject' })}
                    />
                    <span className="choice__label">{t('clerk.review.reject')}</span>
                  </label>
                </div>
                {mark.decision === 'reject' && (
                  <ReasonPicker
                    selectRef={reasonRef}
                    reasons={reasonsFor('reject')}
                    value={mark.reasonCode}
                    onChange={(reasonCode) => setMark(document.id, { reasonCode })}
                    note={mark.note}
                    onNote={(note) => setMark(document.id, { note })}
                    reasonLabel={t('clerk.review.reason')}
                    noteLabel={t('clerk.review.note')}
                  />
                )}
              </fieldset>
            )}
          </section>
        )}
      </div>

      {mine && (
        <div className="decision-actions">
          {problem && problem.documentId === '' && (
            <p className="field__error" role="alert">
              {t(problem.messageKey)}
            </p>
          )}
          {problem && problem.documentId !== '' && problem.documentId !== document?.id && (
            <p className="field__error" role="alert">
              {t(problem.messageKey)}
            </p>
          )}
          <button type="button" className="button" onClick={record} disabled={busy !== null}>
            {busy === 'record' ? t('clerk.review.recording') : t('clerk.review.record')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setRefuse({ action: 'return', reasonCode: '', note: '' })}
            disabled={busy !== null}
          >
            {t('clerk.review.returnFiling')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setRefuse({ action: 'reject', reasonCode: '', note: '' })}
            disabled={busy !== null}
          >
            {t('clerk.review.rejectFiling')}
          </button>
        </div>
      )}

      {mine && refuse && (
        <fieldset ref={refuseRef} className="fieldset refuse">
          <legend>{refuse.action === 'return' ? t('clerk.review.returnFiling') : t('clerk.review.rejectFiling')}</legend>
          <p className="muted">{t('clerk.review.refuseHint')}</p>
          <ReasonPicker
            reasons={reasonsFor(refuse.action)}
            value={refuse.reasonCode}
            onChange={(reasonCode) => setRefuse({ ...refuse, reasonCode })}
            note={refuse.note}
            onNote={(note) => setRefuse({ ...refuse, note })}
            reasonLabel={t('clerk.review.refuseReason')}
            noteLabel={t('clerk.review.refuseNote')}
          />
          <div className="wizard-actions">
            <button type="button" className="button" onClick={submitRefusal} disabled={busy !== null}>
              {refuse.action === 'return' ? t('clerk.review.returnFiling') : t('clerk.review.rejectFiling')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setRefuse(null)}>
              {t('clerk.review.close')}
            </button>
          </div>
        </fieldset>
      )}

      <ShortcutHelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}

function ReasonPicker({
  reasons,
  value,
  onChange,
  note,
  onNote,
  reasonLabel,
  noteLabel,
  selectRef,
}: {
  reasons: ReasonCode[];
  value: string;
  onChange(value: string): void;
  note: string;
  onNote(value: string): void;
  reasonLabel: string;
  noteLabel: string;
  selectRef?: RefObject<HTMLSelectElement | null>;
}) {
  const { t } = useTranslation();
  const reasonId = useId();
  const noteId = useId();
  return (
    <div className="reason-picker">
      <div className="field">
        <label htmlFor={reasonId}>{reasonLabel}</label>
        <select ref={selectRef} id={reasonId} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('filing.wizard.choose')}</option>
          {reasons.map((reason) => (
            <option key={reason.code} value={reason.code}>
              {t(`clerk.reason.${reason.code}`, { defaultValue: reason.label })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={noteId}>{noteLabel}</label>
        <textarea id={noteId} rows={3} maxLength={4000} value={note} onChange={(event) => onNote(event.target.value)} />
      </div>
    </div>
  );
}
