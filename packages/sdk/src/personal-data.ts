import type {
  GrantedAddress,
  GrantedProfile,
  PersonalData,
  PostalAddress,
  Profile,
  StoredAddress,
} from '@tokenos/protocol';
import type { Member } from './member.ts';

/**
 * Personal data under consent (issue 9): the member's own profile and address book, kept by the
 * cloud encrypted, and a grantee's reads of exactly what an access token names (`address`,
 * `profile` resources). Writes are signed with a STANDARD key; reads with any current key.
 */

export async function getPersonalData(member: Member): Promise<PersonalData> {
  return member.client.send<PersonalData>(
    'GET',
    '/api/v1/personal-data',
    undefined,
    await member.signerFor('LOW'),
  );
}

export async function saveProfile(member: Member, profile: Profile): Promise<Profile> {
  const res = await member.client.send<{ profile: Profile }>(
    'PUT',
    '/api/v1/personal-data/profile',
    profile,
    await member.signerFor('STANDARD'),
  );
  return res.profile;
}

export async function addAddress(member: Member, address: PostalAddress): Promise<StoredAddress> {
  const res = await member.client.send<{ address: StoredAddress }>(
    'POST',
    '/api/v1/personal-data/addresses',
    address,
    await member.signerFor('STANDARD'),
  );
  return res.address;
}

export async function updateAddress(
  member: Member,
  id: string,
  address: PostalAddress,
): Promise<StoredAddress> {
  const res = await member.client.send<{ address: StoredAddress }>(
    'PUT',
    `/api/v1/personal-data/addresses/${id}`,
    address,
    await member.signerFor('STANDARD'),
  );
  return res.address;
}

export async function deleteAddress(member: Member, id: string): Promise<void> {
  await member.client.send<{ deleted: string }>(
    'DELETE',
    `/api/v1/personal-data/addresses/${id}`,
    undefined,
    await member.signerFor('STANDARD'),
  );
}

/** Every address an access token names, as it is now; ids of addresses deleted since in `deleted`. */
export async function readGrantedAddresses(
  grantee: Member,
  tokenId: string,
): Promise<{ addresses: GrantedAddress[]; deleted: string[] }> {
  return grantee.client.send(
    'GET',
    `/api/v1/access/${tokenId}/addresses`,
    undefined,
    await grantee.signerFor('LOW'),
  );
}

export async function readGrantedAddress(
  grantee: Member,
  tokenId: string,
  addressId: string,
): Promise<GrantedAddress> {
  return grantee.client.send<GrantedAddress>(
    'GET',
    `/api/v1/access/${tokenId}/addresses/${addressId}`,
    undefined,
    await grantee.signerFor('LOW'),
  );
}

/** The profile fields an access token names (those the member filled in). */
export async function readGrantedProfile(grantee: Member, tokenId: string): Promise<GrantedProfile> {
  return grantee.client.send<GrantedProfile>(
    'GET',
    `/api/v1/access/${tokenId}/profile`,
    undefined,
    await grantee.signerFor('LOW'),
  );
}
