import '#lambdas/polyfills.js';
import { cpus } from 'node:os';
import { benchReceiver, printReceiver } from './receiver.js';
import { benchScenario, printScenario } from './scenario.js';

console.log(`machine: ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
printReceiver(await benchReceiver());
printScenario(await benchScenario());
