// A CDP virtual authenticator for Playwright in Chromium: a platform authenticator ("internal"
// transport) with resident keys and user verification, as the wallet's passkeys need. Virtual
// authenticators belong to one tab, so a popup gets its own, with the credentials copied over
// (TOOLCHAIN.md, "WebAuthn in Playwright"). The RP ID is the page's host: use http://localhost
// URLs, never 127.0.0.1.
//
//   const auth = await addVirtualAuthenticator(page);
//   ... the page registers a passkey ...
//   const popup = await context.waitForEvent('page');
//   const popupAuth = await auth.copyTo(popup);   // same passkey in the popup
//   ... approve in the popup ...
//   await auth.syncFrom(popupAuth);              // carry the signature counter back (works after the popup closed)
import type { CDPSession, Page } from '@playwright/test';

/** A credential as CDP's WebAuthn domain describes it (private key included, base64). */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
  largeBlob?: string;
}

export interface VirtualAuthenticatorOptions {
  /** Default true: the biometric or PIN check passes. Set false to make it fail. */
  isUserVerified?: boolean;
}

export interface VirtualAuthenticator {
  readonly page: Page;
  readonly session: CDPSession;
  readonly authenticatorId: string;
  credentials(): Promise<VirtualCredential[]>;
  /**
   * The credentials as last seen (from calls and from CDP's credentialAdded/credentialAsserted
   * events), still readable after the tab closed: a popup often closes itself once it approved.
   */
  lastKnown(): VirtualCredential[];
  /** Makes the next ceremonies pass (true) or fail (false) user verification. */
  setUserVerified(verified: boolean): Promise<void>;
  /** Assertions made since the authenticator was added (CDP WebAuthn.credentialAsserted). */
  assertions(): number;
  /** Registrations made since the authenticator was added (CDP WebAuthn.credentialAdded). */
  registrations(): number;
  /** A new authenticator on `page` holding copies of this one's credentials. */
  copyTo(page: Page, options?: VirtualAuthenticatorOptions): Promise<VirtualAuthenticator>;
  /** Replaces this authenticator's credentials with `other`'s (signature counters included). */
  syncFrom(other: VirtualAuthenticator): Promise<void>;
  remove(): Promise<void>;
}

export async function addVirtualAuthenticator(
  page: Page,
  options: VirtualAuthenticatorOptions = {},
): Promise<VirtualAuthenticator> {
  const session = await page.context().newCDPSession(page);
  await session.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await session.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: options.isUserVerified ?? true,
      automaticPresenceSimulation: true,
    },
  });
  let asserted = 0;
  let added = 0;
  const known = new Map<string, VirtualCredential>();
  session.on('WebAuthn.credentialAsserted', (event) => {
    if (event.authenticatorId !== authenticatorId) return;
    asserted++;
    known.set(event.credential.credentialId, event.credential as VirtualCredential);
  });
  session.on('WebAuthn.credentialAdded', (event) => {
    if (event.authenticatorId !== authenticatorId) return;
    added++;
    known.set(event.credential.credentialId, event.credential as VirtualCredential);
  });

  const authenticator: VirtualAuthenticator = {
    page,
    session,
    authenticatorId,
    async credentials() {
      const { credentials } = await session.send('WebAuthn.getCredentials', { authenticatorId });
      known.clear();
      for (const c of credentials) known.set(c.credentialId, c as VirtualCredential);
      return credentials as VirtualCredential[];
    },
    lastKnown: () => [...known.values()],
    async setUserVerified(verified) {
      await session.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: verified });
    },
    assertions: () => asserted,
    registrations: () => added,
    async copyTo(target, copyOptions) {
      const copy = await addVirtualAuthenticator(target, copyOptions);
      for (const credential of await authenticator.credentials()) {
        await copy.session.send('WebAuthn.addCredential', {
          authenticatorId: copy.authenticatorId,
          credential,
        });
      }
      // The copy starts knowing what it holds, in case its tab closes before anyone asks.
      await copy.credentials();
      return copy;
    },
    async syncFrom(other) {
      const credentials = await other.credentials().catch(() => other.lastKnown());
      await session.send('WebAuthn.clearCredentials', { authenticatorId });
      for (const credential of credentials) {
        await session.send('WebAuthn.addCredential', { authenticatorId, credential });
      }
      await authenticator.credentials();
    },
    async remove() {
      await session.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      await session.detach();
    },
  };
  return authenticator;
}
