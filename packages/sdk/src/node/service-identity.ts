import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountRef, AliasValue } from '@tokenos/protocol';
import { addAlias, completeAliasVerification, resolveAlias, startAliasVerification } from '../aliases.ts';
import { isApiError } from '../api-error.ts';
import type { CloudClient } from '../client.ts';
import { Member } from '../member.ts';
import { FileKeyStore } from './file-key-store.ts';

/** What a service member keeps beside its keys (its state file in the data folder). */
export interface ServiceState {
  memberId: string;
  /** The DOMAIN alias and the salt of its commitment in the directory (only the owner has it). */
  alias?: { value: string; salt: string };
  /** Its account at its bank, once linked (a merchant's settlement account). */
  account?: AccountRef;
}

export interface ServiceIdentity {
  member: Member;
  state: ServiceState;
  domainVerified: boolean;
  save(state: ServiceState): Promise<void>;
}

export interface ServiceIdentityOptions {
  client: CloudClient;
  dataDir: string;
  /** The DOMAIN alias value: the service's host, with the port in development (localhost:5174). */
  domain: string;
  /** Serve this at /.well-known/tokenos-member on the service's own origin while the cloud checks it. */
  publish: (document: { memberId: string; token: string }) => void;
  log: (message: string) => void;
  /** The state file's name in dataDir; default member.json. */
  stateFile?: string;
}

async function readState(path: string): Promise<ServiceState | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ServiceState;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function writeState(path: string, state: ServiceState): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
}

/** The member whose keys are in keys.json, or a new one; a member the cloud does not know is set aside. */
async function loadMember(o: ServiceIdentityOptions, keysPath: string): Promise<Member> {
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
 * Proves the service controls its domain: the cloud fetches /.well-known/tokenos-member from the
 * service's own origin (plain http for localhost in development). Idempotent across restarts.
 */
async function verifyDomain(
  o: ServiceIdentityOptions,
  member: Member,
  state: ServiceState,
): Promise<boolean> {
  const alias: AliasValue = { type: 'DOMAIN', value: o.domain };
  try {
    if ((await resolveAlias(member, alias)) === member.id) return true;
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

/**
 * A merchant's or app's backend as a member (seed 000: organisations keep their own keys): its
 * keys in a 0600 file, its verified DOMAIN alias, and its saved state. Creates the member on first
 * start, sets aside keys of a member the cloud no longer knows, and proves the domain again when
 * needed; idempotent across restarts.
 */
export async function loadServiceIdentity(o: ServiceIdentityOptions): Promise<ServiceIdentity> {
  await mkdir(o.dataDir, { recursive: true, mode: 0o700 });
  const statePath = join(o.dataDir, o.stateFile ?? 'member.json');
  const member = await loadMember(o, join(o.dataDir, 'keys.json'));
  const saved = await readState(statePath);
  // Saved state of another (set-aside) member is useless: its alias salt and account link are its own.
  const state: ServiceState = saved?.memberId === member.id ? saved : { memberId: member.id };
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
