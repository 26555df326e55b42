import { type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';

/**
 * A development-only key pair for join tickets (P-256, PKCS#8 and SPKI PEM), used outside
 * production when neither key is set; refused when NODE_ENV=production.
 */
export const DEVELOPMENT_MEDIA_TICKET_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgeWS3IVGeuv25Xp/S
qWpOrKXy6dWTjpHo3Pv6HA05lFuhRANCAATWdDl7yAKXJ28jQ1dw+oWT7Ge7luGw
OkydZugtop1ZhGK/2hEPVdbOtkvk8UiFh/wOcmcOANqOyGbp3dVla1kT
-----END PRIVATE KEY-----
`;
export const DEVELOPMENT_MEDIA_TICKET_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE1nQ5e8gClydvI0NXcPqFk+xnu5bh
sDpMnWboLaKdWYRiv9oRD1XWzrZL5PFIhYf8DnJnDgDajshm6d3VZWtZEw==
-----END PUBLIC KEY-----
`;

export interface MediaTicketKeys {
  /** PKCS#8 PEM; only the api, which issues join tickets, needs it. */
  readonly privateKey: string | undefined;
  /** SPKI PEM; all a media node holds: it lets the node check tickets, never make one. */
  readonly publicKey: string | undefined;
}

/**
 * The join-ticket key pair from MEDIA_TICKET_PRIVATE_KEY and MEDIA_TICKET_PUBLIC_KEY (each as
 * PEM, with `\n` for line breaks, or as that PEM or its DER encoding in base64), normalised to
 * PEM. A missing public key is derived from the private key; a missing private key stays
 * missing. Outside production, the development pair stands in when neither is set; in
 * production, the development pair is refused and each key the process uses (`needs`) must be
 * set. Problems go to `fail`, each naming its variable.
 */
export function mediaTicketKeys(
  given: { readonly privateKey: string | undefined; readonly publicKey: string | undefined },
  { production, needs }: { readonly production: boolean; readonly needs: readonly string[] },
  fail: (problem: string) => void,
): MediaTicketKeys {
  if (!production && given.privateKey === undefined && given.publicKey === undefined) {
    return { privateKey: DEVELOPMENT_MEDIA_TICKET_PRIVATE_KEY, publicKey: DEVELOPMENT_MEDIA_TICKET_PUBLIC_KEY };
  }
  const privateKey = given.privateKey === undefined ? undefined : readKey(given.privateKey, 'private', fail);
  const publicKey = given.publicKey === undefined ? undefined : readKey(given.publicKey, 'public', fail);
  const derived = privateKey === undefined ? undefined : publicPem(createPublicKey(privateKey));
  if (publicKey !== undefined && derived !== undefined && publicKey !== derived) {
    fail('MEDIA_TICKET_PUBLIC_KEY is not the public key of MEDIA_TICKET_PRIVATE_KEY.');
  }
  if (production) {
    if (privateKey === DEVELOPMENT_MEDIA_TICKET_PRIVATE_KEY || (publicKey ?? derived) === DEVELOPMENT_MEDIA_TICKET_PUBLIC_KEY) {
      fail(
        'MEDIA_TICKET_PRIVATE_KEY and MEDIA_TICKET_PUBLIC_KEY must be a key pair of your own when NODE_ENV=production, not the development pair.',
      );
    }
    if (needs.includes('MEDIA_TICKET_PRIVATE_KEY') && given.privateKey === undefined) {
      fail(
        'MEDIA_TICKET_PRIVATE_KEY must be set when NODE_ENV=production: the P-256 private key with which the api signs join tickets (give the media nodes only its public key, MEDIA_TICKET_PUBLIC_KEY).',
      );
    }
    if (needs.includes('MEDIA_TICKET_PUBLIC_KEY') && given.publicKey === undefined) {
      fail(
        "MEDIA_TICKET_PUBLIC_KEY must be set when NODE_ENV=production: the public key of the api's MEDIA_TICKET_PRIVATE_KEY, with which a media node checks join tickets.",
      );
    }
  }
  return { privateKey, publicKey: publicKey ?? derived };
}

function readKey(value: string, kind: 'private' | 'public', fail: (problem: string) => void): string | undefined {
  const name = kind === 'private' ? 'MEDIA_TICKET_PRIVATE_KEY' : 'MEDIA_TICKET_PUBLIC_KEY';
  const text = value.replace(/\\n/g, '\n');
  const bytes = text.includes('-----BEGIN') ? undefined : Buffer.from(text, 'base64');
  const pem = bytes === undefined ? text : bytes.toString('utf8').includes('-----BEGIN') ? bytes.toString('utf8') : undefined;
  if (kind === 'public' && pem?.includes('PRIVATE KEY')) {
    fail(`${name} holds a private key; a media node must be given the public key only.`);
    return undefined;
  }
  let key: KeyObject;
  try {
    if (pem !== undefined) key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    else if (kind === 'private') key = createPrivateKey({ key: bytes!, format: 'der', type: 'pkcs8' });
    else key = createPublicKey({ key: bytes!, format: 'der', type: 'spki' });
  } catch {
    fail(`${name} must be a P-256 ${kind} key in PEM form (\\n for line breaks), or that PEM or its DER encoding in base64.`);
    return undefined;
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    const what = key.asymmetricKeyType === 'ec' ? `${key.asymmetricKeyDetails?.namedCurve} EC` : key.asymmetricKeyType;
    fail(`${name} is a ${what} key; join tickets are signed with ES256, which needs a P-256 (prime256v1) key.`);
    return undefined;
  }
  return kind === 'private' ? key.export({ type: 'pkcs8', format: 'pem' }).toString() : publicPem(key);
}

function publicPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}
