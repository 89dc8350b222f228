// Types of the server entry (strapi-server.js): the compiled plugin's.
export * from './dist/server/src/index';
export { default } from './dist/server/src/index';
