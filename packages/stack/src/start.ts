// `npm start`: runs the local stack and prints where everything is. `npm start -- --build`
// rebuilds the wallet first; CLOUD_PORT and WALLET_PORT move the services. The mail catcher takes
// free ports unless MAIL_PORT and MAIL_SMTP_PORT say otherwise: one-time codes are read there.
import { freePort } from './free-port.ts';
import { defaultServices, startServices } from './services.ts';

const rebuild = process.argv.includes('--build');

try {
  process.env.MAIL_PORT ||= String(await freePort());
  process.env.MAIL_SMTP_PORT ||= String(await freePort());
  const stack = await startServices(defaultServices({ rebuild }), { handleSignals: true });
  const width = Math.max(...[...stack.services, ...stack.skipped].map((s) => s.label.length)) + 2;
  const rows = [
    ...stack.services.map((s) => `  ${s.label.padEnd(width)}${s.url}`),
    ...stack.skipped.map((s) => `  ${s.label.padEnd(width)}not started: ${s.reason}`),
  ];
  console.log(['', 'Token stack is running:', '', ...rows, '', 'Press Ctrl-C to stop.', ''].join('\n'));
  const exit = await stack.done;
  if (exit) {
    console.error(`${exit.name} stopped (exit ${exit.code ?? exit.signal}); the stack is down.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
