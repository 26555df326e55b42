import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyView } from '@ejustice/cases/contract/case-contract';
import type { CaseSchedulingFactsView } from '@ejustice/scheduling-data/contract/case-scheduling-facts.contract';
import { HEARING_TYPES, type HearingType } from '@ejustice/vocabulary/hearing-type';
import { useApiResource } from '../api/use-api-resource';
import { errorMessage } from '../i18n/error-message';
import { currentLanguage } from '../i18n/i18n';
import { caseSchedulingClient } from './case-scheduling-api';
import {
  type CaseSchedulingForm,
  type FieldMessage,
  type FieldMessages,
  PERSON_ROLES,
  type SaveFailure,
  addHearing,
  addPerson,
  factsRequest,
  formMessages,
  formOf,
  formProblems,
  formatFactsDate,
  hearingActions,
  isEmptyFacts,
  messagesOn,
  moveHearing,
  partyChoices,
  partyShown,
  removeHearing,
  removePerson,
  saveFailure,
  updateHearing,
  updatePerson,
} from './case-scheduling-form';
import './case-scheduling.css';

const client = caseSchedulingClient();

/**
 * The case's scheduling facts on its docket page: what drives its priority and placement, its
 * victims and witnesses (by party, shown as the docket shows them: a protected person by the
 * pseudonym the server sent) and the hearings it still needs. Clerks edit; judges read.
 */
