import type { EntityManager } from 'typeorm';
import type { UsersService } from '../users/users.service.js';

/** Creates the admin of ADMIN_EMAIL/ADMIN_PASSWORD when no admin exists yet. Returns whether it did. */
export async function bootstrapAdmin(manager: EntityManager, users: UsersService, email: string, password: string): Promise<boolean> {
  const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM users WHERE role = 'admin'`);
  if (count > 0) return false;
  await users.createIn(manager, { email, password, name: 'Administrator', role: 'admin' }, null);
  return true;
}
