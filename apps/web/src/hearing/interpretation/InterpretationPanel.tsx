import type { InterpretationView, SelfMediaState } from '@ejustice/hearings/signalling/signalling-messages';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/i18n';
import type { ActOutcome } from '../session/hearing-session';
import { channelChoices, channelFromValue, channelValue, languageName, offersInterpretation } from './interpretation';
import './interpretation.css';

interface InterpretationPanelProps {
  interpretation: InterpretationView | undefined;
  selfMedia: SelfMediaState;
  onChooseChannel: (channel: string | null) => Promise<ActOutcome>;
  onSetOutput: (toFloor: boolean) => Promise<ActOutcome>;
}

/**
 * "Listen to": the floor or one interpretation channel, for everyone inside the hearing; and for
 * an interpreter, whether they speak on the floor (consecutive) or into their channel
 * (simultaneous). Both show what the server holds, not what was clicked: a choice sent is
 * disabled until the answer comes, and a refusal is read out by the room's live region.
 */
export function InterpretationPanel({ interpretation, selfMedia, onChooseChannel, onSetOutput }: InterpretationPanelProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const pickerId = useId();
  const hintId = useId();
  const [pending, setPending] = useState(false);
  const interpreting = selfMedia.interpreting;
  if (!offersInterpretation(interpretation) && !interpreting) return null;
  const ui = currentLanguage(i18n);

  const send = async (request: () => Promise<ActOutcome>) => {
    setPending(true);
    try {
      await request();
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="interpretation" aria-labelledby={headingId}>
      <h2 id={headingId} className="interpretation__title">
        {t('room.interpretation.title')}
      </h2>
      {offersInterpretation(interpretation) && (
        <div className="interpretation__picker">
          <label htmlFor={pickerId}>{t('room.interpretation.listenTo')}</label>{' '}
          <select
            id={pickerId}
            value={channelValue(selfMedia.listening)}
            disabled={pending}
            aria-describedby={hintId}
            onChange={(event) => void send(() => onChooseChannel(channelFromValue(event.target.value)))}
          >
            {channelChoices(interpretation, ui).map((choice) => (
              <option key={channelValue(choice.channel)} value={channelValue(choice.channel)}>
                {choice.channel === null
                  ? t('room.interpretation.floor', { language: choice.languageName })
                  : t('room.interpretation.channel', { language: choice.languageName })}
              </option>
            ))}
          </select>
          <p id={hintId} className="muted">
            {selfMedia.listening === null ? t('room.interpretation.onFloorHint') : t('room.interpretation.onChannelHint')}
          </p>
        </div>
      )}
      {interpreting && (
        <fieldset className="interpretation__output" disabled={pending}>
          <legend>{t('room.interpretation.output')}</legend>
          <label>
            <input
              type="radio"
              name={`${headingId}-output`}
              checked={interpreting.toFloor}
              onChange={() => void send(() => onSetOutput(true))}
            />{' '}
            {t('room.interpretation.toFloor')}
          </label>
          <label>
            <input
              type="radio"
              name={`${headingId}-output`}
              checked={!interpreting.toFloor}
              onChange={() => void send(() => onSetOutput(false))}
            />{' '}
            {t('room.interpretation.toChannel', { language: languageName(interpreting.channel, ui) })}
          </label>
        </fieldset>
      )}
    </section>
  );
}
