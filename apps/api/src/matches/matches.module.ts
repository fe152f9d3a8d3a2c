import { Module } from '@nestjs/common';
import { MatchesController } from './matches.controller';
import { MatchesService } from './matches.service';
import { RematchController } from './rematch.controller';
import { RematchService } from './rematch.service';

@Module({ controllers: [RematchController, MatchesController], providers: [MatchesService, RematchService] })
export class MatchesModule {}
