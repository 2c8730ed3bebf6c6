import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * WCAG 2.2 A/AA by axe-core (and its best practices, where asked): no serious or critical violation
 * on the page as it is now.
 */
export async function expectAccessible(
  page: Page,
  screen: string,
  { bestPractice = false }: { bestPractice?: boolean } = {},
): Promise<void> {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  const results = await new AxeBuilder({ page })
    .withTags(bestPractice ? [...tags, 'best-practice'] : tags)
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}
