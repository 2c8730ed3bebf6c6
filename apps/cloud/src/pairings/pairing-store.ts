import type { Db } from '@tokenos/db';
import type { KeyEntry } from '@tokenos/protocol';

export interface PairingRow {
  id: string;
  code: string;
  device_name: string;
  keys: KeyEntry[];
  created_at: Date;
  expires_at: Date;
  member_id: string | null;
  completed_at: Date | null;
}

export async function insertPairing(
  db: Db,
  p: { id: string; code: string; deviceName: string; keys: KeyEntry[]; now: number; expiresAt: number },
): Promise<void> {
  // An expired pairing that drew the same code gives it up; a live one keeps it (the insert fails).
  await db.query('delete from pairings where code = $1 and expires_at <= $2', [p.code, new Date(p.now)]);
  await db.query(
    `insert into pairings (id, code, device_name, keys, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [p.id, p.code, p.deviceName, JSON.stringify(p.keys), new Date(p.now), new Date(p.expiresAt)],
  );
}

export async function pairingByCode(db: Db, code: string): Promise<PairingRow | undefined> {
  return db.maybeOne<PairingRow>('select * from pairings where code = $1', [code]);
}

export async function pairingById(db: Db, id: string): Promise<PairingRow | undefined> {
  return db.maybeOne<PairingRow>('select * from pairings where id = $1', [id]);
}

/** Marks the pairing done for `memberId`, once: false when it was completed already or expired. */
export async function completePairing(
  db: Db,
  p: { id: string; memberId: string; now: number },
): Promise<boolean> {
  const rows = await db.query(
    `update pairings set member_id = $2, completed_at = $3
     where id = $1 and member_id is null and expires_at > $3 returning 1`,
    [p.id, p.memberId, new Date(p.now)],
  );
  return rows.length === 1;
}

export async function recordDeviceKeys(
  db: Db,
  d: { memberId: string; deviceId: string; deviceName: string; keyIds: string[]; now: number },
): Promise<void> {
  for (const keyId of d.keyIds)
    await db.query(
      `insert into device_keys (member_id, key_id, device_id, device_name, added_at) values ($1, $2, $3, $4, $5)
       on conflict (member_id, key_id) do update set device_id = $3, device_name = $4, added_at = $5`,
      [d.memberId, keyId, d.deviceId, d.deviceName, new Date(d.now)],
    );
}

export interface DeviceKeyRow {
  key_id: string;
  device_id: string | null;
  device_name: string | null;
  added_at: Date | null;
  last_used_at: Date | null;
}

export async function deviceKeysOf(db: Db, memberId: string): Promise<DeviceKeyRow[]> {
  return db.query<DeviceKeyRow>(
    'select key_id, device_id, device_name, added_at, last_used_at from device_keys where member_id = $1',
    [memberId],
  );
}
