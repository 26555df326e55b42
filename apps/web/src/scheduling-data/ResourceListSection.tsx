import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RESOURCE_LIMITS,
  RESOURCE_SUPPORT_ROLES,
  type ResourceSessionKind,
  type ResourceSupportRole,
} from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { ResourceStates } from '../api/ResourceStates';
import { useApiResource } from '../api/use-api-resource';
import { ConfirmButton } from '../hearing/room/ConfirmButton';
import { currentLanguage } from '../i18n/i18n';
import { Field, KindsFieldset, Outcome, ProblemNotice, WeekdaysFieldset } from './form-parts';
import { schedulingDataApi, type ResourceKind, type ResourceShapes } from './scheduling-data-api';
import {
  availabilityChoices,
  availabilityFields,
  listProblem,
  parseList,
  sayProblem,
  weekdaysText,
  type SaidProblem,
} from './scheduling-data-view';

type AnyView = ResourceShapes[ResourceKind]['view'];

interface Draft {
  name: string;
  virtual: boolean;
  /** Equipment (rooms) or languages (interpreters), as typed. */
  list: string;
  role: ResourceSupportRole;
  weekdays: number[];
  kinds: ResourceSessionKind[];
}

function draftOf(view: AnyView | null): Draft {
  const choices = availabilityChoices(view);
  return {
    name: view?.name ?? '',
    virtual: view !== null && 'virtual' in view ? view.virtual : false,
    list: view === null ? '' : 'equipment' in view ? view.equipment.join(', ') : 'languages' in view ? view.languages.join(', ') : '',
    role: view !== null && 'role' in view ? view.role : 'intermediary',
    ...choices,
  };
}

function requestOf(kind: ResourceKind, draft: Draft): ResourceShapes[ResourceKind]['request'] {
  const base = { name: draft.name.trim(), ...availabilityFields(draft.weekdays, draft.kinds) };
  if (kind === 'rooms') return { ...base, virtual: draft.virtual, equipment: parseList(draft.list) };
  if (kind === 'interpreters') return { ...base, languages: parseList(draft.list) };
  return { ...base, role: draft.role };
}

/**
 * The court's rooms, interpreters or supporters: the list, and for clerks and administrators a
 * form to add one, edit one (the whole of it) and delete one (refused while the published
 * timetable lists it: the page says so, and that days off are the way instead).
 */
