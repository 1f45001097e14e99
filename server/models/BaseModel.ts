import objection, { type StaticHookArguments } from 'objection';

const { Model, snakeCaseMappers } = objection;

// Columns are snake_case in SQL and camelCase in TypeScript.
export class BaseModel extends Model {
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }
}

export class TenantScopeMissingError extends Error {
  readonly code = 'TENANT_SCOPE_MISSING';
  constructor(table: string) {
    super(`query on tenant-owned table ${table} without an organisation scope: use scope.query(Model)`);
  }
}

/**
 * A row owned by one organisation. Queries must come from a TenantScope (server/tenancy/scope.ts), which
 * filters by org_id and puts the org id into the query context; these hooks refuse any query that did not,
 * so a handler that forgets the scope fails loudly instead of leaking another organisation's rows.
 */
export class TenantModel extends BaseModel {
  declare orgId: string;

  private static requireScope(args: StaticHookArguments<TenantModel>): void {
    const context = args.context as { orgId?: string; unscoped?: boolean };
    if (!context.orgId && !context.unscoped) throw new TenantScopeMissingError(this.tableName);
  }

  static override beforeFind(args: StaticHookArguments<TenantModel>): void {
    this.requireScope(args);
  }
  static override beforeUpdate(args: StaticHookArguments<TenantModel>): void {
    this.requireScope(args);
  }
  static override beforeDelete(args: StaticHookArguments<TenantModel>): void {
    this.requireScope(args);
  }
  static override beforeInsert(args: StaticHookArguments<TenantModel>): void {
    this.requireScope(args);
  }

  override $beforeInsert(context: objection.QueryContext): void {
    const orgId = (context as { orgId?: string }).orgId;
    if (orgId) {
      if (this.orgId && this.orgId !== orgId) throw new TenantScopeMissingError(this.$modelClass.tableName);
      this.orgId = orgId;
    }
  }
}
