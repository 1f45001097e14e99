/** Runs one user action at a time and keeps its error for display; `running` names the busy item. */
export class ActionRunner {
  running = $state<string | null>(null);
  error = $state<unknown>(null);

  async run(key: string, action: () => Promise<void>): Promise<boolean> {
    this.running = key;
    this.error = null;
    try {
      await action();
      return true;
    } catch (error) {
      this.error = error;
      return false;
    } finally {
      this.running = null;
    }
  }
}
