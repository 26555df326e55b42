import { POLICY_PROPERTIES, checkPolicyProperties } from './testing/policy-properties';

/**
 * The properties over random hearings (testing/policy-properties.ts), a few hundred cases each on
 * every test run. `./ejustice policy-check` runs the same properties over 100,000 cases and more.
 */
const RUNS = 200;

describe('media policy properties', () => {
  it.each(POLICY_PROPERTIES.map((policyProperty) => [policyProperty.name, policyProperty] as const))('%s', (_name, policyProperty) => {
    const outcome = policyProperty.check(RUNS);

    if (outcome.failed) throw new Error(outcome.report);
    expect(outcome.cases).toBe(RUNS);
  });

  it('shares the cases of a policy check among all the properties, and counts them', () => {
    const heard: string[] = [];

    const report = checkPolicyProperties({ cases: POLICY_PROPERTIES.length * 2 + 1, seed: 42, onOutcome: (o) => heard.push(o.name) });

    expect(heard).toEqual(POLICY_PROPERTIES.map((policyProperty) => policyProperty.name));
    expect(report.outcomes.every((outcome) => outcome.cases === 3 && !outcome.failed)).toBe(true);
    expect(report).toMatchObject({ total: POLICY_PROPERTIES.length * 3, failures: 0 });
  });

  it('names every property once, so a report can be read', () => {
    const names = POLICY_PROPERTIES.map((policyProperty) => policyProperty.name);

    expect(new Set(names).size).toBe(names.length);
  });
});
