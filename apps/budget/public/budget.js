// The app's whole Token integration: the backend asks for the grant and verifies the result.
{
  const say = (text) => {
    document.getElementById('connect-message').textContent = text;
  };
  const refusals = {
    Expired: 'Your approval expired before Tally could use it. Please connect again.',
    Cancelled: 'The access was cancelled in your wallet. Please connect again.',
    InvalidSignature: 'Your wallet’s answer could not be checked. Please connect again.',
    Malformed: 'Your wallet’s answer could not be checked. Please connect again.',
    Forbidden: 'Your wallet’s answer was not for this connection. Please connect again.',
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
      throw new Error(refusals[json.code] ?? 'Tally could not connect your bank. Please try again.');
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
