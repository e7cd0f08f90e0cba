/**
 * Property tests explore new random cases on every local run; in CI (CI=true) they use a fixed seed, so a
 * submission's result does not depend on the draw.
 */
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20261128 });
