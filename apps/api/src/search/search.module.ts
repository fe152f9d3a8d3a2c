import { SearchModule } from '@app/search';
import { Module } from '@nestjs/common';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

/** HTTP face of `@app/search`. */
@Module({ imports: [SearchModule], controllers: [SearchController], providers: [SearchService] })
export class SearchApiModule {}
