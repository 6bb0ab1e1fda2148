declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }

  /** dynalite: an in-process DynamoDB implementation (LevelDB-backed). */
  export default function dynalite(options?: DynaliteOptions): Server;
}
