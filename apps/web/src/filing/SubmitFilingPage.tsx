import { useCallback, useEffect, useId, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { CASE_TYPE_NAMES, PARTY_ROLES, type Confidentiality } from '@ejustice/vocabulary/case-type';
import { api } from '../api/client';
import { isApiError } from '../api/problem';
import type { CaseSummaryView as CaseSummary } from '@ejustice/cases/contract/case-contract';
import { useApiResource } from '../api/use-api-resource';
import { errorMessage } from '../i18n/error-message';
import { currentLanguage } from '../i18n/i18n';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import { filingApi } from './filing-api';
import { formatMoney } from './filing-format';
import {
  OPENING_FILING_TYPES,
  SUBSEQUENT_FILING_TYPES,
  URGENCY_GROUNDS,
  type CourtFilingPolicy,
  type FeeAssessment,
  type FilingReceiptView as FilingReceipt,
  type FilingType,
} from '@ejustice/filing/contract/filing-contract';
import { formatBytes, precheckPdf } from './pdf-precheck';
import {
  WIZARD_STEPS,
  initialWizardState,
  stepIndex,
  toMetadata,
  validateStep,
  wizardReducer,
  type PartyDraft,
  type StepError,
  type ValidationContext,
  type WizardAction,
  type WizardState,
  type WizardStep,
} from './submission-wizard';
import { UploadProgressBar } from './UploadProgressBar';
import { isAbortError, milestoneReached, percentOf, type UploadProgress } from './upload';
import './filing.css';

/** What the receipt page is handed after a submission, so it shows the receipt without a reload. */
export interface ReceiptLocationState {
  receipt: FilingReceipt;
}

const CONFIDENTIALITY_CHOICES: readonly Confidentiality[] = ['public', 'confidential', 'sealed'];

function newKey(): string {
  return crypto.randomUUID();
}

/** The filer's step-by-step submission: load the court's rules and the filer's cases, then the wizard. */
export function SubmitFilingPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('filing.wizard.title'));
  const load = useCallback(async (signal: AbortSignal) => {
    const [policy, cases] = await Promise.all([filingApi.policy(signal), api.listCases(signal)]);
    return { policy, cases: cases.items };
  }, []);
  const { state, reload } = useApiResource(load);

  return (
    <div className="page-content filing-wizard">
      <h1>{t('filing.wizard.title')}</h1>
      {state.status === 'loading' && (
        <p className="muted" role="status">
          {t('filing.wizard.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <div className="notice notice--error" role="alert">
          <p>
            {t('filing.wizard.loadFailed')} {errorMessage(state.error, i18n)}
          </p>
          <button type="button" className="button button--secondary" onClick={reload}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {state.status === 'loaded' && <Wizard policy={state.data.policy} cases={state.data.cases} />}
    </div>
  );
}

interface WizardProps {
  policy: CourtFilingPolicy;
  cases: CaseSummary[];
}

function Wizard({ policy, cases }: WizardProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const prefix = useId();
  const fieldId = (field: string) => `${prefix}-${field}`;

  // "File into this case" on a docket page arrives with ?caseId=: start on the details step.
  const [state, dispatch] = useReducer(wizardReducer, searchParams.get('caseId'), (caseId): WizardState => {
    if (!caseId || !cases.some((item) => item.id === caseId)) return initialWizardState;
    return { ...initialWizardState, kind: 'existing_case', caseId, step: 'details' };
  });
  const [errors, setErrors] = useState<StepError[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorSummaryRef = useRef<HTMLDivElement>(null);
  const firstStep = useRef(true);

  const context = useMemo<ValidationContext>(() => {
    const accepted = new Set<string>(policy.acceptedFilingTypes);
    return {
      maxDocumentBytes: policy.maxDocumentBytes,
      maxDocuments: policy.maxDocuments,
      openingFilingTypes: OPENING_FILING_TYPES.filter((type) => accepted.has(type)),
      caseFilingTypes: SUBSEQUENT_FILING_TYPES.filter((type) => accepted.has(type)),
    };
  }, [policy]);

  // Moving to another step replaces the whole form: put the focus on its heading, so screen-reader
  // and keyboard users start reading at the top of the new step, not somewhere in the old one.
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [state.step]);

  // Errors shown are those of the step on screen; fixing a field clears its message at once.
  const visibleErrors = useMemo(() => {
    if (errors.length === 0) return errors;
    const current = validateStep(state, state.step, context);
    return errors.filter((error) => current.some((each) => each.field === error.field && each.messageKey === error.messageKey));
  }, [errors, state, context]);

  const act = useCallback((action: WizardAction) => dispatch(action), []);

  const goNext = () => {
    const found = validateStep(state, state.step, context);
    setErrors(found);
    if (found.length > 0) {
      // Wait for the summary to render before moving the focus to it.
      requestAnimationFrame(() => errorSummaryRef.current?.focus());
      return;
    }
    dispatch({ type: 'next', context });
  };

  const goTo = (step: WizardStep) => {
    setErrors([]);
    dispatch({ type: 'goTo', step });
  };

  const errorFor = (field: string) => visibleErrors.find((error) => error.field === field);
  const fieldProps = (field: string) => {
    const error = errorFor(field);
    return {
      id: fieldId(field),
      'aria-invalid': error ? (true as const) : undefined,
      'aria-describedby': error ? `${fieldId(field)}-error` : undefined,
    };
  };
  const fieldError = (field: string) => {
    const error = errorFor(field);
    return error ? (
      <p id={`${fieldId(field)}-error`} className="field__error">
        {t(error.messageKey, error.values ?? {})}
      </p>
    ) : null;
  };
  const form: FormHelpers = { fieldId, fieldProps, fieldError, act };

  const index = stepIndex(state.step);
  const stepTitle = t(`filing.wizard.steps.${state.step}`);

  return (
    <>
      <p className="muted">{t('filing.wizard.intro')}</p>
      <nav aria-label={t('filing.wizard.stepsLabel')}>
        <ol className="wizard-steps">
          {WIZARD_STEPS.map((step, position) => (
            <li
              key={step}
              className={position < index ? 'wizard-steps__done' : position === index ? 'wizard-steps__current' : undefined}
              aria-current={position === index ? 'step' : undefined}
            >
              <span className="wizard-steps__number" aria-hidden="true">
                {new Intl.NumberFormat(currentLanguage(i18n)).format(position + 1)}
              </span>
              <span>{t(`filing.wizard.steps.${step}`)}</span>
            </li>
          ))}
        </ol>
      </nav>

      <section className="panel wizard-panel" aria-labelledby={fieldId('heading')}>
        <p className="muted wizard-panel__position">{t('filing.wizard.stepOf', { current: index + 1, total: WIZARD_STEPS.length })}</p>
        <h2 id={fieldId('heading')} ref={headingRef} tabIndex={-1}>
          {stepTitle}
        </h2>

        {visibleErrors.length > 0 && (
          <div ref={errorSummaryRef} className="notice notice--error error-summary" role="alert" tabIndex={-1}>
            <p>{t('filing.wizard.errorSummary')}</p>
            <ul>
              {visibleErrors.map((error) => (
                <li key={`${error.field}-${error.messageKey}`}>
                  <a href={`#${fieldId(error.field)}`}>{t(error.messageKey, error.values ?? {})}</a>
                </li>
              ))}
            </ul>
          </div>
        )}

        {state.step === 'review' ? (
          <ReviewStep state={state} policy={policy} cases={cases} onChange={goTo} form={form} navigate={navigate} />
        ) : (
          <form
            className="form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              goNext();
            }}
          >
            {state.step === 'kind' && <KindStep state={state} cases={cases} form={form} />}
            {state.step === 'details' && <DetailsStep state={state} cases={cases} context={context} form={form} />}
            {state.step === 'documents' && <DocumentsStep state={state} policy={policy} form={form} />}
            {state.step === 'confidentiality' && <ConfidentialityStep state={state} cases={cases} form={form} />}
            <div className="wizard-actions">
              <button type="submit" className="button">
                {t('filing.wizard.next')}
              </button>
              {index > 0 && (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setErrors([]);
                    dispatch({ type: 'back' });
                  }}
                >
                  {t('filing.wizard.back')}
                </button>
              )}
            </div>
          </form>
        )}
      </section>
    </>
  );
}

