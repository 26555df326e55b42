import type { CaseType, Confidentiality, PartyRole } from '@ejustice/vocabulary/case-type';
import type { FilingType, SubmissionMetadataRequest as FilingMetadata, UrgencyGround } from '@ejustice/filing/contract/filing-contract';
import type { FileLike, PrecheckProblem } from './pdf-precheck';

/**
 * The filer's step-by-step submission as plain state and a reducer, so every rule of it (what
 * each step needs before the next, which idempotency key a submission carries) is tested
 * without a browser. The page only renders this state and dispatches.
 */
export const WIZARD_STEPS = ['kind', 'details', 'documents', 'confidentiality', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** Open a new case (petition, complaint) or file into a case the filer is already part of. */
export type FilingKind = 'new_case' | 'existing_case';

export interface PartyDraft {
  /** Local key for React and for edits; never sent. */
  key: string;
  partyRole: PartyRole | '';
  fullName: string;
  isProtected: boolean;
  pseudonym: string;
  /** The filer is this party, acts for this party (counsel, prosecutor), or neither. */
  link: PartyLink;
}

export type PartyLink = 'none' | 'self' | 'represents';

export interface DocumentDraft {
  key: string;
  file: FileLike;
  /** How the document is called on the docket ("Petition", "Exhibit 3: medical report"). */
  title: string;
  /** null while the quick local check runs or when it found nothing wrong. */
  problem: PrecheckProblem | null;
  checking: boolean;
}

export interface WizardState {
  step: WizardStep;
  kind: FilingKind | null;
  caseType: CaseType | '';
  caseTitle: string;
  parties: PartyDraft[];
  caseId: string;
  filingType: FilingType | '';
  /** A short description of the filing for the docket ("Motion to hear the victim remotely"). */
  filingTitle: string;
  urgencyGrounds: UrgencyGround[];
  /** The first document is the lead document; the others are its attachments. */
  documents: DocumentDraft[];
  confidentiality: Confidentiality | '';
  /**
   * The submission attempt in progress or last failed: its Idempotency-Key and a fingerprint of
   * what it sent. A retry of the same content reuses the key, so a filing that did reach the
   * court before the connection dropped comes back as the same receipt instead of a duplicate;
   * any change of content gets a new key, since the server refuses a key reused for another body.
   */
  attempt: { key: string; fingerprint: string } | null;
}

export type WizardAction =
  | { type: 'chooseKind'; kind: FilingKind }
  | { type: 'setCaseType'; caseType: CaseType | '' }
  | { type: 'setCaseTitle'; title: string }
  | { type: 'addParty'; key: string; partyRole?: PartyRole | '' }
  | { type: 'updateParty'; key: string; changes: Partial<Omit<PartyDraft, 'key'>> }
  | { type: 'removeParty'; key: string }
  | { type: 'chooseCase'; caseId: string }
  | { type: 'setFilingType'; filingType: FilingType | '' }
  | { type: 'setFilingTitle'; title: string }
  | { type: 'toggleUrgency'; ground: UrgencyGround; on: boolean }
  | { type: 'addDocuments'; documents: { key: string; file: FileLike }[] }
  | { type: 'documentChecked'; key: string; problem: PrecheckProblem | null }
  | { type: 'setDocumentTitle'; key: string; title: string }
  | { type: 'removeDocument'; key: string }
  | { type: 'makeLead'; key: string }
  | { type: 'setConfidentiality'; confidentiality: Confidentiality }
  | { type: 'goTo'; step: WizardStep }
  | { type: 'next'; context: ValidationContext }
  | { type: 'back' }
  | { type: 'beginAttempt'; candidateKey: string }
  | { type: 'reset' };

/** Facts from outside the wizard that the checks need: the court's policy and the filer's cases. */
export interface ValidationContext {
  maxDocumentBytes: number;
  maxDocuments: number;
  openingFilingTypes: readonly string[];
  caseFilingTypes: readonly string[];
}

export interface StepError {
  /** Which field (or `documents`, `parties`) to point at and focus. */
  field: string;
  /** Locale key of the sentence to show. */
  messageKey: string;
  values?: Record<string, string | number>;
}

export const initialWizardState: WizardState = {
  step: 'kind',
  kind: null,
  caseType: '',
  caseTitle: '',
  parties: [],
  caseId: '',
  filingType: '',
  filingTitle: '',
  urgencyGrounds: [],
  documents: [],
  confidentiality: '',
  attempt: null,
};

const PSEUDONYM_MAX = 60;
const NAME_MAX = 200;
const TITLE_MAX = 300;

export function stepIndex(step: WizardStep): number {
  return WIZARD_STEPS.indexOf(step);
}

/** What stops the filer from leaving a step; empty when the step is complete. */
export function validateStep(state: WizardState, step: WizardStep, context: ValidationContext): StepError[] {
  const errors: StepError[] = [];
  switch (step) {
    case 'kind':
      if (!state.kind) errors.push({ field: 'kind', messageKey: 'filing.errors.kindRequired' });
      break;
    case 'details':
      if (state.kind === 'new_case') {
        if (!state.caseType) errors.push({ field: 'caseType', messageKey: 'filing.errors.caseTypeRequired' });
        if (!state.filingType || !context.openingFilingTypes.includes(state.filingType)) {
          errors.push({ field: 'filingType', messageKey: 'filing.errors.filingTypeRequired' });
        }
        errors.push(...textErrors('caseTitle', state.caseTitle, 'filing.errors.caseTitleRequired'));
        errors.push(...textErrors('filingTitle', state.filingTitle, 'filing.errors.filingTitleRequired'));
        if (state.parties.length === 0) errors.push({ field: 'parties', messageKey: 'filing.errors.partiesRequired' });
        for (const party of state.parties) errors.push(...partyErrors(party));
        // The court must know whom the filer speaks for, or no one would be entitled to follow
        // the new case.
        if (state.parties.length > 0 && !state.parties.some((party) => party.link !== 'none')) {
          errors.push({ field: 'parties', messageKey: 'filing.errors.filerLinkRequired' });
        }
      } else {
        if (!state.caseId) errors.push({ field: 'caseId', messageKey: 'filing.errors.caseRequired' });
        if (!state.filingType || !context.caseFilingTypes.includes(state.filingType)) {
          errors.push({ field: 'filingType', messageKey: 'filing.errors.filingTypeRequired' });
        }
        errors.push(...textErrors('filingTitle', state.filingTitle, 'filing.errors.filingTitleRequired'));
      }
      break;
    case 'documents':
      if (state.documents.length === 0) errors.push({ field: 'documents', messageKey: 'filing.errors.leadRequired' });
      if (state.documents.length > context.maxDocuments) {
        errors.push({ field: 'documents', messageKey: 'filing.errors.tooManyDocuments', values: { max: context.maxDocuments } });
      }
      for (const document of state.documents) {
        if (document.checking) errors.push({ field: `document-${document.key}`, messageKey: 'filing.errors.stillChecking' });
        else if (document.problem) {
          errors.push({
            field: `document-${document.key}`,
            messageKey: `filing.precheck.${document.problem}`,
            values: { name: document.file.name },
          });
        }
        if (document.title.trim().length > TITLE_MAX) {
          errors.push({ field: `document-${document.key}-title`, messageKey: 'filing.errors.tooLong', values: { max: TITLE_MAX } });
        }
      }
      break;
    case 'confidentiality':
      if (!state.confidentiality) errors.push({ field: 'confidentiality', messageKey: 'filing.errors.confidentialityRequired' });
      break;
    case 'review':
      break;
  }
  return errors;
}

function textErrors(field: string, value: string, requiredKey: string): StepError[] {
  if (value.trim() === '') return [{ field, messageKey: requiredKey }];
  if (value.trim().length > TITLE_MAX) return [{ field, messageKey: 'filing.errors.tooLong', values: { max: TITLE_MAX } }];
  return [];
}

function partyErrors(party: PartyDraft): StepError[] {
  const errors: StepError[] = [];
  const field = (name: string) => `party-${party.key}-${name}`;
  if (!party.partyRole) errors.push({ field: field('role'), messageKey: 'filing.errors.partyRoleRequired' });
  if (party.fullName.trim() === '') errors.push({ field: field('name'), messageKey: 'filing.errors.partyNameRequired' });
  else if (party.fullName.trim().length > NAME_MAX)
    errors.push({ field: field('name'), messageKey: 'filing.errors.tooLong', values: { max: NAME_MAX } });
  if (party.isProtected) {
    const pseudonym = party.pseudonym.trim();
    if (pseudonym === '') errors.push({ field: field('pseudonym'), messageKey: 'filing.errors.pseudonymRequired' });
    else if (pseudonym.length > PSEUDONYM_MAX)
      errors.push({ field: field('pseudonym'), messageKey: 'filing.errors.tooLong', values: { max: PSEUDONYM_MAX } });
    // A pseudonym that repeats the name protects no one.
    else if (pseudonym.toLocaleLowerCase() === party.fullName.trim().toLocaleLowerCase()) {
      errors.push({ field: field('pseudonym'), messageKey: 'filing.errors.pseudonymIsName' });
    }
  }
  return errors;
}

/** All the errors up to and including `step`: what the review page must be free of before sending. */
export function errorsBefore(
  state: WizardState,
  step: WizardStep,
  context: ValidationContext,
): { step: WizardStep; errors: StepError[] }[] {
  return WIZARD_STEPS.slice(0, stepIndex(step) + 1)
    .map((each) => ({ step: each, errors: validateStep(state, each, context) }))
    .filter((entry) => entry.errors.length > 0);
}

/** Victims and witnesses are offered protection by default; the filer can still untick it. */
export function protectedByDefault(partyRole: PartyRole | ''): boolean {
  return partyRole === 'victim' || partyRole === 'witness';
}

/**
 * Everything a submission sends, in a stable form. Documents count by their local key, name and
 * size: picking the same file again is a new document as far as the key is concerned, which can
 * only produce a new filing, never a 409.
 */
export function fingerprint(state: WizardState): string {
  const base = {
    kind: state.kind,
    filingType: state.filingType,
    filingTitle: state.filingTitle.trim(),
    urgencyGrounds: [...state.urgencyGrounds].sort(),
    confidentiality: state.confidentiality,
  };
  const details =
    state.kind === 'new_case'
      ? {
          caseType: state.caseType,
          caseTitle: state.caseTitle.trim(),
          parties: state.parties.map((p) => [
            p.partyRole,
            p.fullName.trim(),
            p.isProtected,
            p.isProtected ? p.pseudonym.trim() : '',
            p.link,
          ]),
        }
      : { caseId: state.caseId };
  const documents = state.documents.map((d) => [d.key, d.file.name, d.file.size, d.title.trim()]);
  return JSON.stringify({ ...base, ...details, documents });
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'chooseKind':
      // The details of the other kind stay in memory, so switching back and forth loses nothing;
      // only the filing type is cleared, because the two kinds offer different ones.
      return state.kind === action.kind ? state : { ...state, kind: action.kind, filingType: '' };
    case 'setCaseType':
      return { ...state, caseType: action.caseType };
    case 'setCaseTitle':
      return { ...state, caseTitle: action.title };
    case 'addParty':
      return {
        ...state,
        parties: [
          ...state.parties,
          {
            key: action.key,
            partyRole: action.partyRole ?? '',
            fullName: '',
            isProtected: protectedByDefault(action.partyRole ?? ''),
            pseudonym: '',
            link: 'none',
          },
        ],
      };
    case 'updateParty':
      return {
        ...state,
        parties: state.parties.map((party) => {
          // A filer is at most one of the parties (acting for several, as counsel, is fine).
          if (party.key !== action.key) return action.changes.link === 'self' && party.link === 'self' ? { ...party, link: 'none' } : party;
          const changed = { ...party, ...action.changes };
          // Choosing "victim" or "witness" turns protection on; choosing another role leaves the
          // filer's own choice alone.
          if (
            action.changes.partyRole !== undefined &&
            action.changes.isProtected === undefined &&
            protectedByDefault(action.changes.partyRole)
          ) {
            changed.isProtected = true;
          }
          return changed;
        }),
      };
    case 'removeParty':
      return { ...state, parties: state.parties.filter((party) => party.key !== action.key) };
    case 'chooseCase':
      return { ...state, caseId: action.caseId };
    case 'setFilingType':
      return { ...state, filingType: action.filingType };
    case 'setFilingTitle':
      return { ...state, filingTitle: action.title };
    case 'toggleUrgency': {
      const others = state.urgencyGrounds.filter((ground) => ground !== action.ground);
      return { ...state, urgencyGrounds: action.on ? [...others, action.ground] : others };
    }
    case 'addDocuments':
      return {
        ...state,
        documents: [
          ...state.documents,
          ...action.documents.map(({ key, file }) => ({ key, file, title: titleFromFileName(file.name), problem: null, checking: true })),
        ],
      };
    case 'documentChecked':
      return {
        ...state,
        documents: state.documents.map((document) =>
          document.key === action.key ? { ...document, problem: action.problem, checking: false } : document,
        ),
      };
    case 'setDocumentTitle':
      return {
        ...state,
        documents: state.documents.map((document) => (document.key === action.key ? { ...document, title: action.title } : document)),
      };
    case 'removeDocument':
      return { ...state, documents: state.documents.filter((document) => document.key !== action.key) };
    case 'makeLead': {
      const lead = state.documents.find((document) => document.key === action.key);
      if (!lead) return state;
      return { ...state, documents: [lead, ...state.documents.filter((document) => document.key !== action.key)] };
    }
    case 'setConfidentiality':
      return { ...state, confidentiality: action.confidentiality };
    case 'goTo':
      // Only back to a step already passed (the review page's "change" links), never ahead past
      // a step whose checks have not run.
      return stepIndex(action.step) <= stepIndex(state.step) ? { ...state, step: action.step } : state;
    case 'next': {
      if (state.step === 'review') return state;
      if (validateStep(state, state.step, action.context).length > 0) return state;
      return { ...state, step: WIZARD_STEPS[stepIndex(state.step) + 1] };
    }
    case 'back':
      return stepIndex(state.step) === 0 ? state : { ...state, step: WIZARD_STEPS[stepIndex(state.step) - 1] };
    case 'beginAttempt': {
      const current = fingerprint(state);
      if (state.attempt && state.attempt.fingerprint === current) return state;
      return { ...state, attempt: { key: action.candidateKey, fingerprint: current } };
    }
    case 'reset':
      return initialWizardState;
  }
}

