/**
 * `npm run user -- <command>`: accounts from the shell (the server's own database; with PGlite
 * stop `npm start` first — one process per data directory).
 *
 *   list
 *   add NAME --role ROLE [--township CODE] [--display-name TEXT] [--password P]
 *   reset NAME [--password P]        a temporary password, change forced at next sign-in
 *   disable NAME | enable NAME
 *
 * Every change is audited with actor `shell`. Exit 0 = done, 1 = refused (reason printed), 2 = usage.
 */
import { parseArgs } from 'node:util';
import { openConfiguredDb } from '../../db/open';
import { findUserByName } from '../../db/queries/accounts';
import type { Who } from '../auth/audit';
import { authConfig } from '../auth/config';
import { ROLES, type Role } from '../auth/roles';
import { readEnv } from '../env';
import { AppError } from '../errors';
import { createUser, resetPassword, updateUser, userList } from '../services/account-admin';

const USAGE = `usage: npm run user -- list
       npm run user -- add NAME --role ${ROLES.join('|')} [--township CODE] [--display-name TEXT] [--password P]
       npm run user -- reset NAME [--password P]
       npm run user -- disable NAME | enable NAME`;

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        township: { type: 'string' },
        'display-name': { type: 'string' },
        password: { type: 'string' },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
})();
const [command, name] = positionals;
if (!command || (command !== 'list' && !name) || (command === 'add' && !ROLES.includes(values.role as Role))) {
  console.error(USAGE);
  process.exit(2);
}

const db = await openConfiguredDb(readEnv());
const auth = authConfig();
const who: Who = { actor: undefined, clientAddress: 'shell', nowMs: auth.now() };
const shell = {
  ...who,
  actor: {
    userId: 0,
    username: 'shell',
    role: 'admin' as const,
    township: null,
    mustChangePassword: false,
    mustEnrollTotp: false,
    sessionHash: '',
  },
};

async function idOf(username: string): Promise<number> {
  const user = await findUserByName(db, username);
  if (!user) throw new AppError(404, 'not_found', `没有用户 ${username} (no such user)`);
  return user.id;
}

try {
  if (command === 'list') {
    for (const u of (await userList(db)).users) {
      console.log(
        [
          u.username,
          u.role,
          u.township ?? '-',
          u.disabled ? 'disabled' : 'active',
          u.mustChangePassword ? 'must-change' : '',
        ].join('\t'),
      );
    }
  } else if (command === 'add') {
    const { user, temporaryPassword } = await createUser(db, shell, auth, {
      username: name as string,
      role: values.role as Role,
      township: values.township,
      displayName: values['display-name'],
      password: values.password,
    });
    console.log(
      `created ${user.username} (${user.role}); temporary password (change at first sign-in): ${temporaryPassword}`,
    );
  } else if (command === 'reset') {
    const { temporaryPassword } = await resetPassword(db, shell, await idOf(name as string), values.password);
    console.log(`reset ${name}; temporary password (change at next sign-in): ${temporaryPassword}`);
  } else if (command === 'disable' || command === 'enable') {
    await updateUser(db, shell, await idOf(name as string), { disabled: command === 'disable' });
    console.log(`${command}d ${name}`);
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} catch (err) {
  console.error(err instanceof AppError ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await db.close();
}