interface FormHelpers {
  fieldId(field: string): string;
  fieldProps(field: string): { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
  fieldError(field: string): ReactNode;
  act(action: WizardAction): void;
}

function KindStep({ state, cases, form }: { state: WizardState; cases: CaseSummary[]; form: FormHelpers }) {
  const { t } = useTranslation();
  const noCases = cases.length === 0;
  return (
    <fieldset className="choice-group" id={form.fieldId('kind')} aria-describedby={form.fieldProps('kind')['aria-describedby']}>
      <legend>{t('filing.wizard.kind.legend')}</legend>
      {form.fieldError('kind')}
      <Choice
        name="kind"
        checked={state.kind === 'new_case'}
        onChange={() => form.act({ type: 'chooseKind', kind: 'new_case' })}
        label={t('filing.wizard.kind.newCase')}
        hint={t('filing.wizard.kind.newCaseHint')}
      />
      <Choice
        name="kind"
        checked={state.kind === 'existing_case'}
        disabled={noCases}
        onChange={() => form.act({ type: 'chooseKind', kind: 'existing_case' })}
        label={t('filing.wizard.kind.existingCase')}
        hint={noCases ? t('filing.wizard.kind.noCases') : t('filing.wizard.kind.existingCaseHint')}
      />
    </fieldset>
  );
}

interface ChoiceProps {
  name: string;
  checked: boolean;
  onChange(): void;
  label: string;
  hint?: string;
  disabled?: boolean;
  type?: 'radio' | 'checkbox';
}

/** A radio or checkbox with its label and an optional hint that is part of its description. */
function Choice({ name, checked, onChange, label, hint, disabled, type = 'radio' }: ChoiceProps) {
  const id = useId();
  return (
    <div className={`choice${disabled ? ' choice--disabled' : ''}`}>
      <input
        id={id}
        type={type}
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={onChange}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>
        <span className="choice__label">{label}</span>
        {hint && (
          <span id={`${id}-hint`} className="choice__hint">
            {hint}
          </span>
        )}
      </label>
    </div>
  );
}

function DetailsStep({
  state,
  cases,
  context,
  form,
}: {
  state: WizardState;
  cases: CaseSummary[];
  context: ValidationContext;
  form: FormHelpers;
}) {
  const { t } = useTranslation();
  const types = state.kind === 'new_case' ? context.openingFilingTypes : context.caseFilingTypes;

  return (
    <>
      {state.kind === 'new_case' ? (
        <fieldset className="fieldset">
          <legend>{t('filing.wizard.details.caseLegend')}</legend>
          <div className="field">
            <label htmlFor={form.fieldId('caseType')}>{t('filing.wizard.details.caseType')}</label>
            <select
              {...form.fieldProps('caseType')}
              value={state.caseType}
              onChange={(event) => form.act({ type: 'setCaseType', caseType: event.target.value as WizardState['caseType'] })}
            >
              <option value="">{t('filing.wizard.choose')}</option>
              {CASE_TYPE_NAMES.map((caseType) => (
                <option key={caseType} value={caseType}>
                  {t(`cases.caseType.${caseType}`)}
                </option>
              ))}
            </select>
            {form.fieldError('caseType')}
          </div>
          <TextField
            field="caseTitle"
            label={t('filing.wizard.details.caseTitle')}
            hint={t('filing.wizard.details.caseTitleHint')}
            value={state.caseTitle}
            onChange={(title) => form.act({ type: 'setCaseTitle', title })}
            form={form}
          />
        </fieldset>
      ) : (
        <div className="field">
          <label htmlFor={form.fieldId('caseId')}>{t('filing.wizard.details.case')}</label>
          <select
            {...form.fieldProps('caseId')}
            value={state.caseId}
            onChange={(event) => form.act({ type: 'chooseCase', caseId: event.target.value })}
          >
            <option value="">{t('filing.wizard.choose')}</option>
            {cases.map((item) => (
              <option key={item.id} value={item.id}>
                {t('filing.wizard.details.caseOption', { number: item.number, title: item.title })}
              </option>
            ))}
          </select>
          {form.fieldError('caseId')}
        </div>
      )}

      <fieldset className="fieldset">
        <legend>{t('filing.wizard.details.filingLegend')}</legend>
        <div className="field">
          <label htmlFor={form.fieldId('filingType')}>{t('filing.wizard.details.filingType')}</label>
          <select
            {...form.fieldProps('filingType')}
            value={state.filingType}
            onChange={(event) => form.act({ type: 'setFilingType', filingType: event.target.value as FilingType | '' })}
          >
            <option value="">{t('filing.wizard.choose')}</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {t(`filing.filingType.${type}`)}
              </option>
            ))}
          </select>
          {form.fieldError('filingType')}
        </div>
        <TextField
          field="filingTitle"
          label={t('filing.wizard.details.filingTitle')}
          hint={t('filing.wizard.details.filingTitleHint')}
          value={state.filingTitle}
          onChange={(title) => form.act({ type: 'setFilingTitle', title })}
          form={form}
        />
      </fieldset>

      <fieldset className="choice-group">
        <legend>{t('filing.wizard.details.urgencyLegend')}</legend>
        <p className="muted">{t('filing.wizard.details.urgencyHint')}</p>
        {URGENCY_GROUNDS.map((ground) => (
          <Choice
            key={ground}
            type="checkbox"
            name="urgency"
            checked={state.urgencyGrounds.includes(ground)}
            onChange={() => form.act({ type: 'toggleUrgency', ground, on: !state.urgencyGrounds.includes(ground) })}
            label={t(`filing.urgency.${ground}`)}
          />
        ))}
      </fieldset>

      {state.kind === 'new_case' && <PartiesFields parties={state.parties} form={form} />}
    </>
  );
}

