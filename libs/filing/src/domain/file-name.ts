/** Characters that are unsafe in a file name on some system, or that disguise it (bidi overrides, zero-width). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_LENGTH = 150;

/**
 * Turns whatever name a browser sent into one that is safe to store, show and offer for
 * download: no path, no control or direction-changing characters (which can make
 * "evil\u202Efdp.exe" read as "evilexe.pdf"), at most 150 characters, ending in ".pdf".
 * Letters of every script are kept: Arabic and French names stay readable.
 */
export function sanitiseFileName(raw: string | undefined | null): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(INVISIBLE, '').replace(/\s+/g, ' ').replace(UNSAFE, '_').trim();
  name = name.replace(/^[.\s]+|[.\s]+$/g, '');
  let stem = name.replace(/\.pdf$/i, '').replace(/[.\s]+$/g, '');
  if (stem === '' || /^_+$/.test(stem)) stem = 'document';
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  const chars = [...stem];
  if (chars.length > MAX_LENGTH - 4)
    stem = chars
      .slice(0, MAX_LENGTH - 4)
      .join('')
      .trimEnd();
  return `${stem}.pdf`;
}

/** An ASCII-only stand-in for old clients that cannot read RFC 5987 `filename*`. */
export function asciiFallbackName(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return /[A-Za-z0-9]/.test(ascii.replace(/\.pdf$/i, '')) ? ascii : 'document.pdf';
}
