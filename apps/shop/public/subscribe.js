// Save for later / subscribe: the backend fixes the plan's limits and verifies the result; this
// page only asks for a request id and hands the wallet's result back.
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
    if (!res.ok) throw new Error(json.detail ?? 'The shop could not save your payment.');
    return json;
  };
  const target = document.getElementById('token-subscribe');
  if (!target) {
    // Nothing to do: the subscription is active, or saved payments are off.
  } else if (!window.TokenCheckout) say('Token checkout could not be loaded. Please reload the page.');
  else
    TokenCheckout.button(target, {
      createRequest: () => post('/api/subscription').then((r) => r.requestId),
      onApprove: ({ result }) =>
        post('/api/subscription/complete', { result }).then((r) => location.assign(r.url)),
      onCancel: () => say('Nothing was saved. You can subscribe at any time.'),
      onError: (e) => say(e.cause?.message ?? 'Saving your payment could not start. Please try again.'),
    });
}
