/**
 * The one rule table (issue 11): every API route carries one of these permissions
 * (`allow(permission)` in its chain), and the route × role test matrix is generated from it.
 * Separation of duties follows GB/T 22239-2019 (等保 2.0) level 2: the system administrator
 * manages accounts but edits no data and cannot touch the audit log; the auditor reads the
 * audit log and nothing else (docs/standards.md).
 */
export const ROLES = ['admin', 'auditor', 'brigade', 'township', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may do what. `township` users pass the role check for the permissions marked scoped,
 * and the service then narrows reads to, and checks writes against, their own township.
 */
export const PERMISSIONS = {
  /** Anyone, without a session (sign-in, the bare health probe). */
  public: { roles: ROLES, scoped: false },
  /** Any signed-in user, also while a password change is pending (me, sign-out, password). */
  self: { roles: ROLES, scoped: false },
  /** Map layers of the whole county (a team needs its neighbours' units and hydrants). */
  'map:read': { roles: ['admin', 'brigade', 'township', 'viewer'], scoped: false },
  /** Analyses: coverage, planning, township statistics (reading; computing a plan writes nothing). */
  'analysis:read': { roles: ['admin', 'brigade', 'township', 'viewer'], scoped: false },
  /** Hazard records, their history and enforcement: a township user sees its own township only. */
  'records:read': { roles: ['brigade', 'township'], scoped: true },
  /** Hazard transitions and enforcement actions on rows of the user's township. */
  'records:write': { roles: ['brigade', 'township'], scoped: true },
  /** Undoing the latest step of a hazard (corrections). */
  'records:undo': { roles: ['brigade'], scoped: false },
  /** Accepting hydrant proposals (new planned hydrants in the user's township). */
  'assets:write': { roles: ['brigade', 'township'], scoped: true },
  /** A unit's duty status (执勤状态, issue 14): units of the user's township. */
  'duty:write': { roles: ['brigade', 'township'], scoped: true },
  /**
   * Importing the brigade's own files (issue 12) and undoing an import: the brigade office for the
   * whole county; a township user only rows inside its township (every other row is refused as
   * invalid), and undoes only its own imports. Admin (accounts only) and viewers do not import.
   */
  'imports:write': { roles: ['brigade', 'township'], scoped: true },
  /** The import list and templates: a township user sees its own imports. */
  'imports:read': { roles: ['brigade', 'township'], scoped: true },
  /** The safety committee office's notices (督办通知, 提示函 …): the brigade's office issues them. */
  'notices:write': { roles: ['brigade'], scoped: false },
  /** Saved what-if scenarios of the county. */
  'scenarios:write': { roles: ['brigade'], scoped: false },
  /** Exports of personal or enforcement data (audited). */
  'records:export': { roles: ['brigade', 'township'], scoped: true },
  /** Accounts and roles. */
  'users:manage': { roles: ['admin'], scoped: false },
  /** The audit log: read and export. */
  'audit:read': { roles: ['auditor'], scoped: false },
} as const satisfies Record<string, { roles: readonly Role[]; scoped: boolean }>;
export type Permission = keyof typeof PERMISSIONS;

export function roleMay(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

/** The permissions a role holds, for the web app (controls it may not use are not shown). */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => p !== 'public' && roleMay(role, p));
}