/** "exhibit-3_medical report.pdf" → "exhibit-3 medical report": a starting point the filer can edit. */
export function titleFromFileName(name: string): string {
  return name
    .replace(/\.pdf$/i, '')
    .replace(/[_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, TITLE_MAX);
}

/**
 * The "metadata" part of the submission. Called only once every step checks out, so the casts
 * from the drafts' '' placeholders are safe.
 */
export function toMetadata(state: WizardState): FilingMetadata {
  const confidentiality = state.confidentiality as Confidentiality;
  const common = {
    filingType: state.filingType as FilingType,
    title: state.filingTitle.trim(),
    confidentiality,
    urgency: [...state.urgencyGrounds],
    documents: state.documents.map((document) => ({ title: document.title.trim() || titleFromFileName(document.file.name) })),
  };
  if (state.kind === 'existing_case') return { ...common, caseId: state.caseId };
  return {
    ...common,
    newCase: {
      caseType: state.caseType as CaseType,
      title: state.caseTitle.trim(),
      confidentiality,
      parties: state.parties.map((party) => ({
        partyRole: party.partyRole as PartyRole,
        fullName: party.fullName.trim(),
        isProtected: party.isProtected,
        pseudonym: party.isProtected ? party.pseudonym.trim() : null,
        isFiler: party.link === 'self',
        representedByFiler: party.link === 'represents',
      })),
    },
  };
}
