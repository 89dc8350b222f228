// The benchmark's HTTP side: admin accounts logged in over /admin/login, calls that are timed from
// the first byte sent to the last byte of the answer, and the small statistics of the figures.
/** A JSON call to the app; resolves to `{ status, body, ms }` (never throws on an HTTP status). */
const call = async (base, token, method, path, body) => {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch((error) => {
    // undici says only "fetch failed"; the cause (ECONNRESET, ECONNREFUSED…) is what helps.
    throw new Error(`${method} ${path}: ${error.message} (${error.cause?.code ?? error.cause?.message ?? 'no cause'})`);
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, ms };
};

/** Fails with what the app answered unless the status is one of `expected`. */
const expect = (res, expected, what) => {
  if (!expected.includes(res.status)) throw new Error(`${what}: expected ${expected.join(' or ')}, got ${res.status} ${JSON.stringify(res.body).slice(0, 600)}`);
  return res;
};

/** An admin user logged in: `as(method, path, body)` calls with its token; `id`, `principal`. */
const login = async (base, { email, password }) => {
  const res = expect(await call(base, null, 'POST', '/admin/login', { email, password }), [200], `login ${email}`);
  const { token, user } = res.body.data;
  return { id: user.id, principal: `admin:${user.id}`, email, as: (method, path, body) => call(base, token, method, path, body) };
};

/** Runs `work(item, index)` over `items` with at most `limit` at once; resolves to the results in order. */
const inParallel = async (items, limit, work) => {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

/** The q-quantile (0…1) of some milliseconds, nearest rank. */
const quantile = (values, q) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { call, expect, login, inParallel, quantile, sleep };
