import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountRef, AliasValue } from '@tokenos/protocol';
import {
  addAlias,
  type CloudClient,
  completeAliasVerification,
  isApiError,
  Member,
  resolveAlias,
  startAliasVerification,
} from '@tokenos/sdk';
import { FileKeyStore } from '@tokenos/sdk/node';

/** What the merchant keeps beside its keys (data/shop/merchant.json). */
export interface MerchantState {
  memberId: string;
  /** The DOMAIN alias and the salt of its commitment in the directory (only the owner has it). */
  alias?: { value: string; salt: string };
  /** The merchant account at its bank, once linked. */
  account?: AccountRef;
}

export interface Identity {
  member: Member;
  state: MerchantState;
  domainVerified: boolean;
  save(state: MerchantState): Promise<void>;
}

export interface IdentityOptions {
  client: CloudClient;
  dataDir: string;
  /** The DOMAIN alias value: the shop's host, with the port in development (localhost:5174). */
  domain: string;
  /** Serve this at /.well-known/tokenos-member on the shop's own origin while the cloud checks it. */
  publish: (document: { memberId: string; token: string }) => void;
  log: (message: string) => void;
}

async function readState(path: string): Promise<MerchantState | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as MerchantState;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function writeState(path: string, state: MerchantState): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
}

/** The member whose keys are in keys.json, or a new one; a member the cloud does not know is set aside. */
async function loadMember(o: IdentityOptions, keysPath: string): Promise<Member> {
  const keyStore = new FileKeyStore(keysPath);
  const [id] = await keyStore.members();
  if (id) {
    const member = new Member(id, o.client, keyStore);
    try {
      await member.state();
      return member;
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
      // A fresh cloud database: these keys belong to a member that no longer exists anywhere.
      const aside = `${keysPath}.${id.slice(0, 8)}.unknown`;
      await rename(keysPath, aside);
      o.log(`the cloud does not know member ${id}; its keys moved to ${aside}, registering a new member`);
    }
  }
  const member = await Member.create(o.client, new FileKeyStore(keysPath));
  o.log(`registered as member ${member.id} (keys in ${keysPath})`);
  return member;
}

/**
 * Proves the shop controls its domain: the cloud fetches /.well-known/tokenos-member from the
 * shop's own origin (plain http for localhost in development). Idempotent across restarts.
 */
async function verifyDomain(o: IdentityOptions, member: Member, state: MerchantState): Promise<boolean> {
  const alias: AliasValue = { type: 'DOMAIN', value: o.domain };
  try {
    if ((await resolveAlias(o.client, alias)) === member.id) return true;
  } catch (e) {
    if (!isApiError(e, 'NotFound')) throw e;
  }
  const started =
    state.alias?.value === o.domain
      ? { ...(await startAliasVerification(member, alias, state.alias.salt)), salt: state.alias.salt }
      : await addAlias(member, alias);
  state.alias = { value: o.domain, salt: started.salt };
  if (!started.domain) throw new Error('the cloud gave no document to publish for a DOMAIN alias');
  o.publish(started.domain.document);
  await completeAliasVerification(member, started.verificationId);
  return true;
}

/** The shop's member, its verified domain, and its saved state. */
export async function loadIdentity(o: IdentityOptions): Promise<Identity> {
  await mkdir(o.dataDir, { recursive: true, mode: 0o700 });
  const statePath = join(o.dataDir, 'merchant.json');
  const member = await loadMember(o, join(o.dataDir, 'keys.json'));
  const saved = await readState(statePath);
  // Saved state of another (set-aside) member is useless: its alias salt and account link are its own.
  const state: MerchantState = saved?.memberId === member.id ? saved : { memberId: member.id };
  let domainVerified = false;
  try {
    domainVerified = await verifyDomain(o, member, state);
    o.log(`domain ${o.domain} verified for member ${member.id}`);
  } catch (e) {
    // The wallet then shows the request as from an unverified domain; payments still work.
    o.log(`domain ${o.domain} not verified: ${e instanceof Error ? e.message : String(e)}`);
  }
  await writeState(statePath, state);
  return { member, state, domainVerified, save: (s) => writeState(statePath, s) };
}
