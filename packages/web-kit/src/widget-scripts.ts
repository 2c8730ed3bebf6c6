import { type Html, html } from './html.ts';

export interface WidgetScriptsOptions {
  cloudUrl: string;
  /** The widget's SRI hash the site read from the cloud at start (`sha384-…`). */
  integrity: string;
  /** The only origin the widget accepts results from. */
  walletOrigin: string;
  /** The site's own integration script in /static (`shop.js`), run after the widget. */
  script: string;
}

/** The checkout widget from the cloud, pinned by its SRI hash (W3C SRI), then the site's script. */
export function widgetScripts(o: WidgetScriptsOptions): Html {
  return html`<script src="${o.cloudUrl}/checkout/v1/checkout.js" integrity="${o.integrity}" crossorigin="anonymous" data-wallet-origin="${o.walletOrigin}" defer></script>
<script src="/static/${o.script}" defer></script>`;
}
