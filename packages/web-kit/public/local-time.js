// Dates in the reader's own locale and time zone: the server writes <time datetime="ISO 8601"
// data-local="date|datetime"> with a UTC fallback, and this puts the browser's words in its place
// (ECMA-402 Intl.DateTimeFormat in the page's language, with the browser's region where it speaks it).
{
  const styles = {
    date: { dateStyle: 'medium' },
    datetime: { dateStyle: 'medium', timeStyle: 'short' },
  };
  const lang = document.documentElement.lang || 'en';
  const tag = (navigator.languages ?? []).find((t) => t.toLowerCase().split('-')[0] === lang) ?? lang;
  const localize = () => {
    for (const el of document.querySelectorAll('time[data-local]')) {
      const at = new Date(el.getAttribute('datetime') ?? '');
      const style = styles[el.getAttribute('data-local') ?? ''];
      if (!style || Number.isNaN(at.getTime())) continue;
      el.textContent = new Intl.DateTimeFormat(tag, style).format(at);
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', localize);
  else localize();
}
