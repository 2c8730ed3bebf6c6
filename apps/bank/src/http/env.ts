import type { KeyEntry, MemberState } from '@tokenos/protocol';

/** Who signed a request to the bank (RFC 9421 keyid). */
export type Caller =
  | { kind: 'cloud'; keyId: string }
  /** A member of the directory (a customer's wallet, another bank), verified from its own log. */
  | { kind: 'member'; memberId: string; key: KeyEntry; member: MemberState };

export interface BankEnv {
  Variables: {
    caller: Caller;
    /** The parsed JSON body of a signed request (its bytes were checked against Content-Digest). */
    body: unknown;
  };
}
