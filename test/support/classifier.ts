/** One shared instance of the real classifier per test file (loading takes ~250 ms). */
import { createClassifier } from '../../classifiers';
import type { Classifier } from '../../src/domain';

let shared: Classifier | undefined;

export function testClassifier(): Classifier {
  return (shared ??= createClassifier());
}
