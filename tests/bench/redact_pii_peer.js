// The benchmark peer: redact-pii (npm) behind the same JSON Lines interface as
// `hindsight anonymize` (text in, redacted text out), reading stdin as a stream.
'use strict';
const readline = require('readline');
const { SyncRedactor } = require('redact-pii');

const redactor = new SyncRedactor();
const out = [];
const flush = () => {
  if (out.length) process.stdout.write(out.join(''));
  out.length = 0;
};
const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  if (!line.trim()) return;
  let doc;
  try {
    doc = JSON.parse(line);
  } catch (e) {
    out.push(JSON.stringify({ id: null, error: String(e) }) + '\n');
    return;
  }
  out.push(JSON.stringify({ id: doc.id, text: redactor.redact(String(doc.text || '')) }) + '\n');
  if (out.length >= 256) flush();
});
lines.on('close', flush);
