import { Link } from '../components/Link.tsx';
import { Screen } from '../components/Screen.tsx';
import { routes } from '../routes.ts';

const promises = [
  {
    title: 'Keys on this device',
    text: 'Your wallet’s keys are made here and never leave it. Nobody else can sign for you.',
  },
  {
    title: 'Approve with a passkey',
    text: 'Your fingerprint, face or screen lock confirms a payment. No passwords, no codes by text.',
  },
  {
    title: 'You stay in control',
    text: 'See every payment and every access you allowed, and cancel any of them at any time.',
  },
] as const;

/** What happens to the wallet if the device or the browser's data goes: said plainly, before setup. */
export const lostDeviceTruth =
  'Your wallet lives in this browser on this device only. If the browser’s data is cleared or the device is lost, the wallet cannot be recovered: you would make a new one and link your bank again. A second device and a way to recover are planned, not there yet.';

export function GetStartedScreen() {
  return (
    <Screen title="Token Wallet" className="get-started">
      <p className="lede">Your keys stay on this device. You approve every payment with a passkey.</p>
      <p className="actions">
        <Link to={routes.setup} className="button button-primary">
          Create wallet
        </Link>
      </p>
      <section aria-labelledby="lost-heading" className="notice notice-warning lost-device">
        <h2 id="lost-heading" className="notice-title">
          If this phone is lost
        </h2>
        <p>{lostDeviceTruth}</p>
      </section>
      <section aria-labelledby="why-heading" className="promises">
        <h2 id="why-heading" className="visually-hidden">
          Why Token Wallet
        </h2>
        <ul className="cards">
          {promises.map((p) => (
            <li key={p.title} className="card">
              <h3>{p.title}</h3>
              <p>{p.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </Screen>
  );
}
