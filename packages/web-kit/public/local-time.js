// Dates in the reader's own locale and time zone: the server writes <time datetime="ISO 8601"
// data-local="date|datetime"> with a UTC fallback, and this puts the browser's words in its place
// (ECMA-402 Intl.DateTimeFormat with the browser's locale).
{
  const styles = {
    date: { dateStyle: 'medium' },
    datetime: { dateStyle: 'medium', timeStyle: 'short' },
  };
  const localize = () => {
    for (const el of document.querySelectorAll('time[data-local]')) {
      const at = new Date(el.getAttribute('datetime') ?? '');
      const style = styles[el.getAttribute('data-local') ?? ''];
      if (!style || Number.isNaN(at.getTime())) continue;
      el.textContent = new Intl.DateTimeFormat(undefined, style).format(at);
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', localize);
  else localize();
}
