import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import {
  type AuditCheckpoint,
  auditCheckpointName,
  auditCheckpointSignatureValid,
  auditKeyId,
  checkAuditCheckpoint,
  describeAuditCheckpointFinding,
  type ObservedAuditChain,
  parseAuditCheckpoint,
  signAuditCheckpoint,
} from './audit-checkpoint';
import { auditCheckpointKey, isAuditCheckpointName } from './audit-checkpoint-store';

const key = generateKeyPairSync('ed25519');
const otherKey = generateKeyPairSync('ed25519');
const hash = (c: string) => c.repeat(64);
const AT = new Date('2026-11-28T09:00:00.123Z');

function chainOf(events: number, hashes: Record<number, string> = {}): ObservedAuditChain {
  return { chain: 'court', events, hashAt: (seq) => (seq <= events ? (hashes[seq] ?? hash('a')) : undefined) };
}

describe('audit checkpoints', () => {
  const sut = signAuditCheckpoint({ chain: 'court', seq: 25, headHash: hash('a') }, AT, key);

  it('vouch for the head, the count and the time, signed with the named key', () => {
    expect(sut).toMatchObject({ format: 'ejustice.audit-checkpoint.v1', chain: 'court', seq: 25, events: 25, headHash: hash('a') });
    expect(sut.at).toBe('2026-11-28T09:00:00.123Z');
    expect(sut.keyId).toBe(auditKeyId(key.publicKey));
    expect(sut.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(auditCheckpointSignatureValid(sut, key.publicKey)).toBe(true);
    expect(auditCheckpointSignatureValid(sut, otherKey.publicKey)).toBe(false);
  });

  it('no longer verify once any signed field changes', () => {
    const altered: AuditCheckpoint[] = [
      { ...sut, seq: 26, events: 26 },
      { ...sut, headHash: hash('b') },
      { ...sut, at: '2026-11-28T09:00:00.124Z' },
      { ...sut, chain: 'other' },
      { ...sut, signature: Buffer.alloc(64).toString('base64') },
    ];
    for (const cp of altered) expect(auditCheckpointSignatureValid(cp, key.publicKey)).toBe(false);
  });

  it('survive their JSON form, stored or printed, unchanged', () => {
    const parsed = parseAuditCheckpoint(JSON.stringify(sut, null, 2));
    expect(parsed).toEqual({ ok: true, checkpoint: sut });
    expect(auditCheckpointSignatureValid((parsed as { checkpoint: AuditCheckpoint }).checkpoint, key.publicKey)).toBe(true);
  });

  it('refuse to parse what is not a checkpoint, naming the problem', () => {
    expect(parseAuditCheckpoint('nope')).toEqual({ ok: false, problem: 'it is not JSON' });
    expect(parseAuditCheckpoint('[]')).toEqual({ ok: false, problem: 'it is not a JSON object' });
    expect(parseAuditCheckpoint(JSON.stringify({ ...sut, format: 'v0' }))).toMatchObject({ ok: false, problem: /format/ });
    expect(parseAuditCheckpoint(JSON.stringify({ ...sut, seq: 0, headHash: 'xyz', events: 3 }))).toEqual({
      ok: false,
      problem: 'these fields are missing or malformed: seq, events, headHash',
    });
  });

  it('are named so that names sort in chain order', () => {
    const name = auditCheckpointName(sut);
    expect(name).toBe('00000000000000000025-20261128T090000123Z.json');
    expect(isAuditCheckpointName(name)).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 52 }), fc.integer({ min: 1, max: 2 ** 52 }), (a, b) => {
        const na = auditCheckpointName({ ...sut, seq: a });
        const nb = auditCheckpointName({ ...sut, seq: b });
        expect(Math.sign(na.localeCompare(nb))).toBe(Math.sign(a - b));
      }),
    );
  });

  it('keep their store keys inside their chain folder', () => {
    expect(auditCheckpointKey('court', auditCheckpointName(sut))).toBe(
      'audit-checkpoints/court/00000000000000000025-20261128T090000123Z.json',
    );
    expect(() => auditCheckpointKey('..', auditCheckpointName(sut))).toThrow(/Not an audit chain name/);
    expect(() => auditCheckpointKey('court', '../../documents/aa/x.json')).toThrow(/Not an audit checkpoint name/);
  });
});

describe('checkAuditCheckpoint', () => {
  const cp = signAuditCheckpoint({ chain: 'court', seq: 10, headHash: hash('a') }, AT, key);

  it('anchors a chain that holds the checkpoint head, at the same length or longer', () => {
    expect(checkAuditCheckpoint(chainOf(10), cp, key.publicKey)).toEqual({ verdict: 'anchored', checkpoint: cp });
    expect(checkAuditCheckpoint(chainOf(12, { 11: hash('b') }), cp, key.publicKey)).toMatchObject({ verdict: 'anchored' });
  });

  it('catches a truncated tail: the chain is shorter than the checkpoint', () => {
    const finding = checkAuditCheckpoint(chainOf(7), cp, key.publicKey);
    expect(finding).toEqual({ verdict: 'truncated', checkpoint: cp, events: 7 });
    expect(describeAuditCheckpointFinding(finding)).toMatch(/only 7 events, but the checkpoint of .* vouched for 10: its tail was removed/);
  });

  it('catches a recomputed chain: a different hash at the checkpoint head', () => {
    const finding = checkAuditCheckpoint(chainOf(11, { 10: hash('c') }), cp, key.publicKey);
    expect(finding).toEqual({ verdict: 'recomputed', checkpoint: cp, foundHash: hash('c') });
    expect(describeAuditCheckpointFinding(finding)).toMatch(/Event #10 has the hash c+, but .* recorded a+: the chain was rewritten/);
  });

  it('distrusts a forged signature before looking at the chain', () => {
    const forged = { ...cp, headHash: hash('c') };
    expect(checkAuditCheckpoint(chainOf(11, { 10: hash('c') }), forged, key.publicKey)).toMatchObject({ verdict: 'bad_signature' });
  });

  it('distrusts a checkpoint signed with another key, or when there is no key to check it with', () => {
    const foreign = signAuditCheckpoint({ chain: 'court', seq: 10, headHash: hash('a') }, AT, otherKey);
    expect(checkAuditCheckpoint(chainOf(10), foreign, key.publicKey)).toEqual({
      verdict: 'unknown_key',
      checkpoint: foreign,
      ourKeyId: auditKeyId(key.publicKey),
    });
    expect(checkAuditCheckpoint(chainOf(10), cp, undefined)).toMatchObject({ verdict: 'unknown_key', ourKeyId: null });
    expect(checkAuditCheckpoint(chainOf(10), cp, createPublicKey(key.privateKey))).toMatchObject({ verdict: 'anchored' });
  });

  it("refuses another chain's checkpoint", () => {
    const other = signAuditCheckpoint({ chain: 'court_b', seq: 10, headHash: hash('a') }, AT, key);
    expect(checkAuditCheckpoint(chainOf(10), other, key.publicKey)).toMatchObject({ verdict: 'other_chain', chain: 'court' });
  });
});
