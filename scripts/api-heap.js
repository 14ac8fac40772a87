// The API's V8 old-space cap, the one place its default lives (`npm start`, the bench).
// Under the submit load an uncapped API grew to about 400 MB in five minutes because V8 was
// allowed to, not because anything was kept; capped at 160 MB it stayed near 205 MB with no loss
// of throughput (bench/README.md). API_MAX_OLD_SPACE_MB=0 leaves V8's own sizing.
export const DEFAULT_API_MAX_OLD_SPACE_MB = 160;

/** Node's flags for the API process, from API_MAX_OLD_SPACE_MB. */
export function apiHeapArgs(env = process.env) {
  const raw = env.API_MAX_OLD_SPACE_MB ?? String(DEFAULT_API_MAX_OLD_SPACE_MB);
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 0) throw new Error(`API_MAX_OLD_SPACE_MB must be a whole number of megabytes (0: no cap), not ${JSON.stringify(raw)}`);
  return mb === 0 ? [] : [`--max-old-space-size=${mb}`];
}
