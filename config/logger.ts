import { formats, winston } from '@strapi/logger';
import type { Core } from '@strapi/strapi';

/** Strapi's console logger, with its level from `STRAPI_LOG_LEVEL` (default `http`; tests use `error`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  level: env('STRAPI_LOG_LEVEL', 'http'),
  format: formats.prettyPrint(),
  transports: [new winston.transports.Console()],
});

export default config;
