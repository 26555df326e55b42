import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleMoveViolation } from '@ejustice/scheduling-data/contract/schedule-moves.contract';
import { currentLanguage } from '../i18n/i18n';
import { scheduleApi } from './schedule-api';
import {
  type BoardAxis,
  type BoardLabels,
  type BoardListing,
  type BoardPlan,
  type MoveDraft,
  boardGrid,
  caseLabel,
  formatPlanDate,
  judgeLabel,
  listingKey,
  listingMinutes,
  moveDraftOf,
  moveRequest,
  moveTargets,
  refusedViolations,
  roomLabel,
  sayExplanation,
  sayViolation,
  scheduleErrorMessage,
} from './schedule-view';

interface ScheduleBoardProps {
  courtId: string;
  runId: string;
  plan: BoardPlan;
  /** Names for the plan's ids; an id without one is shown as it is. */
  labels: BoardLabels;
  /** A clerk on a draft: cards can be picked and moved. */
  editable: boolean;
  onMoved: () => void;
}

/** The plan as a calendar by judge or by room (days × sessions), and a clerk's manual move. */
export function ScheduleBoard({ courtId, runId, plan, labels, editable, onMoved }: ScheduleBoardProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [axis, setAxis] = useState<BoardAxis>('judge');
  const [picked, setPicked] = useState<BoardListing | null>(null);
  const [explained, setExplained] = useState<BoardListing | null>(null);
  const explainedKey = explained ? listingKey(explained) : null;
  const panelId = useId();
  const grid = useMemo(() => boardGrid(plan, axis, labels), [plan, axis, labels]);
  const axisId = useId();

  return (
    <section aria-labelledby="schedule-board" className="schedule-board">
      <h3 id="schedule-board">{t('schedule.board.heading')}</h3>
      <div className="field">
        <label htmlFor={axisId}>{t('schedule.board.by')}</label>
        <select id={axisId} value={axis} onChange={(e) => setAxis(e.target.value as BoardAxis)}>
          <option value="judge">{t('schedule.board.byJudge')}</option>
          <option value="room">{t('schedule.board.byRoom')}</option>
        </select>
      </div>
      {!editable && <p className="muted">{t('schedule.board.readOnly')}</p>}
      {grid.rows.length === 0 ? (
        <p className="muted">{t('schedule.board.empty')}</p>
      ) : (
        <div className="schedule-board__scroll">
          <table className="schedule-board__grid">
            <thead>
              <tr>
                <th scope="col">{axis === 'judge' ? t('schedule.board.judge') : t('schedule.board.room')}</th>
                {grid.columns.map((c) => (
                  <th scope="col" key={c.session}>
                    {formatPlanDate(c.date, language)}
                    <br />
                    <span className="muted" dir="ltr">
                      {c.from}–{c.to}
                    </span>
                    {c.night && <> · {t('schedule.board.night')}</>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" dir="auto">
                    {axis === 'room' ? roomLabel(labels, row.id, (room) => t('schedule.board.virtualRoom', { room })) : row.label}
                  </th>
                  {row.cells.map((cell, i) => (
                    <td key={grid.columns[i].session}>
                      {cell.map((a) => (
                        <ListingCard
                          key={listingKey(a)}
                          listing={a}
                          labels={labels}
                          axis={axis}
                          editable={editable}
                          picked={picked !== null && listingKey(picked) === listingKey(a)}
                          onPick={() => setPicked(a)}
                          explained={explainedKey === listingKey(a)}
                          panelId={panelId}
                          onExplain={() => setExplained(explainedKey === listingKey(a) ? null : a)}
                        />
                      ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {explained && <WhyPanel key={explainedKey} id={panelId} listing={explained} labels={labels} onClose={() => setExplained(null)} />}
      {editable && picked && (
        <MoveForm
          key={listingKey(picked)}
          courtId={courtId}
          runId={runId}
          plan={plan}
          labels={labels}
          listing={picked}
          onClose={() => setPicked(null)}
          onSaved={() => {
            setPicked(null);
            onMoved();
          }}
        />
      )}
    </section>
  );
}

function ListingCard(props: {
  listing: BoardListing;
  labels: BoardLabels;
  axis: BoardAxis;
  editable: boolean;
  picked: boolean;
  onPick: () => void;
  explained: boolean;
  panelId: string;
  onExplain: () => void;
}) {
  const { t } = useTranslation();
  const { listing: a, labels } = props;
  return (
    <div className={props.picked ? 'schedule-card schedule-card--picked' : 'schedule-card'}>
      <strong dir="ltr">{caseLabel(labels, a.case)}</strong>
      <div>{t(`hearingTypes.${a.type}`, { defaultValue: a.type })}</div>
      <div className="muted">
        <span dir="ltr">{a.start}</span> · {t('schedule.board.minutes', { minutes: listingMinutes(a) })}
        {a.parts > 1 && <> · {t('schedule.board.block', { part: a.part, parts: a.parts })}</>}
        {a.remote && <> · {t('schedule.board.remote')}</>}
      </div>
      <div className="muted" dir="auto">
        {props.axis === 'judge'
          ? roomLabel(labels, a.room, (room) => t('schedule.board.virtualRoom', { room }))
          : judgeLabel(labels, a.judge)}
      </div>
      {(a.explanation !== undefined || a.why !== undefined) && (
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={props.onExplain}
          aria-expanded={props.explained}
          aria-controls={props.explained ? props.panelId : undefined}
        >
          {t('schedule.reasons.why.show')}
        </button>
      )}
      {props.editable && (
        <button type="button" className="button button--small" onClick={props.onPick} aria-pressed={props.picked}>
          {t('schedule.board.pick')}
        </button>
      )}
    </div>
  );
}

/**
 * Why this case, why this day, for the listing chosen on the board: said in the person's language
 * from the plan's facts, or the server's English sentence for a plan without them.
 */
function WhyPanel(props: { id: string; listing: BoardListing; labels: BoardLabels; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const heading = useRef<HTMLHeadingElement>(null);
  const { listing: a, labels } = props;
  const said = sayExplanation(a.explanation, { i18n, language, labels });
  // Opened from a card's button: the reader is taken to what it opened.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section id={props.id} className="schedule-why" aria-labelledby={`${props.id}-heading`}>
      <h4 id={`${props.id}-heading`} ref={heading} tabIndex={-1}>
        {t('schedule.reasons.why.heading', { case: caseLabel(labels, a.case) })}
      </h4>
      {said ? (
        <dl>
          <dt>{t('schedule.reasons.why.whyCase')}</dt>
          <dd>{said.whyCase.join(' ')}</dd>
          <dt>{t('schedule.reasons.why.whyDay')}</dt>
          <dd>{said.whyDay.join(' ')}</dd>
        </dl>
      ) : (
        <p lang="en" dir="ltr">
          {a.why}
        </p>
      )}
      <button type="button" className="button button--secondary" onClick={props.onClose}>
        {t('schedule.reasons.why.close')}
      </button>
    </section>
  );
}

type MoveState =
  | { step: 'editing' }
  | { step: 'checking' }
  | { step: 'ok' }
  | { step: 'refused'; violations: readonly ScheduleMoveViolation[] }
  | { step: 'failed'; message: string };

/** Pick a target, check it against every hard constraint on the server, then save it. */
function MoveForm(props: {
  courtId: string;
  runId: string;
  plan: BoardPlan;
  labels: BoardLabels;
  listing: BoardListing;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const targets = useMemo(() => moveTargets(props.plan, props.labels), [props.plan, props.labels]);
  const virtualRoom = (room: string) => t('schedule.board.virtualRoom', { room });
  const [draft, setDraft] = useState<MoveDraft>(() => moveDraftOf(props.listing));
  const [state, setState] = useState<MoveState>({ step: 'editing' });
  const ids = { session: useId(), start: useId(), judge: useId(), room: useId() };
  const request = moveRequest(props.listing, draft);
  const change = (field: keyof MoveDraft) => (e: { target: { value: string } }) => {
    setDraft({ ...draft, [field]: e.target.value });
    setState({ step: 'editing' });
  };

  const check = async () => {
    if (!request) return;
    setState({ step: 'checking' });
    try {
      const result = await scheduleApi.checkMove(props.courtId, props.runId, request);
      setState(result.ok ? { step: 'ok' } : { step: 'refused', violations: result.violations });
    } catch (error) {
      setState({ step: 'failed', message: scheduleErrorMessage(error, i18n) });
    }
  };
  const save = async () => {
    if (!request) return;
    try {
      await scheduleApi.saveMove(props.courtId, props.runId, request);
      props.onSaved();
    } catch (error) {
      const violations = refusedViolations(error);
      setState(violations.length > 0 ? { step: 'refused', violations } : { step: 'failed', message: scheduleErrorMessage(error, i18n) });
    }
  };

  return (
    <form className="schedule-move" onSubmit={(e) => e.preventDefault()} aria-labelledby="schedule-move-heading">
      <h4 id="schedule-move-heading">{t('schedule.move.heading', { case: caseLabel(props.labels, props.listing.case) })}</h4>
      <div className="schedule-move__fields">
        <div className="field">
          <label htmlFor={ids.session}>{t('schedule.move.session')}</label>
          <select id={ids.session} value={draft.session} onChange={change('session')}>
            {targets.sessions.map((s) => (
              <option key={s.session} value={s.session}>
                {formatPlanDate(s.date, language)} {s.from}–{s.to}
                {s.night && <> · {t('schedule.board.night')}</>}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.start}>{t('schedule.move.start')}</label>
          <input id={ids.start} value={draft.start} onChange={change('start')} inputMode="numeric" dir="ltr" size={5} />
        </div>
        <div className="field">
          <label htmlFor={ids.judge}>{t('schedule.move.judge')}</label>
          <select id={ids.judge} value={draft.judge} onChange={change('judge')} dir="auto">
            {targets.judges.map((j) => (
              <option key={j.id} value={j.id}>
                {j.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.room}>{t('schedule.move.room')}</label>
          <select id={ids.room} value={draft.room} onChange={change('room')} dir="auto">
            {targets.rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {roomLabel(props.labels, r.id, virtualRoom)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!request && <p className="muted">{t('schedule.move.invalid')}</p>}
      <div role="status" aria-live="polite">
        {state.step === 'checking' && <p>{t('schedule.move.checking')}</p>}
        {state.step === 'ok' && <p className="notice">{t('schedule.move.ok')}</p>}
      </div>
      {state.step === 'refused' && (
        <div className="notice notice--error" role="alert">
          <p>{t('schedule.move.refused')}</p>
          <ul>
            {state.violations.map((v, i) => {
              const said = sayViolation(v, { i18n, language, labels: props.labels });
              return (
                <li key={i} lang={said.lang} dir={said.lang ? 'ltr' : undefined}>
                  {said.text}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {state.step === 'failed' && (
        <p className="notice notice--error" role="alert">
          {state.message}
        </p>
      )}
      <div className="schedule-move__actions">
        <button type="button" className="button" onClick={check} disabled={!request || state.step === 'checking'}>
          {t('schedule.move.check')}
        </button>
        <button type="button" className="button" onClick={save} disabled={state.step !== 'ok'}>
          {t('schedule.move.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onClose}>
          {t('schedule.move.cancel')}
        </button>
      </div>
    </form>
  );
}
