// The start page says what needs the person who signs in, by role.
import { test, expect, expectAccessible, hydrated, signIn } from './helpers';

test("a reporter's start page shows the organisation's weekly report and its actions", async ({ page }) => {
  await signIn(page, 'police@example.org');
  await hydrated(page);
  const report = page.getByRole('region', { name: /^Veckorapport \d{4}-W\d{2}$/ });
  await expect(report).toContainText(/Skickad|Inte skickad än, sista dag/);
  await report.getByRole('link', { name: 'Skicka eller se rapporten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Veckorapport');
  await page.getByRole('link', { name: 'Samverkan' }).click();
  const actions = page.getByRole('region', { name: 'Vår organisations åtgärder' });
  await expect(actions).toContainText(/\d+ öpp(en|na) åtgärd(er)?/);
  await expectAccessible(page);
});

test("a coordinator's start page shows who has not reported and the next meeting", async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await hydrated(page);
  await expect(page.getByRole('region', { name: /^Veckorapport / })).toContainText(
    /Har inte rapporterat: |Alla organisationer har rapporterat\./,
  );
  await expect(page.getByRole('region', { name: 'Öppna åtgärder' })).toContainText(/\d+ öpp(en|na) åtgärd(er)?/);
  const next = page.getByRole('region', { name: 'Nästa möte' });
  await expect(next).toContainText(/Lägesbildsmöte \d{4}-\d{2}-\d{2} \d{2}:\d{2} · (Planerat|Pågår)|Inget möte är planerat\./);
  await expectAccessible(page);
});

test("a manager's start page shows the headline figures, never this week's counts, and leads to the dashboard", async ({ page }) => {
  await signIn(page, 'manager@example.org');
  await hydrated(page);
  const glance = page.getByRole('region', { name: 'Läget i korthet' });
  // The latest ended quarter against the same quarter a year before, as the dashboard shows them.
  await expect(glance.getByRole('term').first()).toHaveText(/^Händelser K[1-4] \d{4}$/);
  await expect(glance.getByRole('definition').first()).toHaveText(/^\d+ \(samma kvartal året före: (\d+|<3|dolt|–)\)$/);
  await expect(glance).toContainText(/Åtgärder beslutade det senaste året\s*\d+ beslutade?, \d+ klara?, \d+ försenade?/);
  await expect(glance).toContainText(/Veckorapporter i tid \d{4}-W\d{2}\s*\d+ av \d+ \(\d+ %\)/);
  // A week in progress would single out the first incident in a quiet town.
  await expect(page.getByRole('heading', { name: /^Den här veckan/ })).toHaveCount(0);
  await expect(page.getByText('<3')).toHaveCount(0);
  await expectAccessible(page);
  await glance.getByRole('link', { name: 'Se trenderna och uppföljningen' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});
