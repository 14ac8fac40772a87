import { DomainError } from '../errors/domain-error.js';
export function applyScope(qb, alias, actor, policy) {
    const rule = policy[actor.role];
    if (rule === 'all')
        return qb;
    const value = rule ? actor[rule.actor] : null;
    if (!rule || value == null)
        return qb.andWhere('1 = 0');
    const param = `scope_${alias}`;
    return qb.andWhere(`${alias}.${rule.column} = :${param}`, { [param]: value });
}
export async function findOneInScope(qb, alias, actor, policy, what) {
    const row = await applyScope(qb, alias, actor, policy).getOne();
    if (!row)
        throw DomainError.notFound(what);
    return row;
}
//# sourceMappingURL=scope.js.map