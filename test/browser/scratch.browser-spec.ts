import { launchChromium, PageProblems } from '../support/chromium';
import { startStack } from '../support/stack';

it('explores', async () => {
  const stack = await startStack();
  const browser = await launchChromium();
  const context = await browser.newContext();
  const problems = await PageProblems.watch(context);
  const page = await context.newPage();
  await page.goto(stack.appUrl + '/');
  const html = await page.locator('#app-settings').innerHTML();
  console.log(html);
  console.log(await page.locator('#price-summary').innerText());
  console.log(problems.take());
  await browser.close();
  await stack.close();
}, 30000);
