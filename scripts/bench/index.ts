import '#lambdas/polyfills.js';
import { cpus } from 'node:os';
import { benchAnalyticsSummary, printAnalyticsSummary } from './analytics-summary.js';
import { benchBundles, printBundles } from './bundles.js';
import { benchDashboard, printDashboard } from './dashboard.js';
import { benchPolicy, printPolicy } from './policy.js';
import { benchReceiver, printReceiver } from './receiver.js';
import { benchReconcile, printReconcile } from './reconcile.js';
import { benchReconcileSpacing, printReconcileSpacing } from './reconcile-spacing.js';
import { benchScenario, printScenario } from './scenario.js';

// Each benchmark prints ratios against a baseline measured in the same run.
console.log(`machine: ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
printReceiver(await benchReceiver());
printPolicy(await benchPolicy());
printDashboard(await benchDashboard());
printAnalyticsSummary(await benchAnalyticsSummary());
printReconcile(await benchReconcile());
printReconcileSpacing(benchReconcileSpacing());
printBundles(await benchBundles());
printScenario(await benchScenario());
