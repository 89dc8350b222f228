#!/usr/bin/env node
// Writes .env from .env.example with fresh random secrets when there is none yet, so that
// `npm install && npm run develop` works on a fresh clone. An existing .env is never touched.
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const target = path.join(root, '.env');
if (fs.existsSync(target)) process.exit(0);

const secret = () => randomBytes(16).toString('base64');
const values = {
  APP_KEYS: [secret(), secret(), secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
};
const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
const content = example.replace(/^([A-Z_]+)=.*$/gm, (line, key) => (key in values ? `${key}=${values[key]}` : line));
fs.writeFileSync(target, content);
console.log('Wrote .env with new random secrets.');
