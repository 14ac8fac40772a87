import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVENT_CATALOGUE, EventSubscribers } from '@medjourney/platform';
import { startTestApp, type TestApp } from '@medjourney/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The rows of docs/events.md's catalogue table. */
function documented(): Map<string, { fields: string[]; producer: string; subscribers: string[] }> {
  const text = readFileSync(join(process.cwd(), 'docs/events.md'), 'utf8');
  const rows = new Map<string, { fields: string[]; producer: string; subscribers: string[] }>();
  for (const line of text.split('\n')) {
    const m = /^\| `([a-z.-]+)` \|(.*)\|(.*)\|(.*)\|$/.exec(line.trim());
    if (!m) continue;
    const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean).sort();
    rows.set(m[1], { fields: list(m[2]), producer: m[3].trim(), subscribers: list(m[4]) });
  }
  return rows;
}

describe('the event catalogue (docs/events.md) and the code agree', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('names the same events, with the same payload fields and producers', () => {
    const docs = documented();
    expect([...docs.keys()].sort()).toEqual(Object.keys(EVENT_CATALOGUE).sort());
    for (const [name, entry] of Object.entries(EVENT_CATALOGUE)) {
      expect({ name, fields: [...entry.fields].sort(), producer: entry.producer }).toEqual({ name, fields: docs.get(name)!.fields, producer: docs.get(name)!.producer });
    }
  });

  it('lists exactly the subscribers the running application has', () => {
    const docs = documented();
    const found = new Map<string, string[]>();
    for (const { event, subscriber } of t.app.get(EventSubscribers).all()) found.set(event, [...(found.get(event) ?? []), subscriber].sort());
    for (const name of Object.keys(EVENT_CATALOGUE)) expect({ name, subscribers: found.get(name) ?? [] }).toEqual({ name, subscribers: docs.get(name)!.subscribers });
  });
});
