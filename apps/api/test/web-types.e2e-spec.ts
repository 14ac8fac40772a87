import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { buildOpenApiDocument } from '../src/openapi.js';
// @ts-expect-error a plain ES module of the build scripts, without types
import { renderTypes } from '../../../scripts/web-types-render.js';

/**
 * The console's checked-in API types are the ones the API's routes give. A route changed
 * without `npm run web:types` fails here; `npm run build` regenerates them and type-checks the
 * console against them, so a route the console still calls the old way fails the build.
 */
describe('apps/web/src/api/schema.d.ts', () => {
  it('matches the OpenAPI document of the API (npm run web:types regenerates it)', async () => {
    const expected: string = await renderTypes(await buildOpenApiDocument());
    const actual = await readFile('apps/web/src/api/schema.d.ts', 'utf8');
    expect(actual === expected ? 'up to date' : 'stale: run npm run web:types').toBe('up to date');
  }, 60_000);
});
