/**
 * One shared instance of the real classifier per test file (loading takes ~250 ms): the lexicon
 * rules alone, so tests of ingest and capture mechanics do not change meaning each time the learned
 * model is retrained. The model is tested in test/classifiers/model and through the service.
 */
import { createClassifier } from '../../classifiers';
import type { Classifier } from '../../src/domain';

let shared: Classifier | undefined;

export function testClassifier(): Classifier {
  return (shared ??= createClassifier({ model: false }));
}
