/**
 * A PDF whose objects are given as definitions in file order, an object number possibly defined
 * more than once; the cross-reference table points each number at the definition `pick` says
 * (the first or the last of its number): what a reader that follows the table opens, while a
 * parser that reads front to back keeps the other one. For tests of the inspection only.
 */
export function pdfWithDefinitions(definitions: readonly { n: number; body: string }[], pick: 'first' | 'last'): Buffer {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets = new Map<number, number>();
  for (const { n, body } of definitions) {
    if (pick === 'last' || !offsets.has(n)) offsets.set(n, Buffer.byteLength(out, 'latin1'));
    out += `${n} 0 obj\n${body}\nendobj\n`;
  }
  const size = Math.max(...offsets.keys()) + 1;
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) {
    const at = offsets.get(n);
    out += at === undefined ? '0000000000 65535 f \n' : `${String(at).padStart(10, '0')} 00000 n \n`;
  }
  out += `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
