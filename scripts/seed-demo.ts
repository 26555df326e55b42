import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  AuditModule,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  RedisModule,
  SYSTEM_ACTOR,
  loadConfig,
  type AppConfig,
} from '@ejustice/platform';
import { Court, IdentityModule, type Role, type UserPrincipal, UsersService, User } from '@ejustice/identity';
import { AddDocketEntry, type CaseType, CasesModule, type Confidentiality, OpenCase, type PartyRole } from '@ejustice/cases';
import { AddHearingParticipant, HearingLinks, HearingsModule, MakeSpecialMeasuresOrder, ScheduleHearing } from '@ejustice/hearings';

/** The password of every demo account. Demo data only: never seed a production database. */
export const DEMO_PASSWORD = 'demo-password-2026';
const COURT = { code: 'NDC', name: 'Al-Nour District Court', timeZone: 'Africa/Cairo' };

const PEOPLE: { key: string; email: string; displayName: string; roles: Role[] }[] = [
  { key: 'admin', email: 'admin@demo.court', displayName: 'Samir Aziz (court administrator)', roles: ['admin'] },
  { key: 'judge', email: 'judge@demo.court', displayName: 'Judge Leila Mansour', roles: ['judge'] },
  { key: 'clerk1', email: 'clerk@demo.court', displayName: 'Omar Farouk (clerk)', roles: ['clerk'] },
  { key: 'clerk2', email: 'clerk2@demo.court', displayName: 'Hana Saleh (clerk)', roles: ['clerk'] },
  { key: 'prosecutor', email: 'prosecutor@demo.court', displayName: 'Prosecutor Youssef Karam', roles: ['prosecutor'] },
  { key: 'defence', email: 'defence@demo.court', displayName: 'Maître Claire Dubois (defence counsel)', roles: ['counsel'] },
  { key: 'victimCounsel', email: 'victim-counsel@demo.court', displayName: 'Rania Haddad (victims’ counsel)', roles: ['counsel'] },
  { key: 'interpreter', email: 'interpreter@demo.court', displayName: 'Ahmed Nasser (interpreter, Arabic–French)', roles: ['interpreter'] },
  { key: 'filer', email: 'filer@demo.court', displayName: 'Nadia Salem', roles: ['party'] },
  { key: 'observer', email: 'press@demo.court', displayName: 'Press desk', roles: ['observer'] },
];

interface DemoCase {
  caseType: CaseType;
  title: string;
  confidentiality: Confidentiality;
  urgent?: boolean;
  parties: { partyRole: PartyRole; fullName: string; pseudonym?: string; user?: string; counsel?: string }[];
}

