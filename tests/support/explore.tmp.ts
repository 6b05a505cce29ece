import { launchWithExtension, extensionId } from './chromium';
import { startDemoServer } from './static-server';
import { readBadge } from './badge';
const server = await startDemoServer();
console.time('launch');
const browser = await launchWithExtension({});
console.timeEnd('launch');
try {
  const id = await extensionId(browser);
  console.log('ext', id);
  const page = await browser.newPage();
  console.log('newPage');
  page.on('console', (m) => console.log('page:', m.text()));
  await page.goto(server.url + (process.env.AUTOJOIN ? '?autojoin' : ''));
  console.log('goto');
  if (!process.env.AUTOJOIN) await page.evaluate('document.getElementById("join").click()');
  const off = await browser.waitForTarget((t) => t.url().includes('offscreen.html'), { timeout: 20000 }).catch(() => null);
  if (off) { const p = await off.asPage(); p.on('console', (m) => console.log('offscreen:', m.text())); }
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    console.log(JSON.stringify(await readBadge(page)));
  }
  await page.screenshot({ path: '/tmp/look/demo.png' });
} finally {
  await browser.close();
  await server.close();
}
