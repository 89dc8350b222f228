'use strict';
// Strapi's entry for the plugin's server part (package.json exports["./strapi-server"]).
// Strapi silently skips a plugin whose server entry is missing, and then every write to
// approval-managed content would go through unguarded. This entry exists even when the compiled
// server (dist/server) does not, and refuses to start Strapi without it.
const fs = require('node:fs');
const path = require('node:path');

const entry = path.join(__dirname, 'dist', 'server', 'index.js');

if (!fs.existsSync(entry)) {
  throw new Error(
    `[approval-workflow] The plugin is enabled but its server build is missing (${entry}). ` +
      'Strapi will not start without it: writes to approval-managed content would not be guarded. ' +
      'Reinstall strapi-plugin-approval-workflow, or build it (`npm run build` in the plugin).'
  );
}

module.exports = require(entry);