export function CaseSchedulingSection({
  caseId,
  parties,
  access,
}: {
  caseId: string;
  parties: readonly PartyView[];
  access: 'edit' | 'read';
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const load = useCallback((signal: AbortSignal) => client.read(caseId, signal), [caseId]);
  const { state, reload } = useApiResource(load);

  return (
    <section className="panel case-scheduling" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('caseScheduling.heading')}</h2>
      {state.status === 'loading' && (
        <p className="muted" role="status">
          {t('caseScheduling.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <div className="notice notice--error" role="alert">
          <p>
            {t('caseScheduling.loadFailed')} {errorMessage(state.error, i18n)}
          </p>
          <button type="button" className="button button--secondary" onClick={reload}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {state.status === 'loaded' &&
        (access === 'edit' ? (
          // Keyed by version: a reload after someone else's change starts the form from their facts.
          <FactsForm key={state.data.version} caseId={caseId} view={state.data} parties={parties} reload={reload} />
        ) : (
          <FactsSummary view={state.data} parties={parties} />
        ))}
    </section>
  );
}

function PartyName({ parties, partyId }: { parties: readonly PartyView[]; partyId: string | null }) {
  const { t } = useTranslation();
  if (partyId === null) return <span className="muted">{t('caseScheduling.people.notAParty')}</span>;
  const party = partyShown(parties, partyId);
  if (!party) return <span className="muted">{t('caseScheduling.people.partyNotShown')}</span>;
  return (
    <>
      <bdi>{party.name}</bdi>
      {party.isProtected && <span className="tag tag--protected">{t('docket.protected')}</span>}
    </>
  );
}

export function FactsSummary({ view, parties }: { view: CaseSchedulingFactsView; parties: readonly PartyView[] }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const yesNo = (value: boolean) => (value ? t('caseScheduling.yes') : t('caseScheduling.no'));
  const none = <span className="muted">{t('caseScheduling.none')}</span>;
  const codes = (items: readonly string[]) => (items.length === 0 ? none : <bdi dir="ltr">{items.join(', ')}</bdi>);

  if (isEmptyFacts(view)) {
    return (
      <div className="empty-state">
        <p className="empty-state__title">{t('caseScheduling.empty')}</p>
        <p className="muted">{t('caseScheduling.emptyHint')}</p>
      </div>
    );
  }
  const row = (label: string, value: ReactNode) => (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <>
      <dl className="summary-list">
        {row(t('caseScheduling.fields.offence'), view.offence === null ? none : <bdi>{view.offence}</bdi>)}
        {row(
          t('caseScheduling.fields.custody'),
          !view.inCustody
            ? t('caseScheduling.notInCustody')
            : view.custodyLimit
              ? t('caseScheduling.inCustodyUntil', { date: formatFactsDate(view.custodyLimit, language) })
              : t('caseScheduling.fields.inCustody'),
        )}
        {row(t('caseScheduling.fields.interpreterLanguages'), codes(view.interpreterLanguages))}
        {row(t('caseScheduling.fields.needsIntermediary'), yesNo(view.needsIntermediary))}
        {row(t('caseScheduling.fields.needsSupporter'), yesNo(view.needsSupporter))}
        {row(t('caseScheduling.fields.needsLiveLink'), yesNo(view.needsLiveLink))}
        {row(t('caseScheduling.fields.remoteAllowed'), yesNo(view.remoteAllowed))}
        {row(t('caseScheduling.fields.judgeSpecialisms'), codes(view.judgeSpecialisms))}
      </dl>

      <h3>{t('caseScheduling.people.heading')}</h3>
      {view.people.length === 0 ? (
        <p className="empty-state">{t('caseScheduling.people.empty')}</p>
      ) : (
        <table className="table table--narrow">
          <caption className="visually-hidden">{t('caseScheduling.people.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('caseScheduling.people.role')}</th>
              <th scope="col">{t('caseScheduling.people.party')}</th>
              <th scope="col">{t('caseScheduling.people.personKey')}</th>
              <th scope="col">{t('caseScheduling.people.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {view.people.map((person, index) => (
              <tr key={`${person.role}-${person.personKey ?? ''}-${person.partyId ?? ''}-${index}`}>
                <td>{t(`docket.partyRole.${person.role}`)}</td>
                <td>
                  <PartyName parties={parties} partyId={person.partyId} />
                </td>
                <td>{person.personKey === null ? none : <bdi dir="ltr">{person.personKey}</bdi>}</td>
                <td>
                  {[person.child && t('caseScheduling.people.child'), person.vulnerable && t('caseScheduling.people.vulnerable')]
                    .filter(Boolean)
                    .join(', ') || none}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('caseScheduling.hearings.heading')}</h3>
      {view.hearings.length === 0 ? (
        <p className="empty-state">{t('caseScheduling.hearings.empty')}</p>
      ) : (
        <ol className="case-scheduling__hearings">
          {view.hearings.map((hearing, index) => (
            <li key={index}>
              {t(`hearingTypes.${hearing.type}`, { defaultValue: hearing.type })} —{' '}
              {t('caseScheduling.hearings.minutesValue', { count: hearing.minutes })}
              {hearing.minDaysAfterPrevious !== null && (
                <> — {t('caseScheduling.hearings.minDaysValue', { count: hearing.minDaysAfterPrevious })}</>
              )}
              {hearing.published && <span className="tag">{t('caseScheduling.hearings.published')}</span>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

const NO_MESSAGES: FieldMessages = new Map();

const moveButtonId = (formId: string, row: number, by: -1 | 1) => `${formId}-move-${row}-${by === -1 ? 'up' : 'down'}`;

export function FactsForm({
  caseId,
  view,
  parties,
  reload,
}: {
  caseId: string;
  view: CaseSchedulingFactsView;
  parties: readonly PartyView[];
  reload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const formId = useId();
  const [form, setForm] = useState<CaseSchedulingForm>(() => formOf(view));
  const [version, setVersion] = useState(view.version);
  const [own, setOwn] = useState<FieldMessages>(NO_MESSAGES);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);
  const addHearingRef = useRef<HTMLButtonElement>(null);
  const addPersonRef = useRef<HTMLButtonElement>(null);
  // Where keyboard focus goes once a moved row is drawn: the same button if it still applies.
  const [focusAfterMove, setFocusAfterMove] = useState<{ row: number; by: -1 | 1 } | null>(null);
  const moveId = (row: number, by: -1 | 1) => moveButtonId(formId, row, by);

  useEffect(() => {
    if (focusAfterMove === null) return;
    const same = document.getElementById(moveButtonId(formId, focusAfterMove.row, focusAfterMove.by));
    const other = document.getElementById(moveButtonId(formId, focusAfterMove.row, focusAfterMove.by === -1 ? 1 : -1));
    const target = same instanceof HTMLButtonElement && !same.disabled ? same : other;
    target?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove, formId]);

  const server = failure?.kind === 'refused' ? failure.fields : NO_MESSAGES;
  const idOf = (field: string) => `${formId}-${field.replace(/\./g, '-')}`;
  const messages = (field: string) => messagesOn(field, own, server);
  const describedBy = (field: string, hint = false) =>
    [hint ? `${idOf(field)}-hint` : '', messages(field).length > 0 ? `${idOf(field)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = (field: string) => (messages(field).length > 0 ? true : undefined);
  const errorsOf = (field: string) => <FieldErrors id={`${idOf(field)}-error`} messages={messages(field)} />;
  const change = (next: CaseSchedulingForm) => {
    setForm(next);
    setStatus('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = factsRequest(form, version);
    const problems = formProblems(request, parties);
    setOwn(formMessages(problems, i18n));
    setFailure(null);
    setStatus('');
    if (problems.length > 0) {
      setFailure({ kind: 'refused', message: { text: t('caseScheduling.fixFields') }, fields: NO_MESSAGES });
      alertRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const saved = await client.save(caseId, request);
      setForm(formOf(saved));
      setVersion(saved.version);
      setStatus(t('caseScheduling.saved'));
    } catch (error) {
      setFailure(saveFailure(error, i18n));
      alertRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const checkbox = (field: keyof CaseSchedulingForm & `${'needs' | 'remote'}${string}`) => (
    <div className="choice">
      <input id={idOf(field)} type="checkbox" checked={form[field]} onChange={(e) => change({ ...form, [field]: e.target.checked })} />
      <label htmlFor={idOf(field)}>
        <span className="choice__label">{t(`caseScheduling.fields.${field}`)}</span>
      </label>
    </div>
  );

  return (
    <form className="form case-scheduling__form" onSubmit={submit} noValidate>
      <div ref={alertRef} tabIndex={-1} className="case-scheduling__alert">
        {failure?.kind === 'stale' && (
          <div className="notice notice--error" role="alert">
            <p>{t('caseScheduling.stale')}</p>
            <button type="button" className="button button--secondary" onClick={reload}>
              {t('caseScheduling.reload')}
            </button>
          </div>
        )}
        {failure?.kind === 'refused' && (
          <div className="notice notice--error" role="alert">
            <p lang={failure.message.lang}>{failure.message.text}</p>
            {messagesOn('', failure.fields).map((message, index) => (
              <p key={index} lang={message.lang}>
                {message.text}
              </p>
            ))}
          </div>
        )}
      </div>

      <div className="field">
        <label htmlFor={idOf('offence')}>{t('caseScheduling.fields.offence')}</label>
        <input
          id={idOf('offence')}
          type="text"
          value={form.offence}
          onChange={(e) => change({ ...form, offence: e.target.value })}
          aria-invalid={invalid('offence')}
          aria-describedby={describedBy('offence')}
        />
        {errorsOf('offence')}
      </div>

      <fieldset className="fieldset" aria-describedby={describedBy('custodyLimit')}>
        <legend>{t('caseScheduling.fields.custody')}</legend>
        <div className="choice">
          <input
            id={idOf('inCustody')}
            type="checkbox"
            checked={form.inCustody}
            onChange={(e) => change({ ...form, inCustody: e.target.checked })}
          />
          <label htmlFor={idOf('inCustody')}>
            <span className="choice__label">{t('caseScheduling.fields.inCustody')}</span>
          </label>
        </div>
        {form.inCustody && (
          <div className="field">
            <label htmlFor={idOf('custodyLimit')}>{t('caseScheduling.fields.custodyLimit')}</label>
            <p id={`${idOf('custodyLimit')}-hint`} className="field__hint">
              {t('caseScheduling.hints.custodyLimit')}
            </p>
            <input
              id={idOf('custodyLimit')}
              type="date"
              required
              value={form.custodyLimit}
              onChange={(e) => change({ ...form, custodyLimit: e.target.value })}
              aria-invalid={invalid('custodyLimit')}
              aria-describedby={describedBy('custodyLimit', true)}
            />
          </div>
        )}
        {errorsOf('custodyLimit')}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('caseScheduling.needs')}</legend>
        <div className="field">
          <label htmlFor={idOf('interpreterLanguages')}>{t('caseScheduling.fields.interpreterLanguages')}</label>
          <p id={`${idOf('interpreterLanguages')}-hint`} className="field__hint">
            {t('caseScheduling.hints.interpreterLanguages')}
          </p>
          <input
            id={idOf('interpreterLanguages')}
            type="text"
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            value={form.interpreterLanguages}
            onChange={(e) => change({ ...form, interpreterLanguages: e.target.value })}
            aria-invalid={invalid('interpreterLanguages')}
            aria-describedby={describedBy('interpreterLanguages', true)}
          />
          {errorsOf('interpreterLanguages')}
        </div>
        {checkbox('needsIntermediary')}
        {checkbox('needsSupporter')}
        {checkbox('needsLiveLink')}
        {checkbox('remoteAllowed')}
        <div className="field">
          <label htmlFor={idOf('judgeSpecialisms')}>{t('caseScheduling.fields.judgeSpecialisms')}</label>
          <p id={`${idOf('judgeSpecialisms')}-hint`} className="field__hint">
            {t('caseScheduling.hints.judgeSpecialisms')}
          </p>
          <input
            id={idOf('judgeSpecialisms')}
            type="text"
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            value={form.judgeSpecialisms}
            onChange={(e) => change({ ...form, judgeSpecialisms: e.target.value })}
            aria-invalid={invalid('judgeSpecialisms')}
            aria-describedby={describedBy('judgeSpecialisms', true)}
          />
          {errorsOf('judgeSpecialisms')}
        </div>
      </fieldset>

      <fieldset className="fieldset" aria-describedby={describedBy('people')}>
        <legend>{t('caseScheduling.people.heading')}</legend>
        {errorsOf('people')}
        {form.people.length === 0 && <p className="muted">{t('caseScheduling.people.empty')}</p>}
        {form.people.map((person, index) => {
          const at = `people.${index}`;
          const choices = partyChoices(parties, person.role);
          return (
            <fieldset key={person.row} className="fieldset case-scheduling__row">
              <legend>{t(`caseScheduling.people.legend_${person.role}`, { number: index + 1 })}</legend>
              <div className="field">
                <label htmlFor={idOf(`${at}.role`)}>{t('caseScheduling.people.role')}</label>
                <select
                  id={idOf(`${at}.role`)}
                  value={person.role}
                  onChange={(e) => change(updatePerson(form, index, { role: e.target.value as (typeof PERSON_ROLES)[number] }))}
                >
                  {PERSON_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`docket.partyRole.${role}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={idOf(`${at}.partyId`)}>{t('caseScheduling.people.party')}</label>
                <select
                  id={idOf(`${at}.partyId`)}
                  value={person.partyId}
                  onChange={(e) => change(updatePerson(form, index, { partyId: e.target.value }))}
                  aria-invalid={invalid(`${at}.partyId`)}
                  aria-describedby={describedBy(`${at}.partyId`)}
                >
                  <option value="">{t('caseScheduling.people.notAParty')}</option>
                  {choices.map((party) => {
                    const shown = partyShown(parties, party.id) ?? party;
                    return (
                      <option key={party.id} value={party.id}>
                        {shown.isProtected ? `${shown.name} (${t('docket.protected')})` : shown.name}
                      </option>
                    );
                  })}
                  {person.partyId !== '' && !choices.some((party) => party.id === person.partyId) && (
                    <option value={person.partyId}>{t('caseScheduling.people.partyNotShown')}</option>
                  )}
                </select>
                {errorsOf(`${at}.partyId`)}
              </div>
              <div className="field">
                <label htmlFor={idOf(`${at}.personKey`)}>{t('caseScheduling.people.personKey')}</label>
                <p id={`${idOf(`${at}.personKey`)}-hint`} className="field__hint">
                  {t(person.role === 'witness' ? 'caseScheduling.hints.witnessKey' : 'caseScheduling.hints.victimKey')}
                </p>
                <input
                  id={idOf(`${at}.personKey`)}
                  type="text"
                  dir="ltr"
                  autoComplete="off"
                  spellCheck={false}
                  required={person.role === 'witness'}
                  value={person.personKey}
                  onChange={(e) => change(updatePerson(form, index, { personKey: e.target.value }))}
                  aria-invalid={invalid(`${at}.personKey`)}
                  aria-describedby={describedBy(`${at}.personKey`, true)}
                />
                {errorsOf(`${at}.personKey`)}
              </div>
              <div className="choice">
                <input
                  id={idOf(`${at}.child`)}
                  type="checkbox"
                  checked={person.child}
                  onChange={(e) => change(updatePerson(form, index, { child: e.target.checked }))}
                />
                <label htmlFor={idOf(`${at}.child`)}>{t('caseScheduling.people.child')}</label>
              </div>
              <div className="choice">
                <input
                  id={idOf(`${at}.vulnerable`)}
                  type="checkbox"
                  checked={person.vulnerable}
                  onChange={(e) => change(updatePerson(form, index, { vulnerable: e.target.checked }))}
                />
                <label htmlFor={idOf(`${at}.vulnerable`)}>{t('caseScheduling.people.vulnerable')}</label>
              </div>
              {errorsOf(at)}
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => {
                  change(removePerson(form, index));
                  addPersonRef.current?.focus();
                }}
              >
                {t(`caseScheduling.people.remove_${person.role}`, { number: index + 1 })}
              </button>
            </fieldset>
          );
        })}
        <div className="case-scheduling__actions">
          <button ref={addPersonRef} type="button" className="button button--secondary" onClick={() => change(addPerson(form, 'victim'))}>
            {t('caseScheduling.people.addVictim')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => change(addPerson(form, 'witness'))}>
            {t('caseScheduling.people.addWitness')}
          </button>
        </div>
      </fieldset>

      <fieldset className="fieldset" aria-describedby={describedBy('hearings')}>
        <legend>{t('caseScheduling.hearings.heading')}</legend>
        {errorsOf('hearings')}
        {form.hearings.length === 0 && <p className="muted">{t('caseScheduling.hearings.empty')}</p>}
        <ol className="case-scheduling__hearings">
          {form.hearings.map((hearing, index) => {
            const at = `hearings.${index}`;
            const actions = hearingActions(form.hearings, index);
            const number = index + 1;
            const move = (by: -1 | 1) => {
              change(moveHearing(form, index, by));
              setStatus(t('caseScheduling.hearings.moved', { number: number + by }));
              setFocusAfterMove({ row: hearing.row, by });
            };
            return (
              <li key={hearing.row}>
                <fieldset
                  className="fieldset case-scheduling__row"
                  aria-describedby={hearing.published ? `${idOf(at)}-published` : undefined}
                >
                  <legend>
                    {t('caseScheduling.hearings.legend', { number })}
                    {hearing.published && <span className="tag">{t('caseScheduling.hearings.published')}</span>}
                  </legend>
                  {hearing.published && (
                    <p id={`${idOf(at)}-published`} className="field__hint">
                      {t('caseScheduling.hints.published')}
                    </p>
                  )}
                  <div className="case-scheduling__inline">
                    <div className="field">
                      <label htmlFor={idOf(`${at}.type`)}>{t('caseScheduling.hearings.type')}</label>
                      <select
                        id={idOf(`${at}.type`)}
                        value={hearing.type}
                        disabled={!actions.edit}
                        onChange={(e) => change(updateHearing(form, index, { type: e.target.value as HearingType }))}
                      >
                        {HEARING_TYPES.map((type) => (
                          <option key={type} value={type}>
                            {t(`hearingTypes.${type}`, { defaultValue: type })}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor={idOf(`${at}.minutes`)}>{t('caseScheduling.hearings.minutes')}</label>
                      <input
                        id={idOf(`${at}.minutes`)}
                        type="text"
                        inputMode="numeric"
                        className="case-scheduling__number"
                        value={hearing.minutes}
                        disabled={!actions.edit}
                        onChange={(e) => change(updateHearing(form, index, { minutes: e.target.value }))}
                        aria-invalid={invalid(`${at}.minutes`)}
                        aria-describedby={describedBy(`${at}.minutes`)}
                      />
                      {errorsOf(`${at}.minutes`)}
                    </div>
                    <div className="field">
                      <label htmlFor={idOf(`${at}.minDaysAfterPrevious`)}>{t('caseScheduling.hearings.minDays')}</label>
                      <input
                        id={idOf(`${at}.minDaysAfterPrevious`)}
                        type="text"
                        inputMode="numeric"
                        className="case-scheduling__number"
                        value={hearing.minDaysAfterPrevious}
                        disabled={!actions.edit}
                        onChange={(e) => change(updateHearing(form, index, { minDaysAfterPrevious: e.target.value }))}
                        aria-invalid={invalid(`${at}.minDaysAfterPrevious`)}
                        aria-describedby={describedBy(`${at}.minDaysAfterPrevious`)}
                      />
                      {errorsOf(`${at}.minDaysAfterPrevious`)}
                    </div>
                  </div>
                  {errorsOf(at)}
                  <div className="case-scheduling__actions">
                    <button
                      id={moveId(hearing.row, -1)}
                      type="button"
                      className="button button--quiet button--small"
                      disabled={!actions.moveUp}
                      onClick={() => move(-1)}
                    >
                      {t('caseScheduling.hearings.moveUp', { number })}
                    </button>
                    <button
                      id={moveId(hearing.row, 1)}
                      type="button"
                      className="button button--quiet button--small"
                      disabled={!actions.moveDown}
                      onClick={() => move(1)}
                    >
                      {t('caseScheduling.hearings.moveDown', { number })}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      disabled={!actions.remove}
                      onClick={() => {
                        change(removeHearing(form, index));
                        addHearingRef.current?.focus();
                      }}
                    >
                      {t('caseScheduling.hearings.remove', { number })}
                    </button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button ref={addHearingRef} type="button" className="button button--secondary" onClick={() => change(addHearing(form))}>
          {t('caseScheduling.hearings.add')}
        </button>
      </fieldset>

      <div className="case-scheduling__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('caseScheduling.saving') : t('caseScheduling.save')}
        </button>
        <p className="muted" role="status">
          {status}
        </p>
      </div>
    </form>
  );
}

function FieldErrors({ id, messages }: { id: string; messages: readonly FieldMessage[] }) {
  if (messages.length === 0) return null;
  return (
    <div id={id}>
      {messages.map((message, index) => (
        <p key={index} className="field__error" lang={message.lang}>
          {message.text}
        </p>
      ))}
    </div>
  );
}
