import { type FormEvent, useCallback, useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { CaseDetailView } from '@ejustice/cases/contract/case-contract';
import type { AddedParticipantView } from '@ejustice/hearings/contract/hearing-contract';
import { api, type ApiClient } from '../../api/client';
import { errorMessage } from '../../i18n/error-message';
import { DisclosedFormSection, FocusedOutcome } from '../../layout/DisclosedForm';
import { SchedulingDataApi } from '../../scheduling-data/scheduling-data-api';
import {
  type AddParticipantChoices,
  type AddParticipantField,
  type AddParticipantForm,
  type AddParticipantOutcome,
  BY_NAME_ROLES,
  type ByNameRole,
  MAX_PARTICIPANT_NAME,
  addParticipant,
  addParticipantProblems,
  addParticipantRequest,
  chosen,
  emptyAddParticipantForm,
  refusedField,
  seatableCounsel,
  seatableParties,
} from './add-participant-form';
import './add-participant.css';

interface AddParticipantSectionProps {
  hearingId: string;
  caseId: string;
  courtId: string;
  /** Told of each participant added, so the page lists them at once. */
  onAdded: (participant: AddedParticipantView) => void;
  /** For tests: the api the form posts to, and where its choices come from. */
  client?: Pick<ApiClient, 'post'>;
  loadChoices?: (caseId: string, courtId: string, signal: AbortSignal) => Promise<AddParticipantChoices>;
}

const schedulingData = new SchedulingDataApi();

async function hearingChoices(caseId: string, courtId: string, signal: AbortSignal): Promise<AddParticipantChoices> {
  const [detail, interpreters, supporters] = await Promise.all([
    api.get<CaseDetailView>(`/api/cases/${encodeURIComponent(caseId)}`, signal),
    schedulingData.list(courtId, 'interpreters', signal),
    schedulingData.list(courtId, 'supporters', signal),
  ]);
  return { parties: detail.parties, interpreters, supporters };
}

/**
 * On a hearing's page, for the court's judges and clerks: seat someone in the hearing by hand (a
 * party of the case, a party's counsel, one of the court's own interpreters or supporters, or
 * someone named here, such as a witness the parties call). The court's interpreters and supporters are seated by id,
 * so the scheduler knows them busy then. The choices load when the form is opened.
 */
export function AddParticipantSection({
  hearingId,
  caseId,
  courtId,
  onAdded,
  client = api,
  loadChoices = hearingChoices,
}: AddParticipantSectionProps) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => loadChoices(caseId, courtId, signal), [caseId, courtId, loadChoices]);
  return (
    <DisclosedFormSection
      className="add-participant"
      heading={t('addParticipant.heading')}
      intro={t('addParticipant.intro')}
      openLabel={t('addParticipant.open')}
      messages={{ loading: t('addParticipant.loading'), loadFailed: t('addParticipant.loadFailed') }}
      load={load}
    >
      {(choices) => <AddParticipantFormView hearingId={hearingId} choices={choices} client={client} onAdded={onAdded} />}
    </DisclosedFormSection>
  );
}

