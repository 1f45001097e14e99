import type { WriteUnit } from '../http/route.ts';
import { AppError } from '../http/problem.ts';
import { User, type Role } from '../models/User.ts';
import { Staff } from '../models/Staff.ts';
import { checkPasswordStrength, hashPassword } from '../auth/password.ts';

export interface CreateUserInput {
  login: string;
  fullName: string;
  password: string;
  roles: Role[];
  staffId?: string;
}

export async function createUser(unit: WriteUnit, input: CreateUserInput): Promise<User> {
  const weak = checkPasswordStrength(input.password);
  if (weak) throw new AppError('VALIDATION_FAILED', { ...weak, errors: [{ path: '/body/password', message: weak.en, messageRu: weak.ru }] });
  const login = input.login.toLowerCase();
  // Logins are unique across organisations; the check is unscoped on purpose and reveals only "taken".
  const taken = await unit.trx('users').where({ login }).first('id');
  if (taken) throw new AppError('LOGIN_TAKEN');
  if (input.staffId) await unit.scope.findOr404(Staff, input.staffId);
  const user = await unit.scope.insertQuery(User).insertAndFetch({
    login,
    fullName: input.fullName,
    passwordHash: await hashPassword(input.password),
    roles: input.roles,
    staffId: input.staffId ?? null,
  });
  await unit.audit({ action: 'user.created', objectType: 'user', objectId: user.id, payload: { login, fullName: input.fullName, roles: input.roles } });
  return user;
}
