import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The capabilities a scenario's last retrieval returned, per scenario version. Re-scoring after a change to
 * the scoring (rematch-all) reads them instead of querying Meilisearch again: retrieval only chooses whom
 * to score, and capabilities published since are paired by their own match-capability jobs.
 */
export class ScenarioMatchCandidates1764760000000 implements MigrationInterface {
  name = 'ScenarioMatchCandidates1764760000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scenario_match_candidates (
        scenario_id uuid PRIMARY KEY REFERENCES scenarios(id) ON DELETE CASCADE,
        scenario_version integer NOT NULL,
        capability_ids uuid[] NOT NULL,
        retrieved_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scenario_match_candidates`);
  }
}
