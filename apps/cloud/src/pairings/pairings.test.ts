import { pairingChallenge } from '@tokenos/protocol';
import {
  addPairedDevice,
  finishPairing,
  isApiError,
  listDeviceKeys,
  Member,
  MemoryKeyStore,
  type PairingRequest,
  pairingStatus,
  passkeyAssertionFromJSON,
  readPairing,
  registerPasskey,
  removeDeviceKeys,
  startPairing,
} from '@tokenos/sdk';
import { SoftAuthenticator } from '@tokenos/sdk/testing';
import { describe, expect, it } from 'vitest';
import { failureCode, perFileCloud, testConfig } from '../../test/harness.ts';
import { buildSigned, problemOf, send, signedGet } from '../../test/raw-request.ts';
import { codeAlphabet, generatePairingCode, normalizePairingCode } from './pairing-code.ts';
import { pairingLimits, pairingTtlMs } from './routes.ts';

const cloud = perFileCloud();
const walletOrigin = testConfig.walletOrigins[0]!;

function newMember(): Promise<Member> {
  return Member.create(cloud.client, new MemoryKeyStore());
}

function newDevice(deviceName = 'Anna’s laptop') {
  const keyStore = new MemoryKeyStore();
  return { keyStore, start: () => startPairing(cloud.client, keyStore, { deviceName }) };
}

async function withPasskey(member: Member): Promise<SoftAuthenticator> {
  const auth = new SoftAuthenticator(walletOrigin);
  await registerPasskey(member, (options) => auth.create(options));
  return auth;
}

async function approve(auth: SoftAuthenticator, member: Member, request: PairingRequest) {
  const credentialId = (await member.state()).passkeys[0]!.credentialId;
  const json = await auth.get({ credentialId, challenge: pairingChallenge(request.code, request.keys) });
  return passkeyAssertionFromJSON(json);
}

describe('pairing codes', () => {
  it('draws 8 symbols from the unambiguous alphabet, and reads a typed code back', () => {
    const code = generatePairingCode((n) => crypto.getRandomValues(new Uint8Array(n)));
    expect(code).toMatch(new RegExp(`^[${codeAlphabet}]{8}$`));
    expect(codeAlphabet).not.toMatch(/[015OILSZ2]/);
    expect(normalizePairingCode('abcd-efgh ')).toBe('ABCDEFGH');
  });
});

