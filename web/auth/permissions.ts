/**
 * What the signed-in user may do, for showing or hiding controls (the server still refuses
 * what a role may not do). `mayWriteIn` adds the township scope: a township user writes rows
 * of its own township only.
 */
import { getSession } from './context';

export function permissions() {
  const session = getSession();
  return {
    may: (permission: string) => session?.may(permission) ?? false,
    mayWriteIn: (permission: string, township: string | null | undefined) => {
      if (!session?.may(permission)) return false;
      const user = session.user;
      return user?.role !== 'township' || (township ?? null) === user.township;
    },
  };
}
