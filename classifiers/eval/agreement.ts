/** Agreement between two annotators on one field: Cohen's kappa (chance-corrected). */
export interface Agreement {
  observed: number;
  kappa: number;
}

export function cohensKappa(a: string[], b: string[]): Agreement {
  if (a.length !== b.length) throw new Error('the two annotations differ in length');
  const n = a.length;
  if (n === 0) return { observed: 0, kappa: 0 };
  let same = 0;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) same++;
    countA.set(a[i], (countA.get(a[i]) ?? 0) + 1);
    countB.set(b[i], (countB.get(b[i]) ?? 0) + 1);
  }
  const observed = same / n;
  let expected = 0;
  for (const [label, ca] of countA) expected += (ca / n) * ((countB.get(label) ?? 0) / n);
  const kappa = expected === 1 ? 1 : (observed - expected) / (1 - expected);
  return { observed: round(observed), kappa: round(kappa) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
