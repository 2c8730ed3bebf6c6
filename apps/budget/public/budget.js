// The app's whole Token integration: the backend asks for the grant and verifies the result.
// The words come with the page, in its language (data-* on #connect-message), and the widget
// speaks the page's language too.
{
  const message = document.getElementById('connect-message');
  const words = message.dataset;
  const say = (text) => {
    message.textContent = text;
  };
  /** A refusal already in words for people; anything else is said by the widget's error code. */
  class Refusal extends Error {}
  /** Which of those words a problem's code gets (refusal-words.ts: every code has one). */
  const refusals = JSON.parse(words.refusals);
  const refusal = (code) => (Object.hasOwn(refusals, code) ? words[refusals[code]] : undefined);
  const post = async (url, body) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const json = await res.json();
    // Words from the problem's code, never its detail (which is for developers, RFC 9457).
    if (!res.ok) throw new Refusal(refusal(json.code) ?? words.failed);
    return json;
  };
  if (!window.TokenCheckout) say(words.widgetMissing);
  else
    TokenCheckout.button(document.getElementById('token-connect'), {
      action: 'connect',
      locale: document.documentElement.lang || 'auto',
      createRequest: () => post('/api/connect').then((r) => r.requestId),
      onApprove: ({ result }) =>
        post('/api/connect/complete', { result }).then((r) => location.assign(r.url)),
      onError: (e) =>
        say(
          e.cause instanceof Refusal
            ? e.cause.message
            : e.code === 'HandlerFailed'
              ? words.failed
              : words.notStarted,
        ),
    });
}
