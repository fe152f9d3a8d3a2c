import { Module } from '@nestjs/common';
import { MyResponsesController, ScenarioResponsesController } from './responses.controller';
import { ResponsesService } from './responses.service';

@Module({ controllers: [ScenarioResponsesController, MyResponsesController], providers: [ResponsesService] })
export class ResponsesModule {}
