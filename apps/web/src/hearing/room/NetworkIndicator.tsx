import type { NetworkHealth } from '@ejustice/hearings/signalling/signalling-messages';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * The connection as the media node measures it (round trip, loss, bandwidth towards this
 * person), in a word and with the figures on hover and for screen readers. Colour is never the
 * only signal: the word says it.
 */
export function NetworkIndicator({ health, compact = false }: { health: NetworkHealth | undefined; compact?: boolean }) {
  const { t } = useTranslation();
  const quality = health?.quality ?? 'unknown';
  const details = health ? networkDetails(health, t) : '';
  const modifier =
    quality === 'good'
      ? ' status-badge--open'
      : quality === 'poor'
        ? ' status-badge--poor'
        : quality === 'fair'
          ? ' status-badge--warning'
          : '';
  return (
    <span className={`status-badge${modifier}`} title={details || undefined} data-network={quality}>
      {compact ? t(`room.network.short.${quality}`) : t(`room.network.${quality}`)}
      {details && <span className="visually-hidden">{details}</span>}
    </span>
  );
}

export function networkDetails(health: NetworkHealth, t: TFunction): string {
  const parts: string[] = [];
  if (health.rttMs !== null) parts.push(t('room.network.rtt', { value: Math.round(health.rttMs) }));
  if (health.packetLoss !== null) parts.push(t('room.network.loss', { value: Math.round(health.packetLoss * 1000) / 10 }));
  if (health.availableKbps !== null) parts.push(t('room.network.bandwidth', { value: Math.round(health.availableKbps) }));
  return parts.join(' · ');
}
