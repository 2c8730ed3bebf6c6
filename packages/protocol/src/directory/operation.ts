import { z } from 'zod';
import { b64urlSchema, hashIdSchema, keyIdSchema, memberIdSchema, timestampSchema } from '../common.ts';
import { claimAttestationSchema, custodianSchema, publicKeyRefSchema } from './custody.ts';
import { aliasEntrySchema, keyEntrySchema, passkeyEntrySchema } from './entries.ts';

export const directoryActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('create'),
    keys: z.array(keyEntrySchema).min(1).max(16),
    aliases: z.array(aliasEntrySchema).max(16).optional(),
  }),
  // A member created on a user's behalf by a merchant (custody.ts): no keys, one alias.
  z.strictObject({
    kind: z.literal('createCustodial'),
    custodian: custodianSchema,
    alias: aliasEntrySchema,
    claimAuthority: publicKeyRefSchema,
    claimBy: timestampSchema,
  }),
  // The user takes the member over with its own keys (custody.ts).
  z.strictObject({
    kind: z.literal('claim'),
    keys: z.array(keyEntrySchema).min(1).max(16),
    attestation: claimAttestationSchema,
  }),
  z.strictObject({ kind: z.literal('addKey'), key: keyEntrySchema }),
  z.strictObject({ kind: z.literal('removeKey'), keyId: keyIdSchema }),
  z.strictObject({ kind: z.literal('addAlias'), alias: aliasEntrySchema }),
  z.strictObject({ kind: z.literal('removeAlias'), commitment: hashIdSchema }),
  z.strictObject({ kind: z.literal('addPasskey'), passkey: passkeyEntrySchema }),
  z.strictObject({ kind: z.literal('removePasskey'), credentialId: b64urlSchema.max(1400) }),
]);
export type DirectoryAction = z.infer<typeof directoryActionSchema>;

/** The actions that start a log (seq 0) and only those. */
export function isCreation(kind: DirectoryAction['kind']): boolean {
  return kind === 'create' || kind === 'createCustodial';
}

/**
 * One entry of a member's append-only directory log (ARCHITECTURE.md, "Directory"). Each names the hash
 * of its predecessor and is signed by a key valid at that point, so anyone can replay the log from
 * the first operation without trusting the cloud. The member id is the hash of the first operation.
 */
export const directoryOperationSchema = z
  .strictObject({
    type: z.literal('DirectoryOperation'),
    version: z.literal(1),
    /** null only on the first operation, whose hash becomes the member id. */
    member: memberIdSchema.nullable(),
    prev: hashIdSchema.nullable(),
    seq: z.number().int().min(0).max(1_000_000),
    createdAt: timestampSchema,
    keyId: keyIdSchema,
    action: directoryActionSchema,
    signature: b64urlSchema.max(200),
  })
  .superRefine((op, ctx) => {
    const first = op.seq === 0;
    if (first !== isCreation(op.action.kind))
      ctx.addIssue({
        code: 'custom',
        path: ['action', 'kind'],
        message: 'create (or createCustodial) is the first operation and only the first',
      });
    if (first !== (op.prev === null))
      ctx.addIssue({
        code: 'custom',
        path: ['prev'],
        message: 'prev is null exactly on the first operation',
      });
    if (first !== (op.member === null))
      ctx.addIssue({
        code: 'custom',
        path: ['member'],
        message: 'member is null exactly on the first operation',
      });
  });
export type DirectoryOperation = z.infer<typeof directoryOperationSchema>;
export type UnsignedDirectoryOperation = Omit<DirectoryOperation, 'signature'>;
