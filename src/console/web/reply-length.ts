/**
 * Live reply length in the composer, by the same rules the server checks before queueing
 * (src/replies/reply-length.ts): X counts twitter-text's weighted length against 280, Instagram
 * counts code points against 2,200; other channels have no limit.
 */
import parseTweet from 'twitter-text/dist/esm/parseTweet';

export interface MeasuredLength {
  length: number;
  max: number | null;
}

export function measureReply(network: string, text: string): MeasuredLength {
  if (network === 'x') return { length: parseTweet(text).weightedLength, max: 280 };
  if (network === 'instagram') return { length: [...text].length, max: 2200 };
  return { length: [...text].length, max: null };
}
