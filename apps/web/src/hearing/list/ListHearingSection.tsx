import { type FormEvent, useCallback, useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ScheduledHearingView } from '@ejustice/hearings/contract/hearing-contract';
import type { JudgeProfileView, RoomView } from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { HEARING_TYPES, type HearingType } from '@ejustice/vocabulary/hearing-type';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../i18n/error-message';
import { DisclosedFormSection, FocusedOutcome } from '../../layout/DisclosedForm';
import { useCourtTime } from '../../i18n/use-court-time';
import { paths } from '../../paths';
import { SchedulingDataApi } from '../../scheduling-data/scheduling-data-api';
import {
  type ListHearingField,
  type ListHearingForm,
  type ListHearingOutcome,
  MAX_HEARING_TITLE,
  emptyListHearingForm,
  listHearing,
  listHearingClient,
  listHearingProblems,
  listHearingRequest,
  refusedField,
} from './list-hearing-form';
import './list-hearing.css';

/** The court's judges and rooms the form offers. */
export interface ListHearingChoices {
  readonly judges: readonly JudgeProfileView[];
  readonly rooms: readonly RoomView[];
}

interface ListHearingSectionProps {
  caseId: string;
  courtId: string;
  /** Told of each hearing listed. */
  onListed?: (hearing: ScheduledHearingView) => void;
  /** For tests: the api the form posts to, and where its choices come from. */
  client?: Pick<ApiClient, 'post'>;
  loadChoices?: (courtId: string, signal: AbortSignal) => Promise<ListHearingChoices>;
}

const schedulingData = new SchedulingDataApi();

async function courtChoices(courtId: string, signal: AbortSignal): Promise<ListHearingChoices> {
  const [judges, rooms] = await Promise.all([schedulingData.judges(courtId, signal), schedulingData.list(courtId, 'rooms', signal)]);
  return { judges, rooms };
}

/**
 * On a case's docket, for the court's clerks and judges: list a hearing that cannot wait for the
 * next published timetable (a bail hearing, a first appearance), with its presiding judge and its
 * court room if they are known. The server refuses a judge or a room already booked at that time;
 * the scheduler plans around what is listed here. The court's judges and rooms load when the form
 * is opened.
 */
export function ListHearingSection({
  caseId,
  courtId,
  onListed,
  client = listHearingClient,
  loadChoices = courtChoices,
}: ListHearingSectionProps) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => loadChoices(courtId, signal), [courtId, loadChoices]);
  return (
    <DisclosedFormSection
      className="list-hearing"
      heading={t('listHearing.heading')}
      intro={t('listHearing.intro')}
      openLabel={t('listHearing.open')}
      messages={{ loading: t('listHearing.loading'), loadFailed: t('listHearing.loadFailed') }}
      load={load}
    >
      {(choices) => <ListHearingFormView caseId={caseId} choices={choices} client={client} onListed={onListed} />}
    </DisclosedFormSection>
  );
}

