import { Module } from '@nestjs/common';

/** Everything in this library is plain functions and data; the module exists so apps can list it like the other libs. */
@Module({})
export class TaxonomyModule {}