function TextField({
  field,
  label,
  hint,
  value,
  onChange,
  form,
}: {
  field: string;
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
  form: FormHelpers;
}) {
  const props = form.fieldProps(field);
  const hintId = `${props.id}-hint`;
  return (
    <div className="field">
      <label htmlFor={props.id}>{label}</label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <input
        {...props}
        aria-describedby={[hint ? hintId : null, props['aria-describedby']].filter(Boolean).join(' ') || undefined}
        type="text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {form.fieldError(field)}
    </div>
  );
}

function PartiesFields({ parties, form }: { parties: PartyDraft[]; form: FormHelpers }) {
  const { t } = useTranslation();
  const addRef = useRef<HTMLButtonElement>(null);
  const protectionId = useId();
  return (
    <fieldset className="fieldset" id={form.fieldId('parties')} aria-describedby={form.fieldProps('parties')['aria-describedby']}>
      <legend>{t('filing.wizard.parties.legend')}</legend>
      <p className="muted">{t('filing.wizard.parties.hint')}</p>
      {form.fieldError('parties')}

      <aside className="protection-note" aria-labelledby={protectionId}>
        <h3 id={protectionId}>{t('filing.wizard.protection.title')}</h3>
        <p>{t('filing.wizard.protection.who')}</p>
        <ul>
          <li>{t('filing.wizard.protection.court')}</li>
          <li>{t('filing.wizard.protection.others')}</li>
        </ul>
        <p>{t('filing.wizard.protection.later')}</p>
      </aside>

      {parties.length === 0 && <p className="empty-state">{t('filing.wizard.parties.none')}</p>}
      {parties.map((party, position) => (
        <PartyFields
          key={party.key}
          party={party}
          number={position + 1}
          form={form}
          onRemove={() => {
            form.act({ type: 'removeParty', key: party.key });
            // The removed block had the focus; give it to something that still exists.
            addRef.current?.focus();
          }}
        />
      ))}
      <button ref={addRef} type="button" className="button button--secondary" onClick={() => form.act({ type: 'addParty', key: newKey() })}>
        {t('filing.wizard.parties.add')}
      </button>
    </fieldset>
  );
}

