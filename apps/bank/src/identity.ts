import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  algorithmSchema,
  b64urlSchema,
  fromBase64url,
  keyIdSchema,
  memberIdSchema,
  ProtocolError,
  parseWith,
} from '@tokenos/protocol';
import { type CloudClient, isApiError, Member } from '@tokenos/sdk';
import { FileKeyStore } from '@tokenos/sdk/node';
import { z } from 'zod';
import type { CloudKeyInfo } from './deps.ts';

const memberFileSchema = z.strictObject({ memberId: memberIdSchema });

/**
 * The bank's own identity in the directory: its keys in `<dataDir>/keys.json` (readable by the
 * owner only) and its member id in `<dataDir>/member.json`. At first start the bank registers as a
 * member with LOW, STANDARD and PRIVILEGED keys (seed 000, "Key Management"). A member the cloud
 * no longer knows (its database was reset) is registered anew.
 */
export async function loadBankMember(
  cloud: CloudClient,
  dataDir: string,
  log: (m: string) => void = () => {},
): Promise<Member> {
  const keyStore = new FileKeyStore(join(dataDir, 'keys.json'));
  const file = join(dataDir, 'member.json');
  let memberId: string | undefined;
  try {
    memberId = parseWith(memberFileSchema, JSON.parse(await readFile(file, 'utf8')), 'member.json').memberId;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (memberId !== undefined) {
    try {
      await cloud.get(`/api/v1/members/${memberId}`);
      if ((await keyStore.list(memberId)).length > 0) return new Member(memberId, cloud, keyStore);
      log(`no keys for member ${memberId} in ${dataDir}; registering a new member`);
    } catch (e) {
      // The bank's own client reports a 404 as ProtocolError NotFound; the SDK's as an ApiError.
      const notFound =
        (isApiError(e) && e.status === 404) || (e instanceof ProtocolError && e.code === 'NotFound');
      if (!notFound) throw e;
      log(`the cloud does not know member ${memberId} (was its database reset?); registering a new member`);
    }
  }
  const member = await Member.create(cloud, keyStore);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(`${file}.tmp`, JSON.stringify({ memberId: member.id }, null, 2), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
  log(`registered as member ${member.id}`);
  return member;
}

const cloudKeysSchema = z.object({
  keys: z
    .array(z.object({ keyId: keyIdSchema, algorithm: algorithmSchema, publicKey: b64urlSchema }))
    .min(1)
    .max(8),
});

/** GET /api/v1/cloud/keys, once at start: the keys connector requests must be signed with from then on. */
export async function fetchCloudKeys(cloud: CloudClient): Promise<CloudKeyInfo[]> {
  const { keys } = parseWith(cloudKeysSchema, await cloud.get('/api/v1/cloud/keys'), 'cloud keys');
  return keys.map((k) => ({
    keyId: k.keyId,
    algorithm: k.algorithm,
    publicKey: fromBase64url(k.publicKey, 'publicKey'),
  }));
}
