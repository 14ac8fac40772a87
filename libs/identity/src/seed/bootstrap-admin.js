export async function bootstrapAdmin(manager, users, email, password) {
    const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM users WHERE role = 'admin'`);
    if (count > 0)
        return false;
    await users.createIn(manager, { email, password, name: 'Administrator', role: 'admin' }, null);
    return true;
}
//# sourceMappingURL=bootstrap-admin.js.map