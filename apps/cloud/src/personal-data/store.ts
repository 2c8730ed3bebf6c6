import type { Db } from '@tokenos/db';
import {
  type PostalAddress,
  type Profile,
  parseWith,
  postalAddressFieldsSchema,
  profileSchema,
  type StoredAddress,
} from '@tokenos/protocol';
import { openRecord, type PersonalDataKind, type RecordPlace, sealRecord } from './cipher.ts';
import type { PersonalDataKeys } from './keys.ts';

/** The profile is one record per member under this item id. */
const profileItem = 'profile';

/** An address book holds at most this many live addresses. */
export const maxAddresses = 20;

interface Row {
  item_id: string;
  key_id: string | null;
  iv: Uint8Array | null;
  ciphertext: Uint8Array | null;
  deleted_at: Date | null;
}

export interface PersonalDataStore {
  loadProfile(db: Db, memberId: string): Promise<Profile>;
  saveProfile(db: Db, memberId: string, profile: Profile): Promise<void>;
  listAddresses(db: Db, memberId: string): Promise<StoredAddress[]>;
  /** An address by id: the address, `deleted` for a tombstone, undefined when it never existed. */
  loadAddress(db: Db, memberId: string, id: string): Promise<StoredAddress | 'deleted' | undefined>;
  insertAddress(db: Db, memberId: string, id: string, address: PostalAddress): Promise<void>;
  /** False when there is no live address with that id. */
  updateAddress(db: Db, memberId: string, id: string, address: PostalAddress): Promise<boolean>;
  deleteAddress(db: Db, memberId: string, id: string): Promise<boolean>;
  countAddresses(db: Db, memberId: string): Promise<number>;
}

/** Encrypted storage of profiles and addresses (migration 008); plaintext never reaches the database. */
export function personalDataStore(
  keys: PersonalDataKeys,
  randomBytes: (n: number) => Uint8Array,
): PersonalDataStore {
  const place = (memberId: string, kind: PersonalDataKind, itemId: string): RecordPlace => ({
    memberId,
    kind,
    itemId,
  });
  const open = (memberId: string, kind: PersonalDataKind, row: Row): unknown =>
    openRecord(keys, place(memberId, kind, row.item_id), {
      keyId: row.key_id!,
      iv: row.iv!,
      ciphertext: row.ciphertext!,
    });
  const upsert = async (db: Db, p: RecordPlace, value: unknown): Promise<void> => {
    const sealed = sealRecord(keys, p, value, randomBytes);
    await db.query(
      `insert into personal_data (member_id, kind, item_id, key_id, iv, ciphertext) values ($1, $2, $3, $4, $5, $6)
       on conflict (member_id, kind, item_id) do update set key_id = excluded.key_id, iv = excluded.iv,
         ciphertext = excluded.ciphertext, updated_at = now(), deleted_at = null`,
      [p.memberId, p.kind, p.itemId, sealed.keyId, sealed.iv, sealed.ciphertext],
    );
  };
  const asAddress = (memberId: string, row: Row): StoredAddress => ({
    id: row.item_id,
    ...parseWith(postalAddressFieldsSchema, open(memberId, 'address', row), 'stored address'),
  });
  const columns = 'item_id, key_id, iv, ciphertext, deleted_at';

  return {
    async loadProfile(db, memberId) {
      const row = await db.maybeOne<Row>(
        `select ${columns} from personal_data where member_id = $1 and kind = 'profile' and item_id = $2`,
        [memberId, profileItem],
      );
      return row ? parseWith(profileSchema, open(memberId, 'profile', row), 'stored profile') : {};
    },
    async saveProfile(db, memberId, profile) {
      await upsert(db, place(memberId, 'profile', profileItem), profile);
    },
    async listAddresses(db, memberId) {
      const rows = await db.query<Row>(
        `select ${columns} from personal_data where member_id = $1 and kind = 'address' and deleted_at is null
         order by created_at, item_id`,
        [memberId],
      );
      return rows.map((r) => asAddress(memberId, r));
    },
    async loadAddress(db, memberId, id) {
      const row = await db.maybeOne<Row>(
        `select ${columns} from personal_data where member_id = $1 and kind = 'address' and item_id = $2`,
        [memberId, id],
      );
      if (!row) return undefined;
      return row.deleted_at ? 'deleted' : asAddress(memberId, row);
    },
    async insertAddress(db, memberId, id, address) {
      await upsert(db, place(memberId, 'address', id), address);
    },
    async updateAddress(db, memberId, id, address) {
      const live = await db.maybeOne(
        `select item_id from personal_data where member_id = $1 and kind = 'address' and item_id = $2
         and deleted_at is null for update`,
        [memberId, id],
      );
      if (!live) return false;
      await upsert(db, place(memberId, 'address', id), address);
      return true;
    },
    async deleteAddress(db, memberId, id) {
      const rows = await db.query(
        `update personal_data set key_id = null, iv = null, ciphertext = null, deleted_at = now(), updated_at = now()
         where member_id = $1 and kind = 'address' and item_id = $2 and deleted_at is null returning item_id`,
        [memberId, id],
      );
      return rows.length === 1;
    },
    async countAddresses(db, memberId) {
      const row = await db.one<{ n: bigint | string }>(
        `select count(*) as n from personal_data where member_id = $1 and kind = 'address' and deleted_at is null`,
        [memberId],
      );
      return Number(row.n);
    },
  };
}
