import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { PartyView } from '@ejustice/cases/contract/case-contract';
import type { CaseSchedulingFactsView } from '@ejustice/scheduling-data/contract/case-scheduling-facts.contract';
import en from '../i18n/locales/en.json';
import { FactsForm, FactsSummary } from './CaseSchedulingSection';

const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en } }, initAsync: false });

const WITNESS = '22222222-2222-4222-8222-222222222222';
/** The protected witness as the server sends them to this viewer: by pseudonym only. */
const parties: PartyView[] = [{ id: WITNESS, partyRole: 'witness', name: 'Witness W-2', isProtected: true }];

const view: CaseSchedulingFactsView = {
  caseId: 'c-1',
  version: 'v-1',
  offence: 'trafficking in persons',
  inCustody: true,
  custodyLimit: '2027-05-31',
  interpreterLanguages: ['ar'],
  needsIntermediary: false,
  needsSupporter: true,
  needsLiveLink: false,
  remoteAllowed: false,
  judgeSpecialisms: [],
  people: [{ role: 'witness', partyId: WITNESS, personKey: 'w-17', child: true, vulnerable: false }],
  hearings: [
    { type: 'case_management', minutes: 30, minDaysAfterPrevious: null, published: true },
    { type: 'trial', minutes: 240, minDaysAfterPrevious: 14, published: false },
  ],
};

const render = (element: ReturnType<typeof createElement>) => renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));

describe('case scheduling section', () => {
  it('shows a judge the facts read-only, the witness as the docket shows them', () => {
    const html = render(createElement(FactsSummary, { view, parties }));

    expect(html).toContain('In custody; time limit expires May 31, 2027');
    expect(html).toContain('<bdi>Witness W-2</bdi><span class="tag tag--protected">Protected identity</span>');
    expect(html).toContain('240 minutes — at least 14 days after the previous one');
    expect(html).not.toContain('<input');
    expect(html).not.toContain('<button');
  });

  it('gives a clerk a labelled form: custody with its limit in one fieldset, a published hearing locked', () => {
    const html = render(createElement(FactsForm, { caseId: 'c-1', view, parties, reload: () => undefined }));

    expect(html).toMatch(/<fieldset class="fieldset"[^>]*><legend>Custody<\/legend>.*type="date" required=""[^>]*value="2027-05-31"/);
    for (const id of [...html.matchAll(/<input id="([^"]+)"/g)].map((m) => m[1])) expect(html).toContain(`for="${id}"`);
    expect(html).toContain('<option value="22222222-2222-4222-8222-222222222222" selected="">Witness W-2 (Protected identity)</option>');
    expect(html).toMatch(/Hearing 1<span class="tag">Published<\/span>/);
    expect(html).toMatch(
      /<button id="[^"]+-move-\d+-down" type="button" class="button button--quiet button--small" disabled="">Move hearing 1 down/,
    );
    expect(html).toContain('>Remove hearing 2</button>');
  });
});
