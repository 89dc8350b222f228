// The app under test in a process of its own, booted as startApp (tests/helpers/app.ts) boots it
// in-process: the compiled app in dist/, no admin panel, on the database and secrets of the
// environment. Strapi lives in a global `strapi`, so a second instance needs its own process.
//   node tests/helpers/instance.js          listens on HOST:PORT until stopped (startAppProcess)
//   node tests/helpers/instance.js --once   boots (migrations, tables, seeding) and exits (global-setup.ts)
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });

const fail = (error) => {
  console.error(error);
  process.exit(1);
};

if (process.argv.includes('--once')) {
  strapi.load().then(() => strapi.destroy()).then(() => process.exit(0), fail);
} else {
  // The parent holds stdin open (scripts/lib/app-process.js): when it ends, so does this instance,
  // also when the test run was killed before it could stop it.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  strapi.start().catch(fail);
}