describe('pairing a second device', () => {
  it('adds the new device’s keys, which then sign for the member, with the device named in "Your devices"', async () => {
    const member = await newMember();
    const auth = await withPasskey(member);
    const device = newDevice();
    const started = await device.start();
    expect(await pairingStatus(cloud.client, started.pairingId)).toEqual({ status: 'waiting' });

    const request = await readPairing(member, started.code.toLowerCase());
    expect(request.deviceName).toBe('Anna’s laptop');
    expect(request.keys.map((k) => k.id).sort()).toEqual(started.keys.map((k) => k.id).sort());
    await addPairedDevice(member, request, await approve(auth, member, request));

    const status = await pairingStatus(cloud.client, started.pairingId);
    expect(status).toEqual({ status: 'completed', memberId: member.id });
    const second = await finishPairing(cloud.client, device.keyStore, {
      provisionalId: started.provisionalId,
      memberId: member.id,
    });
    // The new device signs with its own keys, and that use is remembered (noted once a signed
    // request was answered, so the next one shows it).
    await listDeviceKeys(second);
    const keys = await listDeviceKeys(second);
    const named = keys.filter((k) => k.deviceName === 'Anna’s laptop');
    expect(named.map((k) => k.keyId).sort()).toEqual(started.keys.map((k) => k.id).sort());
    expect(named.every((k) => k.addedAt === cloud.clock.now)).toBe(true);
    const low = started.keys.find((k) => k.level === 'LOW')!;
    expect(keys.find((k) => k.keyId === low.id)?.lastUsedAt).toBe(cloud.clock.now);

    // Removed from the first device: the second device's next signature is refused.
    await removeDeviceKeys(
      member,
      started.keys.map((k) => k.id),
    );
    expect(await failureCode(listDeviceKeys(second))).toBe('UnknownKey');
    expect((await listDeviceKeys(member)).some((k) => k.deviceName)).toBe(false);
  });

  it('refuses completion without the passkey, with an assertion for another device, and before the keys are in the directory', async () => {
    const member = await newMember();
    const auth = await withPasskey(member);
    const started = await newDevice().start();
    const other = await newDevice('Other').start();
    const request = await readPairing(member, started.code);
    const otherRequest = await readPairing(member, other.code);

    const signer = await member.signerFor('PRIVILEGED');
    const early = await send(
      cloud,
      await buildSigned(
        cloud,
        'POST',
        `/api/v1/pairings/${started.code}/complete`,
        {
          assertion: await approve(auth, member, request),
        },
        signer,
      ),
    );
    expect(await problemOf(early)).toMatchObject({ status: 409, code: 'Conflict', field: 'code' });

    expect(await failureCode(addPairedDevice(member, request, undefined))).toBe('ScaRequired');
    expect(
      await failureCode(addPairedDevice(member, request, await approve(auth, member, otherRequest))),
    ).toBe('ScaFailed');
    expect((await pairingStatus(cloud.client, started.pairingId)).status).toBe('waiting');
    await addPairedDevice(member, request, await approve(auth, member, request));
    expect((await pairingStatus(cloud.client, started.pairingId)).status).toBe('completed');
    // Done once: a second completion and a second lookup are refused.
    expect(await failureCode(readPairing(member, started.code))).toBe('Conflict');
  });

  it('answers a wrong code with 404 and a malformed one with 400 naming the code', async () => {
    const member = await newMember();
    expect(await failureCode(readPairing(member, 'AAAAAAAA'))).toBe('NotFound');
    const res = await signedGet(cloud, '/api/v1/pairings/not-a-code', await member.signerFor('PRIVILEGED'));
    expect(await problemOf(res)).toMatchObject({ status: 400, field: 'code' });
  });

  it('lets a code expire after ten minutes', async () => {
    const member = await newMember();
    const started = await newDevice().start();
    expect(started.expiresAt).toBe(cloud.clock.now + pairingTtlMs);
    cloud.clock.now += pairingTtlMs;
    expect(await failureCode(readPairing(member, started.code))).toBe('Expired');
    expect((await pairingStatus(cloud.client, started.pairingId)).status).toBe('expired');
  });

  it('refuses bad input with the field named, and private keys never fit the schema', async () => {
    const res = await cloud.app.request('http://cloud.test/api/v1/pairings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceName: '', keys: [] }),
    });
    const problem = await problemOf(res);
    expect(problem.status).toBe(400);
    const { keys } = await newDevice().start();
    const withSecret = await cloud.app.request('http://cloud.test/api/v1/pairings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        deviceName: 'x',
        keys: [
          {
            id: keys[0]!.id,
            algorithm: keys[0]!.algorithm,
            publicKey: 'AAAA',
            level: 'LOW',
            secretKey: 'AAAA',
          },
        ],
      }),
    });
    expect((await problemOf(withSecret)).status).toBe(400);
  });

  it('limits code lookups per member, in the database', async () => {
    cloud.clock.now += 60 * 60_000;
    const member = await newMember();
    for (let i = 0; i < pairingLimits.lookupsPerMember.max; i++)
      expect(await failureCode(readPairing(member, 'BBBBBBBB'))).toBe('NotFound');
    const res = await signedGet(cloud, '/api/v1/pairings/BBBBBBBB', await member.signerFor('PRIVILEGED'));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits new pairings across the cloud', async () => {
    cloud.clock.now += 60 * 60_000;
    const device = newDevice();
    let refused: unknown;
    for (let i = 0; i <= pairingLimits.starts.max && !refused; i++)
      await device.start().catch((e: unknown) => {
        refused = e;
      });
    expect(isApiError(refused, 'TooManyRequests')).toBe(true);
  });
});
