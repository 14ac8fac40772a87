import { Injectable } from '@nestjs/common';
import { JobHandler, JOBS, maskValue, PiiCipher } from '@medjourney/platform';
import { DataSource } from 'typeorm';

const PAGE = 500;
/** Pages per run: a large backlog is worked off over a few runs instead of one long job. */
const MAX_PAGES = 40;

/**
 * Stores the masked passport number of persons written before it was stored (a job scheduler of
 * the worker). Each page is a transaction over rows no other run holds (SKIP LOCKED), found by
 * the partial index of unmasked rows, so once done a run costs one index probe.
 */
@Injectable()
export class MaskBackfillProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  @JobHandler(JOBS.visasMaskBackfill)
  async run(): Promise<{ persons: number }> {
    let persons = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const done = await this.db.transaction(async (m) => {
        const rows: { id: string; sealed: string }[] = await m.query(
          `SELECT id, passport_number_sealed AS sealed FROM visa_persons WHERE passport_number_masked IS NULL LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [PAGE],
        );
        if (rows.length === 0) return 0;
        await m.query(`UPDATE visa_persons p SET passport_number_masked = u.masked FROM unnest($1::uuid[], $2::text[]) AS u(id, masked) WHERE p.id = u.id`, [
          rows.map((r) => r.id),
          rows.map((r) => maskValue(this.cipher.decrypt(r.sealed))),
        ]);
        return rows.length;
      });
      persons += done;
      if (done < PAGE) break;
    }
    return { persons };
  }
}
