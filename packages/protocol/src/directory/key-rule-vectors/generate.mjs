// Writes the key-rule vectors in valid/ and invalid/: a signer's directory log, an object it
// signed, the level the act needs and the time, and what the key rule (../key-rule.ts) answers.
// Deliberately independent of the code under test: logs are laid out by hand here, canonical JSON
// (RFC 8785; these objects hold only ASCII strings, small integers, arrays and objects) is written
// by sorting keys, and Ed25519 signs with node:crypto, while the test replays them with noble.
// Run: node packages/protocol/src/directory/key-rule-vectors/generate.mjs
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

const here = new URL('./', import.meta.url);
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes) => createHash('sha256').update(bytes).digest();

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
const canonicalBytes = (value) => Buffer.from(canonical(value), 'utf8');

/** An Ed25519 key whose 32-byte seed is `byte` repeated (RFC 8410 PKCS#8 wrapping for node:crypto). */
function key(byte, level, expiresAt) {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, byte)]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey).export({ format: 'jwk' }).x;
  // Key id: the first 22 characters of base64url(SHA-256(canonical {algorithm, publicKey})).
  const id = b64url(sha256(canonicalBytes({ algorithm: 'Ed25519', publicKey }))).slice(0, 22);
  const entry = { id, algorithm: 'Ed25519', publicKey, level };
  if (expiresAt !== undefined) entry.expiresAt = expiresAt;
  return { entry, privateKey };
}

function signed(unsigned, by) {
  return { ...unsigned, signature: b64url(sign(null, canonicalBytes(unsigned), by.privateKey)) };
}
const hashOf = (op) => b64url(sha256(canonicalBytes(op)));

/** A log: create at 1,000 with `keys`, signed by `root`, then each of `then` one second apart. */
function log(root, keys, then = []) {
  const ops = [
    signed(
      {
        type: 'DirectoryOperation',
        version: 1,
        member: null,
        prev: null,
        seq: 0,
        createdAt: 1_000,
        keyId: root.entry.id,
        action: { kind: 'create', keys: keys.map((k) => k.entry) },
      },
      root,
    ),
  ];
  const member = hashOf(ops[0]);
  for (const [i, action] of then.entries()) {
    const prev = ops[ops.length - 1];
    ops.push(
      signed(
        {
          type: 'DirectoryOperation',
          version: 1,
          member,
          prev: hashOf(prev),
          seq: i + 1,
          createdAt: 2_000 + i * 1_000,
          keyId: root.entry.id,
          action,
        },
        root,
      ),
    );
  }
  return { member, ops };
}

// Alice: a PRIVILEGED root, a STANDARD key and a LOW key that ends at 100,000; later she adds a
// second LOW key and removes a STANDARD one she also had.
const root = key(1, 'PRIVILEGED');
const standard = key(2, 'STANDARD');
const low = key(3, 'LOW', 100_000);
const removed = key(4, 'STANDARD');
const lateLow = key(5, 'LOW');
const alice = log(
  root,
  [root, standard, low, removed],
  [
    { kind: 'addKey', key: lateLow.entry },
    { kind: 'removeKey', keyId: removed.entry.id },
  ],
);
// Bob: another member, with a STANDARD key of his own.
const bobRoot = key(6, 'PRIVILEGED');
const bobStandard = key(7, 'STANDARD');
const bob = log(bobRoot, [bobRoot, bobStandard]);
const never = key(8, 'STANDARD'); // a key no member has

/** An object signed by `by`, naming `signer` (Alice and `by` unless said otherwise). */
function object(by, o = {}) {
  return signed(
    {
      type: 'KeyRuleVector',
      version: 1,
      signer: { memberId: o.memberId ?? alice.member, keyId: o.keyId ?? by.entry.id },
      createdAt: o.createdAt ?? 50_000,
    },
    by,
  );
}

