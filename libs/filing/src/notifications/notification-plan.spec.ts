import type { CaseFacts, CaseViewer, Confidentiality } from '@ejustice/cases';
import type { Role } from '@ejustice/vocabulary/role';
import type { DocumentFacts } from '../domain/filing-access';
import type { NotificationKind } from '../entities/notification.entities';
import { type NotificationFacts, type NotifiedFiling, isPublicMatter, planNotification } from './notification-plan';

const COURT = 'court-1';

function viewer(userId: string, roles: Role[], courtId = COURT): CaseViewer {
  return { userId, roles, courtId };
}

function caseOf(confidentiality: Confidentiality = 'public'): CaseFacts {
  return {
    courtId: COURT,
    confidentiality,
    parties: [
      { id: 'victim', partyRole: 'victim', isProtected: true, userId: null, counselUserId: 'filer' },
      { id: 'defendant', partyRole: 'defendant', isProtected: false, userId: 'defendant-user', counselUserId: 'defence-counsel' },
    ],
  };
}

function filing(confidentiality: Confidentiality = 'public', newCaseConfidentiality: Confidentiality | null = null): NotifiedFiling {
  return { courtId: COURT, filerUserId: 'filer', confidentiality, newCaseConfidentiality };
}

function docs(...levels: Confidentiality[]): DocumentFacts[] {
  return levels.map((confidentiality) => ({ confidentiality, docketed: true }));
}

const accounts = [viewer('filer', ['counsel']), viewer('defendant-user', ['party']), viewer('defence-counsel', ['counsel'])];

function facts(over: Partial<NotificationFacts>): NotificationFacts {
  return { kind: 'filing.accepted', filing: filing(), documents: docs('public'), caseFacts: caseOf(), accounts, ...over };
}

describe('planNotification', () => {
  it('tells the filer and the parties of an accepted public filing, and names it by e-mail', () => {
    const sut = planNotification(facts({}));
    expect(sut).toEqual({ recipients: ['filer', 'defendant-user', 'defence-counsel'], detailedEmail: true });
  });

  it('tells only the filer of an accepted sealed filing: the other side may not read it', () => {
    const sut = planNotification(facts({ filing: filing('sealed'), documents: docs('sealed', 'sealed') }));
    expect(sut).toEqual({ recipients: ['filer'], detailedEmail: false });
  });

  it('tells the parties of a confidential filing, which they may read, but only neutrally by e-mail', () => {
    const sut = planNotification(facts({ filing: filing('confidential'), documents: docs('confidential') }));
    expect(sut).toEqual({ recipients: ['filer', 'defendant-user', 'defence-counsel'], detailedEmail: false });
  });

  it('tells a party who may read one docketed document of the filing, neutrally if any part is sealed', () => {
    const sut = planNotification(facts({ documents: docs('public', 'sealed') }));
    expect(sut).toEqual({ recipients: ['filer', 'defendant-user', 'defence-counsel'], detailedEmail: false });
  });

  it('does not count a rejected document as something a party may read', () => {
    const sut = planNotification(
      facts({
        kind: 'filing.partially_accepted',
        filing: filing('sealed'),
        documents: [
          { confidentiality: 'sealed', docketed: true },
          { confidentiality: 'public', docketed: false },
        ],
      }),
    );
    expect(sut.recipients).toEqual(['filer']);
  });

  it('tells of a sealed filing a party account the bench rule lets read it, and no other', () => {
    const sealed = { filing: filing('sealed'), documents: docs('sealed') };
    const otherCourt = planNotification(facts({ ...sealed, accounts: [viewer('defendant-user', ['party', 'judge'], 'court-2')] }));
    expect(otherCourt.recipients).toEqual(['filer']);
    const sameCourt = planNotification(facts({ ...sealed, accounts: [viewer('defence-counsel', ['counsel', 'clerk'])] }));
    expect(sameCourt.recipients).toEqual(['filer', 'defence-counsel']);
  });

  it('tells no one but the filer of a refusal, whatever its confidentiality', () => {
    for (const kind of ['filing.rejected', 'filing.returned'] as NotificationKind[]) {
      expect(planNotification(facts({ kind })).recipients).toEqual(['filer']);
    }
  });

  it('tells no account that is not a party or counsel of the case, even of a public filing', () => {
    const sut = planNotification(facts({ accounts: [...accounts, viewer('stranger', ['party']), viewer('press', ['observer'])] }));
    expect(sut.recipients).toEqual(['filer', 'defendant-user', 'defence-counsel']);
  });

  it('tells no party whose account is unknown (deleted)', () => {
    const sut = planNotification(facts({ accounts: [viewer('filer', ['counsel']), viewer('defendant-user', ['party'])] }));
    expect(sut.recipients).toEqual(['filer', 'defendant-user']);
  });

  it('keeps the e-mail neutral for a public filing in a confidential or sealed case', () => {
    for (const level of ['confidential', 'sealed'] as Confidentiality[]) {
      expect(planNotification(facts({ caseFacts: caseOf(level) })).detailedEmail).toBe(false);
    }
  });

  it('keeps the e-mail of a refused opening filing neutral when the case it asked for is not public', () => {
    const refused = { kind: 'filing.rejected' as const, caseFacts: null };
    expect(planNotification(facts({ ...refused, filing: filing('public', 'confidential') }))).toEqual({
      recipients: ['filer'],
      detailedEmail: false,
    });
    expect(planNotification(facts({ ...refused, filing: filing('public', 'public') })).detailedEmail).toBe(true);
  });
});

describe('isPublicMatter', () => {
  it('is public only when the filing, every document and the case are', () => {
    expect(isPublicMatter(filing(), docs('public', 'public'), caseOf())).toBe(true);
    expect(isPublicMatter(filing('confidential'), docs('public'), caseOf())).toBe(false);
    expect(isPublicMatter(filing(), docs('public', 'confidential'), caseOf())).toBe(false);
    expect(isPublicMatter(filing(), docs('public'), caseOf('sealed'))).toBe(false);
    expect(isPublicMatter(filing('public', 'sealed'), docs('public'), null)).toBe(false);
  });
});
