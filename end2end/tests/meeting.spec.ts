import { test, expect, expectAccessible, hydrated, signIn, unique, menu, api, organisationId } from './helpers';
import type { Page } from '@playwright/test';

/** The coordinator plans the next weekly meeting from the menu and lands on it. */
async function planNextMeeting(page: Page) {
  await signIn(page, 'coordinator@example.org');
  await menu(page, 'Möten');
  await hydrated(page);
  await page.getByRole('button', { name: 'Planera nästa möte' }).first().click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await hydrated(page);
}

test('a coordinator runs the weekly meeting from planned to locked minutes', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await menu(page, 'Möten');
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Planera nästa möte' }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Planerat', { exact: true })).toBeVisible();
  await hydrated(page);
  // Minutes are finalised on the meeting's day: this one is moved to today.
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  await page.getByText('Flytta eller ställ in mötet').click();
  await page.getByLabel('Ny dag').fill(today);
  await page.getByLabel('Klockan').fill('15:00');
  await page.getByRole('button', { name: 'Flytta mötet' }).click();
  await expect(page.locator('.save-notice')).toHaveText('Mötet är flyttat.');

  await page.getByRole('button', { name: 'Starta mötet' }).click();
  await expect(page.locator('main > p > strong').first()).toHaveText('Pågår');

  const notice = page.locator('.save-notice');

  // Everyone present, then the one exception, in one save.
  await page.getByRole('button', { name: 'Alla närvarande' }).click();
  await expect(notice).toHaveText('Närvaron är sparad.');
  const police = page.getByRole('combobox', { name: 'Närvaro Polisen Norrtälje' });
  await expect(police).toHaveValue('present');
  // A choice saves itself: no button to remember, nothing lost on leaving the page.
  const posted = () => page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/'));
  let saving = posted();
  await page.getByRole('combobox', { name: 'Närvaro Fältsamordnarna' }).selectOption({ label: 'Ersättare' });
  expect((await saving).ok()).toBe(true);
  await expect(page.getByRole('combobox', { name: 'Närvaro Fältsamordnarna' })).toHaveValue('deputy');
  await expect(police).toHaveValue('present');
  const norrtalje = page.getByRole('group', { name: /^Norrtälje: \d+ händelse/ });
  saving = posted();
  await norrtalje.getByRole('radio', { name: '2 ganska lugnt' }).check();
  expect((await saving).ok()).toBe(true);
  await expect(notice).toHaveText('Bedömningen är sparad.');
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('combobox', { name: 'Närvaro Fältsamordnarna' })).toHaveValue('deputy');
  await expect(norrtalje.getByRole('radio', { name: '2 ganska lugnt' })).toBeChecked();

  // A rating in words, beside the town's count.
  const rimbo = page.getByRole('group', { name: /^Rimbo: \d+ händelse/ });
  await rimbo.getByRole('radio', { name: '3 oroligt' }).check();
  await rimbo.getByLabel('Kommentar Rimbo').fill('Lugnare än förra veckan');
  await rimbo.getByRole('button', { name: 'Spara bedömningen' }).click();
  await expect(notice).toHaveText('Bedömningen är sparad.');
  await expect(rimbo.getByLabel('Kommentar Rimbo')).toHaveValue('Lugnare än förra veckan');
  // A comment typed and not saved is asked about before the menu takes the page away.
  await rimbo.getByLabel('Kommentar Rimbo').fill('Oroligt vid stationen på kvällen');
  let asked = '';
  page.once('dialog', (dialog) => { asked = dialog.message(); void dialog.dismiss(); });
  await menu(page, 'Översikt');
  await expect.poll(() => asked).toBe('Det finns text här som inte är sparad. Lämna sidan ändå?');
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await expect(rimbo.getByLabel('Kommentar Rimbo')).toHaveValue('Oroligt vid stationen på kvällen');
  // The browser's back button asks the same; refused, the page, its address, the text and the
  // place on the page stay.
  await page.getByRole('region', { name: 'Beslut' }).getByLabel('Nytt beslut').scrollIntoViewIfNeeded();
  const place = await page.evaluate(() => window.scrollY);
  expect(place).toBeGreaterThan(200);
  asked = '';
  page.once('dialog', (dialog) => { asked = dialog.message(); void dialog.dismiss(); });
  await page.evaluate(() => history.back());
  await expect.poll(() => asked).toBe('Det finns text här som inte är sparad. Lämna sidan ändå?');
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await expect(rimbo.getByLabel('Kommentar Rimbo')).toHaveValue('Oroligt vid stationen på kvällen');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - place)).toBeLessThan(50);
  // A refused save leaves its text unsaved: the question still comes.
  await rimbo.getByLabel('Kommentar Rimbo').fill('Pojken 811218-9876 syntes vid stationen');
  await rimbo.getByRole('button', { name: 'Spara bedömningen' }).click();
  // The refusal shows at the town's own form, beside the comment, and at no other town.
  await expect(rimbo.getByText(/ser ut som ett personnummer \(vid tecken 8\)/)).toBeVisible();
  await expect(rimbo.getByLabel('Kommentar Rimbo')).toHaveAttribute('aria-invalid', 'true');
  await expect(norrtalje.getByRole('alert')).toHaveCount(0);
  asked = '';
  page.once('dialog', (dialog) => { asked = dialog.message(); void dialog.dismiss(); });
  await menu(page, 'Översikt');
  await expect.poll(() => asked).toBe('Det finns text här som inte är sparad. Lämna sidan ändå?');
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await rimbo.getByLabel('Kommentar Rimbo').fill('Oroligt vid stationen på kvällen');
  await rimbo.getByRole('button', { name: 'Spara bedömningen' }).click();
  await expect(notice).toHaveText('Bedömningen är sparad.');

  const agenda = page.getByRole('region', { name: 'Dagordning' });
  await agenda.getByLabel('Ny punkt på dagordningen').fill('Genomgång av lägesbilden per tätort');
  await agenda.getByRole('button', { name: 'Lägg till punkten' }).click();
  await expect(agenda.getByRole('listitem').filter({ hasText: 'Genomgång av lägesbilden per tätort' })).toBeVisible();
  await expect(agenda.getByLabel('Ny punkt på dagordningen')).toHaveValue('');
  await expect(notice).toHaveText('Punkten är tillagd på dagordningen.');

  // Saving keeps the place: the page does not jump.
  // The meeting's parts are a link away, not eight screens of scrolling.
  const decisions = page.getByRole('region', { name: 'Beslut' });
  await page.getByRole('navigation', { name: 'Mötets delar' }).getByRole('link', { name: 'Beslut', exact: true }).click();
  await expect(decisions.getByRole('heading', { name: 'Beslut' })).toBeInViewport();
  await expect(page).toHaveURL(/#decision-heading$/);
  await decisions.getByLabel('Nytt beslut').scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(200);
  await decisions.getByLabel('Nytt beslut').fill('Fältarna förstärker i Rimbo');
  // A double click adds one decision.
  await decisions.getByRole('button', { name: 'Lägg till beslutet' }).dblclick();
  await expect(notice).toHaveText('Beslutet är tillagt.');
  await expect(decisions.getByRole('listitem').filter({ hasText: 'Fältarna förstärker i Rimbo' })).toHaveCount(1);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(50);

  // Reworded, then removed by a slip, then put back.
  const decision = decisions.getByRole('listitem').filter({ hasText: 'Fältarna förstärker i Rimbo' });
  await decision.getByText('Ändra').click();
  await decision.getByLabel('Ny lydelse').fill('Fältarna förstärker i Rimbo på fredag');
  await decision.getByRole('button', { name: 'Spara ändringen' }).click();
  await expect(notice).toHaveText('Ändringen är sparad.');
  const reworded = decisions.getByRole('listitem').filter({ hasText: 'Fältarna förstärker i Rimbo på fredag' });
  await reworded.getByRole('button', { name: /^Ta bort/ }).click();
  // The notice names what it would bring back.
  await expect(notice).toContainText('Borttaget: ”Fältarna förstärker i Rimbo på fredag”');
  await expect(reworded).toHaveCount(0);
  await notice.getByRole('button', { name: 'Ångra' }).click();
  await expect(notice).toHaveText('Återställt.');
  await expect(reworded).toHaveCount(1);
  // The undo went with its notice: the keyboard is on the row it brought back.
  await expect(reworded).toBeFocused();

  const title = unique('Kvällsvandring vid busstationen');
  const news = page.getByRole('region', { name: 'Nya åtgärder' });
  const add = news.getByRole('form', { name: 'Ny åtgärd' });
  const week = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await add.getByLabel('Rubrik').fill(title);
  await add.getByLabel('Ansvarig organisation').selectOption({ label: 'Fältsamordnarna' });
  await add.getByLabel('Klart senast').fill(week);
  await add.getByRole('button', { name: 'Skapa åtgärd' }).click();
  await expect(news.getByRole('link', { name: title })).toBeVisible();
  await expect(add.getByLabel('Rubrik')).toHaveValue('');

  // A new action is corrected (the form starts from what was saved), removed by a slip and
  // put back.
  const corrected = `${title} i Rimbo`;
  const row = news.getByRole('listitem').filter({ hasText: title });
  await row.getByText('Ändra').click();
  await expect(row.getByLabel('Rubrik')).toHaveValue(title);
  await expect(row.getByLabel('Ansvarig organisation')).toHaveValue(/.+/);
  await expect(row.getByLabel('Klart senast')).toHaveValue(week);
  await row.getByLabel('Rubrik').fill(corrected);
  await row.getByLabel('Område').selectOption({ label: 'Rimbo' });
  await row.getByRole('button', { name: 'Spara ändringen' }).click();
  await expect(notice).toHaveText('Åtgärden är ändrad.');
  await expect(news.getByRole('link', { name: corrected })).toBeVisible();
  await news.getByRole('listitem').filter({ hasText: corrected }).getByRole('button', { name: /^Ta bort/ }).click();
  await expect(notice).toContainText('Åtgärden är borttagen.');
  // The keyboard lands on the way back, not at the top of the page.
  await expect(notice.getByRole('button', { name: 'Ångra' })).toBeFocused();
  await expect(news.getByRole('link', { name: corrected })).toHaveCount(0);
  await notice.getByRole('button', { name: 'Ångra' }).click();
  await expect(notice).toHaveText('Återställt.');
  await expect(news.getByRole('link', { name: corrected })).toBeVisible();
  await expect(news.getByRole('listitem').filter({ hasText: corrected })).toBeFocused();

  // A slip in a correction: the error sits at the field, and no earlier notice contradicts it.
  const again = news.getByRole('listitem').filter({ hasText: corrected });
  await again.getByText('Ändra').click();
  await again.getByLabel('Klart senast').fill('2020-01-01');
  await again.getByRole('button', { name: 'Spara ändringen' }).click();
  await expect(again.getByText('Dagen har redan varit. Välj i dag eller senare.')).toBeVisible();
  await expect(notice).toBeHidden();
  await expect(news.getByRole('link', { name: corrected })).toBeVisible();
  await expectAccessible(page);

  // Locking asks first and lists what is missing.
  await page.getByText('Justera och lås protokollet…').click();
  await expect(page.getByRole('region', { name: 'Justera och lås protokollet' })).toContainText('Tätorter utan bedömning:');
  await page.getByRole('button', { name: 'Ja, justera och lås protokollet' }).click();
  await expect(page.getByText('Justerat och låst', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Starta mötet' })).toHaveCount(0);
  await expect(agenda.getByRole('button', { name: 'Lägg till punkten' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Ta bort/ })).toHaveCount(0);

  const addenda = page.getByRole('region', { name: 'Tillägg efter justering' });
  await addenda.getByLabel('Nytt tillägg').fill('Rättelse: mötet började 15.10.');
  await addenda.getByRole('button', { name: 'Lägg till tillägget' }).click();
  await expect(addenda.getByText(/Rättelse: mötet började 15.10./)).toBeVisible();

  await page.getByRole('link', { name: 'Protokoll för utskrift' }).click();
  const minutes = page.locator('article.minutes');
  await expect(minutes).toContainText(/\p{L}+dag \d+ \p{L}+ \d{4} kl\. 15\.00/u);
  await expect(minutes).toContainText(/Närvarande: .*Polisen Norrtälje/);
  await expect(minutes.getByRole('row', { name: /Rimbo/ })).toContainText('3/5');
  await expect(minutes).toContainText('Fältarna förstärker i Rimbo på fredag');
  await expect(minutes).toContainText(corrected);
  await expect(minutes).toContainText('Rättelse: mötet började 15.10.');
  await expectAccessible(page);
  // On a phone a town's comment has a row of its own: nothing squeezed, nothing sideways.
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(minutes.getByText('Kommentar: Oroligt vid stationen på kvällen')).toBeVisible();
  await expect(minutes.getByRole('columnheader', { name: 'Kommentar' })).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize(desktop);
  await expect(minutes.getByRole('columnheader', { name: 'Kommentar' })).toBeVisible();

  // The dashboard sums the ratings up per town: Rimbo's latest is today's 3.
  await menu(page, 'Översikt');
  const ratings = page.getByRole('table', { name: 'Bedömning per tätort' });
  await expect(ratings.getByRole('row', { name: /^Rimbo/ })).toContainText(`3 (${today})`);
  await expect(page.getByRole('link', { name: 'Ladda ner som CSV (alla bedömningar)' })).toBeVisible();
  await expectAccessible(page);
});

test('a reporter reads the minutes but cannot run a meeting', async ({ page }) => {
  await signIn(page, 'police@example.org');
  await page.goto('/meetings');
  await expect(page.getByRole('heading', { level: 2, name: 'Lägesbildsmöte' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Planera nästa möte' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Kalenderflöde/ })).toHaveCount(0);
});

test('a coordinator sets up a new meeting series with its members', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await page.goto('/meetings');
  await hydrated(page);
  const name = unique('Områdesgrupp Hallstavik');
  const form = page.getByRole('region', { name: 'Ny mötesserie' });
  await form.getByLabel('Namn på ny mötesserie').fill(name);
  await form.getByLabel('Veckodag').selectOption({ label: 'Torsdagar' });
  await form.getByLabel('Klockan').fill('09:30');
  await form.getByLabel('Polisen Norrtälje').check();
  await form.getByLabel('Fältsamordnarna').check();
  await form.getByRole('button', { name: 'Skapa mötesserien' }).click();
  const created = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name }) });
  await expect(created).toContainText('Torsdagar 09:30 · Medlemmar: Fältsamordnarna, Polisen Norrtälje');
  await expectAccessible(page);
});

