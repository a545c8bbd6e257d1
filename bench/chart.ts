import { PARTICIPANT_VIEW_COLUMNS } from '@depositary/accession';
import { Pool } from 'pg';
import { runClosedLoop, type Sample } from './measure';

/**
 * The ceiling of reading a chart: the SELECT of ParticipantsService.chart() (libs/accession/src/participants.service.ts)
 * sent straight through `pg` for one treaty id, rows read back, nothing serialised.
 */
export class RawChart {
  private readonly pool: Pool;

  constructor(
    url: string,
    private readonly connections: number,
  ) {
    this.pool = new Pool({ connectionString: url, max: connections });
  }

  async treatyId(slug: string): Promise<number> {
    const { rows } = await this.pool.query<{ id: number }>('SELECT id FROM treaties WHERE slug = $1', [slug]);
    if (!rows[0]) throw new Error(`no treaty ${slug}`);
    return rows[0].id;
  }

  /** `count` reads, `connections` at a time, each insisting on `rows` rows. */
  run(treatyId: number, count: number, rows: number): Promise<Sample> {
    return runClosedLoop(count, this.connections, async () => {
      const answer = await this.pool.query(
        `SELECT ${PARTICIPANT_VIEW_COLUMNS} FROM participants p JOIN countries c ON c.code = p.country_code
         WHERE p.treaty_id = $1 ORDER BY c.name`,
        [treatyId],
      );
      if (answer.rows.length !== rows) throw new Error(`expected ${rows} participants, read ${answer.rows.length}`);
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
