import type { Db } from '@tokenos/db';
import { base64url } from '@tokenos/protocol';
import { hashPassword, type ScryptCost, verifyPassword } from './passwords.ts';

export interface CustomerRow {
  customer_id: string;
  username: string;
  display_name: string;
  kind: 'person' | 'business';
  password_hash: string;
  failed_logins: number;
  locked_until: Date | null;
}

/** After this many wrong passwords in a row the sign-in is locked for `lockMs`. */
export const maxFailedLogins = 5;
export const lockMs = 15 * 60_000;

export async function createCustomer(
  db: Db,
  args: {
    username: string;
    displayName: string;
    kind: 'person' | 'business';
    password: string;
    randomBytes: (n: number) => Uint8Array;
    cost?: ScryptCost;
  },
): Promise<CustomerRow> {
  const hash = await hashPassword(args.password, args.cost);
  return db.one<CustomerRow>(
    'insert into customers (customer_id, username, display_name, kind, password_hash) values ($1, $2, $3, $4, $5) returning *',
    [base64url(args.randomBytes(12)), args.username, args.displayName, args.kind, hash],
  );
}

export type SignIn = { ok: true; customer: CustomerRow } | { ok: false; reason: 'invalid' | 'locked' };

/**
 * Checks a username and password. Wrong passwords are counted with a conditional UPDATE, so the
 * lock holds across concurrent attempts; an unknown username costs the same scrypt work as a
 * known one, so timing does not tell which usernames exist.
 */
export async function signIn(
  db: Db,
  username: string,
  password: string,
  now: number,
  dummyHash: string,
): Promise<SignIn> {
  const customer = await db.maybeOne<CustomerRow>('select * from customers where username = $1', [
    username.trim().toLowerCase(),
  ]);
  if (!customer) {
    await verifyPassword(password, dummyHash);
    return { ok: false, reason: 'invalid' };
  }
  if (customer.locked_until && customer.locked_until.getTime() > now) return { ok: false, reason: 'locked' };
  if (await verifyPassword(password, customer.password_hash)) {
    await db.query('update customers set failed_logins = 0, locked_until = null where customer_id = $1', [
      customer.customer_id,
    ]);
    return { ok: true, customer };
  }
  await db.query(
    `update customers set failed_logins = failed_logins + 1,
            locked_until = case when failed_logins + 1 >= $2 then $3::timestamptz else locked_until end
      where customer_id = $1`,
    [customer.customer_id, maxFailedLogins, new Date(now + lockMs)],
  );
  return { ok: false, reason: 'invalid' };
}
