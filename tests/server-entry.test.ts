import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exports as resolveExports } from 'resolve.exports';

// The package's server entry is what keeps an unbuilt plugin from leaving writes unguarded:
// Strapi silently skips a plugin whose server entry file is missing.
const pluginDir = path.resolve(__dirname, '..', 'src', 'plugins', 'approval-workflow');
const pkg = JSON.parse(fs.readFileSync(path.join(pluginDir, 'package.json'), 'utf8'));

describe('the strapi-server entry of strapi-plugin-approval-workflow', () => {
  it('is the committed strapi-server.js, as Strapi resolves it (exports, require condition)', () => {
    // The same call as @strapi/core's plugin loader.
    expect(resolveExports(pkg, 'strapi-server', { require: true })).toEqual(['./strapi-server.js']);
    expect(pkg.files).toContain('strapi-server.js');
  });

  it('loads the compiled server when the build is there', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const entry = require(path.join(pluginDir, 'strapi-server.js'));
      expect(typeof entry.default.register).toBe('function');
      expect(Object.keys(entry.default.contentTypes)).toEqual(expect.arrayContaining(['request', 'template']));
    });
  });

  it('throws a clear error when dist/server is missing', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-entry-'));
    try {
      for (const file of ['package.json', 'strapi-server.js']) fs.copyFileSync(path.join(pluginDir, file), path.join(copy, file));
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        expect(() => require(path.join(copy, 'strapi-server.js'))).toThrow(
          /\[approval-workflow\] The plugin is enabled but its server build is missing .*dist\/server\/index\.js.*not be guarded/
        );
      });
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
