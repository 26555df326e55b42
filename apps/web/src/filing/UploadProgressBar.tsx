import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/i18n';
import { formatBytes } from './pdf-precheck';
import { percentOf, type UploadProgress } from './upload';

interface UploadProgressBarProps {
  progress: UploadProgress;
  labelId: string;
}

/**
 * Bytes really sent, as XMLHttpRequest reports them. A native <progress> carries the
 * progressbar role with aria-valuenow/min/max for assistive technology; the sentence beside it
 * says the same in words ("2.1 MB of 8.4 MB sent (25 %)") for everyone else.
 */
export function UploadProgressBar({ progress, labelId }: UploadProgressBarProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const percent = percentOf(progress);
  const text = t('filing.wizard.progress.text', {
    sent: formatBytes(progress.loaded, language),
    total: formatBytes(progress.total, language),
    percent: new Intl.NumberFormat(language).format(percent),
  });
  return (
    <div className="upload-progress">
      <p id={labelId} className="upload-progress__label">
        {t('filing.wizard.progress.label')}
      </p>
      <progress
        className="upload-progress__bar"
        max={100}
        value={percent}
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      />
      <p className="upload-progress__text">{text}</p>
    </div>
  );
}
