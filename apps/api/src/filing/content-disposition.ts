import { asciiFallbackName } from '@ejustice/filing';

/** RFC 6266 with RFC 5987 for non-ASCII names: every browser gets the sanitised name right. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  return `${type}; filename="${asciiFallbackName(name)}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