test('a coordinator moves a planned meeting and then calls it off; it stays listed as cancelled', async ({ page }) => {
  await planNextMeeting(page);
  // Forward with an agenda item typed and not added: asked, and refused, the page stays with
  // its text, and so does the browser's history.
  const meeting = page.url();
  const agendaItem = page.getByLabel('Ny punkt på dagordningen');
  const question = 'Det finns text här som inte är sparad. Lämna sidan ändå?';
  await menu(page, 'Översikt');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.evaluate(() => history.back());
  await expect(page).toHaveURL(meeting);
  await agendaItem.fill('Skolavslutningen');
  let asked = '';
  page.once('dialog', (dialog) => { asked = dialog.message(); void dialog.dismiss(); });
  await page.evaluate(() => history.forward());
  await expect.poll(() => asked).toBe(question);
  await expect(page).toHaveURL(meeting);
  await expect(agendaItem).toHaveValue('Skolavslutningen');
  // Back, agreed to: one step back to the list, as if nothing had been refused; forward brings
  // the meeting again.
  asked = '';
  page.once('dialog', (dialog) => { asked = dialog.message(); void dialog.accept(); });
  await page.evaluate(() => history.back());
  await expect(page).toHaveURL(/\/meetings$/);
  expect(asked).toBe(question);
  await expect(page.getByRole('button', { name: 'Planera nästa möte' }).first()).toBeVisible();
  await page.evaluate(() => history.forward());
  await expect(page).toHaveURL(meeting);
  await expect(agendaItem).toHaveValue('');
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await page.getByText('Flytta eller ställ in mötet').click();
  await page.getByLabel('Ny dag').fill(day);
  await page.getByLabel('Klockan').fill('09:30');
  await page.getByRole('button', { name: 'Flytta mötet' }).click();
  await expect(page.locator('.save-notice')).toHaveText('Mötet är flyttat.');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${day} 09:30`);
  await expectAccessible(page);

  // The page is updated in place, so the disclosure may still be open.
  if (!(await page.locator('details.plan').evaluate((d) => (d as HTMLDetailsElement).open))) {
    await page.getByText('Flytta eller ställ in mötet').click();
  }
  await page.getByText('Ställ in mötet…').click();
  await page.getByRole('button', { name: 'Ja, ställ in mötet' }).click();
  await expect(page.locator('.save-notice')).toHaveText('Mötet är inställt.');
  await expect(page.locator('main > p > strong').first()).toHaveText('Inställt');
  await expect(page.getByRole('button', { name: 'Starta mötet' })).toHaveCount(0);
  await menu(page, 'Möten');
  await expect(page.getByRole('listitem').filter({ hasText: `${day} 09:30` })).toContainText('Inställt');
});

test('a meeting lists a few of each owner\'s actions, all of one owner\'s on request, and keeps what it reviewed', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'coordinator@example.org');
  await hydrated(page);
  // Seven actions for one owner, due later than anything else: the end of its list.
  const prefix = unique('Tillsyn av lekplats');
  const owner = await organisationId(page, 'Fältsamordnarna');
  const due = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 7; i++) {
    await api(page, '/api/actions/create', { title: `${prefix} ${i}`, owner_organisation_id: owner, due });
  }

  await menu(page, 'Möten');
  await hydrated(page);
  await page.getByRole('button', { name: 'Planera nästa möte' }).first().click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await hydrated(page);
  const carried = page.getByRole('region', { name: 'Åtgärder från tidigare möten' });
  const ours = carried.getByRole('link', { name: new RegExp(`^${prefix}`) });
  const showAll = carried.getByRole('link', { name: /^Visa alla \d+ åtgärder för Fältsamordnarna$/ });
  await expect(showAll).toBeVisible();
  await expect(carried.getByText(/^Visar 5 av \d+/)).toBeVisible();
  const few = await ours.count();
  expect(few).toBeLessThan(7);
  await expectAccessible(page);

  await showAll.click();
  await expect(page).toHaveURL(/\?owner=[0-9a-f-]{36}#owner-/);
  await expect(ours).toHaveCount(7);
  // The owner's heading is where the page landed, not the top of the page.
  const heading = carried.getByRole('heading', { name: 'Fältsamordnarna' });
  await expect(heading).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);

  // The last of them is reviewed: the list stays whole, the page says so.
  const last = carried.getByRole('listitem').filter({ hasText: `${prefix} 6` });
  await last.getByRole('combobox', { name: `Läge: ${prefix} 6`, exact: true }).selectOption({ label: 'Pågår' });
  await last.getByRole('button', { name: 'Spara uppföljningen' }).click();
  await expect(page.locator('.save-notice')).toHaveText('Uppföljningen är sparad.');
  await expect(ours).toHaveCount(7);
  await expect(last).toContainText('Noterat på mötet: Pågår');

  // A slip: "Genomförd" closes it. What the meeting recorded it corrects, and the action is open again.
  const state = last.getByRole('combobox', { name: `Läge: ${prefix} 6`, exact: true });
  await state.selectOption({ label: 'Genomförd' });
  await last.getByRole('button', { name: 'Rätta uppföljningen' }).click();
  await expect(last).toContainText('Noterat på mötet: Genomförd');
  await state.selectOption({ label: 'Pågår' });
  await last.getByRole('button', { name: 'Rätta uppföljningen' }).click();
  await expect(last).toContainText('Noterat på mötet: Pågår');
  await expect(last).toContainText(/· Pågår/);
  await expect(state).toHaveValue('in_progress');

  // Back to a few: what the meeting reviewed stays listed.
  await carried.getByRole('link', { name: 'Visa färre åtgärder för Fältsamordnarna' }).click();
  await expect(page).not.toHaveURL(/owner=/);
  await expect(showAll).toBeVisible();
  await expect(carried.getByRole('link', { name: `${prefix} 6` })).toBeVisible();
  await expect(ours).toHaveCount(few + 1);
});

test('before its day a started meeting says so instead of offering to lock the minutes', async ({ page }) => {
  await planNextMeeting(page);
  // Planned for a day to come (a week ahead), started early.
  const ahead = new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  await page.getByText('Flytta eller ställ in mötet').click();
  await page.getByLabel('Ny dag').fill(ahead);
  await page.getByRole('button', { name: 'Flytta mötet' }).click();
  await expect(page.locator('.save-notice')).toHaveText('Mötet är flyttat.');
  // Starting a meeting of a day to come is asked twice: started is for good.
  await expect(page.getByRole('button', { name: 'Starta mötet', exact: true })).toHaveCount(0);
  await page.getByText('Starta mötet…').click();
  await expect(page.getByText(`Mötet är planerat till ${ahead}`)).toBeVisible();
  await page.getByRole('button', { name: 'Ja, starta mötet redan nu' }).click();
  await expect(page.locator('main > p > strong').first()).toHaveText('Pågår');
  await page.getByText('Justera och lås protokollet…').click();
  const finalise = page.getByRole('region', { name: 'Justera och lås protokollet' });
  await expect(finalise.getByText('Protokollet kan justeras först på mötesdagen.')).toHaveCount(1);
  await expect(finalise.getByRole('button', { name: 'Ja, justera och lås protokollet' })).toHaveCount(0);
  // Nothing was refused, so nothing at the top of the page says so.
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectAccessible(page);
});
