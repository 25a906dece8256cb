import { createMemoryStore } from '@smartca-kit/sdk';
import { storeContract } from './store-contract.js';

// One process's memory: the second "store" is the same one, since a memory store is not shared.
storeContract('memory', async () => {
  const store = createMemoryStore();
  return { store, peer: store, dispose: () => store.close() };
});
