import { Module } from '@nestjs/common';
import { BatchImportService } from './batch-import.service';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';

@Module({ controllers: [BatchesController], providers: [BatchesService, BatchImportService], exports: [BatchesService] })
export class BatchesModule {}
