// The app's whole Token integration: the backend asks for the grant and verifies the result.
{
  const say = (text) => {
    document.getElementById('connect-message').textContent = text;
  };
  const post = async (url, body) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(json.detail ?? 'Tally could not connect your bank.');
    return json;
  };
  if (!window.TokenCheckout) say('Token could not be loaded. Please reload the page.');
  else
    TokenCheckout.button(document.getElementById('token-connect'), {
      action: 'connect',
      createRequest: () => post('/api/connect').then((r) => r.requestId),
      onApprove: ({ result }) =>
        post('/api/connect/complete', { result }).then((r) => location.assign(r.url)),
      onError: (e) => say(e.cause?.message ?? 'Connecting could not start. Please try again.'),
    });
}
