// The shop's whole Token integration. The backend fixes the amount and verifies the result;
// this page only asks for a request id and hands the result back.
{
  const say = (text) => {
    document.getElementById('pay-message').textContent = text;
  };
  // The words come from the page, in its language (the server renders them; the CSP allows no inline script).
  const words = JSON.parse(document.getElementById('pay-message')?.dataset.words ?? '{}');
  const refusals = {
    Expired: words.Expired,
    Cancelled: words.Cancelled,
    InvalidSignature: words.Unchecked,
    Malformed: words.Unchecked,
    Forbidden: words.Forbidden,
    EmptyCart: words.EmptyCart,
  };
  // The widget's button and status speak the page's language too.
  const locale = document.documentElement.lang || 'auto';

  const post = async (url, body) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const json = await res.json();
    // Words from the problem's code, never its detail (which is for developers, RFC 9457).
    if (!res.ok) throw new Error(refusals[json.code] ?? words.payFailed);
    return json;
  };
  // An empty cart has no button: the widget script is there only to close a returning popup.
  const mount = document.getElementById('token-pay');
  if (mount && !window.TokenCheckout) say(words.notLoaded);
  else if (mount)
    TokenCheckout.button(mount, {
      locale,
      createRequest: () => post('/api/checkout').then((r) => r.requestId),
      onApprove: ({ result }) =>
        post('/api/checkout/complete', { result }).then((r) => location.assign(r.orderUrl)),
      onError: (e) => say(e.cause?.message ?? words.startFailed),
    });
}
