/** A failure of the wallet's own making, with a code words.ts turns into sentences. */
export class WalletError extends Error {
  readonly code: 'BankRefused' | 'BankPending' | 'NotAnswerable' | 'ForeignReturn';
  constructor(code: WalletError['code'], message: string) {
    super(message);
    this.name = 'WalletError';
    this.code = code;
  }
}
