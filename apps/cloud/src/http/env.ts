import type { KeyEntry, MemberState } from '@tokenos/protocol';

/** The verified caller of a signed request. */
export interface Caller {
  memberId: string;
  key: KeyEntry;
  /** The member's directory state at the time of the check. */
  member: MemberState;
}

export interface CloudEnv {
  Variables: {
    caller: Caller;
    /** The parsed JSON body of a signed request (its bytes were checked against Content-Digest). */
    body: unknown;
  };
}
