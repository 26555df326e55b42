import type { CaseFacts, CaseViewer, Confidentiality } from '@ejustice/cases';
import { type DocumentFacts, type FilingFacts, canReadDocument } from '../domain/filing-access';
import type { NotificationKind } from '../entities/notification.entities';

export interface NotifiedFiling extends FilingFacts {
  readonly confidentiality: Confidentiality;
  /** For a filing that asks to open a case: the confidentiality asked for the new case. */
  readonly newCaseConfidentiality: Confidentiality | null;
}

export interface NotificationFacts {
  readonly kind: NotificationKind;
  readonly filing: NotifiedFiling;
  readonly documents: readonly DocumentFacts[];
  /** The case the filing is in (or opened), or null for an opening filing that was refused. */
  readonly caseFacts: CaseFacts | null;
  /** The accounts the case's parties name (their own and their counsel's), as viewers: roles and court. */
  readonly accounts: readonly CaseViewer[];
}

export interface NotificationPlan {
  /** Who gets the message in their inbox (and by e-mail), the filer first. */
  readonly recipients: readonly string[];
  /**
   * Whether the e-mail may name the filing and the case. An e-mail leaves the platform and may be
   * read by anyone, so for anything confidential or sealed it is only a neutral notice with a
   * link to sign in; the details wait in the inbox.
   */
  readonly detailedEmail: boolean;
}

/** Whether the filing, every one of its documents and its case are all public record. */
export function isPublicMatter(filing: NotifiedFiling, documents: readonly DocumentFacts[], caseFacts: CaseFacts | null): boolean {
  const caseLevel = caseFacts?.confidentiality ?? filing.newCaseConfidentiality ?? 'public';
  return [filing.confidentiality, caseLevel, ...documents.map((d) => d.confidentiality)].every((level) => level === 'public');
}

/**
 * Who hears of a filing's outcome, and how much an e-mail may say:
 * - the filer, always: the outcome of a filing is its filer's business (`canSeeFiling`), sealed or not;
 * - on acceptance, the other parties and counsel of the case, but only those who may read at least
 *   one of the documents it put on the docket, by the rule that opens documents (`canReadDocument`):
 *   a sealed filing is announced to no one the docket hides it from;
 * - a refusal is the filer's business only.
 */
export function planNotification(facts: NotificationFacts): NotificationPlan {
  const { filing, documents, caseFacts } = facts;
  const recipients = [filing.filerUserId];
  const accepted = facts.kind === 'filing.accepted' || facts.kind === 'filing.partially_accepted';
  if (accepted && caseFacts) {
    const docketed = documents.filter((d) => d.docketed);
    for (const userId of caseFacts.parties.flatMap((p) => [p.userId, p.counselUserId])) {
      const viewer = facts.accounts.find((a) => a.userId === userId);
      if (!viewer || recipients.includes(viewer.userId)) continue;
      if (docketed.some((d) => canReadDocument(viewer, filing, d, caseFacts))) recipients.push(viewer.userId);
    }
  }
  return { recipients, detailedEmail: isPublicMatter(filing, documents, caseFacts) };
}
