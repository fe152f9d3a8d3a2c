import { ProblemDetailsDto, ProblemDetailsFilter, RequestValidationFailed } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { INestApplication, ValidationPipe, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

export const API_PREFIX = 'api';

/** Everything both `main.ts` and the e2e tests need, so tests boot exactly what production runs. */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', 'loopback');
  express.disable('x-powered-by');
  express.useBodyParser('json', { limit: '2mb' });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'docs', 'docs-json'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => RequestValidationFailed.fromValidationErrors(errors),
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('场景对接平台 Scenario Exchange API')
      .setDescription('场景需求、能力供给、清单发布、场景对接活动与揭榜挂帅的开放接口。所有错误均以 RFC 9457 problem+json 返回。')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: '场景对接平台 API 文档' });
}

export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  return app;
}

export function listenAddress(app: INestApplication): { port: number; host: string } {
  const config = app.get<AppConfig>(APP_CONFIG);
  return { port: config.PORT, host: config.HOST };
}
