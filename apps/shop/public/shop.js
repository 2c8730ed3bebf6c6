// The shop's whole Token integration. The backend fixes the amount and verifies the result;
// this page only asks for a request id and hands the result back.
{
  const say = (text) => {
    document.getElementById('pay-message').textContent = text;
  };
  const post = async (url, body) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(json.detail ?? 'The shop could not take the payment.');
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
