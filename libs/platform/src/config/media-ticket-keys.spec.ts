import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { loadConfig } from './app-config';
import { DEVELOPMENT_MEDIA_TICKET_PRIVATE_KEY, DEVELOPMENT_MEDIA_TICKET_PUBLIC_KEY } from './media-ticket-keys';

function pair(options: { namedCurve: string } = { namedCurve: 'prime256v1' }) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', options);
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateDer: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    publicDer: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

const production = { NODE_ENV: 'production', DATABASE_APP_URL: 'postgres://app:pw@db/ejustice' };
const apiSecrets = { secrets: ['JWT_SECRET', 'MEDIA_TICKET_PRIVATE_KEY'] } as const;
const mediaSecrets = { secrets: ['MEDIA_TICKET_PUBLIC_KEY'] } as const;

describe('join-ticket keys in the configuration', () => {
  it('uses a matching development pair when neither key is set outside production', () => {
    const sut = loadConfig({}).media;
    expect(sut.ticketPrivateKey).toBe(DEVELOPMENT_MEDIA_TICKET_PRIVATE_KEY);
    expect(sut.ticketPublicKey).toBe(DEVELOPMENT_MEDIA_TICKET_PUBLIC_KEY);
    const derived = createPublicKey(createPrivateKey(DEVELOPMENT_MEDIA_TICKET_PRIVATE_KEY)).export({ type: 'spki', format: 'pem' });
    expect(derived).toBe(DEVELOPMENT_MEDIA_TICKET_PUBLIC_KEY);
  });

  it('reads PEM, PEM with \\n for line breaks, base64 of the PEM and base64 of the DER, all to the same PEM', () => {
    const keys = pair();
    for (const [privateKey, publicKey] of [
      [keys.privateKey, keys.publicKey],
      [keys.privateKey.replace(/\n/g, '\\n'), keys.publicKey.replace(/\n/g, '\\n')],
      [Buffer.from(keys.privateKey).toString('base64'), Buffer.from(keys.publicKey).toString('base64')],
      [keys.privateDer, keys.publicDer],
    ]) {
      const sut = loadConfig({ MEDIA_TICKET_PRIVATE_KEY: privateKey, MEDIA_TICKET_PUBLIC_KEY: publicKey }).media;
      expect(sut.ticketPrivateKey).toBe(keys.privateKey);
      expect(sut.ticketPublicKey).toBe(keys.publicKey);
    }
  });

  it('derives the public key from a private key alone, and leaves the private key out when only the public one is given', () => {
    const keys = pair();
    expect(loadConfig({ MEDIA_TICKET_PRIVATE_KEY: keys.privateKey }).media).toMatchObject({
      ticketPrivateKey: keys.privateKey,
      ticketPublicKey: keys.publicKey,
    });
    expect(loadConfig({ MEDIA_TICKET_PUBLIC_KEY: keys.publicKey }).media).toMatchObject({
      ticketPrivateKey: undefined,
      ticketPublicKey: keys.publicKey,
    });
  });

  it('refuses keys that are not P-256, garbage, a private key given as the public one, and a mismatched pair', () => {
    const p384 = pair({ namedCurve: 'secp384r1' });
    const ed25519 = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadConfig({ MEDIA_TICKET_PRIVATE_KEY: p384.privateKey })).toThrow(
      /MEDIA_TICKET_PRIVATE_KEY is a secp384r1 EC key; join tickets are signed with ES256/,
    );
    expect(() => loadConfig({ MEDIA_TICKET_PRIVATE_KEY: ed25519 })).toThrow(/MEDIA_TICKET_PRIVATE_KEY is a ed25519 key/);
    expect(() => loadConfig({ MEDIA_TICKET_PUBLIC_KEY: 'not a key at all' })).toThrow(
      /MEDIA_TICKET_PUBLIC_KEY must be a P-256 public key in PEM form/,
    );
    expect(() => loadConfig({ MEDIA_TICKET_PUBLIC_KEY: pair().privateKey })).toThrow(
      /MEDIA_TICKET_PUBLIC_KEY holds a private key; a media node must be given the public key only/,
    );
    expect(() => loadConfig({ MEDIA_TICKET_PRIVATE_KEY: pair().privateKey, MEDIA_TICKET_PUBLIC_KEY: pair().publicKey })).toThrow(
      /MEDIA_TICKET_PUBLIC_KEY is not the public key of MEDIA_TICKET_PRIVATE_KEY/,
    );
  });

  describe('in production', () => {
    it('requires of the api its JWT secret and the private key, and refuses the development pair', () => {
      expect(() => loadConfig({ ...production, JWT_SECRET: 'x'.repeat(40) }, apiSecrets)).toThrow(
        /MEDIA_TICKET_PRIVATE_KEY must be set when NODE_ENV=production/,
      );
      expect(() => loadConfig({ ...production, MEDIA_TICKET_PRIVATE_KEY: pair().privateKey }, apiSecrets)).toThrow(
        /JWT_SECRET must be set to a secret of your own/,
      );
      expect(() =>
        loadConfig(
          { ...production, JWT_SECRET: 'x'.repeat(40), MEDIA_TICKET_PRIVATE_KEY: DEVELOPMENT_MEDIA_TICKET_PRIVATE_KEY },
          apiSecrets,
        ),
      ).toThrow(/must be a key pair of your own when NODE_ENV=production/);
      const keys = pair();
      const sut = loadConfig({ ...production, JWT_SECRET: 'x'.repeat(40), MEDIA_TICKET_PRIVATE_KEY: keys.privateKey }, apiSecrets);
      expect(sut.media.ticketPrivateKey).toBe(keys.privateKey);
    });

    it('starts a media node with the public key alone: no JWT secret, no private key', () => {
      const keys = pair();
      const sut = loadConfig({ ...production, MEDIA_TICKET_PUBLIC_KEY: keys.publicKey }, mediaSecrets);
      expect(sut.auth.jwtSecret).toBeUndefined();
      expect(sut.media.ticketPrivateKey).toBeUndefined();
      expect(sut.media.ticketPublicKey).toBe(keys.publicKey);
      expect(() => loadConfig(production, mediaSecrets)).toThrow(/MEDIA_TICKET_PUBLIC_KEY must be set when NODE_ENV=production/);
      expect(() => loadConfig({ ...production, MEDIA_TICKET_PUBLIC_KEY: DEVELOPMENT_MEDIA_TICKET_PUBLIC_KEY }, mediaSecrets)).toThrow(
        /must be a key pair of your own/,
      );
      // A media node given the development JWT secret by mistake is still stopped.
      expect(() =>
        loadConfig(
          { ...production, MEDIA_TICKET_PUBLIC_KEY: keys.publicKey, JWT_SECRET: 'development-only-secret-do-not-use-in-production-0000' },
          mediaSecrets,
        ),
      ).toThrow(/JWT_SECRET must be set to a secret of your own/);
    });

    it('asks by default for the JWT secret alone, as before', () => {
      expect(() => loadConfig(production)).toThrow(/JWT_SECRET must be set to a secret of your own/);
      expect(loadConfig({ ...production, JWT_SECRET: 'x'.repeat(40) }).media.ticketPrivateKey).toBeUndefined();
    });
  });
});