function PartyFields({ party, number, form, onRemove }: { party: PartyDraft; number: number; form: FormHelpers; onRemove(): void }) {
  const { t } = useTranslation();
  const field = (name: string) => `party-${party.key}-${name}`;
  const update = (changes: Partial<Omit<PartyDraft, 'key'>>) => form.act({ type: 'updateParty', key: party.key, changes });
  const heading = t('filing.wizard.parties.heading', { number });
  return (
    <fieldset className={`party${party.isProtected ? ' party--protected' : ''}`}>
      <legend>{heading}</legend>
      <div className="party__grid">
        <div className="field">
          <label htmlFor={form.fieldId(field('role'))}>{t('filing.wizard.parties.role')}</label>
          <select
            {...form.fieldProps(field('role'))}
            value={party.partyRole}
            onChange={(event) => update({ partyRole: event.target.value as PartyDraft['partyRole'] })}
          >
            <option value="">{t('filing.wizard.choose')}</option>
            {PARTY_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`docket.partyRole.${role}`)}
              </option>
            ))}
          </select>
          {form.fieldError(field('role'))}
        </div>
        <TextField
          field={field('name')}
          label={t('filing.wizard.parties.fullName')}
          value={party.fullName}
          onChange={(fullName) => update({ fullName })}
          form={form}
        />
      </div>
      <fieldset className="choice-group choice-group--inline">
        <legend>{t('filing.wizard.parties.linkLegend')}</legend>
        <Choice
          name={`${party.key}-link`}
          checked={party.link === 'none'}
          onChange={() => update({ link: 'none' })}
          label={t('filing.wizard.parties.linkNone')}
        />
        <Choice
          name={`${party.key}-link`}
          checked={party.link === 'self'}
          onChange={() => update({ link: 'self' })}
          label={t('filing.wizard.parties.linkSelf')}
        />
        <Choice
          name={`${party.key}-link`}
          checked={party.link === 'represents'}
          onChange={() => update({ link: 'represents' })}
          label={t('filing.wizard.parties.linkRepresents')}
        />
      </fieldset>
      <Choice
        type="checkbox"
        name={`${party.key}-protected`}
        checked={party.isProtected}
        onChange={() => update({ isProtected: !party.isProtected })}
        label={t('filing.wizard.parties.protect')}
      />
      {party.isProtected && (
        <TextField
          field={field('pseudonym')}
          label={t('filing.wizard.parties.pseudonym')}
          hint={t('filing.wizard.parties.pseudonymHint')}
          value={party.pseudonym}
          onChange={(pseudonym) => update({ pseudonym })}
          form={form}
        />
      )}
      <button type="button" className="button button--quiet" onClick={onRemove}>
        {t('filing.wizard.parties.remove', { number })}
      </button>
    </fieldset>
  );
}

