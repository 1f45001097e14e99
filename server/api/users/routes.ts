import { defineRoute } from '../../http/route.ts';
import { PageQuery, PageSchema, decodeCursor, pageOf } from '../../http/pagination.ts';
import { IdParams } from '../common.ts';
import { CreateUserBody, UpdateUserBody } from './schema.ts';
import { User } from '../../models/User.ts';
import { UserSchema, presentUser } from '../../presenters/userPresenter.ts';
import { createUser } from '../../commands/createUser.ts';
import { updateUser } from '../../commands/updateUser.ts';

defineRoute({
  operationId: 'listUsers',
  method: 'get',
  path: '/api/users',
  summary: 'Пользователи организации / users of the organisation',
  tags: ['users'],
  access: 'authenticated',
  permission: 'users.read',
  query: PageQuery,
  success: { status: 200, description: 'Страница пользователей', schema: PageSchema(UserSchema) },
  async handler(ctx) {
    const limit = ctx.query.limit ?? 50;
    const after = decodeCursor(ctx.query.cursor, 2);
    const rows = await ctx.scope
      .query(User)
      .modify((q) => {
        if (after) q.whereRaw('(login, id) > (?, ?)', after);
      })
      .orderBy([{ column: 'login' }, { column: 'id' }])
      .limit(limit + 1);
    return pageOf(rows, limit, (u) => [u.login, u.id], presentUser);
  },
});

defineRoute({
  operationId: 'getUser',
  method: 'get',
  path: '/api/users/:id',
  summary: 'Пользователь / a user',
  tags: ['users'],
  access: 'authenticated',
  permission: 'users.read',
  resource: 'user',
  params: IdParams,
  success: { status: 200, description: 'Пользователь', schema: UserSchema },
  async handler(ctx) {
    const user = await ctx.scope.findOr404(User, ctx.params.id);
    ctx.setVersion(user.version);
    return presentUser(user);
  },
});

defineRoute({
  operationId: 'createUser',
  method: 'post',
  path: '/api/users',
  summary: 'Создать пользователя / create a user',
  tags: ['users'],
  access: 'authenticated',
  permission: 'users.manage',
  body: CreateUserBody,
  success: { status: 201, description: 'Создан', schema: UserSchema },
  errors: ['LOGIN_TAKEN'],
  async handler(ctx) {
    const user = await ctx.write((unit) => createUser(unit, ctx.body));
    ctx.setVersion(user.version);
    return presentUser(user);
  },
});

defineRoute({
  operationId: 'updateUser',
  method: 'patch',
  path: '/api/users/:id',
  summary: 'Изменить пользователя (If-Match) / update a user',
  tags: ['users'],
  access: 'authenticated',
  permission: 'users.manage',
  resource: 'user',
  params: IdParams,
  body: UpdateUserBody,
  success: { status: 200, description: 'Изменён', schema: UserSchema },
  errors: ['PRECONDITION_REQUIRED', 'PRECONDITION_FAILED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const user = await ctx.write((unit) => updateUser(unit, ctx.params.id, version, ctx.body));
    ctx.setVersion(user.version);
    return presentUser(user);
  },
});
