// Writes the member-token vectors in valid/ and invalid/ (seed 001, "Option 2": 58 bytes, hex).
// Deliberately independent of the code under test: bytes are laid out by hand here and the hash
// is computed with node:crypto, while the tests decode them with the protocol package (noble).
// Run: node packages/protocol/src/member-tokens/vectors/generate.mjs
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

const here = new URL('./', import.meta.url);
const sha = (text) => createHash('sha256').update(text).digest();
const OIN = '666666';
const keys = [1, 2, 3].map((n) => ({
  keyId: sha(`member-token vector key id ${n}`).subarray(0, 16).toString('hex'),
  secret: sha(`member-token vector key secret ${n}`).toString('hex'),
}));
const active = { ...keys[0], status: 'active' };
const retired = { ...keys[1], status: 'retired' };
const foreign = keys[2]; // a key this server never had
const serverKeys = [active, retired];
const tokenId = sha('member-token vector token id').subarray(0, 16).toString('hex');

const ENTITY = { consumer: 0b000, merchant: 0b001, subMerchant: 0b010 };
const LIMITS = ['merchant', 'location', 'amount', 'creditLimit', 'subscription', 'recurrence', 'singleUse'];

function flagBytes({ entityType = 'consumer', entitlements = false, loyalty = false, limits = [] }) {
  // Byte 1: entity type bits 8-6 (value in the low bits of the field), entitlements bit 5, loyalty bit 4.
  const byte1 = (ENTITY[entityType] << 5) | (entitlements ? 0x10 : 0) | (loyalty ? 0x08 : 0);
  // Byte 2: merchant bit 8 (0x80) ... single use bit 2 (0x02).
  let byte2 = 0;
  for (const l of limits) byte2 |= 0x80 >> LIMITS.indexOf(l);
  return Buffer.from([byte1, byte2]);
}

function oinBytes(oin) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(oin));
  return b;
}

function token({ oin = OIN, flags, key = active, id = tokenId }) {
  const signed = Buffer.concat([oinBytes(oin), flags, Buffer.from(id, 'hex'), Buffer.from(key.keyId, 'hex')]);
  const hash = createHmac('sha256', Buffer.from(key.secret, 'hex')).update(signed).digest().subarray(0, 16);
  return Buffer.concat([signed, hash]).toString('hex');
}

function flagsObject({ entityType = 'consumer', entitlements = false, loyalty = false, limits = [] }) {
  return {
    entityType,
    entitlements,
    loyalty,
    limits: Object.fromEntries(LIMITS.map((l) => [l, limits.includes(l)])),
  };
}

/** Flips bits of one byte at `offset` of a hex token. */
function tamper(hex, offset, mask) {
  const b = Buffer.from(hex, 'hex');
  b[offset] ^= mask;
  return b.toString('hex');
}

const out = { valid: {}, invalid: {} };

function valid(name, description, f, extra = {}) {
  const key = extra.key ?? active;
  const oin = extra.oin ?? OIN;
  out.valid[name] = {
    description,
    oin,
    keys: extra.keys ?? serverKeys,
    token: token({ oin, flags: flagBytes(f), key }),
    expected: { oin, flagsHex: flagBytes(f).toString('hex'), flags: flagsObject(f), tokenId, keyId: key.keyId },
  };
}

function invalid(name, description, tokenHex, error, extra = {}) {
  out.invalid[name] = { description, oin: OIN, keys: serverKeys, token: tokenHex, ...extra, error };
}

// Each flag bit on its own, and every entity type.
valid('consumer-no-flags', 'consumer, no capability, no limitation: both flag bytes 0x00', {});
valid('entitlements-only', 'byte 1 bit 5: entitlements configured', { entitlements: true });
valid('loyalty-only', 'byte 1 bit 4: used as a loyalty id (the seed typo "0b" read as 1b)', { loyalty: true });
for (const l of LIMITS)
  valid(`limit-${l}-only`, `byte 2 bit ${8 - LIMITS.indexOf(l)}: ${l} limitation only`, { limits: [l] });
valid('entity-merchant', 'entity type 001b (merchant), with the merchant limitation it requires', {
  entityType: 'merchant',
  limits: ['merchant'],
});
valid('entity-sub-merchant', 'entity type 010b (sub-merchant), with the merchant limitation it requires', {
  entityType: 'subMerchant',
  limits: ['merchant'],
});
valid('every-flag', 'merchant entity, entitlements, loyalty and all seven limitations', {
  entityType: 'merchant',
  entitlements: true,
  loyalty: true,
  limits: LIMITS,
});
valid('oin-max', 'the largest OIN, 2^64 - 1', { limits: ['amount'] }, {
  oin: '18446744073709551615',
});
valid('second-active-key', 'hashed under the active key when the server also knows a retired one', { loyalty: true }, {
  keys: [retired, active],
});

