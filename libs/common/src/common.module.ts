import { Module } from '@nestjs/common';

/** Cross-cutting HTTP pieces (problem details, pagination); nothing to provide. */
@Module({})
export class CommonModule {}
