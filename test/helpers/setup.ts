import '#lambdas/polyfills.js';