export function ResourceListSection({
  courtId,
  kind,
  canEdit,
  onChanged,
}: {
  courtId: string;
  kind: ResourceKind;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const load = useCallback((signal: AbortSignal) => schedulingDataApi.list(courtId, kind, signal), [courtId, kind]);
  const { state, reload } = useApiResource<AnyView[]>(load);
  const [editing, setEditing] = useState<AnyView | 'new' | null>(null);
  const [problem, setProblem] = useState<SaidProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const k = `schedulingData.${kind}`;

  const changed = (message: string) => {
    setEditing(null);
    setProblem(null);
    setDone(message);
    reload();
    onChanged();
  };

  const remove = async (view: AnyView) => {
    setProblem(null);
    setDone(null);
    try {
      await schedulingDataApi.remove(courtId, kind, view.id);
      changed(t(`${k}.deleted`, { name: view.name }));
    } catch (error) {
      setProblem(sayProblem(error, i18n));
    }
  };

  const describe = (view: AnyView): string => {
    const parts: string[] = [];
    if ('virtual' in view) parts.push(t(view.virtual ? `${k}.virtual` : `${k}.physical`));
    if ('equipment' in view && view.equipment.length > 0) parts.push(`${t(`${k}.equipment`)}: ${view.equipment.join(', ')}`);
    if ('languages' in view) parts.push(`${t(`${k}.languages`)}: ${view.languages.join(', ')}`);
    if ('role' in view) parts.push(t(`schedulingData.role.${view.role}`));
    const days = weekdaysText(view.availableWeekdays, language);
    parts.push(days ? t('schedulingData.availableOn', { days }) : t('schedulingData.anyDay'));
    if (view.availableKinds !== null) parts.push(view.availableKinds.map((kind) => t(`schedulingData.kind.${kind}`)).join(', '));
    return parts.join(' · ');
  };

  return (
    <section aria-labelledby={`sd-${kind}`} className="sd-section">
      <h2 id={`sd-${kind}`}>{t(`${k}.heading`)}</h2>
      <p className="muted">{t(`${k}.intro`)}</p>
      <Outcome done={done} problem={problem} />
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(list: AnyView[]) => list.length === 0}
        messages={{ loading: t(`${k}.loading`), loadFailed: t(`${k}.loadFailed`), empty: t(`${k}.empty`), emptyHint: t(`${k}.emptyHint`) }}
      />
      {state.status === 'loaded' && state.data.length > 0 && (
        <ul className="sd-list">
          {state.data.map((view) => (
            <li key={view.id} className="sd-list__item">
              <div>
                <strong>{view.name}</strong>
                <div className="muted">{describe(view)}</div>
              </div>
              {canEdit && (
                <div className="sd-list__actions">
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={t('schedulingData.editNamed', { name: view.name })}
                    onClick={() => {
                      setDone(null);
                      setEditing(view);
                    }}
                  >
                    {t('schedulingData.edit')}
                  </button>
                  <ConfirmButton
                    className="button button--secondary"
                    label={t('schedulingData.delete')}
                    ariaLabel={t('schedulingData.deleteNamed', { name: view.name })}
                    question={t(`${k}.deleteQuestion`, { name: view.name })}
                    confirmLabel={t('schedulingData.delete')}
                    onConfirm={() => void remove(view)}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && editing === null && (
        <button
          type="button"
          className="button"
          onClick={() => {
            setDone(null);
            setEditing('new');
          }}
        >
          {t(`${k}.add`)}
        </button>
      )}
      {canEdit && editing !== null && (
        <ResourceForm
          key={editing === 'new' ? 'new' : editing.id}
          courtId={courtId}
          kind={kind}
          existing={editing === 'new' ? null : editing}
          onSaved={(name, added) => changed(t(added ? `${k}.added` : `${k}.saved`, { name }))}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function ResourceForm({
  courtId,
  kind,
  existing,
  onSaved,
  onCancel,
}: {
  courtId: string;
  kind: ResourceKind;
  existing: AnyView | null;
  onSaved: (name: string, added: boolean) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(existing));
  const [shown, setShown] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaidProblem | null>(null);
  const k = `schedulingData.${kind}`;
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const name = draft.name.trim();
  const nameError =
    name === ''
      ? t('schedulingData.form.nameRequired')
      : name.length > (kind === 'rooms' ? RESOURCE_LIMITS.roomNameLength : RESOURCE_LIMITS.nameLength)
        ? t('schedulingData.form.nameTooLong', { max: kind === 'rooms' ? RESOURCE_LIMITS.roomNameLength : RESOURCE_LIMITS.nameLength })
        : null;
  const items = parseList(draft.list);
  const listIssue = listProblem(items);
  const listError =
    kind === 'interpreters' && items.length === 0
      ? t('schedulingData.interpreters.languagesRequired')
      : listIssue
        ? t(`schedulingData.form.list_${listIssue}`, { max: listIssue === 'too_many' ? RESOURCE_LIMITS.tags : RESOURCE_LIMITS.tagLength })
        : null;
  const invalid = nameError !== null || (kind !== 'supporters' && listError !== null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (invalid) return;
    setSaving(true);
    setProblem(null);
    try {
      const body = requestOf(kind, draft);
      if (existing) await schedulingDataApi.replace(courtId, kind, existing.id, body);
      else await schedulingDataApi.add(courtId, kind, body);
      onSaved(name, existing === null);
    } catch (error) {
      setProblem(sayProblem(error, i18n));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form panel sd-form" onSubmit={submit} noValidate>
      <h3>{existing ? t(`${k}.editHeading`, { name: existing.name }) : t(`${k}.addHeading`)}</h3>
      <Field label={t(`${k}.name`)} error={shown ? nameError : null}>
        {(props) => <input {...props} type="text" value={draft.name} onChange={(e) => set({ name: e.target.value })} required />}
      </Field>
      {kind === 'rooms' && (
        <>
          <label className="sd-choice">
            <input type="checkbox" checked={draft.virtual} onChange={(e) => set({ virtual: e.target.checked })} /> {t(`${k}.virtualLabel`)}
          </label>
          <Field label={t(`${k}.equipment`)} hint={t(`${k}.equipmentHint`)} error={shown ? listError : null}>
            {(props) => <input {...props} type="text" dir="ltr" value={draft.list} onChange={(e) => set({ list: e.target.value })} />}
          </Field>
        </>
      )}
      {kind === 'interpreters' && (
        <Field label={t(`${k}.languages`)} hint={t(`${k}.languagesHint`)} error={shown ? listError : null}>
          {(props) => (
            <input {...props} type="text" dir="ltr" value={draft.list} onChange={(e) => set({ list: e.target.value })} required />
          )}
        </Field>
      )}
      {kind === 'supporters' && (
        <fieldset className="sd-choices">
          <legend>{t(`${k}.role`)}</legend>
          {RESOURCE_SUPPORT_ROLES.map((role) => (
            <label key={role} className="sd-choice">
              <input type="radio" name="role" checked={draft.role === role} onChange={() => set({ role })} />{' '}
              {t(`schedulingData.role.${role}`)}
            </label>
          ))}
        </fieldset>
      )}
      <WeekdaysFieldset
        legend={t('schedulingData.form.availableWeekdays')}
        hint={t('schedulingData.form.availabilityHint')}
        value={draft.weekdays}
        onChange={(weekdays) => set({ weekdays })}
      />
      <KindsFieldset legend={t('schedulingData.form.availableKinds')} value={draft.kinds} onChange={(kinds) => set({ kinds })} />
      {problem && <ProblemNotice problem={problem} />}
      <div className="sd-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? t('schedulingData.saving') : t('schedulingData.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('schedulingData.cancel')}
        </button>
      </div>
    </form>
  );
}
