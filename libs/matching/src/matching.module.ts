import { Module } from '@nestjs/common';

/** The engine is plain functions; the module only makes `@app/matching` importable the Nest way. */
@Module({})
export class MatchingModule {}