export function AddParticipantFormView({
  hearingId,
  choices,
  client,
  onAdded,
  initial = emptyAddParticipantForm(),
  initialOutcome = null,
}: {
  hearingId: string;
  choices: AddParticipantChoices;
  client: Pick<ApiClient, 'post'>;
  onAdded: (participant: AddedParticipantView) => void;
  initial?: AddParticipantForm;
  initialOutcome?: AddParticipantOutcome | null;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const [form, setForm] = useState(initial);
  const [shown, setShown] = useState<Partial<Record<AddParticipantField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AddParticipantOutcome | null>(initialOutcome);
  const idOf = (field: string) => `${formId}-${field}`;
  const change = (patch: Partial<AddParticipantForm>) => setForm((current) => ({ ...current, ...patch }));
  const who = chosen(form, choices);
  const refused = outcome?.kind === 'failed' ? refusedField(outcome.error) : null;
  const parties = seatableParties(choices.parties);
  const counsel = seatableCounsel(choices.parties);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(addParticipantProblems(form, choices));
    const request = addParticipantRequest(form, choices);
    if (!request) return;
    setBusy(true);
    const result = await addParticipant(client, hearingId, request);
    setBusy(false);
    setOutcome(result);
    if (result.kind === 'added') {
      setForm(emptyAddParticipantForm());
      onAdded(result.participant);
    }
  };

  const problem = (field: AddParticipantField) =>
    shown[field] ? (
      <p id={idOf(`${field}-error`)} className="field__error">
        {t(`addParticipant.problems.${shown[field]}`)}
      </p>
    ) : null;
  const invalid = (field: AddParticipantField) =>
    shown[field]
      ? { 'aria-invalid': true as const, 'aria-describedby': idOf(`${field}-error`) }
      : refused === field
        ? { 'aria-invalid': true as const }
        : {};

  return (
    <form className="form add-participant__form" onSubmit={submit} noValidate>
      {outcome && <AddParticipantOutcomeNotice outcome={outcome} />}
      <div className="field">
        <label htmlFor={idOf('who')}>{t('addParticipant.fields.who')}</label>
        <select id={idOf('who')} value={form.who} onChange={(e) => change({ who: e.target.value, language: '' })} {...invalid('who')}>
          <option value="">{t('addParticipant.choose')}</option>
          {parties.length > 0 && (
            <optgroup label={t('addParticipant.groups.parties')}>
              {parties.map(({ party, hearingRole }) => (
                <option key={party.id} value={`party:${party.id}`}>
                  {t('addParticipant.partyOption', {
                    name: party.isProtected ? `${party.name} (${t('docket.protected')})` : party.name,
                    role: t(`hearingRoles.${hearingRole}`),
                  })}
                </option>
              ))}
            </optgroup>
          )}
          {counsel.length > 0 && (
            <optgroup label={t('addParticipant.groups.counsel')}>
              {counsel.map((c) => (
                <option key={c.userId} value={`counsel:${c.userId}`}>
                  {t('addParticipant.counselOption', { name: c.name, role: t(`hearingRoles.${c.hearingRole}`), party: c.party.name })}
                </option>
              ))}
            </optgroup>
          )}
          {choices.interpreters.length > 0 && (
            <optgroup label={t('addParticipant.groups.interpreters')}>
              {choices.interpreters.map((interpreter) => (
                <option key={interpreter.id} value={`interpreter:${interpreter.id}`}>
                  {t('addParticipant.helperOption', { name: interpreter.name, detail: interpreter.languages.join(', ') })}
                </option>
              ))}
            </optgroup>
          )}
          {choices.supporters.length > 0 && (
            <optgroup label={t('addParticipant.groups.supporters')}>
              {choices.supporters.map((supporter) => (
                <option key={supporter.id} value={`supporter:${supporter.id}`}>
                  {t('addParticipant.helperOption', { name: supporter.name, detail: t(`schedulingData.role.${supporter.role}`) })}
                </option>
              ))}
            </optgroup>
          )}
          <option value="other">{t('addParticipant.someoneElse')}</option>
        </select>
        {problem('who')}
        {parties.length === 0 && <p className="field__hint">{t('addParticipant.noParties')}</p>}
        {choices.interpreters.length === 0 && choices.supporters.length === 0 && (
          <p className="field__hint">{t('addParticipant.noHelpers')}</p>
        )}
      </div>
      {who?.kind === 'interpreter' && who.interpreter.languages.length > 1 && (
        <div className="field">
          <label htmlFor={idOf('language')}>{t('addParticipant.fields.channel')}</label>
          <select
            id={idOf('language')}
            value={form.language}
            onChange={(e) => change({ language: e.target.value })}
            {...invalid('language')}
          >
            <option value="">{t('addParticipant.choose')}</option>
            {who.interpreter.languages.map((language) => (
              <option key={language} value={language}>
                {language}
              </option>
            ))}
          </select>
          {problem('language')}
        </div>
      )}
      {who?.kind === 'other' && (
        <>
          <div className="field">
            <label htmlFor={idOf('role')}>{t('addParticipant.fields.role')}</label>
            <select id={idOf('role')} value={form.hearingRole} onChange={(e) => change({ hearingRole: e.target.value as ByNameRole })}>
              {BY_NAME_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`hearingRoles.${role}`)}
                </option>
              ))}
            </select>
            {/* Seated by name, the court's own interpreter or supporter is unknown to the scheduler. */}
            {((form.hearingRole === 'interpreter' && choices.interpreters.length > 0) ||
              (form.hearingRole === 'supporter' && choices.supporters.length > 0)) && (
              <p className="field__hint">{t('addParticipant.courtsOwnFirst')}</p>
            )}
          </div>
          <div className="field">
            <label htmlFor={idOf('displayName')}>{t('addParticipant.fields.displayName')}</label>
            <input
              id={idOf('displayName')}
              type="text"
              maxLength={MAX_PARTICIPANT_NAME}
              value={form.displayName}
              onChange={(e) => change({ displayName: e.target.value })}
              {...invalid('displayName')}
            />
            {problem('displayName')}
          </div>
          <div className="field">
            <label htmlFor={idOf('language')}>
              {form.hearingRole === 'interpreter' ? t('addParticipant.fields.channel') : t('addParticipant.fields.language')}
            </label>
            <input
              id={idOf('language')}
              type="text"
              dir="ltr"
              value={form.language}
              onChange={(e) => change({ language: e.target.value })}
              {...invalid('language')}
            />
            <p className="field__hint">{t('addParticipant.languageHint')}</p>
            {problem('language')}
          </div>
        </>
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('addParticipant.submitting') : t('addParticipant.submit')}
      </button>
    </form>
  );
}

/** The participant added (with what they still need) or the api's sentence; it takes the focus so a screen reader hears it at once. */
export function AddParticipantOutcomeNotice({ outcome }: { outcome: AddParticipantOutcome }) {
  const { t, i18n } = useTranslation();
  if (outcome.kind === 'failed')
    return (
      <FocusedOutcome outcome={outcome} failed>
        <p>{errorMessage(outcome.error, i18n)}</p>
      </FocusedOutcome>
    );
  const { participant } = outcome;
  return (
    <FocusedOutcome outcome={outcome} failed={false}>
      <p>
        <Trans
          i18nKey="addParticipant.added"
          values={{ name: participant.displayName, role: t(`hearingRoles.${participant.hearingRole}`) }}
          components={{ name: <bdi /> }}
        />
      </p>
      {participant.warnings.some((w) => w.code === 'hearing.attendance_needs_leave') && <p>{t('addParticipant.needsLeave')}</p>}
    </FocusedOutcome>
  );
}
