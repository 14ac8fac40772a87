/**
 * Once per run: the run id that names this run's databases and Redis keys. Jest loads this
 * file without its module mapper, so it imports nothing of ours; the first test file to need
 * a database migrates the run's template (see createTestDatabase).
 */
export default function globalSetup(): void {
  process.env.MJ_TEST_RUN = `${process.pid}_${Date.now().toString(36)}`;
}
