import { tick } from 'svelte';

/**
 * The data of a detail panel below a list (an inventory, an act): loaded when the panel opens and again on every
 * reload of the list (`revision`), so that it shows what its row shows; the heading takes the focus once, on opening,
 * not on the reloads that follow the user's own actions.
 */
export class PanelData<T> {
  value = $state<T | null>(null);
  error = $state<unknown>(null);
  heading = $state<HTMLHeadingElement | undefined>();
  #focused = false;

  constructor(
    private readonly fetch: () => Promise<T>,
    private readonly loaded: (value: T) => void = () => {},
  ) {}

  load = async (): Promise<void> => {
    try {
      const value = await this.fetch();
      this.value = value;
      this.loaded(value);
      if (!this.#focused) {
        this.#focused = true;
        await tick();
        this.heading?.focus();
      }
    } catch (caught) {
      this.error = caught;
    }
  };
}

/** Closing a panel returns the focus to the «Открыть» button of its row. */
export async function focusRowButton(row: string, id: string | null, button: string): Promise<void> {
  await tick();
  document.querySelector<HTMLButtonElement>(`[data-testid="${row}"][data-id="${id ?? ''}"] [data-testid="${button}"]`)?.focus();
}
