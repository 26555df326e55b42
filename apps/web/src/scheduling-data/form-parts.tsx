import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RESOURCE_SESSION_KINDS, type ResourceSessionKind } from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { currentLanguage } from '../i18n/i18n';
import { ISO_WEEKDAYS, weekdayName, type SaidProblem } from './scheduling-data-view';

/** What a section's last action came to: the change made (announced), or why it was refused. */
export function Outcome({ done, problem }: { done?: string | null; problem?: SaidProblem | null }) {
  return (
    <>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {problem && <ProblemNotice problem={problem} />}
    </>
  );
}

/** A refusal or failure: our sentence, the server's particulars (in its own language), the code. */
export function ProblemNotice({ problem, id }: { problem: SaidProblem; id?: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert" id={id}>
      <p>{problem.sentence}</p>
      {problem.server && problem.server !== problem.sentence && (
        <p>
          {t('schedulingData.serverSaid')}{' '}
          <span lang="en" dir="ltr">
            {problem.server}
          </span>
        </p>
      )}
      {problem.fields.length > 0 && (
        <ul lang="en" dir="ltr">
          {problem.fields.map((field) => (
            <li key={field}>{field}</li>
          ))}
        </ul>
      )}
      {problem.code && (
        <p className="muted">
          {t('schedulingData.errorCode')} <code dir="ltr">{problem.code}</code>
        </p>
      )}
    </div>
  );
}

/** Weekdays to tick, Monday first, in a fieldset named by its legend. */
export function WeekdaysFieldset({
  legend,
  value,
  onChange,
  hint,
  errorId,
}: {
  legend: string;
  value: readonly number[];
  onChange: (value: number[]) => void;
  hint?: string;
  errorId?: string;
}) {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const id = useId();
  const toggle = (day: number) => onChange(value.includes(day) ? value.filter((d) => d !== day) : [...value, day].sort());
  return (
    <fieldset className="sd-choices" aria-describedby={[hint ? `${id}-hint` : '', errorId ?? ''].join(' ').trim() || undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {ISO_WEEKDAYS.map((day) => (
        <label key={day} className="sd-choice">
          <input type="checkbox" checked={value.includes(day)} onChange={() => toggle(day)} /> {weekdayName(day, language)}
        </label>
      ))}
    </fieldset>
  );
}

/** Day court, night court, or both. */
export function KindsFieldset({
  legend,
  value,
  onChange,
  hint,
}: {
  legend: string;
  value: readonly ResourceSessionKind[];
  onChange: (value: ResourceSessionKind[]) => void;
  hint?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const toggle = (kind: ResourceSessionKind) =>
    onChange(RESOURCE_SESSION_KINDS.filter((k) => (k === kind ? !value.includes(k) : value.includes(k))));
  return (
    <fieldset className="sd-choices" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {RESOURCE_SESSION_KINDS.map((kind) => (
        <label key={kind} className="sd-choice">
          <input type="checkbox" checked={value.includes(kind)} onChange={() => toggle(kind)} /> {t(`schedulingData.kind.${kind}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** A labelled input with its hint and its error tied to it (aria-describedby, aria-invalid). */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="muted field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy || undefined, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