function DocumentsStep({ state, policy, form }: { state: WizardState; policy: CourtFilingPolicy; form: FormHelpers }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const inputId = form.fieldId('documents');
  const hintId = `${inputId}-hint`;

  const addFiles = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const added = [...files].map((file) => ({ key: newKey(), file }));
    form.act({ type: 'addDocuments', documents: added });
    for (const { key, file } of added) {
      void precheckPdf(file, policy.maxDocumentBytes).then(
        (problem) => form.act({ type: 'documentChecked', key, problem }),
        () => form.act({ type: 'documentChecked', key, problem: 'not_pdf' }),
      );
    }
  };

  return (
    <fieldset className="fieldset">
      <legend>{t('filing.wizard.documents.legend')}</legend>
      <p id={hintId} className="field__hint">
        {t('filing.wizard.documents.hint', {
          size: formatBytes(policy.maxDocumentBytes, language),
          max: policy.maxDocuments,
        })}{' '}
        {t('filing.wizard.documents.serverChecks')}
      </p>
      {form.fieldError('documents')}
      <div className="file-picker">
        <label htmlFor={inputId} className="button button--secondary">
          {t('filing.wizard.documents.add')}
        </label>
        <input
          id={inputId}
          className="file-picker__input"
          type="file"
          accept="application/pdf,.pdf"
          multiple
          aria-describedby={[hintId, form.fieldProps('documents')['aria-describedby']].filter(Boolean).join(' ')}
          onChange={(event) => {
            addFiles(event.target.files);
            // So that choosing the same file again (after removing it) fires a change.
            event.target.value = '';
          }}
        />
      </div>
      {state.documents.length === 0 ? (
        <p className="empty-state">{t('filing.wizard.documents.none')}</p>
      ) : (
        <ol className="document-list">
          {state.documents.map((document, position) => {
            const status = `document-${document.key}`;
            const name = document.file.name;
            return (
              <li key={document.key} className="document-item" id={form.fieldId(status)}>
                <div className="document-item__head">
                  <span className={`tag${position === 0 ? ' tag--lead' : ''}`}>
                    {position === 0 ? t('filing.wizard.documents.lead') : t('filing.wizard.documents.attachment')}
                  </span>
                  <bdi className="document-item__name">{name}</bdi>
                  <span className="muted">{formatBytes(document.file.size, language)}</span>
                  <span className="muted" role="status">
                    {document.checking ? t('filing.wizard.documents.checking') : document.problem ? '' : t('filing.wizard.documents.ready')}
                  </span>
                </div>
                {/* The quick check's verdict shows at once, not only after "Continue". */}
                {document.problem ? (
                  <p id={`${form.fieldId(status)}-error`} className="field__error" role="alert">
                    {t(`filing.precheck.${document.problem}`, { name })}
                  </p>
                ) : (
                  form.fieldError(status)
                )}
                <TextField
                  field={`${status}-title`}
                  label={t('filing.wizard.documents.titleLabel', { name })}
                  value={document.title}
                  onChange={(title) => form.act({ type: 'setDocumentTitle', key: document.key, title })}
                  form={form}
                />
                <div className="document-item__actions">
                  {position > 0 && (
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() => form.act({ type: 'makeLead', key: document.key })}
                    >
                      {t('filing.wizard.documents.makeLead', { name })}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => form.act({ type: 'removeDocument', key: document.key })}
                  >
                    {t('filing.wizard.documents.remove', { name })}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </fieldset>
  );
}

function ConfidentialityStep({ state, cases, form }: { state: WizardState; cases: CaseSummary[]; form: FormHelpers }) {
  const { t } = useTranslation();
  const trafficking =
    state.kind === 'new_case'
      ? state.caseType === 'trafficking'
      : cases.find((item) => item.id === state.caseId)?.caseType === 'trafficking';
  return (
    <fieldset
      className="choice-group"
      id={form.fieldId('confidentiality')}
      aria-describedby={form.fieldProps('confidentiality')['aria-describedby']}
    >
      <legend>{t('filing.wizard.confidentiality.legend')}</legend>
      {trafficking && <p className="notice">{t('filing.wizard.confidentiality.trafficking')}</p>}
      {form.fieldError('confidentiality')}
      {CONFIDENTIALITY_CHOICES.map((level) => (
        <Choice
          key={level}
          name="confidentiality"
          checked={state.confidentiality === level}
          onChange={() => form.act({ type: 'setConfidentiality', confidentiality: level })}
          label={t(`filing.wizard.confidentiality.${level}`)}
          hint={t(`filing.wizard.confidentiality.${level}Hint`)}
        />
      ))}
    </fieldset>
  );
}

type SendState =
  { status: 'idle' } | { status: 'sending'; progress: UploadProgress } | { status: 'failed'; error: unknown } | { status: 'cancelled' };

function ReviewStep({
  state,
  policy,
  cases,
  onChange,
  form,
  navigate,
}: {
  state: WizardState;
  policy: CourtFilingPolicy;
  cases: CaseSummary[];
  onChange(step: WizardStep): void;
  form: FormHelpers;
  navigate: ReturnType<typeof useNavigate>;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [send, setSend] = useState<SendState>({ status: 'idle' });
  const [announcement, setAnnouncement] = useState('');
  const abortRef = useRef<AbortController | null>(null);
  const lastPercent = useRef(0);
  const failureRef = useRef<HTMLDivElement>(null);
  const progressLabelId = form.fieldId('progress');
  const chosenCase = cases.find((item) => item.id === state.caseId);
  const actsForVictim = state.parties.some((party) => party.partyRole === 'victim' && party.link !== 'none');

  const loadFee = useCallback(
    (signal: AbortSignal) =>
      filingApi.fee(
        state.kind === 'existing_case'
          ? { filingType: state.filingType as FilingType, caseId: state.caseId }
          : { filingType: state.filingType as FilingType, actsForVictim },
        signal,
      ),
    [state.kind, state.filingType, state.caseId, actsForVictim],
  );
  const fee = useApiResource(loadFee);

  // Leaving the page stops an upload in flight; the server keeps nothing of a cut-off submission.
  useEffect(() => () => abortRef.current?.abort(), []);

  const submit = async () => {
    if (send.status === 'sending') return;
    // The reducer decides whether this is a retry of the same content (same key) or new content
    // (the fresh key); applying the action here too gives the key synchronously.
    const action: WizardAction = { type: 'beginAttempt', candidateKey: newKey() };
    const key = wizardReducer(state, action).attempt?.key ?? newKey();
    form.act(action);

    const controller = new AbortController();
    abortRef.current = controller;
    lastPercent.current = 0;
    setAnnouncement('');
    const files = state.documents.map((document) => ({ blob: document.file as unknown as Blob, name: document.file.name }));
    setSend({ status: 'sending', progress: { loaded: 0, total: files.reduce((sum, file) => sum + file.blob.size, 0) } });
    try {
      const receipt = await filingApi.submit(toMetadata(state), files, key, {
        signal: controller.signal,
        onProgress: (progress) => {
          setSend({ status: 'sending', progress });
          const percent = percentOf(progress);
          const milestone = milestoneReached(lastPercent.current, percent);
          lastPercent.current = percent;
          if (milestone === 100) setAnnouncement(t('filing.wizard.progress.waiting'));
          else if (milestone !== null) setAnnouncement(t('filing.wizard.progress.milestone', { percent: milestone }));
        },
      });
      setAnnouncement(t('filing.wizard.progress.received'));
      form.act({ type: 'reset' });
      navigate(paths.filing(receipt.filingId), { state: { receipt } satisfies ReceiptLocationState });
    } catch (error) {
      if (isAbortError(error)) {
        setSend({ status: 'cancelled' });
        return;
      }
      setSend({ status: 'failed', error });
      requestAnimationFrame(() => failureRef.current?.focus());
    } finally {
      abortRef.current = null;
    }
  };

  const change = (step: WizardStep) => (
    <button type="button" className="button button--quiet review__change" onClick={() => onChange(step)}>
      {t('filing.wizard.change')} <span className="visually-hidden">{t(`filing.wizard.steps.${step}`)}</span>
    </button>
  );

  const sending = send.status === 'sending';

  return (
    <div className="review">
      <p>{t('filing.wizard.review.intro')}</p>

      <div className="review__section">
        <div className="review__heading">
          <h3>{t('filing.wizard.review.kind')}</h3>
          {change('kind')}
        </div>
        <p>{state.kind === 'new_case' ? t('filing.wizard.kind.newCase') : t('filing.wizard.kind.existingCase')}</p>
      </div>

      <div className="review__section">
        <div className="review__heading">
          <h3>{t('filing.wizard.steps.details')}</h3>
          {change('details')}
        </div>
        <dl className="summary-list">
          {state.kind === 'existing_case' && chosenCase && (
            <SummaryRow label={t('filing.wizard.review.case')}>
              <bdi className="case-number">{chosenCase.number}</bdi> – <bdi>{chosenCase.title}</bdi>
            </SummaryRow>
          )}
          {state.kind === 'new_case' && (
            <>
              <SummaryRow label={t('filing.wizard.review.caseType')}>{t(`cases.caseType.${state.caseType}`)}</SummaryRow>
              <SummaryRow label={t('filing.wizard.review.caseTitle')}>
                <bdi>{state.caseTitle}</bdi>
              </SummaryRow>
            </>
          )}
          <SummaryRow label={t('filing.wizard.review.filingType')}>{t(`filing.filingType.${state.filingType}`)}</SummaryRow>
          <SummaryRow label={t('filing.wizard.review.filingTitle')}>
            <bdi>{state.filingTitle}</bdi>
          </SummaryRow>
          <SummaryRow label={t('filing.wizard.review.urgency')}>
            {state.urgencyGrounds.length === 0
              ? t('filing.wizard.review.notUrgent')
              : state.urgencyGrounds.map((ground) => t(`filing.urgency.${ground}`)).join(' · ')}
          </SummaryRow>
          {state.kind === 'new_case' && (
            <SummaryRow label={t('filing.wizard.review.parties')}>
              <ul className="plain-list">
                {state.parties.map((party) => (
                  <li key={party.key}>
                    {t(`docket.partyRole.${party.partyRole}`)}: <bdi>{party.fullName}</bdi>
                    {party.isProtected && <> ({t('filing.wizard.review.protectedAs', { pseudonym: party.pseudonym.trim() })})</>}
                    {party.link === 'self' && <> — {t('filing.wizard.review.you')}</>}
                    {party.link === 'represents' && <> — {t('filing.wizard.review.yourClient')}</>}
                  </li>
                ))}
              </ul>
            </SummaryRow>
          )}
        </dl>
      </div>

      <div className="review__section">
        <div className="review__heading">
          <h3>{t('filing.wizard.review.documents')}</h3>
          {change('documents')}
        </div>
        <ol className="plain-list">
          {state.documents.map((document, position) => (
            <li key={document.key}>
              <span className={`tag${position === 0 ? ' tag--lead' : ''}`}>
                {position === 0 ? t('filing.wizard.documents.lead') : t('filing.wizard.documents.attachment')}
              </span>{' '}
              <bdi>{document.title}</bdi> (<bdi>{document.file.name}</bdi>, {formatBytes(document.file.size, language)})
            </li>
          ))}
        </ol>
      </div>

      <div className="review__section">
        <div className="review__heading">
          <h3>{t('filing.wizard.review.confidentiality')}</h3>
          {change('confidentiality')}
        </div>
        <p>
          {t(`filing.wizard.confidentiality.${state.confidentiality}`)} — {t(`filing.wizard.confidentiality.${state.confidentiality}Hint`)}
        </p>
      </div>

      <div className="review__section">
        <h3>{t('filing.wizard.review.fee')}</h3>
        <FeeLine fee={fee.state.status === 'loaded' ? fee.state.data : null} currency={policy.feeCurrency} />
        <p className="muted">{t('filing.wizard.review.feeNote')}</p>
      </div>

      {/* Always in the page, so screen readers announce what is put into it. */}
      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>

      {send.status === 'sending' && <UploadProgressBar progress={send.progress} labelId={progressLabelId} />}

      {send.status === 'failed' && (
        <div ref={failureRef} className="notice notice--error" role="alert" tabIndex={-1}>
          <p>
            <strong>{t('filing.wizard.review.failed')}</strong> {errorMessage(send.error, i18n)}
          </p>
          {isApiError(send.error) && send.error.fieldErrors.length > 0 && (
            <ul>
              {send.error.fieldErrors.map((fieldError) => (
                <li key={fieldError.field}>
                  <bdi>{fieldError.field}</bdi>: <bdi>{fieldError.message}</bdi>
                </li>
              ))}
            </ul>
          )}
          <p>{t('filing.wizard.review.retryHint')}</p>
        </div>
      )}
      {send.status === 'cancelled' && (
        <p className="notice" role="status">
          {t('filing.wizard.review.cancelled')}
        </p>
      )}

      <div className="wizard-actions">
        <button
          type="button"
          className="button"
          onClick={submit}
          disabled={sending}
          aria-describedby={sending ? progressLabelId : undefined}
        >
          {sending
            ? t('filing.wizard.review.sending')
            : send.status === 'failed'
              ? t('filing.wizard.review.retry')
              : t('filing.wizard.review.submit')}
        </button>
        {sending ? (
          <button type="button" className="button button--secondary" onClick={() => abortRef.current?.abort()}>
            {t('filing.wizard.review.cancel')}
          </button>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => onChange('confidentiality')}>
            {t('filing.wizard.back')}
          </button>
        )}
      </div>
    </div>
  );
}

function FeeLine({ fee, currency }: { fee: FeeAssessment | null; currency: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  if (!fee) return <p className="muted">…</p>;
  if (fee.amount === 0) return <p>{t('filing.wizard.review.feeNone')}</p>;
  if (fee.waived) {
    return (
      <p>
        <s>{formatMoney(fee.amount, fee.currency || currency, language)}</s> {t('filing.wizard.review.feeWaived')}
      </p>
    );
  }
  return <p>{formatMoney(fee.due, fee.currency || currency, language)}</p>;
}

function SummaryRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
