import { SetMetadata } from '@tenon/http';
import { ROLES_METADATA } from './access.metadata';

/**
 * The roles that may call a route or a controller, checked by `RolesGuard`: the user needs
 * one of them (a route's list replaces its controller's).
 *
 * @example
 * @Delete(':id') @Roles('admin', 'moderator') remove(@Param('id') id: string) {}
 */
export const Roles = (...roles: string[]): ClassDecorator & MethodDecorator =>
  SetMetadata(ROLES_METADATA, roles);
