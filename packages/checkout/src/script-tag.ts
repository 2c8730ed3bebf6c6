// The script-tag build's entry: `<script src="<cloud>/checkout/v1/checkout.js" data-wallet-origin=...>`
// defines the global `TokenCheckout`. The cloud is where the script came from (or data-cloud-url);
// the wallet is data-wallet-origin. Both can still be given per call.
import { handOverReturnedPopup } from './checkout.ts';
import { configure } from './config.ts';

const script = document.currentScript;
if (script instanceof HTMLScriptElement && script.src) {
  const cloudUrl =
    script.dataset.cloudUrl ?? script.src.replace(/\/checkout\/v1\/checkout\.js(?:[?#].*)?$/, '');
  configure({
    cloudUrl: cloudUrl === script.src ? new URL(script.src).origin : cloudUrl,
    ...(script.dataset.walletOrigin ? { walletOrigin: script.dataset.walletOrigin } : {}),
  });
}

handOverReturnedPopup();

export * from './index.ts';
