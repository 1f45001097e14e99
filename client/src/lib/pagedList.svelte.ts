import type { Page, PageLoader } from '../api/pagination.ts';

/** A list shown a page at a time with a "show more" button. */
export class PagedList<T> {
  items = $state<T[]>([]);
  nextCursor = $state<string | null>(null);
  loading = $state(false);
  loaded = $state(false);
  error = $state<unknown>(null);

  constructor(private readonly load: PageLoader<T>) {}

  async reload(): Promise<void> {
    await this.fetch(null, true);
  }

  async more(): Promise<void> {
    if (this.nextCursor !== null) await this.fetch(this.nextCursor, false);
  }

  private async fetch(cursor: string | null, replace: boolean): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const page: Page<T> = await this.load(cursor);
      this.items = replace ? page.items : [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
      this.loaded = true;
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }
}
