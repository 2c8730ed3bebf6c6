// The shop's whole Token integration. The backend fixes the amount and verifies the result;
// this page only asks for a request id and hands the result back.
{
  const say = (text) => {
    document.getElementById('pay-message').textContent = text;
  };
  const refusals = {
    Expired: 'Your approval expired before we could use it. Nothing was charged; please try again.',
    Cancelled: 'The approval was cancelled in your wallet. Nothing was charged.',
    InvalidSignature: 'Your wallet’s answer could not be checked. Nothing was charged; please try again.',
    Malformed: 'Your wallet’s answer could not be checked. Nothing was charged; please try again.',
    Forbidden: 'Your wallet’s answer was not for this checkout. Nothing was charged; please try again.',
    EmptyCart: 'Your cart is empty.',
  };
  const post = async (url, body) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const json = await res.json();
    // Words from the problem's code, never its detail (which is for developers, RFC 9457).
    if (!res.ok)
      throw new Error(refusals[json.code] ?? 'The shop could not take the payment. Nothing was charged.');
    return json;
  };
  if (!window.TokenCheckout) say('Token checkout could not be loaded. Please reload the page.');
  else
    TokenCheckout.button(document.getElementById('token-pay'), {
      createRequest: () => post('/api/checkout').then((r) => r.requestId),
      onApprove: ({ result }) =>
        post('/api/checkout/complete', { result }).then((r) => location.assign(r.orderUrl)),
      onError: (e) => say(e.cause?.message ?? 'The payment could not start. Please try again.'),
    });
}
