import { ActionRunner } from '../../lib/action.svelte.ts';

/** One archive action at a time: its error, its success message, and a reload of the section afterwards. */
export class ArchiveAction extends ActionRunner {
  message = $state('');

  constructor(private readonly reload: () => Promise<void>) {
    super();
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** `work` returns the message to show; the section reloads after a success. */
  async perform(work: () => Promise<string>): Promise<boolean> {
    this.message = '';
    return this.run('archive', async () => {
      this.message = await work();
      await this.reload();
    });
  }
}
