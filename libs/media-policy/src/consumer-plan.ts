import { isMediaVariant, type MediaKind, type MediaVariant } from './media-kind';
import { decideIndexed } from './media-decision';
import type { PolicySnapshot } from './policy-snapshot';
import { indexSnapshot } from './snapshot-check';

/** A producer that exists on the media node: `variant` is `anonymised` for the ffmpeg output. */
export interface AvailableProducer {
  readonly sourceId: string;
  readonly kind: MediaKind;
  readonly variant: MediaVariant;
}

/** One consumer that may exist: `viewerId` receives `variant` of `sourceId`'s `kind`. */
export interface ConsumerGrant {
  readonly viewerId: string;
  readonly sourceId: string;
  readonly kind: MediaKind;
  readonly variant: MediaVariant;
}

export interface ConsumerPlan {
  /** Consumers that have become forbidden. Close these first, at once. */
  readonly close: readonly ConsumerGrant[];
  /** Consumers that have become allowed and do not exist yet. */
  readonly open: readonly ConsumerGrant[];
}

/**
 * Every consumer that should exist, given the hearing's state and the producers on the media
 * node: exactly the pairs decideMedia allows, for the variant it names. A producer of another
 * variant is never a substitute: while the anonymised stream is still starting, viewers who may
 * only have it get nothing — better silent than exposed. Sorted, so plans and logs are stable.
 */
export function desiredConsumers(snapshot: PolicySnapshot, available: readonly AvailableProducer[]): ConsumerGrant[] {
  const index = indexSnapshot(snapshot);
  if (index.broken) return [];
  const producers = uniqueBy(
    available.filter((producer) => isMediaVariant(producer.variant)),
    (producer) => JSON.stringify([producer.sourceId, producer.kind, producer.variant]),
  );
  const grants: ConsumerGrant[] = [];
  for (const producer of producers) {
    for (const viewerId of index.participants.keys()) {
      const decision = decideIndexed(index, viewerId, producer.sourceId, producer.kind);
      if (decision.allowed && decision.variant === producer.variant) {
        grants.push({ viewerId, sourceId: producer.sourceId, kind: producer.kind, variant: producer.variant });
      }
    }
  }
  return grants.sort(byKey);
}

/**
 * What to change so that the existing consumers become exactly the desired ones. The media node
 * keys its consumers by grantKey; a consumer whose key is not desired — including one of the
 * wrong variant — is closed, so a viewer switched from raw to anonymised loses raw first.
 */
export function diffConsumers(existing: readonly ConsumerGrant[], desired: readonly ConsumerGrant[]): ConsumerPlan {
  const existingKeys = new Set(existing.map(grantKey));
  const desiredKeys = new Set(desired.map(grantKey));
  return {
    close: uniqueBy(existing, grantKey)
      .filter((grant) => !desiredKeys.has(grantKey(grant)))
      .sort(byKey),
    open: uniqueBy(desired, grantKey)
      .filter((grant) => !existingKeys.has(grantKey(grant)))
      .sort(byKey),
  };
}

/** The identity of a consumer: one consumer per viewer, source, kind and variant. */
export function grantKey(grant: ConsumerGrant): string {
  return JSON.stringify([grant.viewerId, grant.sourceId, grant.kind, grant.variant]);
}

function byKey(a: ConsumerGrant, b: ConsumerGrant): number {
  const [ka, kb] = [grantKey(a), grantKey(b)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
