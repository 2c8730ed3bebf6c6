import { Link } from '../components/Link.tsx';
import { Screen } from '../components/Screen.tsx';
import { routes } from '../routes.ts';

const steps = [
  {
    title: 'Keys',
    text: 'This device makes the keys that sign for you. The private keys stay on it: they are never sent to us, your bank or a shop.',
  },
  {
    title: 'Passkey',
    text: 'You add a passkey: your fingerprint, face or screen lock. Payments that need a strong check ask for it, and it proves the amount and the payee you saw.',
  },
  {
    title: 'Email',
    text: 'You add your email address, so shops and banks can find your wallet. We send a code to check that it is yours.',
  },
] as const;

export function SetupScreen() {
  return (
    <Screen title="Create your wallet" className="setup">
      <p className="lede">Creating a wallet takes three steps, all on this device.</p>
      <ol className="steps">
        {steps.map((step, index) => (
          <li key={step.title} className="step">
            <span className="step-number" aria-hidden="true">
              {index + 1}
            </span>
            <div>
              <h2>
                <span className="visually-hidden">Step {index + 1}: </span>
                {step.title}
              </h2>
              <p>{step.text}</p>
            </div>
          </li>
        ))}
      </ol>
      <p className="actions">
        <Link to={routes.home} className="button button-secondary">
          Back
        </Link>
      </p>
    </Screen>
  );
}
