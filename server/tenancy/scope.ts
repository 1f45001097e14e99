// The one place where tenant scoping happens: every query on a tenant-owned model goes through a scope,
// which filters by the organisation and marks the query so that TenantModel's hooks let it through.
import type { Knex } from 'knex';
import type { Model, ModelClass, QueryBuilderType } from 'objection';
import type { TenantModel } from '../models/BaseModel.ts';
import { AppError, notFound } from '../http/problem.ts';

type TenantModelClass<M extends TenantModel> = { new (): M; tableName: string };

function queryOf<M extends TenantModel>(model: TenantModelClass<M>, db: Knex | Knex.Transaction): QueryBuilderType<M> {
  return (model as unknown as ModelClass<M>).query(db);
}

export class TenantScope {
  constructor(
    readonly orgId: string,
    readonly db: Knex | Knex.Transaction,
  ) {}

  /** The same scope inside a transaction. */
  within(trx: Knex.Transaction): TenantScope {
    return new TenantScope(this.orgId, trx);
  }

  query<M extends TenantModel>(model: TenantModelClass<M>): QueryBuilderType<M> {
    return queryOf(model, this.db)
      .context({ orgId: this.orgId })
      .where(`${model.tableName}.org_id`, this.orgId);
  }

  /** Inserts need no filter, only the context: $beforeInsert stamps org_id from it. */
  insertQuery<M extends TenantModel>(model: TenantModelClass<M>): QueryBuilderType<M> {
    return queryOf(model, this.db).context({ orgId: this.orgId });
  }

  /** A row of another organisation is indistinguishable from a missing one: 404 either way. */
  async findOr404<M extends TenantModel>(model: TenantModelClass<M>, id: string): Promise<M> {
    if (!isUuid(id)) throw notFound();
    const row = await this.query(model).findById(id);
    if (!row) throw notFound();
    return row as M;
  }

  /** Optimistic locking, read side: the row, or 412 when the client's version is stale. */
  async findVersioned<M extends TenantModel & { version: number }>(model: TenantModelClass<M>, id: string, expectedVersion: number): Promise<M> {
    return assertVersion(await this.findOr404(model, id), expectedVersion);
  }

  /**
   * Optimistic locking, write side: the version in the WHERE clause makes check-and-set atomic against a concurrent
   * writer; the row comes back as stored.
   */
  async patchVersioned<M extends TenantModel & { version: number }>(model: TenantModelClass<M>, id: string, expectedVersion: number, patch: Partial<NoInfer<M>>): Promise<M> {
    await patchAtVersion<M>(this.query(model).where({ id }), expectedVersion, patch);
    return this.findOr404(model, id);
  }

  /** Raw Knex access to a tenant-owned table, already filtered. */
  table(name: string): Knex.QueryBuilder {
    return this.db(name).where(`${name}.org_id`, this.orgId);
  }
}

/** 412 unless the row is at the client's version. */
export function assertVersion<R extends { version: number }>(row: R, expectedVersion: number): R {
  if (row.version !== expectedVersion) throw new AppError('PRECONDITION_FAILED');
  return row;
}

/**
 * Check-and-set: patches the one row the query selects only if it is still at the client's version, and moves the
 * version on; 412 otherwise. For rows outside TenantScope too (the organisation itself).
 */
export async function patchAtVersion<M extends Model & { version: number }>(query: QueryBuilderType<M>, expectedVersion: number, patch: Partial<NoInfer<M>>): Promise<void> {
  const n = await query.where({ version: expectedVersion }).patch({ ...patch, version: expectedVersion + 1 } as never);
  if (n !== 1) throw new AppError('PRECONDITION_FAILED');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
