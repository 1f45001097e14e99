// Read by @sveltejs/vite-plugin-svelte and svelte-check; TypeScript in components is
// handled natively by Svelte 5, so no preprocessor is needed.
export default {
  compilerOptions: { runes: true },
};