// A tampered byte in every field (issue 7), and what each one is refused as.
const base = token({ flags: flagBytes({ loyalty: true, limits: ['amount'] }) });
invalid('tampered-oin', 'one bit of the OIN flipped: not this server', tamper(base, 7, 0x01), {
  code: 'NotFound',
  field: 'oin',
});
invalid('tampered-flags', 'one meaningful flag bit flipped (credit limit): the hash breaks', tamper(base, 9, 0x10), {
  code: 'InvalidSignature',
  field: 'hash',
});
invalid('tampered-flags-reserved', 'a future-use bit of flag byte 1 set', tamper(base, 8, 0x01), {
  code: 'Malformed',
  field: 'flags',
});
invalid('tampered-token-id', 'one bit of the token id flipped: the hash breaks', tamper(base, 10, 0x80), {
  code: 'InvalidSignature',
  field: 'hash',
});
invalid('tampered-token-id-last', 'the last byte of the token id changed', tamper(base, 25, 0xff), {
  code: 'InvalidSignature',
  field: 'hash',
});
invalid('tampered-key-id', 'one bit of the hash key id flipped: no such key', tamper(base, 26, 0x04), {
  code: 'UnknownKey',
  field: 'keyId',
});
invalid('tampered-hash', 'one bit of the hash flipped', tamper(base, 42, 0x01), {
  code: 'InvalidSignature',
  field: 'hash',
});
invalid('tampered-hash-last', 'the last byte of the hash changed', tamper(base, 57, 0x55), {
  code: 'InvalidSignature',
  field: 'hash',
});

// Keys.
invalid('wrong-key-id', 'hashed under a key this server never had', token({ flags: flagBytes({}), key: foreign }), {
  code: 'UnknownKey',
  field: 'keyId',
});
invalid(
  'wrong-key-secret',
  'names the active key id but was hashed with another secret',
  token({ flags: flagBytes({}), key: { keyId: active.keyId, secret: foreign.secret } }),
  { code: 'InvalidSignature', field: 'hash' },
);
invalid('retired-key', 'genuine, but hashed under a retired key', token({ flags: flagBytes({}), key: retired }), {
  code: 'KeyRetired',
  field: 'keyId',
});

// Structure and flag values.
invalid('too-short', '57 bytes', base.slice(0, 114), { code: 'Malformed', field: 'token' });
invalid('too-long', '59 bytes', `${base}00`, { code: 'Malformed', field: 'token' });
invalid('odd-length', '115 hex digits', base.slice(0, 115), { code: 'Malformed', field: 'token' });
invalid('not-hex', 'a character that is not a hex digit', `${base.slice(0, 115)}g`, { code: 'Malformed', field: 'token' });
invalid('empty', 'nothing at all', '', { code: 'Malformed', field: 'token' });
invalid(
  'entity-type-11',
  'entity type 011b is undefined (correctly hashed)',
  token({ flags: Buffer.from([0b011 << 5, 0]) }),
  { code: 'Malformed', field: 'flags.entityType' },
);
invalid(
  'entity-type-high-bit',
  'entity type 100b: bit 8 of the 3-bit field is reserved (correctly hashed)',
  token({ flags: Buffer.from([0b100 << 5, 0]) }),
  { code: 'Malformed', field: 'flags.entityType' },
);
invalid(
  'reserved-byte2-bit1',
  'flag byte 2 bit 1 (future use) set (correctly hashed)',
  token({ flags: Buffer.from([0, 0x01]) }),
  { code: 'Malformed', field: 'flags' },
);
invalid(
  'merchant-without-merchant-flag',
  'entity type merchant without the merchant limitation it must have (correctly hashed)',
  token({ flags: flagBytes({ entityType: 'merchant' }) }),
  { code: 'Malformed', field: 'flags.merchant' },
);
invalid(
  'sub-merchant-without-merchant-flag',
  'entity type sub-merchant without the merchant limitation it must have (correctly hashed)',
  token({ flags: flagBytes({ entityType: 'subMerchant', limits: ['amount'] }) }),
  { code: 'Malformed', field: 'flags.merchant' },
);

// Genuine tokens whose flags disagree with what is stored for the token id.
const stored = {
  entityType: 'consumer',
  entitlementCount: 1,
  loyalty: false,
  limitations: { currency: 'EUR', amount: '50.00', creditLimit: '200.00' },
};
invalid(
  'flags-disagree-missing-limit',
  'the token omits the credit limit the stored token has',
  token({ flags: flagBytes({ entitlements: true, limits: ['amount'] }) }),
  { code: 'Conflict', field: 'flags.creditLimit' },
  { stored },
);
invalid(
  'flags-disagree-extra-limit',
  'the token claims a single-use limitation the stored token does not have',
  token({ flags: flagBytes({ entitlements: true, limits: ['amount', 'creditLimit', 'singleUse'] }) }),
  { code: 'Conflict', field: 'flags.singleUse' },
  { stored },
);
invalid(
  'flags-disagree-capability',
  'the token claims loyalty and no entitlements, the stored token the opposite',
  token({ flags: flagBytes({ loyalty: true, limits: ['amount', 'creditLimit'] }) }),
  { code: 'Conflict', field: 'flags.entitlements' },
  { stored },
);
invalid(
  'flags-disagree-entity',
  'the token says merchant, the stored token is a consumer token',
  token({ flags: flagBytes({ entityType: 'merchant', entitlements: true, limits: ['merchant', 'amount', 'creditLimit'] }) }),
  { code: 'Conflict', field: 'flags.entityType' },
  { stored },
);

for (const kind of ['valid', 'invalid']) {
  const dir = new URL(`${kind}/`, here);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.json')) rmSync(new URL(f, dir));
  for (const [name, vector] of Object.entries(out[kind]))
    writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(vector, null, 2)}\n`);
}
console.log(`wrote ${Object.keys(out.valid).length} valid and ${Object.keys(out.invalid).length} invalid vectors`);
