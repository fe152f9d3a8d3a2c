import { loadConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/** For the TypeORM CLI only (`typeorm migration:generate -d dist/libs/database/src/cli-data-source.js`). */
export default new DataSource(dataSourceOptions(loadConfig()));
