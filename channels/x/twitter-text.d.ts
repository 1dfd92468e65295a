/** Minimal typings for the parts of `twitter-text` 3.x used by the X channel (no @types package). */
declare module 'twitter-text' {
  export interface ParsedTweet {
    /** Length as X counts it: most CJK/emoji weigh 2, URLs count as 23. */
    weightedLength: number;
    valid: boolean;
    permillage: number;
    validRangeStart: number;
    validRangeEnd: number;
    displayRangeStart: number;
    displayRangeEnd: number;
  }
  export function parseTweet(text: string): ParsedTweet;
}
