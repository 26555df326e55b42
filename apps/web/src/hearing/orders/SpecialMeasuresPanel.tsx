import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { OrderView } from '@ejustice/hearings/orders/order-views';
import { LOCATION_MAX_LENGTH, PSEUDONYM_MAX_LENGTH, REASON_MAX_LENGTH } from '@ejustice/hearings/orders/order-terms';
import { useCallback, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { isApiError } from '../../api/problem';
import { ResourceStates } from '../../api/ResourceStates';
import { useApiResource } from '../../api/use-api-resource';
import { currentLanguage } from '../../i18n/i18n';
import { formatList } from '../../i18n/format';
import { useCourtTime } from '../../i18n/use-court-time';
import { useParticipantText } from '../room/participant-label';
import type { ParticipantView } from '../state/room-state';
import {
  changeOrderRequest,
  DISCLOSABLE_ROLES,
  disclosableParticipants,
  draftFromOrder,
  draftProblems,
  hasTerms,
  makeOrderRequest,
  namesParticipant,
  newDraft,
  ORDER_KINDS,
  ORDER_PICTURES,
  orderErrorText,
  refusedFields,
  SCREENABLE_ROLES,
  screenableParticipants,
  splitOrders,
  subjectCandidates,
  SUPPORTER_CAPACITIES,
  supporterCandidates,
  type DraftField,
  type OrderDraft,
} from './order-form';
import { ordersClient, type OrdersClient } from './orders-api';

interface SpecialMeasuresPanelProps {
  hearingId: string;
  /** The judge's participant list: everyone, by their real names. */
  participants: readonly ParticipantView[];
  client?: OrdersClient;
}

type Editing = { type: 'make' } | { type: 'change'; order: OrderView } | { type: 'revoke'; order: OrderView };

const defaultClient = ordersClient(api);

/**
 * The presiding judge's special-measures orders for this hearing: those in force and those
 * revoked, each with its terms, reason and who made it; a form to make one of each kind for a
 * chosen participant, to change one's terms and to revoke one, each with a reason. The server
 * records and applies them (media nodes follow at once, nobody rejoins); a refusal is shown
 * with the server's sentence, beside the form that caused it.
 */
export function SpecialMeasuresPanel({ hearingId, participants, client = defaultClient }: SpecialMeasuresPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const load = useCallback((signal: AbortSignal) => client.list(hearingId, signal), [client, hearingId]);
  const { state, reload } = useApiResource(load);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [done, setDone] = useState('');
  const orders = useMemo(() => (state.status === 'loaded' ? splitOrders(state.data) : null), [state]);

  const open = (next: Editing) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDone('');
    setEditing(next);
  };
  // Back to the button that opened the form; after a change the list is redrawn, so to the heading.
  const close = (outcome?: 'made' | 'changed' | 'revoked') => {
    setEditing(null);
    if (outcome) {
      setDone(t(`console.orders.done.${outcome}`));
      reload();
    }
    window.setTimeout(() => {
      const target = !outcome && returnFocus.current?.isConnected ? returnFocus.current : headingRef.current;
      target?.focus();
    }, 0);
  };
  const reloadAfterConflict = () => {
    setEditing(null);
    reload();
    window.setTimeout(() => headingRef.current?.focus(), 0);
  };

  const formFor = (order: OrderView): ReactNode => {
    if (editing?.type === 'change' && editing.order.id === order.id) {
      return (
        <OrderForm
          mode="change"
          initial={draftFromOrder(order)}
          participants={participants}
          onSubmit={async (draft) => {
            await client.change(hearingId, order.id, changeOrderRequest(draft, order.version));
            close('changed');
          }}
          onCancel={() => close()}
          onReload={reloadAfterConflict}
        />
      );
    }
    if (editing?.type === 'revoke' && editing.order.id === order.id) {
      return (
        <RevokeForm
          onSubmit={async (reason) => {
            await client.revoke(hearingId, order.id, { reason });
            close('revoked');
          }}
          onCancel={() => close()}
          onReload={reloadAfterConflict}
        />
      );
    }
    return null;
  };

  return (
    <section aria-labelledby={headingId} aria-busy={state.status === 'loading'} className="orders">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('console.orders.title')}
      </h2>
      <p role="status" className="orders__done">
        {done}
      </p>
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={() => false}
        messages={{
          loading: t('console.orders.loading'),
          loadFailed: t('console.orders.loadFailed'),
          empty: t('console.orders.none'),
          emptyHint: '',
        }}
      />
      {orders && (
        <>
          <h3>{t('console.orders.inForce', { count: orders.inForce.length })}</h3>
          {orders.inForce.length === 0 ? (
            <p className="muted">{t('console.orders.none')}</p>
          ) : (
            <ul className="people">
              {orders.inForce.map((order) => (
                <OrderItem
                  key={order.id}
                  order={order}
                  participants={participants}
                  onChange={hasTerms(order.kind) ? () => open({ type: 'change', order }) : undefined}
                  onRevoke={() => open({ type: 'revoke', order })}
                  busy={editing !== null}
                >
                  {formFor(order)}
                </OrderItem>
              ))}
            </ul>
          )}
          {editing?.type === 'make' ? (
            <OrderForm
              mode="make"
              initial={newDraft()}
              participants={participants}
              onSubmit={async (draft) => {
                await client.make(hearingId, makeOrderRequest(draft));
                close('made');
              }}
              onCancel={() => close()}
              onReload={reloadAfterConflict}
            />
          ) : (
            <div className="console__actions">
              <button type="button" className="button" disabled={editing !== null} onClick={() => open({ type: 'make' })}>
                {t('console.orders.make')}
              </button>
            </div>
          )}
          {orders.revoked.length > 0 && (
            <details className="orders__revoked">
              <summary>{t('console.orders.revoked', { count: orders.revoked.length })}</summary>
              <ul className="people">
                {orders.revoked.map((order) => (
                  <OrderItem key={order.id} order={order} participants={participants} busy={false} />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** How the console names an order: its kind, and whom it protects. */
function useOrderTitle(participants: readonly ParticipantView[]): (order: Pick<OrderView, 'kind' | 'participantId'>) => string {
  const { t } = useTranslation();
  const nameOf = useNameOf(participants);
  return (order) =>
    t('console.orders.orderFor', {
      kind: t(`console.orders.kinds.${order.kind}`),
      name: order.participantId ? nameOf(order.participantId) : t('console.orders.wholeHearing'),
    });
}

function useNameOf(participants: readonly ParticipantView[]): (participantId: string) => string {
  const { t } = useTranslation();
  const nameOf = useParticipantText();
  return (participantId) => {
    const view = participants.find((participant) => participant.id === participantId);
    return view ? nameOf(view) : t('console.orders.unknownParticipant');
  };
}

function OrderItem({
  order,
  participants,
  onChange,
  onRevoke,
  busy,
  children,
}: {
  order: OrderView;
  participants: readonly ParticipantView[];
  onChange?: () => void;
  onRevoke?: () => void;
  busy: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const title = useOrderTitle(participants)(order);
  const courtTime = useCourtTime();
  const when = (iso: string) => courtTime.dateTime(iso);
  return (
    <li className="person order" data-order-id={order.id}>
      <p className="person__head">
        <span className="person__name">
          <bdi>{title}</bdi>
        </span>
      </p>
      <OrderTerms order={order} participants={participants} />
      <p>
        <Trans i18nKey="console.orders.reason" components={{ reason: <bdi>{order.reason}</bdi> }} />
      </p>
      <p className="person__meta">
        <span className="person__fact">{t('console.orders.made', { name: order.made.by.displayName, date: when(order.made.at) })}</span>
        {order.changed && (
          <span className="person__fact">
            {t('console.orders.changed', { name: order.changed.by.displayName, date: when(order.changed.at) })}
          </span>
        )}
      </p>
      {order.revoked && (
        <p>
          <Trans
            i18nKey="console.orders.revokedBy"
            values={{ name: order.revoked.by.displayName, date: when(order.revoked.at) }}
            components={{ reason: <bdi>{order.revoked.reason}</bdi> }}
          />
        </p>
      )}
      {(onChange || onRevoke) && (
        <div className="person__actions">
          {onChange && (
            <button
              type="button"
              className="button button--secondary"
              aria-label={t('console.orders.changeFor', { order: title })}
              disabled={busy}
              onClick={onChange}
            >
              {t('console.orders.change')}
            </button>
          )}
          {onRevoke && (
            <button
              type="button"
              className="button button--secondary"
              aria-label={t('console.orders.revokeFor', { order: title })}
              disabled={busy}
              onClick={onRevoke}
            >
              {t('console.orders.revoke')}
            </button>
          )}
        </div>
      )}
      {children}
    </li>
  );
}

/** The terms in words: what the order does, to whom, and for whom. */
function OrderTerms({ order, participants }: { order: OrderView; participants: readonly ParticipantView[] }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const nameOf = useNameOf(participants);
  const draft = draftFromOrder(order);
  const who = (roles: readonly HearingRole[], ids: readonly string[]) =>
    formatList([...roles.map((role) => t(`hearingRoles.${role}`)), ...ids.map(nameOf)], language);
  const lines: ReactNode[] = [];
  switch (order.kind) {
    case 'anonymity':
      lines.push(
        <Trans key="pseudonym" i18nKey="console.orders.terms.pseudonym" components={{ name: <bdi>{draft.pseudonym}</bdi> }} />,
        t('console.orders.terms.picture', { picture: t(`console.orders.pictures.${draft.picture}`) }),
        draft.disclosedToRoles.length + draft.disclosedToParticipantIds.length === 0
          ? t('console.orders.terms.disclosedToJudgeOnly')
          : t('console.orders.terms.disclosedTo', { list: who(draft.disclosedToRoles, draft.disclosedToParticipantIds) }),
      );
      break;
    case 'screen':
      lines.push(t('console.orders.terms.screenedFrom', { list: who(draft.fromRoles, draft.fromParticipantIds) }));
      break;
    case 'audio_only':
      lines.push(t('console.orders.terms.audioOnly'));
      break;
    case 'supporter':
      lines.push(
        <Trans
          key="supporter"
          i18nKey={`console.orders.terms.${draft.capacity}`}
          components={{ name: <bdi>{nameOf(draft.supporterId)}</bdi> }}
        />,
      );
      break;
    case 'evidence_in_private':
      lines.push(t('console.orders.terms.evidenceInPrivate'));
      break;
    case 'remote_witness_room':
      lines.push(<Trans key="location" i18nKey="console.orders.terms.location" components={{ place: <bdi>{draft.location}</bdi> }} />);
      break;
    case 'attendance':
      lines.push(t('console.orders.terms.attendance'));
      break;
  }
  return (
    <ul className="order__terms">
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

/** The refusal, in the server's words, and the way out of a conflict (someone changed it meanwhile). */
function FormError({ error, id, onReload }: { error: unknown; id: string; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const conflict = isApiError(error) && error.code === 'order.conflict';
  return (
    <div id={id} className="notice notice--error" role="alert">
      <p>{orderErrorText(error, i18n)}</p>
      {conflict && (
        <button type="button" className="button button--secondary" onClick={onReload}>
          {t('console.orders.reload')}
        </button>
      )}
    </div>
  );
}

function OrderForm({
  mode,
  initial,
  participants,
  onSubmit,
  onCancel,
  onReload,
}: {
  mode: 'make' | 'change';
  initial: OrderDraft;
  participants: readonly ParticipantView[];
  onSubmit: (draft: OrderDraft) => Promise<void>;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const titleId = useId();
  const errorId = useId();
  const nameOf = useParticipantText();
  const orderTitle = useOrderTitle(participants);
  const [draft, setDraft] = useState(initial);
  const [missing, setMissing] = useState<readonly DraftField[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idOf = (field: string) => `${formId}-${field}`;
  const refused = refusedFields(error);
  const invalid = (field: DraftField | string) => missing.includes(field as DraftField) || refused.has(field);
  const describedBy = (field: string, hint?: string) =>
    [hint, missing.includes(field as DraftField) ? `${idOf(field)}-missing` : undefined, refused.has(field) ? errorId : undefined]
      .filter(Boolean)
      .join(' ') || undefined;
  const update = (change: Partial<OrderDraft>) => setDraft((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = draftProblems(draft);
    setMissing(problems);
    setError(null);
    if (problems.length > 0) {
      document.getElementById(idOf(problems[0]))?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSubmit(draft);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const missingText = (field: DraftField) =>
    missing.includes(field) ? (
      <p id={`${idOf(field)}-missing`} className="field__error">
        {t(`console.orders.problems.${field}`)}
      </p>
    ) : null;

  const subjects = subjectCandidates(participants, draft.kind);
  const supporters = supporterCandidates(participants);
  const pseudonymHintId = `${idOf('pseudonym')}-hint`;
  const locationHintId = `${idOf('location')}-hint`;

  return (
    <form className="order-form" aria-labelledby={titleId} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={titleId}>
        {mode === 'make'
          ? t('console.orders.form.makeTitle')
          : t('console.orders.form.changeTitle', { order: orderTitle({ kind: draft.kind, participantId: draft.participantId || null }) })}
      </h3>
      {error !== null && <FormError error={error} id={errorId} onReload={onReload} />}

      {mode === 'make' && (
        <div className="field">
          <label htmlFor={idOf('kind')}>{t('console.orders.form.kind')}</label>
          <select id={idOf('kind')} value={draft.kind} onChange={(event) => update({ kind: event.target.value as OrderDraft['kind'] })}>
            {ORDER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`console.orders.kinds.${kind}`)}
              </option>
            ))}
          </select>
          <p className="muted">{t(`console.orders.explain.${draft.kind}`)}</p>
        </div>
      )}

      {mode === 'make' && namesParticipant(draft.kind) && (
        <div className="field">
          <label htmlFor={idOf('participantId')}>{t('console.orders.form.participant')}</label>
          <select
            id={idOf('participantId')}
            value={draft.participantId}
            aria-invalid={invalid('participantId') || undefined}
            aria-describedby={describedBy('participantId')}
            onChange={(event) => update({ participantId: event.target.value })}
          >
            <option value="">{t('console.orders.form.chooseParticipant')}</option>
            {subjects.map((view) => (
              <option key={view.id} value={view.id}>
                {nameOf(view)}
              </option>
            ))}
          </select>
          {missingText('participantId')}
        </div>
      )}

      {draft.kind === 'anonymity' && (
        <>
          <div className="field">
            <label htmlFor={idOf('pseudonym')}>{t('console.orders.form.pseudonym')}</label>
            <input
              id={idOf('pseudonym')}
              type="text"
              value={draft.pseudonym}
              maxLength={PSEUDONYM_MAX_LENGTH}
              autoComplete="off"
              aria-invalid={invalid('pseudonym') || undefined}
              aria-describedby={describedBy('pseudonym', pseudonymHintId)}
              onChange={(event) => update({ pseudonym: event.target.value })}
            />
            <p id={pseudonymHintId} className="muted">
              {t('console.orders.form.pseudonymHint')}
            </p>
            {missingText('pseudonym')}
          </div>
          <div className="field">
            <label htmlFor={idOf('picture')}>{t('console.orders.form.picture')}</label>
            <select
              id={idOf('picture')}
              value={draft.picture}
              onChange={(event) => update({ picture: event.target.value as OrderDraft['picture'] })}
            >
              {ORDER_PICTURES.map((picture) => (
                <option key={picture} value={picture}>
                  {t(`console.orders.pictures.${picture}`)}
                </option>
              ))}
            </select>
          </div>
          <CheckboxGroup
            legend={t('console.orders.form.disclosedToRoles')}
            options={DISCLOSABLE_ROLES.map((role) => ({ value: role, label: t(`hearingRoles.${role}`) }))}
            selected={draft.disclosedToRoles}
            onChange={(disclosedToRoles) => update({ disclosedToRoles: disclosedToRoles as HearingRole[] })}
          />
          <CheckboxGroup
            legend={t('console.orders.form.disclosedToParticipants')}
            options={disclosableParticipants(participants, draft.participantId).map((view) => ({ value: view.id, label: nameOf(view) }))}
            selected={draft.disclosedToParticipantIds}
            onChange={(disclosedToParticipantIds) => update({ disclosedToParticipantIds })}
          />
        </>
      )}

      {draft.kind === 'screen' && (
        <>
          <CheckboxGroup
            id={idOf('fromRoles')}
            legend={t('console.orders.form.fromRoles')}
            options={SCREENABLE_ROLES.map((role) => ({ value: role, label: t(`hearingRoles.${role}`) }))}
            selected={draft.fromRoles}
            invalid={invalid('fromRoles')}
            describedBy={describedBy('fromRoles')}
            onChange={(fromRoles) => update({ fromRoles: fromRoles as HearingRole[] })}
          />
          <CheckboxGroup
            legend={t('console.orders.form.fromParticipants')}
            options={screenableParticipants(participants, draft.participantId).map((view) => ({ value: view.id, label: nameOf(view) }))}
            selected={draft.fromParticipantIds}
            invalid={refused.has('fromParticipantIds')}
            onChange={(fromParticipantIds) => update({ fromParticipantIds })}
          />
          {missingText('fromRoles')}
        </>
      )}

      {draft.kind === 'supporter' && (
        <>
          <div className="field">
            <label htmlFor={idOf('supporterId')}>{t('console.orders.form.supporter')}</label>
            {supporters.length === 0 && <p className="muted">{t('console.orders.form.noSupporters')}</p>}
            <select
              id={idOf('supporterId')}
              value={draft.supporterId}
              aria-invalid={invalid('supporterId') || undefined}
              aria-describedby={describedBy('supporterId')}
              onChange={(event) => update({ supporterId: event.target.value })}
            >
              <option value="">{t('console.orders.form.chooseSupporter')}</option>
              {supporters.map((view) => (
                <option key={view.id} value={view.id}>
                  {nameOf(view)}
                </option>
              ))}
            </select>
            {missingText('supporterId')}
          </div>
          <div className="field">
            <label htmlFor={idOf('capacity')}>{t('console.orders.form.capacity')}</label>
            <select
              id={idOf('capacity')}
              value={draft.capacity}
              onChange={(event) => update({ capacity: event.target.value as OrderDraft['capacity'] })}
            >
              {SUPPORTER_CAPACITIES.map((capacity) => (
                <option key={capacity} value={capacity}>
                  {t(`console.orders.capacities.${capacity}`)}
                </option>
              ))}
            </select>
          </div>
        </>
      )}

      {draft.kind === 'remote_witness_room' && (
        <div className="field">
          <label htmlFor={idOf('location')}>{t('console.orders.form.location')}</label>
          <input
            id={idOf('location')}
            type="text"
            value={draft.location}
            maxLength={LOCATION_MAX_LENGTH}
            aria-invalid={invalid('location') || undefined}
            aria-describedby={describedBy('location', locationHintId)}
            onChange={(event) => update({ location: event.target.value })}
          />
          <p id={locationHintId} className="muted">
            {t('console.orders.form.locationHint')}
          </p>
          {missingText('location')}
        </div>
      )}

      <ReasonField
        id={idOf('reason')}
        label={mode === 'make' ? t('console.orders.form.reason') : t('console.orders.form.changeReason')}
        value={draft.reason}
        invalid={invalid('reason')}
        describedBy={describedBy('reason')}
        onChange={(reason) => update({ reason })}
      />
      {missingText('reason')}

      <div className="console__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy
            ? t('console.orders.form.saving')
            : mode === 'make'
              ? t('console.orders.form.submitMake')
              : t('console.orders.form.submitChange')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('console.orders.form.cancel')}
        </button>
      </div>
    </form>
  );
}

function RevokeForm({
  onSubmit,
  onCancel,
  onReload,
}: {
  onSubmit: (reason: string) => Promise<void>;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const reasonId = useId();
  const titleId = useId();
  const errorId = useId();
  const missingId = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (reason.trim() === '') {
      setMissing(true);
      document.getElementById(reasonId)?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      await onSubmit(reason.trim());
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <form className="order-form" aria-labelledby={titleId} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={titleId}>{t('console.orders.form.revokeTitle')}</h3>
      <p>{t('console.orders.form.revokeExplain')}</p>
      {error !== null && <FormError error={error} id={errorId} onReload={onReload} />}
      <ReasonField
        id={reasonId}
        label={t('console.orders.form.revokeReason')}
        value={reason}
        invalid={missing || refusedFields(error).has('reason')}
        describedBy={[missing ? missingId : '', refusedFields(error).has('reason') ? errorId : ''].filter(Boolean).join(' ') || undefined}
        onChange={setReason}
      />
      {missing && (
        <p id={missingId} className="field__error">
          {t('console.orders.problems.reason')}
        </p>
      )}
      <div className="console__actions">
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? t('console.orders.form.saving') : t('console.orders.form.submitRevoke')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('console.orders.form.cancel')}
        </button>
      </div>
    </form>
  );
}

function ReasonField({
  id,
  label,
  value,
  invalid,
  describedBy,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  invalid: boolean;
  describedBy?: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        maxLength={REASON_MAX_LENGTH}
        value={value}
        required
        aria-invalid={invalid || undefined}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(' ')}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={hintId} className="muted">
        {t('console.orders.form.reasonHint')}
      </p>
    </div>
  );
}

function CheckboxGroup({
  id,
  legend,
  options,
  selected,
  invalid = false,
  describedBy,
  onChange,
}: {
  id?: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  selected: readonly string[];
  invalid?: boolean;
  describedBy?: string;
  onChange: (selected: string[]) => void;
}) {
  if (options.length === 0) return null;
  return (
    // The fieldset takes focus when its choice is missing, so the judge lands on the question.
    <fieldset
      id={id}
      tabIndex={id ? -1 : undefined}
      className="consultation__choose"
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input
            type="checkbox"
            checked={selected.includes(option.value)}
            onChange={(event) =>
              onChange(event.target.checked ? [...selected, option.value] : selected.filter((value) => value !== option.value))
            }
          />
          <bdi>{option.label}</bdi>
        </label>
      ))}
    </fieldset>
  );
}
