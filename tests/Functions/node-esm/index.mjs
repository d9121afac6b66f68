// ES module with top-level await: init waits for it.
const config = await new Promise((resolve) => setTimeout(() => resolve({ loadedAt: Date.now() }), 20));

export const handler = async (event) => ({ module: 'esm', config, event });
