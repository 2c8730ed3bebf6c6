import { describe, expect, it } from 'vitest';
import { escapeHtml, Html, html } from './html.ts';

describe('html', () => {
  it('escapes the five characters that can end text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    const name = '"><script>alert(1)</script>';
    expect(html`<input value="${name}">`.text).toBe(
      '<input value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">',
    );
  });

  it('keeps Html as it is, and joins lists of it', () => {
    const items = ['a<b', 'c&d'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.text).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
    expect(html`${new Html('<br>')}`.text).toBe('<br>');
  });

  it('renders nothing for undefined, null and false, and numbers as text', () => {
    expect(html`[${undefined}${null}${false}${0}${1.5}]`.text).toBe('[01.5]');
    expect(`${html`<p>${'x'}</p>`}`).toBe('<p>x</p>');
  });
});
