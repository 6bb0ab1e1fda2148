import '#lambdas/polyfills.js';
import { cpus } from 'node:os';
import { benchReceiver, printReceiver } from './receiver.js';

console.log(`machine: ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
const receiver = await benchReceiver();
printReceiver(receiver);
