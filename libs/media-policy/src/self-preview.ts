import type { AvailableProducer, ConsumerGrant } from './consumer-plan';
import { grantKey } from './consumer-plan';
import { isMediaKind, type MediaKind } from './media-kind';
import { produceIndexed } from './media-production';
import type { PolicySnapshot } from './policy-snapshot';
import { indexSnapshot, type PolicyIndex } from './snapshot-check';

/**
 * Whether `participantId` may receive her own anonymised `kind` back from the media node: the
 * tech check of a participant under an anonymity order, who must see and hear before she is
 * admitted (and while she gives evidence) exactly what the unentitled receive of her, from the
 * same server pipeline. Seeing yourself as others see you is no disclosure: the picture and the
 * voice are her own, already shaped to hide her.
 *
 * Only the anonymised variant, only her microphone and camera, only her own: her raw media she
 * has in her local preview (and a server loop-back of it would disclose nothing but add delay),
 * a screen share is withheld from the unentitled and so has nothing to preview, and nobody
 * else's media ever travels this path. She must be present (waiting, admitted or in
 * consultation) and allowed to send that media now (mayProduce: the hearing record sound, her
 * own record not in doubt, her role one that produces, the sitting not ended): what she may not
 * send has no variant to show her.
 */
export function maySelfPreview(snapshot: PolicySnapshot, participantId: string, kind: MediaKind): boolean {
  return selfPreviewIndexed(indexSnapshot(snapshot), participantId, kind);
}

/**
 * The self-preview consumers that should exist, given the producers on the media node: for each
 * participant allowed by maySelfPreview, her own anonymised audio and video that exist. The media
 * node plans these beside desiredConsumers (which never grants anyone their own media). Sorted.
 */
export function selfPreviewGrants(snapshot: PolicySnapshot, available: readonly AvailableProducer[]): ConsumerGrant[] {
  const index = indexSnapshot(snapshot);
  if (index.broken) return [];
  const grants = new Map<string, ConsumerGrant>();
  for (const producer of available) {
    if (producer.variant !== 'anonymised') continue;
    if (!selfPreviewIndexed(index, producer.sourceId, producer.kind)) continue;
    const grant: ConsumerGrant = { viewerId: producer.sourceId, sourceId: producer.sourceId, kind: producer.kind, variant: 'anonymised' };
    grants.set(grantKey(grant), grant);
  }
  return [...grants.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, grant]) => grant);
}

function selfPreviewIndexed(index: PolicyIndex, participantId: string, kind: MediaKind): boolean {
  if (index.broken || !isMediaKind(kind) || kind === 'screen') return false;
  if (!index.anonymity.has(participantId)) return false;
  // Present, not in doubt, a role that sends this kind, a sitting not ended: as for producing.
  return produceIndexed(index, participantId, kind).allowed;
}