const out = { valid: {}, invalid: {} };
function valid(name, description, by, required, now, extra = {}) {
  out.valid[name] = {
    description,
    log: extra.log ?? alice.ops,
    signed: extra.signed ?? object(by),
    required,
    now,
    expected: { keyId: by.entry.id, level: by.entry.level },
  };
}
function invalid(name, description, signedObject, required, now, error, extra = {}) {
  out.invalid[name] = {
    description,
    log: extra.log ?? alice.ops,
    signed: signedObject,
    required,
    now,
    error,
  };
}
const keyField = 'signer.keyId';

valid('low-key-for-low', 'a LOW key, before it ends, signs what needs LOW', low, 'LOW', 50_000);
valid('low-key-last-millisecond', 'a LOW key signs one millisecond before expiresAt', low, 'LOW', 99_999);
valid('standard-key-for-low', 'a STANDARD key signs what needs LOW', standard, 'LOW', 50_000);
valid('standard-key-for-standard', 'a STANDARD key signs what needs STANDARD', standard, 'STANDARD', 50_000);
valid('privileged-key-for-standard', 'a PRIVILEGED key signs what needs STANDARD', root, 'STANDARD', 50_000);
valid(
  'privileged-key-for-privileged',
  'a PRIVILEGED key signs what needs PRIVILEGED',
  root,
  'PRIVILEGED',
  50_000,
);
valid(
  'key-added-after-object-created',
  'keys have no validity start (entries.ts), so no key is "not yet valid": a key added at 2,000 signs an object that says createdAt 500, since createdAt is only the signer’s claim; the key is judged at now',
  lateLow,
  'LOW',
  50_000,
  { signed: object(lateLow, { createdAt: 500 }) },
);

invalid('expired-key', 'a LOW key at its expiresAt (exclusive end)', object(low), 'LOW', 100_000, {
  code: 'KeyExpired',
  field: keyField,
});
invalid(
  'expired-key-of-too-low-level',
  'an expired LOW key where STANDARD is needed: expiry is told first',
  object(low),
  'STANDARD',
  100_000,
  { code: 'KeyExpired', field: keyField },
);
invalid(
  'removed-key',
  'a key removed by a later operation leaves the state: the directory does not keep removed keys, so it is UnknownKey',
  object(removed),
  'STANDARD',
  50_000,
  { code: 'UnknownKey', field: keyField },
);
invalid('low-key-for-standard', 'a LOW key where STANDARD is needed', object(low), 'STANDARD', 50_000, {
  code: 'InsufficientKeyLevel',
  field: keyField,
});
invalid(
  'standard-key-for-privileged',
  'a STANDARD key where PRIVILEGED is needed',
  object(standard),
  'PRIVILEGED',
  50_000,
  { code: 'InsufficientKeyLevel', field: keyField },
);
invalid(
  'key-of-another-member',
  'the object names Alice and a key of Bob’s, signed by Bob’s key',
  object(bobStandard),
  'STANDARD',
  50_000,
  { code: 'UnknownKey', field: keyField },
);
invalid(
  'signer-is-another-member',
  'the object names Bob and his own key, checked against Alice’s log',
  object(bobStandard, { memberId: bob.member }),
  'STANDARD',
  50_000,
  { code: 'UnknownKey', field: keyField },
);
invalid('never-a-key', 'a key no member ever had', object(never), 'LOW', 50_000, {
  code: 'UnknownKey',
  field: keyField,
});
invalid(
  'signed-by-another-key',
  'names Alice’s STANDARD key but is signed by her LOW key',
  object(low, { keyId: standard.entry.id }),
  'STANDARD',
  50_000,
  { code: 'InvalidSignature', field: 'signature' },
);
invalid(
  'tampered-after-signing',
  'createdAt changed after the STANDARD key signed',
  { ...object(standard), createdAt: 50_001 },
  'STANDARD',
  50_000,
  { code: 'InvalidSignature', field: 'signature' },
);

for (const kind of ['valid', 'invalid']) {
  const dir = new URL(`${kind}/`, here);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.json')) rmSync(new URL(f, dir));
  for (const [name, v] of Object.entries(out[kind]))
    writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(v, null, 2)}\n`);
}
console.log(
  `wrote ${Object.keys(out.valid).length} valid and ${Object.keys(out.invalid).length} invalid vectors`,
);
