/**
 * The database type Kysely sees in `this.query()`: any table, any column. Entity types give the
 * repository API its types; raw Kysely queries are typed by what the user selects.
 *
 * @example
 * const rows = await this.query().selectFrom('todos').select(['id', 'title']).execute();
 */
export type DynamicSchema = Record<string, Record<string, unknown>>;