/** Twenty cases of mixed types; the trafficking ones have protected victims and witnesses. */
const CASES: DemoCase[] = [
  {
    caseType: 'trafficking',
    title: 'Public Prosecution v. Karim Dahan and others',
    confidentiality: 'confidential',
    urgent: true,
    parties: [
      { partyRole: 'prosecution', fullName: 'Public Prosecution', counsel: 'prosecutor' },
      { partyRole: 'defendant', fullName: 'Karim Dahan', counsel: 'defence' },
      { partyRole: 'victim', fullName: 'Mariam Yousef Khalil', pseudonym: 'Witness V-1', counsel: 'victimCounsel' },
      { partyRole: 'witness', fullName: 'Fatima Ali Hassan', pseudonym: 'Witness W-2' },
    ],
  },
  {
    caseType: 'trafficking',
    title: 'Public Prosecution v. Tarek Fawzi',
    confidentiality: 'sealed',
    urgent: true,
    parties: [
      { partyRole: 'prosecution', fullName: 'Public Prosecution', counsel: 'prosecutor' },
      { partyRole: 'defendant', fullName: 'Tarek Fawzi', counsel: 'defence' },
      { partyRole: 'victim', fullName: 'Aisha Ibrahim', pseudonym: 'Child C-1' },
    ],
  },
  {
    caseType: 'trafficking',
    title: 'Public Prosecution v. Nabil Sami (forced labour)',
    confidentiality: 'confidential',
    parties: [
      { partyRole: 'prosecution', fullName: 'Public Prosecution', counsel: 'prosecutor' },
      { partyRole: 'defendant', fullName: 'Nabil Sami' },
      { partyRole: 'victim', fullName: 'Joseph Okoro', pseudonym: 'Witness V-3', counsel: 'victimCounsel' },
      { partyRole: 'victim', fullName: 'Grace Mensah', pseudonym: 'Witness V-4', counsel: 'victimCounsel' },
    ],
  },
  {
    caseType: 'trafficking',
    title: 'Public Prosecution v. unknown persons (online recruitment)',
    confidentiality: 'confidential',
    parties: [
      { partyRole: 'prosecution', fullName: 'Public Prosecution', counsel: 'prosecutor' },
      { partyRole: 'victim', fullName: 'Sara Mahmoud', pseudonym: 'Witness V-5' },
    ],
  },
  {
    caseType: 'criminal',
    title: 'Public Prosecution v. Walid Gamal (fraud)',
    confidentiality: 'public',
    parties: [
      { partyRole: 'prosecution', fullName: 'Public Prosecution', counsel: 'prosecutor' },
      { partyRole: 'defendant', fullName: 'Walid Gamal', counsel: 'defence' },
    ],
  },
  {
    caseType: 'criminal',
    title: 'Public Prosecution v. Hossam Adel (assault)',
    confidentiality: 'public',
    parties: [
      { partyRole: 'prosecution', fullName: 'Public Prosecution', counsel: 'prosecutor' },
      { partyRole: 'defendant', fullName: 'Hossam Adel' },
      { partyRole: 'victim', fullName: 'Mona Fathy' },
    ],
  },
  {
    caseType: 'criminal',
    title: 'Public Prosecution v. Rami Tawfik (theft)',
    confidentiality: 'public',
    parties: [
      { partyRole: 'prosecution', fullName: 'Public Prosecution', counsel: 'prosecutor' },
      { partyRole: 'defendant', fullName: 'Rami Tawfik', counsel: 'defence' },
    ],
  },
  {
    caseType: 'civil',
    title: 'Salem v. Nile Housing Company',
    confidentiality: 'public',
    parties: [
      { partyRole: 'plaintiff', fullName: 'Nadia Salem', user: 'filer' },
      { partyRole: 'respondent', fullName: 'Nile Housing Company' },
    ],
  },
  {
    caseType: 'civil',
    title: 'Delta Traders v. Mostafa Import',
    confidentiality: 'public',
    parties: [
      { partyRole: 'plaintiff', fullName: 'Delta Traders' },
      { partyRole: 'respondent', fullName: 'Mostafa Import', counsel: 'defence' },
    ],
  },
  {
    caseType: 'civil',
    title: 'Estate of Hassan Barakat',
    confidentiality: 'public',
    parties: [{ partyRole: 'petitioner', fullName: 'Layla Barakat' }],
  },
  {
    caseType: 'family',
    title: 'In the matter of the custody of two children (S.)',
    confidentiality: 'confidential',
    urgent: true,
    parties: [
      { partyRole: 'petitioner', fullName: 'Nadia Salem', user: 'filer' },
      { partyRole: 'respondent', fullName: 'Adel Salem' },
    ],
  },
  {
    caseType: 'family',
    title: 'Protective order: H. v. H.',
    confidentiality: 'sealed',
    urgent: true,
    parties: [
      { partyRole: 'petitioner', fullName: 'Dina Hamdi', pseudonym: 'Applicant A' },
      { partyRole: 'respondent', fullName: 'Sherif Hamdi' },
    ],
  },
  {
    caseType: 'family',
    title: 'Maintenance: K. v. K.',
    confidentiality: 'confidential',
    parties: [
      { partyRole: 'petitioner', fullName: 'Huda Kamel' },
      { partyRole: 'respondent', fullName: 'Amr Kamel', counsel: 'defence' },
    ],
  },
  {
    caseType: 'labour',
    title: 'Domestic workers v. Golden Services Agency',
    confidentiality: 'public',
    parties: [
      { partyRole: 'complainant', fullName: 'Domestic Workers Union' },
      { partyRole: 'respondent', fullName: 'Golden Services Agency' },
    ],
  },
  {
    caseType: 'labour',
    title: 'Okafor v. Blue Sea Fisheries (unpaid wages)',
    confidentiality: 'public',
    parties: [
      { partyRole: 'complainant', fullName: 'Emeka Okafor' },
      { partyRole: 'respondent', fullName: 'Blue Sea Fisheries' },
    ],
  },
  {
    caseType: 'labour',
    title: 'Ahmed v. City Cleaning Ltd',
    confidentiality: 'public',
    parties: [
      { partyRole: 'complainant', fullName: 'Bilal Ahmed' },
      { partyRole: 'respondent', fullName: 'City Cleaning Ltd' },
    ],
  },
  {
    caseType: 'administrative',
    title: 'Residence permit appeal: Mensah',
    confidentiality: 'confidential',
    parties: [
      { partyRole: 'petitioner', fullName: 'Grace Mensah', pseudonym: 'Appellant G', counsel: 'victimCounsel' },
      { partyRole: 'respondent', fullName: 'Ministry of Interior' },
    ],
  },
  {
    caseType: 'administrative',
    title: 'Licence revocation: Star Recruitment Office',
    confidentiality: 'public',
    parties: [
      { partyRole: 'petitioner', fullName: 'Star Recruitment Office', counsel: 'defence' },
      { partyRole: 'respondent', fullName: 'Ministry of Labour' },
    ],
  },
  {
    caseType: 'criminal',
    title: 'Public Prosecution v. Samy Nour (document forgery)',
    confidentiality: 'public',
    parties: [
      { partyRole: 'prosecution', fullName: 'Public Prosecution', counsel: 'prosecutor' },
      { partyRole: 'defendant', fullName: 'Samy Nour' },
    ],
  },
  {
    caseType: 'trafficking',
    title: 'Public Prosecution v. Magdy Lotfy (exploitation of children)',
    confidentiality: 'sealed',
    urgent: true,
    parties: [
      { partyRole: 'prosecution', fullName: 'Public Prosecution', counsel: 'prosecutor' },
      { partyRole: 'defendant', fullName: 'Magdy Lotfy', counsel: 'defence' },
      { partyRole: 'victim', fullName: 'Yara Adel', pseudonym: 'Child C-2', counsel: 'victimCounsel' },
    ],
  },
];

