import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { tableViolations } from './table-ownership.js';

const ROOT = join(__dirname, '..', '..');


describe('table ownership', () => {
  it('no library\'s SQL names a table that another library owns, and no app\'s SQL names any', () => {
    expect(tableViolations(ROOT)).toEqual([]);
  });

  it('fails on a planted violation and names the file, the table and its owner', () => {
    expect(tableViolations(join(ROOT, 'test/fixtures/tables'))).toEqual([
      'apps/worker/src/purge.ts: gadgets (owned by owner)',
      'libs/thief/src/services/report.ts: widgets (owned by owner)',
    ]);
  });
});
