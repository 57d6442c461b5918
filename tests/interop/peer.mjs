// The interop peer: independent npm implementations of RFC 9421 (http-message-signatures),
// RFC 9530 (httpbis-digest-headers, cross-checked against node's own SHA-256 and the
// structured-headers serializer) and RFC 8785 (canonicalize), driven by
// tests/interop/*_test.cpp with one JSON object per line on stdin, one answer per line on
// stdout, in order. Byte strings travel as base64 so no text decoding stands between them.
import { createHash, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

import canonicalize from 'canonicalize';
import { createSigner, createVerifier, httpbis } from 'http-message-signatures';
import digestHeaders from 'httpbis-digest-headers';
import {
  isInnerList, parseDictionary, serializeDictionary, serializeList,
} from 'structured-headers';

const PACKAGES = [
  'canonicalize', 'http-message-signatures', 'httpbis-digest-headers', 'structured-headers',
];

const fromBase64 = (text) => Buffer.from(text, 'base64');
const arrayBuffer = (buffer) =>
  buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);

// A header list [[name, value], ...] as the package's request object wants it; repeated names
// become an array, in order.
function headerObject(pairs) {
  const headers = {};
  for (const [name, value] of pairs) {
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing === undefined) headers[name] = value;
    else headers[existing] = [].concat(headers[existing], value);
  }
  return headers;
}

function headerValue(pairs, name) {
  const values = pairs.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);
  return values.length ? values.join(', ') : null;
}

// RFC 9530 section 2, computed twice: by the package, and from node's SHA-256 written as an
// RFC 8941 Dictionary by structured-headers.
function digests(body) {
  return {
    package: digestHeaders.createContentDigestHeader(body, ['sha-256']),
    crypto: serializeDictionary(
      new Map([['sha-256', [arrayBuffer(createHash('sha256').update(body).digest()), new Map()]]]),
    ),
  };
}

// What a Signature-Input / Signature pair holds, as structured-headers reads it, so the test can
// compare it with FEDERATION.md's shape.
function describeSignature(pairs) {
  const inputs = parseDictionary(headerValue(pairs, 'signature-input') ?? '');
  const signatures = parseDictionary(headerValue(pairs, 'signature') ?? '');
  const shape = {
    input_labels: [...inputs.keys()],
    signature_labels: [...signatures.keys()],
    members: {},
  };
  for (const [label, member] of inputs) {
    if (!isInnerList(member)) {
      shape.members[label] = { inner_list: false };
      continue;
    }
    const signature = signatures.get(label);
    shape.members[label] = {
      inner_list: true,
      components: member[0].map(([name, params]) => ({ name, parameters: params.size })),
      parameters: [...member[1]].map(([key, value]) => ({
        key, type: typeof value, value: String(value),
      })),
      signature_bytes:
        signature && signature[0] instanceof ArrayBuffer ? signature[0].byteLength : null,
    };
  }
  return shape;
}

// The signature base the package builds for `label` (RFC 9421 section 2.5), for diagnostics.
function packageBase(request, pairs, label) {
  const input = parseDictionary(headerValue(pairs, 'signature-input') ?? '').get(label);
  if (!input || !isInnerList(input) || input[0].some(([, params]) => params.size)) return null;
  const base = httpbis.createSignatureBase({ fields: input[0].map(([name]) => name) }, request);
  base.push(['"@signature-params"', [serializeList([input])]]);
  return httpbis.formatSignatureBase(base);
}

function publicKeyFromRaw(raw) {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

async function verify(message) {
  const body = message.body === null ? null : fromBase64(message.body);
  const request = {
    method: message.method, url: message.url, headers: headerObject(message.headers),
  };
  const answer = { verified: false, error: null, base: null, shape: null, digest: null };
  try {
    answer.shape = describeSignature(message.headers);
    answer.base = packageBase(request, message.headers, 'hs');
  } catch (e) {
    answer.error = `reading the signature: ${e.message}`;
  }
  if (body !== null) {
    answer.digest = digests(body);
    const field = headerValue(message.headers, 'content-digest');
    try {
      answer.digest.verifies = field !== null && digestHeaders.verifyContentDigest(body, field);
    } catch (e) {
      answer.digest.verifies = false;
      answer.digest.error = e.message;
    }
  }
  const key = publicKeyFromRaw(message.public_key);
  try {
    const result = await httpbis.verifyMessage(
      {
        keyLookup: async (parameters) =>
          parameters.keyid === message.keyid
            ? { id: message.keyid, algs: ['ed25519'], verify: createVerifier(key, 'ed25519') }
            : null,
        requiredParams: ['created', 'expires', 'nonce', 'keyid', 'alg', 'tag'],
        requiredFields: message.required_components,
      },
      request,
    );
    answer.verified = result === true;
    if (result !== true && answer.error === null) answer.error = `verifyMessage returned ${result}`;
  } catch (e) {
    answer.error = `${e.name}: ${e.message}`;
  }
  return answer;
}

async function sign(message) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const headers = [...message.headers];
  let bodyDigests = null;
  if (message.body !== null) {
    bodyDigests = digests(fromBase64(message.body));
    headers.push(['Content-Digest', bodyDigests.package]);
  }
  const nonce = randomBytes(16).toString('base64url');
  const signed = await httpbis.signMessage(
    {
      key: createSigner(privateKey, 'ed25519', message.keyid),
      name: 'hs',
      fields: message.components,
      params: ['created', 'expires', 'nonce', 'keyid', 'alg', 'tag'],
      paramValues: { nonce, tag: 'hindsight-federation/1' },
    },
    { method: message.method, url: message.url, headers: headerObject(headers) },
  );
  const out = Object.entries(signed.headers).flatMap(([name, value]) =>
    [].concat(value).map((one) => [name, String(one)]),
  );
  return {
    headers: out,
    public_key: publicKey.export({ format: 'jwk' }).x,
    nonce,
    digest: bodyDigests,
  };
}

// The package's Content-Digest for `algorithms` (sha-256, sha-512, in the order given).
function digest(message) {
  const body = fromBase64(message.body);
  return { field: digestHeaders.createContentDigestHeader(body, message.algorithms) };
}

function canonical(message) {
  try {
    const text = fromBase64(message.text).toString('utf8');
    const form = canonicalize(JSON.parse(text));
    return { ok: true, canonical: Buffer.from(form, 'utf8').toString('base64') };
  } catch (e) {
    return { ok: false, error: e.message };
  }
}

function hello() {
  if (Number(process.versions.node.split('.')[0]) < 18) {
    throw new Error(`node ${process.version} is older than 18`);
  }
  const versions = {};
  for (const name of PACKAGES) {
    const manifest = new URL(`./node_modules/${name}/package.json`, import.meta.url);
    versions[name] = JSON.parse(readFileSync(manifest, 'utf8')).version;
  }
  return { node: process.version, packages: versions };
}

const operations = { hello, verify, sign, digest, canonicalize: canonical };

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  try {
    const message = JSON.parse(line);
    const operation = operations[message.op];
    if (!operation) throw new Error(`unknown op ${message.op}`);
    answer = await operation(message);
  } catch (e) {
    answer = { failure: `${e.name}: ${e.message}` };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
