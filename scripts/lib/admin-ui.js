// What the browser tests share: signing in over the API and in the browser, tall screenshots, and
// the console errors of the plugin's pages.
const path = require('node:path');

const apiLogin = async (base, email, password) => {
  const res = await fetch(`${base}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return (await res.json()).data.token;
};

/** A JSON call to the admin API with an admin JWT: `{ status, body }`. */
const adminApi = (base, token) => async (method, url, body) => {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

// The admin scrolls inside its own layout, so a full-page screenshot is the viewport: grow it first.
const tallScreenshot = async (page, file, height = 1700) => {
  const size = page.viewportSize();
  await page.setViewportSize({ width: size.width, height });
  await page.waitForTimeout(300);
  await page.screenshot({ path: file });
  await page.setViewportSize(size);
};

const signIn = async (page, base, email, password) => {
  await page.goto(`${base}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/login'), { timeout: 30_000 });
  // The guided tour cannot be turned off by config: skip it when it shows.
  const skip = page.getByRole('button', { name: /^skip/i });
  await skip.first().click({ timeout: 5_000 }).catch(() => {});
};

/**
 * Collects console errors of the pages it watches (uncaught exceptions, failed requests, React
 * warnings). `expected`: a pattern of the browser's own log line for a refusal the test provokes
 * on purpose; `provoking(pattern, work)` allows one on any page while `work` runs.
 */
const consoleWatcher = () => {
  const errors = [];
  let provoking = null;
  return {
    errors,
    watch(page, who, expected = null) {
      page.on('console', (msg) => {
        const allowed = [expected, provoking].some((pattern) => pattern && pattern.test(msg.text()));
        if (msg.type() === 'error' && !allowed) errors.push({ who, text: msg.text(), url: msg.location()?.url ?? '' });
      });
      page.on('pageerror', (error) => errors.push({ who, text: String(error), url: '', uncaught: true }));
    },
    async provoking(pattern, work) {
      provoking = pattern;
      try {
        return await work();
      } finally {
        provoking = null;
      }
    },
  };
};

const shotsDir = (root, name) => path.join(root, '.tmp', name);

module.exports = { apiLogin, adminApi, tallScreenshot, signIn, consoleWatcher, shotsDir };
