import { Module } from '@nestjs/common';
import { ScenarioConfidentialityController } from './scenario-confidentiality.controller';
import { ScenarioConfidentialityService } from './scenario-confidentiality.service';
import { ScenarioDuplicatesService } from './scenario-duplicates.service';
import { ScenarioRefinementController } from './scenario-refinement.controller';
import { ScenarioRefinementService } from './scenario-refinement.service';
import { ScenariosController } from './scenarios.controller';
import { ScenariosService } from './scenarios.service';

@Module({
  controllers: [ScenariosController, ScenarioRefinementController, ScenarioConfidentialityController],
  providers: [ScenariosService, ScenarioRefinementService, ScenarioDuplicatesService, ScenarioConfidentialityService],
  exports: [ScenariosService],
})
export class ScenariosModule {}
