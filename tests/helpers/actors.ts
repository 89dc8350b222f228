import request from 'supertest';
import type { TestApp } from './app';

let counter = 0;
const unique = (prefix: string) => `${prefix}${process.pid}${Date.now().toString(36)}${(counter += 1)}`;

export const PASSWORD = 'Test-password-1';

/** An authenticated caller: `call('post', '/path')` is a supertest request carrying its credentials. */
export interface Caller {
  principal: string;
  id: number;
  token: string;
  call(method: 'get' | 'post' | 'put' | 'delete', path: string): request.Test;
}

const caller = (app: TestApp, principal: string, id: number, token: string): Caller => ({
  principal,
  id,
  token,
  call: (method, path) => request(app.server)[method](path).set('Authorization', `Bearer ${token}`),
});

/**
 * Every kind of actor the plugin deals with, created the way Strapi creates them and logged in
 * over HTTP: admin users of a role (admin JWT), content-API users (users-permissions JWT), API tokens.
 */
export const actors = (app: TestApp) => {
  const { strapi } = app;

  const roleId = async (codeOrName: string) => {
    const role = await strapi.db.query('admin::role').findOne({ where: { $or: [{ code: codeOrName }, { name: codeOrName }] } });
    if (!role) throw new Error(`No admin role ${codeOrName}`);
    return role.id as number;
  };

  return {
    roleId,

    /** An admin role with exactly these permissions (action + optional subject). */
    async adminRole(name: string, permissions: Array<string | { action: string; subject?: string }>) {
      const role = await strapi.service('admin::role').create({ name: unique(name), description: name });
      await strapi.service('admin::role').assignPermissions(
        role.id,
        permissions.map((p) => (typeof p === 'string' ? { action: p, subject: null, properties: {}, conditions: [] } : { subject: null, properties: {}, conditions: [], ...p }))
      );
      return role.id as number;
    },

    /** An active admin user in the given roles (ids or codes such as `strapi-super-admin`), logged in. */
    async admin(roles: Array<number | string>, name = 'admin'): Promise<Caller> {
      const ids = await Promise.all(roles.map((r) => (typeof r === 'number' ? r : roleId(r))));
      const email = `${unique(name)}@example.test`;
      const user = await strapi.service('admin::user').create({
        email,
        firstname: name,
        lastname: 'Test',
        password: PASSWORD,
        isActive: true,
        registrationToken: null,
        roles: ids,
      });
      const res = await request(app.server).post('/admin/login').send({ email, password: PASSWORD });
      if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return caller(app, `admin:${user.id}`, user.id, res.body.data.token);
    },

    /** A users-permissions user of the Authenticated role, logged in. */
    async apiUser(name = 'reader'): Promise<Caller> {
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
      const username = unique(name);
      const user = await strapi.plugin('users-permissions').service('user').add({
        username,
        email: `${username}@example.test`,
        password: PASSWORD,
        provider: 'local',
        confirmed: true,
        blocked: false,
        role: role.id,
      });
      const res = await request(app.server).post('/api/auth/local').send({ identifier: username, password: PASSWORD });
      if (res.status !== 200) throw new Error(`content-API login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return caller(app, `user:${user.id}`, user.id, res.body.jwt);
    },

    /** Grants content-API actions (e.g. `api::article.article.create`) to a users-permissions role. */
    async grantApi(actions: string[], type: 'authenticated' | 'public' = 'authenticated') {
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
      for (const action of actions) {
        await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
      }
    },

    /** An API token: full access, or custom with the given content-API actions. */
    async apiToken(permissions?: string[]): Promise<Caller> {
      const token = await strapi.service('admin::api-token').create({
        name: unique('token'),
        description: 'test token',
        kind: 'content-api',
        type: permissions ? 'custom' : 'full-access',
        lifespan: null,
        ...(permissions ? { permissions } : {}),
      });
      return caller(app, `token:${token.id}`, token.id, token.accessKey);
    },
  };
};
