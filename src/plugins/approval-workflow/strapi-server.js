'use strict';
// Strapi's entry for the plugin's server part. It refuses to run a missing or stale build:
// an unloaded plugin would let every write through unguarded.
const { ensureBuilt } = require('./build');

module.exports = require(ensureBuilt()).default;