export function ListHearingFormView({
  caseId,
  choices,
  client,
  onListed,
  initial = emptyListHearingForm(),
  initialOutcome = null,
}: {
  caseId: string;
  choices: ListHearingChoices;
  client: Pick<ApiClient, 'post'>;
  onListed?: (hearing: ScheduledHearingView) => void;
  initial?: ListHearingForm;
  initialOutcome?: ListHearingOutcome | null;
}) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  const formId = useId();
  const [form, setForm] = useState(initial);
  const [shown, setShown] = useState<Partial<Record<ListHearingField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ListHearingOutcome | null>(initialOutcome);
  const idOf = (field: string) => `${formId}-${field}`;
  const change = (patch: Partial<ListHearingForm>) => setForm((current) => ({ ...current, ...patch }));
  const refused = outcome?.kind === 'failed' ? refusedField(outcome.error) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = listHearingProblems(form, courtTime.timeZone);
    setShown(problems);
    const request = listHearingRequest(caseId, form, courtTime.timeZone);
    if (!request) return;
    setBusy(true);
    const result = await listHearing(client, request);
    setBusy(false);
    setOutcome(result);
    if (result.kind === 'listed') {
      setForm(emptyListHearingForm());
      onListed?.(result.hearing);
    }
  };

  const problem = (field: ListHearingField) =>
    shown[field] ? (
      <p id={idOf(`${field}-error`)} className="field__error">
        {t(`listHearing.problems.${shown[field]}`)}
      </p>
    ) : null;
  const invalid = (field: ListHearingField) =>
    shown[field] ? { 'aria-invalid': true as const, 'aria-describedby': idOf(`${field}-error`) } : {};

  return (
    <form className="form list-hearing__form" onSubmit={submit} noValidate>
      {outcome && <ListHearingOutcomeNotice outcome={outcome} />}
      <p className="muted">{t('listHearing.timesIn', { zone: courtTime.timeZone })}</p>
      <div className="field">
        <label htmlFor={idOf('title')}>{t('listHearing.fields.title')}</label>
        <input
          id={idOf('title')}
          type="text"
          maxLength={MAX_HEARING_TITLE}
          value={form.title}
          onChange={(e) => change({ title: e.target.value })}
          {...invalid('title')}
        />
        {problem('title')}
      </div>
      <div className="field">
        <label htmlFor={idOf('type')}>{t('listHearing.fields.type')}</label>
        <select id={idOf('type')} value={form.hearingType} onChange={(e) => change({ hearingType: e.target.value as HearingType })}>
          {HEARING_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`hearingTypes.${type}`, { defaultValue: type })}
            </option>
          ))}
        </select>
      </div>
      <div className="list-hearing__when">
        <div className="field">
          <label htmlFor={idOf('date')}>{t('listHearing.fields.date')}</label>
          <input id={idOf('date')} type="date" value={form.date} onChange={(e) => change({ date: e.target.value })} {...invalid('date')} />
          {problem('date')}
        </div>
        <div className="field">
          <label htmlFor={idOf('start')}>{t('listHearing.fields.start')}</label>
          <input
            id={idOf('start')}
            type="time"
            value={form.start}
            onChange={(e) => change({ start: e.target.value })}
            {...invalid('start')}
          />
          {problem('start')}
        </div>
        <div className="field">
          <label htmlFor={idOf('end')}>{t('listHearing.fields.end')}</label>
          <input
            id={idOf('end')}
            type="time"
            value={form.end}
            onChange={(e) => change({ end: e.target.value })}
            {...(refused === 'end' ? { 'aria-invalid': true as const } : invalid('end'))}
          />
          {problem('end')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={idOf('judge')}>{t('listHearing.fields.judge')}</label>
        <select
          id={idOf('judge')}
          value={form.presidingJudgeId}
          onChange={(e) => change({ presidingJudgeId: e.target.value })}
          aria-invalid={refused === 'presidingJudgeId' ? true : undefined}
        >
          <option value="">{t('listHearing.noJudge')}</option>
          {choices.judges.map((judge) => (
            <option key={judge.userId} value={judge.userId}>
              {judge.displayName}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={idOf('room')}>{t('listHearing.fields.room')}</label>
        <select
          id={idOf('room')}
          value={form.roomId}
          onChange={(e) => change({ roomId: e.target.value })}
          aria-invalid={refused === 'roomId' ? true : undefined}
        >
          <option value="">{t('listHearing.noRoom')}</option>
          {choices.rooms.map((room) => (
            <option key={room.id} value={room.id}>
              {room.virtual ? t('listHearing.virtualRoom', { name: room.name }) : room.name}
            </option>
          ))}
        </select>
        {choices.rooms.length === 0 && <p className="field__hint">{t('listHearing.noRooms')}</p>}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('listHearing.submitting') : t('listHearing.submit')}
      </button>
    </form>
  );
}

/** The hearing listed (with the way to it) or the api's sentence; it takes the focus so a screen reader hears it at once. */
export function ListHearingOutcomeNotice({ outcome }: { outcome: ListHearingOutcome }) {
  const { t, i18n } = useTranslation();
  const courtTime = useCourtTime();
  if (outcome.kind === 'failed')
    return (
      <FocusedOutcome outcome={outcome} failed>
        <p>{errorMessage(outcome.error, i18n)}</p>
      </FocusedOutcome>
    );
  const { hearing } = outcome;
  return (
    <FocusedOutcome outcome={outcome} failed={false}>
      <p>
        <Trans
          i18nKey="listHearing.listed"
          values={{ title: hearing.title, when: courtTime.dateTime(hearing.scheduledStart, 'full') }}
          components={{ title: <bdi /> }}
        />{' '}
        <Link to={paths.hearing(hearing.id)}>{t('listHearing.openHearing')}</Link>
      </p>
    </FocusedOutcome>
  );
}
