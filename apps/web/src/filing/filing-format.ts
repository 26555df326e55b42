import type { Language } from '../i18n/languages';

/** "3 hours", "2 days": how long a filing has waited, in the reader's language. */
export function formatWaiting(minutes: number, language: Language): string {
  const format = (value: number, unit: 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(value);
  if (minutes < 60) return format(Math.max(0, Math.floor(minutes)), 'minute');
  if (minutes < 48 * 60) return format(Math.floor(minutes / 60), 'hour');
  return format(Math.floor(minutes / (24 * 60)), 'day');
}

/** Fees are kept in minor units (cents); shown in the court's currency and the reader's language. */
export function formatMoney(minorUnits: number, currency: string, language: Language): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(minorUnits / 100);
  } catch {
    return `${(minorUnits / 100).toFixed(2)} ${currency}`;
  }
}
