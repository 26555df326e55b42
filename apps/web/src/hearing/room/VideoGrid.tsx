import { useCallback } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { TrackVideo } from '../media/MediaElements';
import type { VideoTile } from '../state/room-view';
import { useParticipantText } from './participant-label';

interface VideoGridProps {
  tiles: readonly VideoTile[];
  label: string;
  /** Reports each remote video's on-screen size, for the server's simulcast layer choice. */
  onTileSize: (consumerId: string, width: number, height: number) => void;
  emptyText: string;
}

/**
 * The pictures of the people in the room, the active speaker ringed. A list, so a screen reader
 * says how many people are shown; each tile is named after its person and says when they speak,
 * are muted or have raised their hand, in words as well as by the ring and the icons.
 */
export function VideoGrid({ tiles, label, onTileSize, emptyText }: VideoGridProps) {
  return (
    <ul className={`video-grid${tiles.length === 1 ? ' video-grid--single' : ''}`} aria-label={label}>
      {tiles.length === 0 && <li className="video-grid__empty">{emptyText}</li>}
      {tiles.map((tile) => (
        <Tile key={tile.key} tile={tile} onTileSize={onTileSize} />
      ))}
    </ul>
  );
}

function Tile({ tile, onTileSize }: { tile: VideoTile; onTileSize: VideoGridProps['onTileSize'] }) {
  const { t } = useTranslation();
  const nameOf = useParticipantText();
  const name = tile.self ? t('room.tile.you') : tile.view ? nameOf(tile.view) : t('room.tile.someone');
  const consumerId = tile.consumerId;
  const onResize = useCallback(
    (size: { width: number; height: number }) => {
      if (consumerId) onTileSize(consumerId, size.width, size.height);
    },
    [consumerId, onTileSize],
  );
  const videoLabel = tile.kind === 'screen' ? t('room.tile.screenOf', { name }) : t('room.tile.cameraOf', { name });
  const muted = tile.view?.muted === true;
  const hand = tile.view?.handRaised === true;

  return (
    <li
      className={`tile${tile.speaking ? ' tile--speaking' : ''}${tile.self ? ' tile--self' : ''}`}
      data-participant-id={tile.participantId}
      data-kind={tile.kind}
      data-speaking={tile.speaking ? 'true' : undefined}
    >
      {tile.track ? (
        <TrackVideo track={tile.track} label={videoLabel} className="tile__video" onResize={tile.self ? undefined : onResize} />
      ) : (
        <p className="tile__placeholder">{t('room.tile.noPicture', { name })}</p>
      )}
      <p className="tile__label">
        <bdi>{name}</bdi>
        {tile.kind === 'screen' && <span className="tile__flag">{t('room.tile.sharedScreen')}</span>}
        {tile.speaking && <span className="tile__flag">{t('room.tile.speaking')}</span>}
        {muted && <span className="tile__flag">{t('room.tile.muted')}</span>}
        {hand && <span className="tile__flag">{t('room.tile.handRaised')}</span>}
        {/* Sent to the bench only: where a witness gives evidence from over a live link. */}
        {tile.view?.remoteLocation && (
          <span className="tile__flag">
            <Trans i18nKey="room.tile.remoteLocation" components={{ place: <bdi>{tile.view.remoteLocation}</bdi> }} />
          </span>
        )}
      </p>
    </li>
  );
}