@Module({})
class SeedModule {
  static forRoot(config: AppConfig) {
    return {
      module: SeedModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        DatabaseModule.forRoot(),
        RedisModule,
        AuditModule,
        IdentityModule,
        CasesModule,
        HearingsModule,
      ],
      providers: [DemoSeeder],
    };
  }
}

@Injectable()
class DemoSeeder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly openCase: OpenCase,
    private readonly docket: AddDocketEntry,
    private readonly schedule: ScheduleHearing,
    private readonly addParticipant: AddHearingParticipant,
    private readonly links: HearingLinks,
    private readonly makeOrder: MakeSpecialMeasuresOrder,
  ) {}

  async run(config: AppConfig): Promise<void> {
    const existing = await this.db.getRepository(Court).findOne({ where: { code: COURT.code } });
    if (existing) {
      console.log(`The demo court (${COURT.name}) is already seeded.`);
      await this.printLinkForToday(existing.id);
      this.printLogins(config);
      return;
    }
    const court = await this.db.getRepository(Court).save(this.db.getRepository(Court).create(COURT));
    const ids: Record<string, string> = {};
    for (const p of PEOPLE) {
      const user = await this.users.create({
        courtId: court.id,
        email: p.email,
        displayName: p.displayName,
        password: DEMO_PASSWORD,
        roles: p.roles,
        actor: SYSTEM_ACTOR,
      });
      ids[p.key] = user.id;
    }
    const now = Date.now();
    const caseIds: string[] = [];
    for (const [i, c] of CASES.entries()) {
      const openedAt = new Date(now - (CASES.length - i) * 9 * 86_400_000);
      const created = await this.db.transaction((m) =>
        this.openCase.execute(m, {
          courtId: court.id,
          caseType: c.caseType,
          title: c.title,
          confidentiality: c.confidentiality,
          urgent: c.urgent ?? false,
          assignedJudgeId: ids.judge,
          openedAt,
          parties: c.parties.map((p) => ({
            partyRole: p.partyRole,
            fullName: p.fullName,
            isProtected: p.pseudonym !== undefined,
            pseudonym: p.pseudonym ?? null,
            userId: p.user ? ids[p.user] : null,
            counselUserId: p.counsel ? ids[p.counsel] : null,
          })),
          actor: SYSTEM_ACTOR,
        }),
      );
      caseIds.push(created.id);
      await this.db.transaction((m) =>
        this.docket.execute(m, {
          caseId: created.id,
          entryType: c.caseType === 'trafficking' || c.caseType === 'criminal' ? 'indictment' : 'petition',
          summary:
            c.caseType === 'trafficking' || c.caseType === 'criminal' ? 'Indictment filed by the Public Prosecution' : 'Opening petition',
          confidentiality: c.confidentiality,
          filedAt: openedAt,
          enteredBy: ids.clerk1,
          actor: SYSTEM_ACTOR,
        }),
      );
    }

    // Today's remote testimony in the first trafficking case, and a later trial session.
    const clerk: UserPrincipal = { kind: 'user', userId: ids.clerk1, courtId: court.id, roles: ['clerk'], sessionId: 'seed' };
    const start = new Date();
    start.setUTCMinutes(0, 0, 0);
    const testimony = await this.schedule.execute({
      principal: clerk,
      caseId: caseIds[0],
      title: 'Remote testimony of Witness V-1',
      hearingType: 'testimony',
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 3 * 3_600_000),
      presidingJudgeId: ids.judge,
    });
    const parties = await this.db.query(`SELECT id, party_role, pseudonym FROM parties WHERE case_id = $1 ORDER BY created_at, id`, [
      caseIds[0],
    ]);
    const victim = parties.find((p: { party_role: string }) => p.party_role === 'victim');
    for (const [role, userKey] of [
      ['prosecutor', 'prosecutor'],
      ['defence_counsel', 'defence'],
      ['victim_counsel', 'victimCounsel'],
      ['interpreter', 'interpreter'],
      ['clerk', 'clerk1'],
    ] as const) {
      const u = await this.db.getRepository(User).findOneByOrFail({ id: ids[userKey] });
      await this.addParticipant.execute({
        principal: clerk,
        hearingId: testimony.id,
        hearingRole: role,
        displayName: u.displayName,
        userId: u.id,
        partyId: null,
      });
    }
    // The witness has no account: the court knows her as Witness V-1 and sends her a link.
    const witness = await this.addParticipant.execute({
      principal: clerk,
      hearingId: testimony.id,
      hearingRole: 'victim',
      displayName: victim.pseudonym,
      userId: null,
      partyId: victim.id,
    });
    const supporter = await this.addParticipant.execute({
      principal: clerk,
      hearingId: testimony.id,
      hearingRole: 'supporter',
      displayName: 'Support worker (NGO)',
      userId: null,
      partyId: null,
    });
    // The case is confidential: her support worker sits beside her by the presiding judge's order
    // (without it, the supporter could not attend).
    const judge: UserPrincipal = { kind: 'user', userId: ids.judge, courtId: court.id, roles: ['judge'], sessionId: 'seed' };
    await this.makeOrder.execute({
      principal: judge,
      hearingId: testimony.id,
      request: {
        kind: 'supporter',
        participantId: witness.participant.id,
        supporterId: supporter.participant.id,
        capacity: 'supporter',
        reason: 'She gives evidence with her support worker beside her.',
      },
    });
    await this.schedule.execute({
      principal: clerk,
      caseId: caseIds[4],
      title: 'Trial, first session',
      hearingType: 'trial',
      scheduledStart: new Date(start.getTime() + 2 * 86_400_000),
      scheduledEnd: new Date(start.getTime() + 2 * 86_400_000 + 2 * 3_600_000),
      presidingJudgeId: ids.judge,
    });

    console.log(`Seeded ${COURT.name} (${COURT.code}): ${PEOPLE.length} accounts, ${CASES.length} cases, 2 hearings.`);
    await this.printLinkForToday(court.id);
    this.printLogins(config);
  }

  /** Issues a fresh one-time link for today's witness (links work once, so each run makes a new one). */
  private async printLinkForToday(courtId: string): Promise<void> {
    const rows = await this.db.query(
      `SELECT hp.id AS participant_id, h.id AS hearing_id FROM hearing_participants hp JOIN hearings h ON h.id = hp.hearing_id
        WHERE h.court_id = $1 AND hp.hearing_role = 'victim' AND h.status <> 'closed' ORDER BY h.scheduled_start LIMIT 1`,
      [courtId],
    );
    if (!rows.length) return;
    const clerk = await this.db.query(
      `SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.court_id = $1 AND r.role = 'clerk' ORDER BY u.email LIMIT 1`,
      [courtId],
    );
    const link = await this.links.issue({
      principal: { kind: 'user', userId: clerk[0].id, courtId, roles: ['clerk'], sessionId: 'seed' },
      hearingId: rows[0].hearing_id,
      participantId: rows[0].participant_id,
    });
    console.log(`\nOne-time link for Witness V-1 in today's remote testimony (works once, until ${link.expiresAt}):\n  ${link.url}`);
  }

  private printLogins(config: AppConfig): void {
    console.log(`\nSign in at ${config.http.publicUrl} with any of these accounts, password "${DEMO_PASSWORD}":`);
    for (const p of PEOPLE) console.log(`  ${p.email.padEnd(28)} ${p.roles.join(', ').padEnd(12)} ${p.displayName}`);
  }
}

/**
 * Seeds the demo court. Refused where NODE_ENV=production: demo accounts share one published
 * password, and a demo judge in a real court's database would hold a real judge's powers.
 */
export async function seedDemo(config: AppConfig): Promise<void> {
  if (config.env === 'production') {
    throw new Error(
      'seed-demo refuses to run with NODE_ENV=production: its accounts share a published password. ' +
        'Seed a demonstration or training installation started with NODE_ENV=development.',
    );
  }
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    await app.get(DemoSeeder).run(config);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  seedDemo(loadConfig()).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
