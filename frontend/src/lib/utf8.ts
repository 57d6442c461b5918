// The anonymizer reports UTF-8 byte offsets; the page works in JavaScript string indices.
const encoder = new TextEncoder();

export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

// The string index at a byte offset (offsets inside a character round up to its end).
export function indexAtByte(text: string, offset: number): number {
  let bytes = 0;
  let index = 0;
  for (const ch of text) {
    if (bytes >= offset) break;
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    index += ch.length;
  }
  return index;
}

export function byteAtIndex(text: string, index: number): number {
  return byteLength(text.slice(0, index));
}
