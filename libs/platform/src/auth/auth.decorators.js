import { createParamDecorator, SetMetadata } from '@nestjs/common';
export const PUBLIC_ROUTE = 'medjourney:public';
export const ROUTE_ROLES = 'medjourney:roles';
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
export const Roles = (...roles) => SetMetadata(ROUTE_ROLES, roles);
export const CurrentActor = createParamDecorator((_, ctx) => {
    const actor = ctx.switchToHttp().getRequest().actor;
    if (!actor)
        throw new Error('CurrentActor used on a public route');
    return actor;
});
//# sourceMappingURL=auth.decorators.js.map