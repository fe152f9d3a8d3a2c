import { APP_CONFIG, AppConfig } from '@app/config';
import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';

/** JSON logs with a request id on every line; an incoming X-Request-Id is kept so traces join up. */
export const ApiLoggingModule = LoggerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    // Express 5 path syntax; the default '*' triggers a legacy-route warning under the /api prefix.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      customProps: () => ({ service: 'api' }),
      autoLogging: { ignore: (req) => req.url === '/health' },
    },
  }),
});
